# A throwaway PostgreSQL 15 cluster for the tests: installed from Debian when missing, started
# in a temporary folder on its own port and socket, stopped (and removed) when the shell that
# sourced this exits. Sourced by test.sh; exports ROSTER_TEST_POSTGRES_URL, the URL of a
# database that tests may create their own databases from.

POSTGRES_BIN=/usr/lib/postgresql/15/bin

ensure_postgres() {
  if [[ ! -x "$POSTGRES_BIN/pg_ctl" ]]; then
    step "installing PostgreSQL from Debian"
    local sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user that
# Debian's package creates.
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  ensure_postgres
  local port="${ROSTER_TEST_POSTGRES_PORT:-55432}"
  # A port something else already listens on is passed over.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  POSTGRES_DIR="$(mktemp -d /tmp/roster-postgres.XXXXXX)"
  [[ "$(id -u)" == 0 ]] && chown postgres "$POSTGRES_DIR"
  step "starting a throwaway PostgreSQL on port $port"
  as_postgres "$POSTGRES_BIN/initdb" -D "$POSTGRES_DIR/data" -A trust -U roster >/dev/null
  as_postgres "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/log" -w \
    -o "-p $port -k $POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  trap stop_postgres EXIT
  export ROSTER_TEST_POSTGRES_URL="postgres://roster@127.0.0.1:$port/postgres"
}

stop_postgres() {
  as_postgres "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$POSTGRES_DIR"
}

# Creates an empty database on the throwaway cluster and prints its URL.
create_postgres_database() {
  local name="$1"
  psql -q -X -v ON_ERROR_STOP=1 "$ROSTER_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >&2
  echo "${ROSTER_TEST_POSTGRES_URL%/*}/$name"
}
