#!/usr/bin/env bash
# Schemathesis drives every operation of the API's OpenAPI document with generated and hostile
# input against the release build: no 5xx, and every answer as documented (status, content
# type, headers, schema). Needs target/release/roster and tools/schemathesis-venv (scripts/tools.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT="${ROSTER_FUZZ_PORT:-3310}"
BASE="http://127.0.0.1:$PORT"
data="$(mktemp -d)"
env ROSTER_LISTEN="127.0.0.1:$PORT" ROSTER_DATABASE_URL="sqlite://$data/roster.db" \
  ROSTER_PUBLIC_URL="$BASE" ROSTER_MAIL_DIR="$data/mail" LEPTOS_SITE_ROOT="$PWD/target/site" \
  ROSTER_API_REQUESTS_PER_MINUTE=100000000 ROSTER_API_KEY_MISSES_PER_MINUTE=100000000 RUST_LOG=warn "${ROSTER_BINARY:-target/release/roster}" 2>"$data/log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 250); do curl -s -o /dev/null "$BASE/favicon.svg" && break; sleep 0.02; done

# An owner, their account, and a key with every permission the owner may give.
jar="$data/jar"
ROSTER_USER="fuzz-$RANDOM@fuzz.test"
curl -s -o /dev/null -c "$jar" -H 'Sec-Fetch-Site: same-origin' \
  --data "email=$ROSTER_USER&display_name=Fuzz&password=fuzz-password-1" "$BASE/api/sign_up"
ROSTER_ACCOUNT="$(curl -s -b "$jar" -H 'Sec-Fetch-Site: same-origin' --data 'name=Fuzz' "$BASE/api/create_account" | tr -d '"')"
curl -s -o /dev/null -b "$jar" -c "$jar" -H 'Sec-Fetch-Site: same-origin' \
  --data "account_id=$ROSTER_ACCOUNT&name=schemathesis&lifetime_days=30" \
  --data-urlencode 'permissions[]=read:users' --data-urlencode 'permissions[]=read:account' \
  --data-urlencode 'permissions[]=read:roles' --data-urlencode 'permissions[]=read:invites' \
  --data-urlencode 'permissions[]=read:audit_log' --data-urlencode 'permissions[]=write:users' \
  --data-urlencode 'permissions[]=delete:users' --data-urlencode 'permissions[]=write:invites' \
  --data-urlencode 'permissions[]=delete:invites' --data-urlencode 'permissions[]=write:roles' \
  --data-urlencode 'permissions[]=delete:roles' \
  "$BASE/api/create_api_key"
ROSTER_API_KEY="$(curl -s -b "$jar" -c "$jar" -H 'Sec-Fetch-Site: same-origin' --data "account_id=$ROSTER_ACCOUNT" \
  "$BASE/api/api_keys" | python3 -c 'import json, sys; print(json.load(sys.stdin)["new_secret"]["secret"])')"
export ROSTER_ACCOUNT ROSTER_API_KEY ROSTER_USER

tools/schemathesis-venv/bin/schemathesis --no-color --config-file scripts/api_fuzz/schemathesis.toml \
  run "$BASE/api/v1/openapi.json" --checks all --max-examples "${ROSTER_FUZZ_EXAMPLES:-60}" \
  --workers "${ROSTER_FUZZ_WORKERS:-1}" --seed 20261203 --request-timeout 10
