-- Shared by the scenario scripts: reads the seeded task ids and seeds each thread's RNG.
-- Scripts are loaded with dofile from BENCH_WRK_DIR; settings come from the environment:
--   BENCH_IDS   file with one task id per line (written by bench/tools/seed.py)
--   BENCH_TOKEN access token (also sent by run.sh as a -H header; used here for completeness)
local common = {}

function common.load_ids()
  local path = os.getenv("BENCH_IDS")
  local ids = {}
  if path then
    for line in io.lines(path) do
      if #line > 0 then ids[#ids + 1] = line end
    end
  end
  if #ids == 0 then
    io.stderr:write("wrk: no task ids in BENCH_IDS=" .. tostring(path) .. "\n")
    os.exit(2)
  end
  return ids
end

local thread_counter = 0
function common.seed_rng()
  thread_counter = thread_counter + 1
  math.randomseed(os.time() * 1000 + thread_counter)
end

return common
