-- POST /api/v1/tasks: a small task with varied title, priority and tags.
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
local priorities = { "none", "low", "medium", "high" }
local tags = { '["work"]', '["home","errand"]', '[]', '["urgent","work"]', '["reading"]' }
local n = 0
-- Set on wrk.headers (which already holds run.sh's -H Authorization): a headers table passed
-- to wrk.format would replace them instead of adding to them.
wrk.headers["Content-Type"] = "application/json"

function init(args)
  math.randomseed(os.time())
end

function request()
  n = n + 1
  local body = string.format(
    '{"title":"Bench created task %d","priority":"%s","tags":%s,"dueAt":"2027-01-%02dT09:00:00Z"}',
    n, priorities[n % 4 + 1], tags[n % 5 + 1], n % 28 + 1)
  return wrk.format("POST", "/api/v1/tasks", nil, body)
end
