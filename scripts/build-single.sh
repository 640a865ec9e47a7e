#!/usr/bin/env bash
# Writes dist/tlsdoctor.html, the whole page in one file that works from disk (file://), from
# the dist/ that scripts/build-web.sh built (see scripts/build-single.mjs), and prints its size
# next to the wasm budget. `cargo build -p tlsdoctor-cli --features page` then builds it into
# `tlsdoctor serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

node scripts/build-single.mjs dist

raw=$(stat -c %s dist/tlsdoctor.html); gz=$(gzip -9 -c dist/tlsdoctor.html | wc -c)
wasm_gz=0
for f in dist/*.wasm; do wasm_gz=$((wasm_gz + $(gzip -9 -c "$f" | wc -c))); done
printf '%-36s %9d bytes, %8d gzipped\n' "tlsdoctor.html (one file)" "$raw" "$gz"
printf 'for comparison: wasm total gzipped %d bytes (budget 1572864 = 1.5 MiB); the one file carries\n' "$wasm_gz"
printf 'both wasm modules as base64 (+33%% raw), the JavaScript and the CSS\n'
