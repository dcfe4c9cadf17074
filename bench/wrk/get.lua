-- A plain GET of the URL path given to wrk (lists, /users/me). Exists so that every scenario
-- runs through a script; the Authorization header comes from run.sh (-H).
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
wrk.method = "GET"
