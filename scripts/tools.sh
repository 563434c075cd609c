# Installs what building Roster needs, each only when missing or at the wrong version.
# Sourced by run.sh and test.sh; leaves wasm-opt and the cargo tools on PATH.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.sh
source "$ROOT/scripts/versions.sh"
TOOLS="$ROOT/tools"
export PATH="$TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*" >&2; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if [[ "$(cargo leptos --version 2>/dev/null)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
    step "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 25 minutes on 2 cores)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local locked
  locked="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"
  if [[ "$locked" != "$WASM_BINDGEN_VERSION" ]]; then
    echo "Cargo.lock has wasm-bindgen $locked but scripts/versions.sh pins $WASM_BINDGEN_VERSION" >&2
    exit 1
  fi
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: one of its locked dependencies is no longer in the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

ensure_wasm_opt() {
  if [[ "$(wasm-opt --version 2>/dev/null)" != *"version ${BINARYEN_VERSION%%.*}"* ]] \
    || [[ "$(command -v wasm-opt)" != "$TOOLS/binaryen/"* ]]; then
    step "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into tools/"
    mkdir -p "$TOOLS/binaryen"
    npm install --prefix "$TOOLS/binaryen" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
}

# A real SMTP server for the mail tests; the tests run the interpreter named by ROSTER_TEST_PYTHON.
ensure_aiosmtpd() {
  local venv="$TOOLS/smtp-venv"
  if ! "$venv/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    step "installing aiosmtpd $AIOSMTPD_VERSION into tools/smtp-venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
  fi
  export ROSTER_TEST_PYTHON="$venv/bin/python"
}

# Schemathesis, which drives the API from its OpenAPI document (scripts/api_fuzz.sh).
ensure_schemathesis() {
  local venv="$TOOLS/schemathesis-venv"
  if [[ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != *"version $SCHEMATHESIS_VERSION" ]]; then
    step "installing schemathesis $SCHEMATHESIS_VERSION into tools/schemathesis-venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_wasm_opt
}

# What a benchmark needs: the commands named (from Debian when missing) and the release build.
ensure_bench_tools() {
  local tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      step "installing $tool from Debian"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
    fi
  done
  if [[ ! -x "$ROOT/target/release/roster" || ! -d "$ROOT/target/site/pkg" ]]; then
    ensure_build_tools
    step "release build"
    (cd "$ROOT" && cargo leptos build --release --precompress)
  fi
}
