-- User search as typed into the User Management page: a prefix of an address, a prefix of a
-- name, a whole address, and a miss, in turn, over the seeded members of one account.
local posts = dofile("scripts/bench/account_posts.lua")

local turn = 0
request = function()
  turn = turn + 1
  local n = math.random(1, posts.members)
  local queries = {
    "bench-" .. n,
    "Bench%20Person%20" .. n,
    "bench-" .. n .. "%40bench.test",
    "nobody-" .. n,
  }
  local body = "account_id=" .. posts.account .. "&role_id=" .. posts.role .. "&query=" .. queries[turn % 4 + 1]
  return wrk.format(nil, "/api/search_users", nil, body)
end
