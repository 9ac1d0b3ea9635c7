-- wrk script: signed plaintext pushes to callback-gateway, each a distinct text message (MsgId),
-- so every request is published to Kafka (no dedupe short-cut). Environment:
--   BENCH_QUERIES  file of signed query strings (signature, timestamp, nonce), one per line
--   BENCH_RATE     optional: requests/s for the whole run (spread over connections), via delay()
--   BENCH_CONNS    connections (needed with BENCH_RATE)
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES")) do queries[#queries + 1] = line end
local n = 0
-- Counted per wrk thread; done() runs in another Lua state and sums them through setup().
not_ok = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end
local path = wrk.path
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local conns = tonumber(os.getenv("BENCH_CONNS") or "1")
-- A MsgId range of this run's own (Lua's default seed is fixed: without this, a run would repeat
-- the previous run's MsgIds and measure the dedupe short-cut instead of Kafka).
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local base = math.random(1, 1000000000) * 1000000

request = function()
  n = n + 1
  local body = "<xml><ToUserName><![CDATA[gh_3f2a9b7c1d0e]]></ToUserName>"
    .. "<FromUserName><![CDATA[oBench" .. (n % 5000) .. "]]></FromUserName>"
    .. "<CreateTime>" .. os.time() .. "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
    .. "<Content><![CDATA[How late are you open today? Asking for the benchmark.]]></Content>"
    .. "<MsgId>" .. string.format("%.0f", base + n) .. "</MsgId></xml>"
  return wrk.format("POST", path .. "?" .. queries[(n % #queries) + 1], {["Content-Type"] = "text/xml"}, body)
end

if rate > 0 then
  delay = function()
    return 1000 * conns / rate
  end
end

response = function(status, headers, body)
  if status ~= 200 or body ~= "success" then not_ok = not_ok + 1 end
end

done = function(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("not_ok")
  end
  io.write(string.format("RESULT\t%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\n",
    summary.requests, summary.requests - not_ok - summary.errors.connect - summary.errors.read
      - summary.errors.write - summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
