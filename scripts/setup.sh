#!/usr/bin/env bash
# Installs what building and testing tlsdoctor needs. Skips whatever is already present.
# Usage: scripts/setup.sh [--web]   (--web adds trunk, wasm-bindgen-cli, wasm-opt, chromium, playwright-core)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

log "rust target wasm32-unknown-unknown"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
