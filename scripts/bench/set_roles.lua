-- Concurrent admin writes: each request gives a random seeded member the Admin role or takes
-- it away again (set_member_roles), as the account's owner.
local posts = dofile("scripts/bench/account_posts.lua")

request = function()
  local body = "account_id=" .. posts.account .. "&user_id=bench-" .. math.random(1, posts.members)
  if math.random() < 0.5 then
    body = body .. "&roles%5B%5D=" .. posts.role
  end
  return wrk.format(nil, "/api/set_member_roles", nil, body)
end
