#!/usr/bin/env bash
# Measures Roster's release build on this machine and prints a Markdown report (also written
# to target/bench/report.md); docs/benchmarks.md keeps the figures of record.
#
#   scripts/bench.sh            builds the release if missing, then runs every measurement
#   scripts/bench.sh --small    the same, briefly and at 1,000 members only: proves it works (CI)
#   scripts/bench.sh --database postgres [--small]
#                               the account page, search and writes on a throwaway PostgreSQL,
#                               with one server and with two (scripts/bench/postgres.sh)
#
# Needs wrk, curl, python3 and sqlite3 (installed from Debian when missing).
set -euo pipefail
if [[ "${1:-}" == "--database" ]]; then
  case "${2:-}" in
    postgres) exec bash "$(dirname "${BASH_SOURCE[0]}")/bench/postgres.sh" "${@:3}" ;;
    sqlite) shift 2 ;;
    *) echo "--database takes sqlite or postgres" >&2; exit 2 ;;
  esac
fi
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

PORT="${ROSTER_BENCH_PORT:-3300}"
BASE="http://127.0.0.1:$PORT"
OUT="$ROOT/target/bench"
REPORT="$OUT/report.md"
FLOOD_CONNECTIONS=64
FLOOD_SECONDS=10
PAGE_SECONDS=5
ACCOUNT_SIZES="${ROSTER_BENCH_SIZES:-1000 100000 1000000}"
if [[ "${1:-}" == "--small" ]]; then
  FLOOD_SECONDS=3
  PAGE_SECONDS=2
  ACCOUNT_SIZES="1000"
fi

ensure_bench_tools wrk curl python3 sqlite3

rm -rf "$OUT" && mkdir -p "$OUT"
report() { printf '%s\n' "$*" | tee -a "$REPORT"; }

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap stop_server EXIT

# Starts a fresh Roster on its own database; extra settings come as NAME=value arguments.
start_server() {
  stop_server
  local data="$OUT/data-$RANDOM"
  mkdir -p "$data"
  env ROSTER_LISTEN="127.0.0.1:$PORT" ROSTER_DATABASE_URL="sqlite://$data/roster.db" \
    ROSTER_PUBLIC_URL="$BASE" ROSTER_MAIL_DIR="$data/mail" LEPTOS_SITE_ROOT="$ROOT/target/site" \
    ROSTER_SIGN_UPS_PER_CLIENT_HOUR=1000000 ROSTER_API_KEY_MISSES_PER_MINUTE=1000000 RUST_LOG=warn "$@" target/release/roster 2>"$data/log" &
  SERVER_PID=$!
  SERVER_LOG="$data/log"
  local launched
  launched="$(date +%s%N)"
  for _ in $(seq 1 500); do
    if curl -s -o /dev/null "$BASE/favicon.svg"; then
      START_MS=$(( ($(date +%s%N) - launched) / 1000000 ))
      return 0
    fi
    sleep 0.02
  done
  echo "Roster did not start; its log:" >&2
  cat "$SERVER_LOG" >&2
  exit 1
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
peak_kb() { awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status"; }
mb() { echo "$(( $1 / 1024 )) MB"; }

# A signed-in user owning one account: prints "cookie account_id".
owner_session() {
  local jar="$OUT/jar-$RANDOM" email="owner-$RANDOM$RANDOM@bench.test"
  curl -s -o /dev/null -c "$jar" -H 'Sec-Fetch-Site: same-origin' \
    --data "email=$email&display_name=Bench&password=bench-password-1" "$BASE/api/sign_up"
  local account
  account="$(curl -s -b "$jar" -H 'Sec-Fetch-Site: same-origin' --data 'name=Bench' "$BASE/api/create_account" | tr -d '"')"
  echo "$jar $account"
}

report "# Roster benchmarks"
report ""
report "Run on $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), release build."

# What a page with islands loads besides its HTML (a page without islands loads only the CSS).
size_of() { stat -c %s "$(ls target/site/pkg/roster.*."$1" | head -n 1)"; }
kb() { python3 -c "print(f'{$1 / 1000:.0f} KB')"; }
report ""
report "## Browser files (brotli, as sent)"
report ""
report "| file | size | brotli |"
report "|---|---|---|"
for kind in wasm js css; do
  report "| $kind | $(kb "$(size_of "$kind")") | $(kb "$(size_of "$kind.br")") |"
done
report "| all a page with islands loads | | $(kb "$(( $(size_of wasm.br) + $(size_of js.br) + $(size_of css.br) ))") (budget: WASM 150 KB) |"

start_server
report ""
report "## Start and idle memory"
report ""
report "- start on a fresh database, migrations included, to the first answer: $START_MS ms"
report "- idle RSS after start: $(mb "$(rss_kb)")"

step "bounded work: a 128,000-entry invite list"
read -r jar account < <(owner_session)
python3 -c "print('account_id=$account&emails=' + ','.join(f'p{n}@x.org' for n in range(128000)), end='')" >"$OUT/big-invite"
big_bytes="$(wc -c <"$OUT/big-invite")"
big="$(curl -s -o /dev/null -b "$jar" -H 'Sec-Fetch-Site: same-origin' -w '%{http_code} %{time_total}' \
  --data-binary @"$OUT/big-invite" "$BASE/api/invite_users")"
python3 -c "print('account_id=$account&emails=' + 'a@b.org ' * 4000, end='')" >"$OUT/long-invite"
long="$(curl -s -o /dev/null -b "$jar" -H 'Sec-Fetch-Site: same-origin' -w '%{http_code} %{time_total}' \
  --data-binary @"$OUT/long-invite" "$BASE/api/invite_users")"
report ""
report "## Bounded work per request"
report ""
report "| request | body | status | time |"
report "|---|---|---|---|"
report "| invite 128,000 addresses | $((big_bytes / 1000)) KB | ${big% *} | $(python3 -c "print(f'{${big#* } * 1000:.1f} ms')") |"
report "| invite 4,000 addresses, under the body cap | $(( $(wc -c <"$OUT/long-invite") / 1000 )) KB | ${long% *} | $(python3 -c "print(f'{${long#* } * 1000:.1f} ms')") |"

step "sign-in throttling: wrong passwords for one address"
email="victim-$RANDOM@bench.test"
curl -s -o /dev/null -H 'Sec-Fetch-Site: same-origin' \
  --data "email=$email&display_name=Victim&password=the-right-password" "$BASE/api/sign_up"
attempts=0
status=""
while (( attempts < 50 )); do
  attempts=$((attempts + 1))
  status="$(curl -s -o "$OUT/throttled" -D "$OUT/throttled-headers" -w '%{http_code}' -H 'Sec-Fetch-Site: same-origin' \
    --data "email=$email&password=guess-$attempts" "$BASE/api/sign_in")"
  [[ "$status" == 429 ]] && break
done
retry_after="$(awk 'tolower($1) == "retry-after:" {print $2}' "$OUT/throttled-headers" | tr -d '\r')"
right="$(curl -s -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Site: same-origin' \
  --data "email=$email&password=the-right-password" "$BASE/api/sign_in")"
report ""
report "## Password guessing"
report ""
report "- attempt $attempts for one address answered $status, \`Retry-After: $retry_after\` s: $(python3 -c "import json,sys; print(json.load(open('$OUT/throttled'))['TooManyRequests']['message'])")"
report "- the right password straight after: $right (still refused until the window passes)"

step "a sign-in flood: $FLOOD_CONNECTIONS connections for ${FLOOD_SECONDS} s"
# Every flood request must reach the hash, as from many addresses: lift both throttles.
start_server ROSTER_SIGN_IN_ATTEMPTS_PER_CLIENT=100000000 ROSTER_SIGN_IN_ATTEMPTS_PER_ADDRESS=100000000
before="$(rss_kb)"
wrk -t2 -c"$FLOOD_CONNECTIONS" -d"${FLOOD_SECONDS}s" -s scripts/bench/sign_in_flood.lua "$BASE" >"$OUT/flood" 2>&1 &
flood=$!
sleep 1
wrk -t1 -c4 -d"$((FLOOD_SECONDS - 2))s" --latency "$BASE/sign-in" >"$OUT/page-during-flood" 2>&1 &
page=$!
max_rss=0
while kill -0 "$flood" 2>/dev/null; do
  now="$(rss_kb)"
  (( now > max_rss )) && max_rss=$now
  sleep 0.2
done
wait "$flood" "$page"
sleep 5
after="$(rss_kb)"
busy="$(grep -c 'every password hashing slot stayed busy' "$SERVER_LOG" || true)"
flood_total="$(awk '/requests in/ {print $1}' "$OUT/flood")"
p99="$(awk '$1 == "99%" {print $2}' "$OUT/page-during-flood")"
p50="$(awk '$1 == "50%" {print $2}' "$OUT/page-during-flood")"
page_rate="$(awk '/Requests\/sec/ {print $2}' "$OUT/page-during-flood")"
report ""
report "## Sign-in flood ($FLOOD_CONNECTIONS concurrent wrong-password sign-ins, throttles lifted)"
report ""
report "| figure | value |"
report "|---|---|"
report "| sign-ins answered in ${FLOOD_SECONDS} s | $flood_total ($busy of them 503 busy, the rest 401) |"
report "| RSS before / highest sampled / 5 s after | $(mb "$before") / $(mb "$max_rss") / $(mb "$after") |"
report "| peak RSS of the process (VmHWM) | $(mb "$(peak_kb)") |"
report "| a page GET during the flood (4 connections) | p50 $p50, p99 $p99, $page_rate req/s |"

step "the account page at $ACCOUNT_SIZES members, beside an axum hello-world"
cargo build --release -q -p hello_world
HELLO_PORT=$((PORT + 99))
target/release/hello_world "127.0.0.1:$HELLO_PORT" &
HELLO_PID=$!
sleep 0.5
# wrk's figures for $1 (with the extra wrk arguments after it), 16 connections:
# "req/s p50 p90 p99 answers-not-2xx".
measure() {
  local url="$1"; shift
  wrk -t2 -c16 -d"${PAGE_SECONDS}s" --latency "$@" "$url" >"$OUT/wrk" 2>&1
  local refused
  refused="$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk")"
  echo "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk")" \
    "$(awk '$1 == "50%" {print $2}' "$OUT/wrk") $(awk '$1 == "90%" {print $2}' "$OUT/wrk")" \
    "$(awk '$1 == "99%" {print $2}' "$OUT/wrk") ${refused:-0}"
}
read -r hello_rate hello_p50 _ hello_p99 _ < <(measure "http://127.0.0.1:$HELLO_PORT/")
kill "$HELLO_PID"
# The check's key must not run out of its allowance while it is measured. The OpenID part signs
# in a first-party product (its callback is never called: the code is read off the redirect).
BENCH_SECRET="rcs_bench-secret"
cat >"$OUT/clients.toml" <<CLIENTS
[[client]]
id = "bench"
name = "Bench"
secret_sha256 = "$(printf '%s' "$BENCH_SECRET" | sha256sum | cut -d' ' -f1)"
redirect_uris = ["http://127.0.0.1:9/callback"]
first_party = true
CLIENTS
start_server ROSTER_API_REQUESTS_PER_MINUTE=1000000000 ROSTER_CLIENTS_FILE="$OUT/clients.toml"
read -r jar account < <(owner_session)
cookie="roster_session=$(awk '$6 == "roster_session" {print $7}' "$jar")"
database="$(dirname "$SERVER_LOG")/roster.db"
report ""
report "## The account page (50 rows shown), 16 connections for ${PAGE_SECONDS} s"
report ""
report "| members in the account | req/s | p50 | p99 | share of hello-world's req/s | RSS after |"
report "|---|---|---|---|---|---|"
report "| axum hello-world, same run | $hello_rate | $hello_p50 | $hello_p99 | 100 % | |"
seeded=0
for members in $ACCOUNT_SIZES; do
  # Seeded by SQL in one transaction: users, then their memberships (the search index follows).
  sqlite3 "$database" "PRAGMA busy_timeout = 10000; BEGIN;
    WITH RECURSIVE n(i) AS (SELECT $seeded + 1 UNION ALL SELECT i + 1 FROM n WHERE i < $members)
    INSERT INTO users (id, email, display_name, password_hash, created_at)
    SELECT 'bench-' || i, 'bench-' || i || '@bench.test', 'Bench Person ' || i, 'x', '2026-01-01T00:00:00Z' FROM n;
    WITH RECURSIVE n(i) AS (SELECT $seeded + 1 UNION ALL SELECT i + 1 FROM n WHERE i < $members)
    INSERT INTO memberships (account_id, user_id, joined_at)
    SELECT '$account', 'bench-' || i, '2026-01-01T00:00:00Z' FROM n;
    COMMIT; PRAGMA optimize;" >/dev/null
  seeded=$members
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/accounts/$account")"
  [[ "$status" == 200 ]] || { echo "the account page answered $status" >&2; exit 1; }
  read -r rate p50 _ p99 _ < <(measure "$BASE/accounts/$account" -H "Cookie: $cookie")
  share="$(python3 -c "print(f'{100 * $rate / $hello_rate:.2f} %')")"
  report "| $members | $rate | $p50 | $p99 | $share | $(mb "$(rss_kb)") |"
done

step "user search and concurrent admin writes (set roles) at $seeded members"
admin_role="$(sqlite3 "$database" "SELECT id FROM roles WHERE account_id = '$account' AND builtin = 'admin'")"
# What the Lua scripts read (scripts/bench/account_posts.lua).
export BENCH_ACCOUNT="$account" BENCH_ROLE="$admin_role" BENCH_MEMBERS="$seeded" BENCH_COOKIE="$cookie"
# Only what the writes meet counts: the seeding above holds the file's lock from another process.
locked_before="$(grep -c 'database is locked' "$SERVER_LOG" || true)"
read -r writes_rate writes_p50 _ writes_p99 refused < <(measure "$BASE" -s scripts/bench/set_roles.lua)
locked="$(( $(grep -c 'database is locked' "$SERVER_LOG" || true) - locked_before ))"
read -r search_rate search_p50 search_p90 search_p99 search_refused < <(measure "$BASE" -s scripts/bench/search.lua)
report ""
report "## User search (address prefix, name prefix, whole address, miss), 16 connections for ${PAGE_SECONDS} s, $seeded members"
report ""
report "| searches/s | p50 | p90 | p99 | not 200 |"
report "|---|---|---|---|---|"
report "| $search_rate | $search_p50 | $search_p90 | $search_p99 | $search_refused |"
# A key made through the page's own form; its secret comes once, with the next view of the page.
api_key_for() {
  local created page
  created="$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" -H 'Sec-Fetch-Site: same-origin' \
    --data "account_id=$account&name=bench&lifetime_days=30" --data-urlencode 'permissions[]=read:users' \
    "$BASE/api/create_api_key")"
  page="$(curl -s -b "$jar" -c "$jar" -H 'Sec-Fetch-Site: same-origin' --data "account_id=$account" \
    "$BASE/api/api_keys")"
  python3 -c 'import json, sys; print(json.load(sys.stdin)["new_secret"]["secret"])' <<<"$page" 2>/dev/null \
    || { echo "creating an API key answered $created, then the keys page: $page" >&2; return 1; }
}
BENCH_KEY="$(api_key_for || api_key_for)"
export BENCH_KEY
read -r check_rate check_p50 check_p90 check_p99 check_refused < <(measure "$BASE" -s scripts/bench/check.lua)
report ""
report "## The API's permission check (POST /api/v1/accounts/…/check, random member), 16 connections for ${PAGE_SECONDS} s, $seeded members"
report ""
report "| checks/s | p50 | p90 | p99 (budget 5 ms) | not 200 |"
report "|---|---|---|---|---|"
report "| $check_rate | $check_p50 | $check_p90 | $check_p99 | $check_refused |"

# Tokens for the owner, through the code flow with PKCE (RFC 7636 appendix B's verifier).
verifier="dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
token_response() {
  local location code
  location="$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" \
    "$BASE/oauth/authorize?response_type=code&client_id=bench&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&scope=openid&code_challenge=$challenge&code_challenge_method=S256&account_id=$account")"
  code="$(python3 -c 'import sys, urllib.parse as u; print(u.parse_qs(u.urlsplit(sys.argv[1]).query)["code"][0])' "$location")"
  curl -s -u "bench:$BENCH_SECRET" --data "grant_type=authorization_code&code=$code&code_verifier=$verifier" \
    --data-urlencode "redirect_uri=http://127.0.0.1:9/callback" "$BASE/oauth/token"
}
json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
BENCH_CLIENT_BASIC="$(printf 'bench:%s' "$BENCH_SECRET" | base64 -w0)"
BENCH_ACCESS_TOKEN="$(token_response | json_field access_token)"
BENCH_REFRESH_TOKENS="$OUT/refresh-tokens"
: >"$BENCH_REFRESH_TOKENS"
for _ in $(seq 1 64); do token_response | json_field refresh_token >>"$BENCH_REFRESH_TOKENS"; done
export BENCH_CLIENT_BASIC BENCH_ACCESS_TOKEN BENCH_REFRESH_TOKENS
active="$(curl -s -u "bench:$BENCH_SECRET" --data "token=$BENCH_ACCESS_TOKEN" "$BASE/oauth/introspect" | json_field active)"
[[ "$active" == True ]] || { echo "introspection did not find the token active" >&2; exit 1; }
read -r intro_rate intro_p50 intro_p90 intro_p99 intro_refused < <(measure "$BASE" -s scripts/bench/introspect.lua)
read -r refresh_rate refresh_p50 refresh_p90 refresh_p99 refresh_refused < <(measure "$BASE" -s scripts/bench/refresh.lua)
intro_share="$(python3 -c "print(f'{100 * $intro_rate / $hello_rate:.2f} %')")"
report ""
report "## Sign in with Roster: introspection and refresh (POST /oauth/introspect, /oauth/token), 16 connections for ${PAGE_SECONDS} s, $seeded members"
report ""
report "| endpoint | req/s | p50 | p90 | p99 | share of hello-world's req/s | not 200 |"
report "|---|---|---|---|---|---|---|"
report "| introspection of an access token (budget ≥ 40 %, p99 ≤ 1 ms) | $intro_rate | $intro_p50 | $intro_p90 | $intro_p99 | $intro_share | $intro_refused |"
report "| refresh with rotation (64 families going) | $refresh_rate | $refresh_p50 | $refresh_p90 | $refresh_p99 | | $refresh_refused |"
report ""
report "## Concurrent admin writes (set roles of random members), 16 connections for ${PAGE_SECONDS} s, $seeded members"
report ""
report "| writes/s | p50 | p99 | not 200 | \"database is locked\" in the log |"
report "|---|---|---|---|---|"
report "| $writes_rate | $writes_p50 | $writes_p99 | $refused | $locked |"

step "malformed requests to every server function"
start_server
report ""
report "## Malformed requests (every server function × 11 malformed bodies)"
report ""
python3 scripts/bench/fuzz.py "$BASE" README.md | tee -a "$REPORT"

stop_server
echo
echo "report: $REPORT"
