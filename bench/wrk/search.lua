-- GET /api/v1/search?q=... over the seeded tasks, a different query per request, drawn from a
-- mix like real typing: single words of the seed's vocabulary (each in most descriptions, so
-- thousands of matches to rank), other forms of them (stemming), prefixes (the last word also
-- matches as a prefix), two-word queries, a word with a task number (one or two matches) and
-- words no task has (no match). bench/tools/seed.py writes titles "<Word> <word> #<n>" and
-- descriptions of 3 to 60 words from the same vocabulary.
local common = dofile((os.getenv("BENCH_WRK_DIR") or ".") .. "/common.lua")
common.tally_statuses_if_asked()
local words = { "plan", "review", "call", "write", "fix", "ship", "draft", "book", "pay", "clean",
  "order", "read", "send", "check", "update", "prepare", "sort", "renew", "email", "schedule" }
local forms = { "planning", "reviewed", "calls", "writing", "fixes", "shipped", "drafts", "booking",
  "ordered", "sending", "checked", "updates", "prepared", "renewing", "scheduled" }
local prefixes = { "sch", "prep", "rev", "upd", "dra", "che", "ren" }
local misses = { "zebra", "quarterly", "xylophone", "kubernetes" }
local tasks = 10000

local function query()
  local kind = math.random(10)
  if kind <= 4 then
    return words[math.random(#words)]
  elseif kind == 5 then
    return forms[math.random(#forms)]
  elseif kind == 6 then
    return prefixes[math.random(#prefixes)]
  elseif kind <= 8 then
    return words[math.random(#words)] .. "%20" .. words[math.random(#words)]
  elseif kind == 9 then
    return words[math.random(#words)] .. "%20" .. math.random(0, tasks - 1)
  end
  return misses[math.random(#misses)]
end

function init(args)
  common.seed_rng()
  tasks = #common.load_ids()
end

function request()
  return wrk.format("GET", "/api/v1/search?q=" .. query())
end
