-- wrk script: POST a message/custom/send body; counts answers that are not errcode 0.
-- Environment: BENCH_BODY (the JSON body). One wrk thread, so one Lua state sees every answer.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"

-- Counted per wrk thread; done() runs in another Lua state and sums them through setup().
not_ok = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"errcode":0', 1, true) then
    not_ok = not_ok + 1
  end
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
