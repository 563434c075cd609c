-- Refresh-token rotation: each request spends one refresh token and its answer brings the
-- next, so every family keeps going (a spent token presented twice would end its family).
-- The families come from a file, one token a line, shared out between wrk's threads.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local queue = {}
local headers
function init(args)
  local index = 0
  for line in io.lines(os.getenv("BENCH_REFRESH_TOKENS")) do
    if index % 2 == id then
      table.insert(queue, line)
    end
    index = index + 1
  end
  headers = {
    ["Authorization"] = "Basic " .. os.getenv("BENCH_CLIENT_BASIC"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
end

request = function()
  local token = table.remove(queue, 1) or "none-left"
  return wrk.format("POST", "/oauth/token", headers, "grant_type=refresh_token&refresh_token=" .. token)
end

response = function(status, headers, body)
  local next = string.match(body, '"refresh_token":"([^"]+)"')
  if next then
    table.insert(queue, next)
  end
end
