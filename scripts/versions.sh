# The one place where the versions of Roster's build and test tools are pinned.
# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock (checked by tools.sh).
CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
# wasm-opt from the npm package `binaryen`: Debian's binaryen (108) breaks hydration.
BINARYEN_VERSION=132.0.0
# @playwright/test is pinned in end2end/package.json and end2end/package-lock.json.
# The SMTP listener the Rust tests deliver mail to, from PyPI into tools/smtp-venv.
AIOSMTPD_VERSION=1.4.6
SCHEMATHESIS_VERSION=4.32.5
