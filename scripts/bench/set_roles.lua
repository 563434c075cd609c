-- Concurrent admin writes: each request gives a random seeded member the Admin role or takes
-- it away again (set_member_roles), as the account's owner.
local account = os.getenv("BENCH_ACCOUNT")
local role = os.getenv("BENCH_ROLE")
local members = tonumber(os.getenv("BENCH_MEMBERS"))

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

request = function()
  local body = "account_id=" .. account .. "&user_id=bench-" .. math.random(1, members)
  if math.random() < 0.5 then
    body = body .. "&roles%5B%5D=" .. role
  end
  return wrk.format(nil, "/api/set_member_roles", nil, body)
end
