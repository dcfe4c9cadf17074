-- PATCH /api/v1/tasks/{id} (JSON merge patch) on a random seeded task: alternately marks it
-- completed and reopens it with a new title.
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
local ids
local n = 0
-- On wrk.headers, beside run.sh's -H Authorization (a table given to wrk.format replaces them).
wrk.headers["Content-Type"] = "application/merge-patch+json"

function init(args)
  common.seed_rng()
  ids = common.load_ids()
end

function request()
  n = n + 1
  local body
  if n % 2 == 0 then
    body = '{"completed":true}'
  else
    body = string.format('{"completed":false,"title":"Bench patched title %d"}', n)
  end
  return wrk.format("PATCH", "/api/v1/tasks/" .. ids[math.random(#ids)], nil, body)
end
