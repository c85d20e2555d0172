-- wrk script for `make bench`: GET /v1/decide rotating over USERS user ids (USER_FORMAT, e.g.
-- user-%06d, the ids `assetscore generate` writes, so every one is a real profile) and the
-- CAMPAIGNS (comma-separated), with the bench API token. Prints one RESULT line for bench.sh.
local campaigns = {}
for c in string.gmatch(os.getenv("CAMPAIGNS") or "summer-sale,winter-getaway,app-launch", "[^,]+") do
  table.insert(campaigns, c)
end
local users = tonumber(os.getenv("USERS") or "2000")
local format = os.getenv("USER_FORMAT") or "u%03d"
local counter = 0
local headers = {["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "bench-token")}

init = function(args)
  counter = math.random(0, users * #campaigns)
end

request = function()
  counter = counter + 1
  local u = counter % users + 1
  local c = campaigns[(math.floor(counter / users) % #campaigns) + 1]
  return wrk.format("GET", string.format("/v1/decide?campaign=%s&user_id=" .. format, c, u), headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
