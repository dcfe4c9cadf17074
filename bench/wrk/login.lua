-- POST /api/v1/auth/login, rotating over the seeded users (other000..otherNNN@bench.example.com),
-- as real traffic would. One account alone is no login benchmark: Taskforge deliberately checks
-- at most five passwords of one account at a time (parallel guessing), and answers 429 beyond.
-- With BENCH_LOGIN_USERS=0 it logs in as the measured user (BENCH_EMAIL) only.
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
common.seed_rng()

local users = tonumber(os.getenv("BENCH_LOGIN_USERS") or "100")
local password = os.getenv("BENCH_PASSWORD") or "bench-password-1234"
local measured = os.getenv("BENCH_EMAIL") or "bench@bench.example.com"
local headers = { ["Content-Type"] = "application/json" }
local turn = math.random(0, 1000)

request = function()
  turn = turn + 1
  local email = users > 0 and string.format("other%03d@bench.example.com", turn % users) or measured
  return wrk.format("POST", nil, headers, string.format('{"email":"%s","password":"%s"}', email, password))
end
