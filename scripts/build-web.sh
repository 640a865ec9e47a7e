#!/usr/bin/env bash
# Builds the page into dist/ with Trunk, offline (tools from scripts/setup.sh --web), then checks
# that dist/ names no external host and prints the wasm sizes (raw and gzipped).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

trunk build --release --offline

# wasm-bindgen's glue carries documentation links in comments (Trunk leaves the main module's
# glue unminified): drop comment-only lines that hold a URL. No SRI covers these files.
sed -i -E '/^[[:space:]]*\/\/.*(https?|wss?):\/\//d' dist/*.js

# The installed page: dist/sw.js from web/sw.js with this build's id and file list, the same id
# in index.html (shown in the page's footer).
node scripts/stamp-sw.mjs dist

# No external host: no URL with a host anywhere in the page's own files (the wasm's strings
# included: a crate's doc link compiled into the binary would show up here). The only URLs
# allowed are XML namespace names, which are identifiers that are never fetched (Yew passes
# them to document.createElementNS for SVG and MathML).
namespaces='^http://www\.w3\.org/(2000/svg|1998/Math/MathML|1999/xhtml)'
if grep -a -h -o -E '(https?|wss?|ftp)://[A-Za-z0-9.-]+[A-Za-z0-9._~:/?#@!$&*+,;=%-]*' dist/* | grep -a -v -E "$namespaces" | sort -u | grep -a .; then
  echo "dist/ references the external host(s) above" >&2
  exit 1
fi
echo "dist/ references no external host"

total_gz=0
for f in dist/*.wasm; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); total_gz=$((total_gz + gz))
  printf '%-36s %9d bytes, %8d gzipped\n' "$(basename "$f")" "$raw" "$gz"
done
printf 'wasm total gzipped: %d bytes (budget 1572864 = 1.5 MiB)\n' "$total_gz"
if [ "$total_gz" -gt 1572864 ]; then
  echo "the page's wasm exceeds 1.5 MiB gzipped" >&2
  exit 1
fi
