-- wrk script for `make bench`: GET /v1/decide rotating over USERS user ids (the sample
-- database has u001..u040; the rest are unknown users who get the fallback) and the three
-- sample campaigns, with the bench API token. Prints one RESULT line for scripts/bench.sh.
local campaigns = {"summer-sale", "winter-getaway", "app-launch"}
local users = tonumber(os.getenv("USERS") or "2000")
local counter = 0
local headers = {["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "bench-token")}

init = function(args)
  counter = math.random(0, users * #campaigns)
end

request = function()
  counter = counter + 1
  local u = counter % users + 1
  local c = campaigns[(math.floor(counter / users) % #campaigns) + 1]
  return wrk.format("GET", string.format("/v1/decide?campaign=%s&user_id=u%03d", c, u), headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
