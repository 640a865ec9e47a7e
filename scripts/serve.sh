#!/usr/bin/env bash
# The README's run command: installs what the page needs, builds it, serves it on
# http://127.0.0.1:8080 (PORT=... to change). Everything runs in the browser; the server only
# hands out dist/'s static files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --web
bash scripts/build-web.sh
# Also the one-file page (dist/tlsdoctor.html), which the served page offers for download.
bash scripts/build-single.sh
exec node e2e/serve.mjs dist "${PORT:-8080}"
