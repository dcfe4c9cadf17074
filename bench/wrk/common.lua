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

function common.seed_rng()
  -- Each wrk thread has its own Lua state: a fresh table's address tells them apart.
  local address = tonumber(string.match(tostring({}), "0x(%x+)") or "0", 16)
  math.randomseed(os.time() * 1000 + address % 100003)
end

-- With BENCH_STATUSES=1 (run.sh's diagnostic round after a round with errors), count every
-- answer that is not 2xx by status and keep one body of each, printed at the end as lines
--   status 409: 12 {"type":...}
-- Off by default: a response() callback costs wrk time on every request.
function common.tally_statuses_if_asked()
  if os.getenv("BENCH_STATUSES") ~= "1" then return end
  local threads = {}
  statuses, samples = {}, {}

  setup = function(thread)
    threads[#threads + 1] = thread
  end

  response = function(status, headers, body)
    if status < 200 or status >= 300 then
      statuses[status] = (statuses[status] or 0) + 1
      if not samples[status] then
        samples[status] = string.sub(string.gsub(body or "", "[\r\n]", " "), 1, 300)
      end
    end
  end

  done = function(summary, latency, requests)
    local total, sample = {}, {}
    for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses") or {}) do
        total[status] = (total[status] or 0) + count
      end
      for status, body in pairs(thread:get("samples") or {}) do
        sample[status] = sample[status] or body
      end
    end
    for status, count in pairs(total) do
      io.write(string.format("status %d: %d %s\n", status, count, sample[status] or ""))
    end
  end
end

return common
