#!/usr/bin/env bash
# Sets up and runs every test of tlsdoctor (what .ci/run runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --web

step() { printf '\n==> %s\n' "$*"; }

# A tool already on this machine makes setup.sh skip its install, which would hide an install that no
# longer resolves on a fresh machine: prove every `cargo install` of setup.sh into a throw-away root.
step "every cargo install of scripts/setup.sh still resolves (throw-away --root, stopped at the first compile)"
bash scripts/check-installs.sh

step "rustfmt (rustfmt.toml)"
cargo fmt --all --check

step "clippy (all crates, all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "unused dependencies (cargo-machete, scripts/check-deps.sh)"
bash scripts/check-deps.sh

step "cargo test (workspace)"
cargo test --workspace --locked

step "core builds for wasm32-unknown-unknown"
cargo build -p tlsdoctor-core --target wasm32-unknown-unknown --locked

step "PKCS#12 reader under wasm32 + node (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p tlsdoctor-core --target wasm32-unknown-unknown --locked --test wasm_pkcs12

step "log reader under wasm32 + node: its SIMD128 comma scan (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p tlsdoctor-core --target wasm32-unknown-unknown --locked --test wasm_log

step "JS API: build (wasm-bindgen, nodejs + web) and Node test"
bash scripts/build-js-api.sh
node --test crates/wasm/test/

step "page: worker protocol under wasm32 + node (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p tlsdoctor-web --target wasm32-unknown-unknown --locked --test protocol

step "page: trunk build (dist/ without external hosts, wasm size budget)"
bash scripts/build-web.sh

step "page: end-to-end in Chromium (screenshots in e2e/artifacts/)"
(cd e2e && node --test --test-concurrency=1 page.test.mjs)

step "offline: the one-file page dist/tlsdoctor.html (size next to the wasm budget)"
bash scripts/build-single.sh

step "offline: tlsdoctor serve with the page built in (--features page)"
cargo build -p tlsdoctor-cli --features page --locked
cargo test -p tlsdoctor-cli --features page --locked --test serve_page

step "offline: end-to-end in Chromium (file://, service worker with the network cut, tlsdoctor serve)"
(cd e2e && TLSDOCTOR_BIN="$PWD/../target/debug/tlsdoctor" node --test --test-concurrency=1 offline.test.mjs)

step "offline: the one-file page from file:// in Firefox ESR (puppeteer-core over WebDriver BiDi)"
(cd e2e && node --test firefox.test.mjs)
