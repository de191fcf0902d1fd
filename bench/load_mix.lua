-- wrk script: a weighted mix of skill pages (50%), search (20%) and API reads (30%).
-- Usage: wrk ... -s bench/load_mix.lua URL -- FILE  (FILE: "kind path" per line)

local WEIGHTS = { { "page", 0.5 }, { "search", 0.2 }, { "api", 0.3 } }
local threads = {}

wrk.headers["X-Forwarded-Proto"] = "https" -- as the TLS proxy in front of gunicorn would send
wrk.headers["Accept"] = "text/html,application/json"

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  paths = { page = {}, search = {}, api = {} }
  for line in io.lines(args[1]) do
    local kind, path = line:match("^(%S+) (%S+)$")
    if kind and paths[kind] then table.insert(paths[kind], path) end
  end
  statuses, hits = {}, 0
  math.randomseed(os.time() * 1000 + id)
end

function request()
  local r, kind = math.random(), "api"
  local total = 0
  for _, w in ipairs(WEIGHTS) do
    total = total + w[2]
    if r < total then kind = w[1]; break end
  end
  local list = paths[kind]
  return wrk.format("GET", list[math.random(#list)])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local codes, cache_hits = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do codes[status] = (codes[status] or 0) + n end
    cache_hits = cache_hits + thread:get("hits")
  end
  io.write("---- Skill Atlas load summary ----\n")
  io.write(string.format("requests      %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("throughput    %.1f requests/s\n", summary.requests / seconds))
  for _, p in ipairs({ 50, 90, 95, 99, 99.9 }) do
    io.write(string.format("latency p%-5s %.1f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("latency max   %.1f ms\n", latency.max / 1000))
  io.write(string.format("cache hits    %d (%.0f%%)\n", cache_hits, 100 * cache_hits / summary.requests))
  local keys = {}
  for status in pairs(codes) do table.insert(keys, status) end
  table.sort(keys)
  for _, status in ipairs(keys) do io.write(string.format("status %d    %d\n", status, codes[status])) end
  io.write(string.format(
    "errors        %d (connect %d, read %d, write %d, non-2xx/3xx %d, timeout %d)\n",
    errors, e.connect, e.read, e.write, e.status, e.timeout))
end
