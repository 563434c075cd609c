#!/usr/bin/env bash
# Runs every check and test Roster has: formatting, lints for the server and browser builds,
# the Rust tests (on SQLite, then the server's again on a throwaway PostgreSQL), then the
# Playwright suite in Debian's Chromium against the release build (on SQLite, then on PostgreSQL
# with two servers), and Schemathesis.
# Installs what is missing first (build tools, Chromium, the npm packages of end2end/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ROOT"
# A fresh clone builds everything once: incremental state would only double the disk it takes.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# Chromium drives the browser tests; the sqlite3 shell lets them (and the benchmark) seed members
# directly; wrk is the benchmark's load tool.
ensure_debian_packages() {
  local missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v wrk >/dev/null || missing+=(wrk)
  if ((${#missing[@]})); then
    step "installing ${missing[*]} from Debian"
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

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
export ROSTER_REQUIRE_POSTGRES=1

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy: server build (ssr)"
cargo clippy -p app -p server --all-targets -- -D warnings
step "clippy: browser build (hydrate, wasm32)"
cargo clippy -p app -p frontend --target wasm32-unknown-unknown -- -D warnings
step "Rust tests (on SQLite)"
cargo test -p app -p server
step "Rust tests of the server again, every one on PostgreSQL"
ROSTER_TEST_DATABASE=postgres cargo test -p server
step "release build (server + optimised WASM)"
cargo leptos build --release --precompress
step "the benchmark, in its small mode (proves it runs; the figures of record need a full run)"
bash scripts/bench.sh --small >target/bench-small.log 2>&1 || { cat target/bench-small.log; exit 1; }
tail -n 4 target/bench/report.md
bash scripts/bench.sh --database postgres --small >target/bench-postgres-small.log 2>&1 \
  || { cat target/bench-postgres-small.log; exit 1; }
tail -n 9 target/bench/postgres.md
step "Playwright in Chromium (with and without JavaScript), on SQLite"
(cd end2end && npx playwright test)
step "Playwright again, on PostgreSQL: two Roster servers share it, requests alternate between them"
e2e_database="$(create_postgres_database roster_e2e)"
rm -rf end2end/.data && mkdir -p end2end/.data
(cd end2end && ROSTER_E2E_POSTGRES_URL="$e2e_database" npx playwright test)
step "Schemathesis over the API's OpenAPI document"
bash scripts/api_fuzz.sh
