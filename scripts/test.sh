#!/usr/bin/env bash
# Runs every check and test Roster has: formatting, lints for the server and browser builds,
# the Rust tests (on SQLite, then the server's again on a throwaway PostgreSQL), then the
# Playwright suite in Debian's Chromium against the release build (on SQLite; then the flows
# where two servers matter on PostgreSQL with two servers), and Schemathesis.
# Installs what is missing first (build tools, Chromium, the npm packages of end2end/).
# Prints the time each stage took at the end (also when one fails). The budget: under 50
# minutes on a new machine, under 20 with the tools installed and a warm build (README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ROOT"

# Each stage's time, printed at the end.
STAGE_TIMES=()
STAGE_NAME=""
STAGE_START=$SECONDS
end_stage() {
  if [[ -n "$STAGE_NAME" ]]; then
    STAGE_TIMES+=("$(printf '%6ds  %s' $((SECONDS - STAGE_START)) "$STAGE_NAME")")
  fi
  STAGE_NAME=""
}
stage() {
  end_stage
  STAGE_NAME="$*"
  STAGE_START=$SECONDS
  step "$*"
}
print_stage_times() {
  end_stage
  printf '\n==> time per stage\n%s\n%6ds  in all\n' "$(printf '%s\n' "${STAGE_TIMES[@]}")" "$SECONDS" >&2
}
trap print_stage_times EXIT
# A fresh clone builds everything once: incremental state would only double the disk it takes.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# Chromium drives the browser tests; the sqlite3 shell lets them (and the benchmark) seed members
# directly; wrk is the benchmark's load tool; curl and openssl run the README's bounce script.
ensure_debian_packages() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  if ((${#missing[@]})); then
    step "installing ${missing[*]} from Debian"
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

stage "tools (each only when missing)"
ensure_build_tools
ensure_debian_packages
ensure_aiosmtpd
ensure_schemathesis
if [[ ! -x end2end/node_modules/.bin/playwright ]] \
  || ! cmp -s end2end/package-lock.json end2end/node_modules/.installed-lock.json; then
  step "installing end2end's npm packages"
  (cd end2end && npm ci --no-audit --no-fund && cp package-lock.json node_modules/.installed-lock.json)
fi

# The Rust tests that prove the PostgreSQL schema run against a real one, and must not skip.
start_postgres
# (start_postgres set its own EXIT trap: keep both.)
trap 'stop_postgres; print_stage_times' EXIT
export ROSTER_REQUIRE_POSTGRES=1

stage "cargo fmt --check"
cargo fmt --all -- --check
stage "clippy: server build (ssr)"
cargo clippy -p app -p server --all-targets -- -D warnings
stage "clippy: browser build (hydrate, wasm32)"
cargo clippy -p app -p frontend --target wasm32-unknown-unknown -- -D warnings
stage "Rust tests (on SQLite)"
cargo test -p app -p server
stage "Rust tests of the server again, every one on PostgreSQL"
ROSTER_TEST_DATABASE=postgres cargo test -p server
stage "release build (server + optimised WASM)"
cargo leptos build --release --precompress
stage "the benchmark, in its small mode (proves it runs; the figures of record need a full run)"
bash scripts/bench.sh --small >target/bench-small.log 2>&1 || { cat target/bench-small.log; exit 1; }
tail -n 4 target/bench/report.md
bash scripts/bench.sh --database postgres --small >target/bench-postgres-small.log 2>&1 \
  || { cat target/bench-postgres-small.log; exit 1; }
tail -n 9 target/bench/postgres.md
stage "Playwright in Chromium (with and without JavaScript), on SQLite"
(cd end2end && npx playwright test)
stage "Playwright again where two servers matter, on PostgreSQL: two Roster servers share it, requests alternate between them"
e2e_database="$(create_postgres_database roster_e2e)"
rm -rf end2end/.data && mkdir -p end2end/.data
# The flows whose steps may land on different servers and meet only in the database: a mail
# queued by one and its link opened on the other, sessions, races, webhooks and key secrets.
# The rest (layout, accessibility, islands, dialogs) does not depend on the database; the Rust
# tests prove every query on PostgreSQL.
(cd end2end && ROSTER_E2E_POSTGRES_URL="$e2e_database" npx playwright test $(cat two_servers.txt))
stage "Schemathesis over the API's OpenAPI document"
bash scripts/api_fuzz.sh
