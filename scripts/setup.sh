#!/usr/bin/env bash
# Installs what building and testing tlsdoctor needs. Skips whatever is already present.
# Usage: scripts/setup.sh [--web]   (--web adds trunk, wasm-bindgen-cli, wasm-opt, chromium, playwright-core)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

log "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# ---- the page (--web): Trunk, wasm-bindgen-cli, wasm-opt, Chromium, playwright-core ----
web=0
for arg in "$@"; do [ "$arg" = "--web" ] && web=1; done
if [ "$web" = 1 ]; then
  export PATH="$HOME/.cargo/bin:$PATH"

  log "trunk 0.21.14"
  trunk --version 2>/dev/null | grep -q ' 0\.21\.14$' || cargo install --locked trunk --version 0.21.14

  # Must equal the wasm-bindgen version in Cargo.lock (web/Cargo.toml pins =0.2.130).
  log "wasm-bindgen-cli 0.2.130 (wasm-bindgen, wasm-bindgen-test-runner)"
  wasm-bindgen --version 2>/dev/null | grep -q ' 0\.2\.130$' || cargo install wasm-bindgen-cli --version 0.2.130

  log "chromium (Debian's; e2e tests drive it with playwright-core)"
  if [ ! -x /usr/bin/chromium ]; then
    apt-get update && apt-get install -y chromium
  fi

  log "node + npm"
  if ! command -v npm >/dev/null 2>&1; then
    apt-get update && apt-get install -y nodejs npm
  fi

  # playwright-core (no browser download) and binaryen's wasm-opt (Debian's binaryen is too old).
  log "npm ci in e2e/ (playwright-core, binaryen)"
  if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ]; then
    (cd e2e && npm ci --no-audit --no-fund)
  fi
fi
