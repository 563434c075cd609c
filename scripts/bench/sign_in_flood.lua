-- Wrong-password sign-ins for ever-new addresses: each costs one argon2 verification.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format("email=flood-%d-%d@bench.test&password=not-the-password", math.random(1e9), counter)
  return wrk.format(nil, "/api/sign_in", nil, body)
end
