-- User search as typed into the User Management page: a prefix of an address, a prefix of a
-- name, a whole address, and a miss, in turn, over the seeded members of one account.
local account = os.getenv("BENCH_ACCOUNT")
local role = os.getenv("BENCH_ROLE")
local members = tonumber(os.getenv("BENCH_MEMBERS"))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

local turn = 0
request = function()
  turn = turn + 1
  local n = math.random(1, members)
  local queries = {
    "bench-" .. n,
    "Bench%20Person%20" .. n,
    "bench-" .. n .. "%40bench.test",
    "nobody-" .. n,
  }
  local body = "account_id=" .. account .. "&role_id=" .. role .. "&query=" .. queries[turn % 4 + 1]
  return wrk.format(nil, "/api/search_users", nil, body)
end
