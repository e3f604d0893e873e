-- wrk script: POST /report with a valid report form, a new form token on every request.
--
--   wrk -t2 -c16 -d10s --latency -s bench/report_post.lua http://127.0.0.1:PORT -- POSTS_FILE THREADS
--
-- POSTS_FILE is written by bench/http_wrk.py prepare_posts(): line 1 the session cookie of a
-- GET /report, line 2 the url-encoded form with that page's CSRF token, then one signed form
-- token per line. Thread k takes tokens k, k+THREADS, k+2*THREADS, ..., so no token is sent
-- twice (a repeated token would only show the earlier receipt again, not store a report).
-- done() prints the status codes seen ("STATUS 303 1234") and how often a thread ran out of
-- tokens and started over ("TOKENS_WRAPPED n"), for the script to check against the database.

local threads = {}
local created = 0

function setup(thread)
  created = created + 1
  thread:set("id", created)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  local cookie = file:read("*l")
  base_body = file:read("*l")
  tokens = {}
  for line in file:lines() do
    if #line > 0 then
      tokens[#tokens + 1] = line
    end
  end
  file:close()
  step = tonumber(args[2])
  index = id
  wrapped = 0
  statuses = {}
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }
end

function request()
  if index > #tokens then
    index = id
    wrapped = wrapped + 1
  end
  local token = tokens[index]
  index = index + step
  return wrk.format("POST", "/report", headers, base_body .. "&form_token=" .. token)
end

function response(status, _headers, _body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(_summary, _latency, _requests)
  local totals = {}
  local wrapped_total = 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
    wrapped_total = wrapped_total + thread:get("wrapped")
  end
  for status, count in pairs(totals) do
    io.write(string.format("STATUS %d %d\n", status, count))
  end
  io.write(string.format("TOKENS_WRAPPED %d\n", wrapped_total))
end
