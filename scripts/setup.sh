#!/usr/bin/env bash
# Installs what building and testing tlsdoctor needs. Skips whatever is already present.
# Usage: scripts/setup.sh [--web] [--fuzz]   (--web adds trunk, wasm-bindgen-cli, wasm-opt, chromium, firefox-esr, playwright-core, puppeteer-core;
#        --fuzz adds nightly + cargo-fuzz for scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

log "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

log "wasm-bindgen-cli 0.2.130 (JS API build, scripts/build-js-api.sh)"
wasm-bindgen --version 2>/dev/null | grep -q '^wasm-bindgen 0.2.130$' || cargo install wasm-bindgen-cli --version 0.2.130

log "cargo-machete 0.9.2 (unused-dependency check, scripts/check-deps.sh)"
cargo machete --version 2>/dev/null | grep -qx '0.9.2' || cargo install cargo-machete --version 0.9.2 --locked

log "node (JS API test)"
command -v node >/dev/null || { apt-get update && apt-get install -y nodejs; }

# Fuzzing only on request (nightly toolchain + cargo-fuzz; CI does not fuzz, it replays the corpora).
if [[ " $* " == *" --fuzz "* ]]; then
  log "nightly toolchain + cargo-fuzz (scripts/fuzz.sh)"
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
fi

# ---- the page (--web): Trunk, wasm-bindgen-cli, wasm-opt, Chromium, playwright-core ----
web=0
for arg in "$@"; do [ "$arg" = "--web" ] && web=1; done
if [ "$web" = 1 ]; then
  export PATH="$HOME/.cargo/bin:$PATH"

  log "trunk 0.21.14"
  trunk --version 2>/dev/null | grep -q ' 0\.21\.14$' || cargo install --locked trunk --version 0.21.14

  # wasm-bindgen-cli 0.2.130 (= the wasm-bindgen in Cargo.lock; web/Cargo.toml pins it) is installed above.

  log "chromium (Debian's; e2e tests drive it with playwright-core)"
  if [ ! -x /usr/bin/chromium ]; then
    apt-get update && apt-get install -y chromium
  fi

  log "firefox-esr (Debian's; e2e/firefox.test.mjs opens the one-file page in it through puppeteer-core over WebDriver BiDi)"
  if [ ! -x /usr/bin/firefox-esr ]; then
    apt-get update && apt-get install -y firefox-esr
  fi

  log "node + npm"
  if ! command -v npm >/dev/null 2>&1; then
    apt-get update && apt-get install -y nodejs npm
  fi

  # playwright-core and puppeteer-core (no browser download: both drive Debian's browsers) and
  # binaryen's wasm-opt (Debian's binaryen is too old).
  log "npm ci in e2e/ (playwright-core, puppeteer-core, binaryen)"
  if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/puppeteer-core ]; then
    (cd e2e && npm ci --no-audit --no-fund)
  fi
fi
