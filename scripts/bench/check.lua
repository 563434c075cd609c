-- The permission check a product makes on every request it serves: POST /api/v1/accounts/…/check
-- with the account's API key, for a random seeded member and a permission.
local members = tonumber(os.getenv("BENCH_MEMBERS"))
local account = os.getenv("BENCH_ACCOUNT")
local headers = {
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"),
  ["Content-Type"] = "application/json",
}

request = function()
  local body = '{"user":"bench-' .. math.random(1, members) .. '","permission":"read:users"}'
  return wrk.format("POST", "/api/v1/accounts/" .. account .. "/check", headers, body)
end
