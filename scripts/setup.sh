#!/usr/bin/env bash
# Installs what building and testing tlsdoctor needs. Skips whatever is already present.
# Usage: scripts/setup.sh [--web] [--fuzz]   (--web adds trunk, wasm-bindgen-cli, wasm-opt, chromium, playwright-core;
#        --fuzz adds nightly + cargo-fuzz for scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

log "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

log "wasm-bindgen-cli 0.2.130 (JS API build, scripts/build-js-api.sh)"
wasm-bindgen --version 2>/dev/null | grep -q '^wasm-bindgen 0.2.130$' || cargo install wasm-bindgen-cli --version 0.2.130 --locked

log "node (JS API test)"
command -v node >/dev/null || { apt-get update && apt-get install -y nodejs; }

# Fuzzing only on request (nightly toolchain + cargo-fuzz; CI does not fuzz, it replays the corpora).
if [[ " $* " == *" --fuzz "* ]]; then
  log "nightly toolchain + cargo-fuzz (scripts/fuzz.sh)"
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fi
