#!/usr/bin/env bash
# Builds tlsdoctor's embeddable JavaScript API (crates/wasm) into npm-style folders:
#   crates/wasm/pkg-node/  (wasm-bindgen --target nodejs: require()/import from Node)
#   crates/wasm/pkg-web/   (wasm-bindgen --target web: ES module for pages and workers)
# each with package.json, tlsdoctor_wasm.js, tlsdoctor_wasm.d.ts (report types) and the .wasm.
# Needs wasm-bindgen-cli 0.2.130 (scripts/setup.sh --web). wasm-opt -Oz is applied when present.
# Built with WebAssembly SIMD (.cargo/config.toml), so wasm-opt gets --enable-simd.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -p tlsdoctor-wasm --target wasm32-unknown-unknown --release --locked
wasm=target/wasm32-unknown-unknown/release/tlsdoctor_wasm.wasm
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
for target in nodejs web; do
  out=crates/wasm/pkg-${target/nodejs/node}
  rm -rf "$out"
  wasm-bindgen --target "$target" --typescript --out-dir "$out" "$wasm"
  if command -v wasm-opt >/dev/null; then
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-simd \
      "$out/tlsdoctor_wasm_bg.wasm" -o "$out/tlsdoctor_wasm_bg.wasm"
  fi
  module_type=$([ "$target" = web ] && echo module || echo commonjs)
  cat > "$out/package.json" <<JSON
{
  "name": "tlsdoctor-wasm",
  "version": "$version",
  "description": "tlsdoctor in WebAssembly: analyze certificate files, PKCS#12 and Exchange SMTP protocol logs client-side.",
  "license": "MIT OR Apache-2.0",
  "type": "$module_type",
  "main": "tlsdoctor_wasm.js",
  "types": "tlsdoctor_wasm.d.ts",
  "files": ["tlsdoctor_wasm.js", "tlsdoctor_wasm.d.ts", "tlsdoctor_wasm_bg.wasm", "tlsdoctor_wasm_bg.wasm.d.ts"],
  "sideEffects": false
}
JSON
  echo "built $out ($(wc -c < "$out/tlsdoctor_wasm_bg.wasm") bytes wasm, $(gzip -9c "$out/tlsdoctor_wasm_bg.wasm" | wc -c) gzipped)"
done
