#!/usr/bin/env bash
# The benchmark on PostgreSQL (`scripts/bench.sh --database postgres [--small]`): a throwaway
# PostgreSQL 15 (scripts/postgres.sh), one account seeded with members, then the account page,
# user search and concurrent admin writes, first against one Roster server, then against two
# servers on the same database, each given half of the 16 connections (as a load balancer
# would). Writes the report to target/bench/postgres.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../tools.sh"
# shellcheck source=../postgres.sh
source "$ROOT/scripts/postgres.sh"
cd "$ROOT"

PORT="${ROSTER_BENCH_PORT:-3300}"
OUT="$ROOT/target/bench"
REPORT="$OUT/postgres.md"
SECONDS_EACH=5
SIZES="${ROSTER_BENCH_SIZES:-1000 100000 1000000}"
if [[ "${1:-}" == "--small" ]]; then
  SECONDS_EACH=2
  SIZES="1000"
fi

ensure_bench_tools wrk curl python3

mkdir -p "$OUT" && rm -f "$REPORT"
report() { printf '%s\n' "$*" | tee -a "$REPORT"; }

start_postgres
DATABASE="$(create_postgres_database roster_bench)"
psql_run() { psql -q -X -v ON_ERROR_STOP=1 -At "$DATABASE" "$@"; }

PIDS=()
stop_servers() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_postgres
}
trap stop_servers EXIT

# Two servers on the one database, each on its own port.
FIRST="http://127.0.0.1:$PORT"
SECOND="http://127.0.0.1:$((PORT + 1))"
for port in "$PORT" "$((PORT + 1))"; do
  env ROSTER_LISTEN="127.0.0.1:$port" ROSTER_DATABASE_URL="$DATABASE" \
    ROSTER_PUBLIC_URL="http://127.0.0.1:$port" ROSTER_MAIL_DIR="$OUT/pg-mail" \
    LEPTOS_SITE_ROOT="$ROOT/target/site" ROSTER_API_REQUESTS_PER_MINUTE=1000000000 ROSTER_API_KEY_MISSES_PER_MINUTE=1000000000 \
    RUST_LOG=warn target/release/roster 2>"$OUT/pg-server-$port.log" &
  PIDS+=($!)
  ready=""
  for _ in $(seq 1 500); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && { ready=1; break; }
    sleep 0.02
  done
  [[ -n "$ready" ]] || { echo "Roster on port $port was not ready; its log:" >&2; cat "$OUT/pg-server-$port.log" >&2; exit 1; }
done

# wrk at one URL: "req/s p50 p99 not-2xx".
wrk_figures() {
  local log="$1"
  local refused
  refused="$(awk '/Non-2xx/ {print $NF}' "$log")"
  echo "$(awk '/Requests\/sec/ {print $2}' "$log") $(awk '$1 == "50%" {print $2}' "$log")" \
    "$(awk '$1 == "99%" {print $2}' "$log") ${refused:-0}"
}
# One server, 16 connections.
measure_one() {
  local url="$1"; shift
  wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency "$@" "$url" >"$OUT/wrk-one" 2>&1
  wrk_figures "$OUT/wrk-one"
}
# Two servers, 8 connections each at once: the summed rate, and the worse of the two p99s.
measure_two() {
  local path="$1"; shift
  wrk -t1 -c8 -d"${SECONDS_EACH}s" --latency "$@" "$FIRST$path" >"$OUT/wrk-a" 2>&1 &
  local a=$!
  wrk -t1 -c8 -d"${SECONDS_EACH}s" --latency "$@" "$SECOND$path" >"$OUT/wrk-b" 2>&1
  wait "$a"
  read -r rate_a p50_a p99_a refused_a < <(wrk_figures "$OUT/wrk-a")
  read -r rate_b _ p99_b refused_b < <(wrk_figures "$OUT/wrk-b")
  python3 - "$rate_a" "$rate_b" "$p50_a" "$p99_a" "$p99_b" "$refused_a" "$refused_b" <<'PY'
import re, sys
def ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rate_a, rate_b, p50, p99_a, p99_b, refused_a, refused_b = sys.argv[1:]
print(f"{float(rate_a) + float(rate_b):.2f} {p50} {max(ms(p99_a), ms(p99_b)):.2f}ms {int(refused_a) + int(refused_b)}")
PY
}

# A signed-in owner of one account, through the first server.
jar="$OUT/pg-jar"
curl -s -o /dev/null -c "$jar" -H 'Sec-Fetch-Site: same-origin' \
  --data "email=owner-$RANDOM@bench.test&display_name=Bench&password=bench-password-1" "$FIRST/api/sign_up"
account="$(curl -s -b "$jar" -H 'Sec-Fetch-Site: same-origin' --data 'name=Bench' "$FIRST/api/create_account" | tr -d '"')"
cookie="roster_session=$(awk '$6 == "roster_session" {print $7}' "$jar")"

report "# Roster benchmarks on PostgreSQL"
report ""
report "Run on $(date -u +%Y-%m-%d), $(nproc) cores, release build, PostgreSQL $(psql_run -c 'SHOW server_version' | cut -d' ' -f1) on the same machine (fsync off, as the test cluster runs). One server: 16 connections to it; two servers: 8 connections to each at once, rates summed, the worse p99. ${SECONDS_EACH} s each."
report ""
report "| members | what | servers | req/s | p50 | p99 | not 2xx |"
report "|---|---|---|---|---|---|---|"
seeded=0
for members in $SIZES; do
  step "seeding $members members into PostgreSQL"
  # Users, then their memberships: the triggers keep the search terms and the member count.
  psql_run -c "BEGIN;
    INSERT INTO users (id, email, display_name, password_hash, created_at)
      SELECT 'bench-' || i, 'bench-' || i || '@bench.test', 'Bench Person ' || i, 'x', '2026-01-01T00:00:00Z'
      FROM generate_series($seeded + 1, $members) AS i;
    INSERT INTO memberships (account_id, user_id, joined_at)
      SELECT '$account', 'bench-' || i, '2026-01-01T00:00:00Z' FROM generate_series($seeded + 1, $members) AS i;
    COMMIT; ANALYZE;" >/dev/null
  seeded=$members
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$SECOND/accounts/$account")"
  [[ "$status" == 200 ]] || { echo "the account page answered $status" >&2; exit 1; }
  read -r rate p50 p99 refused < <(measure_one "$FIRST/accounts/$account" -H "Cookie: $cookie")
  report "| $members | account page | 1 | $rate | $p50 | $p99 | $refused |"
  read -r rate p50 p99 refused < <(measure_two "/accounts/$account" -H "Cookie: $cookie")
  report "| $members | account page | 2 | $rate | $p50 | $p99 | $refused |"
done

admin_role="$(psql_run -c "SELECT id FROM roles WHERE account_id = '$account' AND builtin = 'admin'")"
export BENCH_ACCOUNT="$account" BENCH_ROLE="$admin_role" BENCH_MEMBERS="$seeded" BENCH_COOKIE="$cookie"
read -r rate p50 p99 refused < <(measure_one "$FIRST" -s scripts/bench/search.lua)
report "| $seeded | user search | 1 | $rate | $p50 | $p99 | $refused |"
read -r rate p50 p99 refused < <(measure_two "" -s scripts/bench/search.lua)
report "| $seeded | user search | 2 | $rate | $p50 | $p99 | $refused |"
read -r rate p50 p99 refused < <(measure_one "$FIRST" -s scripts/bench/set_roles.lua)
report "| $seeded | admin writes (set roles) | 1 | $rate | $p50 | $p99 | $refused |"
read -r rate p50 p99 refused < <(measure_two "" -s scripts/bench/set_roles.lua)
report "| $seeded | admin writes (set roles) | 2 | $rate | $p50 | $p99 | $refused |"

errors="$(cat "$OUT"/pg-server-*.log | grep -c ' ERROR ' || true)"
report ""
report "Errors logged by the two servers: $errors."
echo
echo "report: $REPORT"
