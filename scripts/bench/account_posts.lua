-- What every POST of the benchmark shares: a same-origin form post as the account's owner.
-- The caller's script adds `request`.
local posts = {
  account = os.getenv("BENCH_ACCOUNT"),
  role = os.getenv("BENCH_ROLE"),
  members = tonumber(os.getenv("BENCH_MEMBERS")),
}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

return posts
