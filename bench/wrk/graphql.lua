-- POSTs one GraphQL request body (file $BODY) with the chamber ($TENANT) and, if given, a bearer token
-- ($TOKEN), fresh when $NOCACHE is set; counts responses that carry GraphQL errors; prints the summary as one JSON line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept-Encoding"] = "identity"
wrk.headers["X-Tenant"] = os.getenv("TENANT") or "senegal"
-- uncached runs ask every answer fresh from the API (HTTP's no-cache: the response cache is skipped)
if os.getenv("NOCACHE") and #os.getenv("NOCACHE") > 0 then
  wrk.headers["Cache-Control"] = "no-cache"
end
local token = os.getenv("TOKEN")
if token and #token > 0 then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local file = assert(io.open(os.getenv("BODY"), "r"))
wrk.body = file:read("*a")
file:close()

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  gql_errors = 0
  samples = 0
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"errors"', 1, true) then
    gql_errors = gql_errors + 1
    if samples < 1 then
      io.stderr:write("sample error response: " .. string.sub(body, 1, 300) .. "\n")
      samples = samples + 1
    end
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("gql_errors")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "http_errors": %d, "socket_errors": %d, "graphql_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, errors))
end
