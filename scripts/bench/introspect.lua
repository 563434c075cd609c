-- Token introspection (RFC 7662), as a product's resource server asks it: one access token,
-- the client's credentials in a Basic header.
local headers = {
  ["Authorization"] = "Basic " .. os.getenv("BENCH_CLIENT_BASIC"),
  ["Content-Type"] = "application/x-www-form-urlencoded",
}
local body = "token=" .. os.getenv("BENCH_ACCESS_TOKEN")

request = function()
  return wrk.format("POST", "/oauth/introspect", headers, body)
end
