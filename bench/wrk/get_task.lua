-- GET /api/v1/tasks/{id} with an id drawn at random from the seeded set.
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
local ids

function init(args)
  common.seed_rng()
  ids = common.load_ids()
end

function request()
  return wrk.format("GET", "/api/v1/tasks/" .. ids[math.random(#ids)])
end
