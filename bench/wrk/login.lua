-- POST /api/v1/auth/login as the measured user (BENCH_EMAIL, BENCH_PASSWORD).
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}',
  os.getenv("BENCH_EMAIL") or "bench@bench.example.com",
  os.getenv("BENCH_PASSWORD") or "bench-password-1234")
