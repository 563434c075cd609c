#!/usr/bin/env bash
# Schemathesis drives every operation of the API's OpenAPI document with generated and hostile
# input against the release build: no 5xx, and every answer as documented (status, content
# type, headers, schema). Every limit is lifted, so a 429 is a fault. Needs
# target/release/roster and tools/schemathesis-venv (scripts/tools.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT="${ROSTER_FUZZ_PORT:-3310}"
BASE="http://127.0.0.1:$PORT"
data="$(mktemp -d)"
# Bounce reports are signed with this; the hooks sign each one the fuzzer makes up.
export ROSTER_BOUNCE_SECRET="fuzzing-bounce-secret-of-32-characters"
export SCHEMATHESIS_HOOKS=hooks
export PYTHONPATH="$PWD/scripts/api_fuzz${PYTHONPATH:+:$PYTHONPATH}"
env ROSTER_LISTEN="127.0.0.1:$PORT" ROSTER_DATABASE_URL="sqlite://$data/roster.db" \
  ROSTER_PUBLIC_URL="$BASE" ROSTER_MAIL_DIR="$data/mail" LEPTOS_SITE_ROOT="$PWD/target/site" \
  ROSTER_API_REQUESTS_PER_MINUTE=100000000 ROSTER_API_KEY_MISSES_PER_MINUTE=100000000 \
  ROSTER_RESEND_COOLDOWN_MINUTES=0 ROSTER_INVITATION_MAILS_PER_ACCOUNT_HOUR=100000000 \
  ROSTER_INVITATION_MAILS_PER_USER_HOUR=100000000 ROSTER_BOUNCE_MAILBOX=bounces@fuzz.test \
  ROSTER_BOUNCE_SECRET="$ROSTER_BOUNCE_SECRET" RUST_LOG=warn "${ROSTER_BINARY:-target/release/roster}" 2>"$data/log" &
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

# A second member, invited through the API and accepted from the mailed link: the operations on
# one member get their id (the owner can be neither removed nor given roles, and an address
# where a path takes an id would only ever find nobody).
member="fuzz-member-$RANDOM@fuzz.test"
curl -s -o /dev/null -H "Authorization: Bearer $ROSTER_API_KEY" -H 'Content-Type: application/json' \
  --data "{\"emails\": [\"$member\"]}" "$BASE/api/v1/accounts/$ROSTER_ACCOUNT/invitations"
member_jar="$data/member-jar"
curl -s -o /dev/null -c "$member_jar" -H 'Sec-Fetch-Site: same-origin' \
  --data "email=$member&display_name=Member&password=fuzz-password-2" "$BASE/api/sign_up"
link=""
for _ in $(seq 1 200); do
  link="$(python3 - "$data/mail" <<'PY'
import pathlib, re, sys
for mail in sorted(pathlib.Path(sys.argv[1]).glob("**/*.eml")):
    text = mail.read_text(errors="replace").replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
    found = re.search(r"/invitations/[A-Za-z0-9_-]{43}", text)
    if found:
        print(found.group(0))
        break
PY
)"
  [[ -n "$link" ]] && break
  sleep 0.05
done
[[ -n "$link" ]] || { echo "the member's invitation mail never came" >&2; exit 1; }
invitation_id="$(curl -s -b "$member_jar" "$BASE$link" \
  | grep -o 'name="invitation_id" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
curl -s -o /dev/null -b "$member_jar" -H 'Sec-Fetch-Site: same-origin' \
  --data "invitation_id=$invitation_id&token=${link#/invitations/}" "$BASE/api/accept_invitation"
ROSTER_MEMBER_ID="$(curl -s -b "$member_jar" -H 'Sec-Fetch-Site: same-origin' -X POST "$BASE/api/whoami" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')"
# A pending invitation, for the operations on one invitation (resend, revoke).
curl -s -o /dev/null -H "Authorization: Bearer $ROSTER_API_KEY" -H 'Content-Type: application/json' \
  --data "{\"emails\": [\"fuzz-pending-$RANDOM@fuzz.test\"]}" "$BASE/api/v1/accounts/$ROSTER_ACCOUNT/invitations"
ROSTER_INVITATION_ID="$(curl -s -H "Authorization: Bearer $ROSTER_API_KEY" \
  "$BASE/api/v1/accounts/$ROSTER_ACCOUNT/invitations" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')"
# A mail that went out (the member's invitation), whose bounce the hooks report.
ROSTER_SENT_MAIL_ID="$(sqlite3 "$data/roster.db" \
  "SELECT id FROM outbox WHERE sent_at IS NOT NULL AND invitation_id IS NOT NULL ORDER BY id LIMIT 1")"
export ROSTER_ACCOUNT ROSTER_API_KEY ROSTER_USER ROSTER_MEMBER_ID ROSTER_INVITATION_ID ROSTER_SENT_MAIL_ID

tools/schemathesis-venv/bin/schemathesis --no-color --config-file scripts/api_fuzz/schemathesis.toml \
  run "$BASE/api/v1/openapi.json" --checks all --max-examples "${ROSTER_FUZZ_EXAMPLES:-60}" \
  --workers "${ROSTER_FUZZ_WORKERS:-1}" --seed 20261203 --request-timeout 10
