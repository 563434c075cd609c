#!/usr/bin/env bash
# Builds Roster (release) and serves it on http://127.0.0.1:3000 with its database in data/.
# Installs the build tools it needs first. Extra arguments go to the server (see --help).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"
ensure_build_tools
step "building Roster (release)"
cargo leptos build --release --precompress
mkdir -p data
step "serving Roster on ${ROSTER_LISTEN:-127.0.0.1:3000}"
LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$ROOT/target/site}" exec "$ROOT/target/release/roster" "$@"
