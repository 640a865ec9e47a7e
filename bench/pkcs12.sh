#!/usr/bin/env bash
# Benchmark (not a test): time to open each PKCS#12 file of the corpus plus the generated
# 600,000-iteration PBKDF2 file, in one run, with
#   * tlsdoctor native: `target/release/tlsdoctor inspect --password P --json FILE` (whole process),
#   * pyca/cryptography: `pkcs12.load_pkcs12(data, password)` (in-process, interpreter start excluded;
#     it also validates RSA private keys, which is most of its time on 4096-bit keys),
#   * OpenSSL: `openssl pkcs12 -legacy -nodes -in FILE -passin pass:P -out /dev/null` (whole process),
# median of 5 runs each, in milliseconds; then the wasm32 time for the 600,000-iteration file
# (release build, node, printed by the wasm_pkcs12 test).
# Usage: bench/pkcs12.sh [--no-wasm]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p tlsdoctor-cli
python3 - <<'PY'
import json, statistics, subprocess, time, warnings
warnings.filterwarnings("ignore")  # pyca's BER-fallback / negative-serial warnings
from cryptography.hazmat.primitives.serialization import pkcs12

rows = []
for line in open("testdata/corpus/MANIFEST.tsv", encoding="utf-8").read().splitlines()[1:]:
    path, kind, facts = line.split("\t")[:3]
    if kind == "pkcs12":
        rows.append(("testdata/corpus/" + path, json.loads(facts).get("password", "")))
rows.append(("testdata/generated/pbkdf2-600000.p12", "secret"))

def median_ms(fn, n=5):
    times, ok = [], True
    for _ in range(n):
        t = time.perf_counter()
        ok = fn() and ok
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), ok

def native(path, pw):
    args = ["target/release/tlsdoctor", "inspect", "--json", path] + (["--password", pw] if pw else [])
    out = subprocess.run(args, capture_output=True)
    return json.loads(out.stdout)["files"][0]["error"] is None

def pyca(path, pw):
    data = open(path, "rb").read()
    try:
        pkcs12.load_pkcs12(data, pw.encode() if pw else None)
        return True
    except Exception:
        return False

def openssl(path, pw):
    out = subprocess.run(["openssl", "pkcs12", "-legacy", "-nodes", "-in", path, "-passin", "pass:" + pw, "-out", "/dev/null"], capture_output=True)
    return out.returncode == 0

print(f"{'file':<66} {'tlsdoctor':>10} {'pyca':>10} {'openssl':>10}   (ms, median of 5; * = that tool reported an error)")
totals = [0.0, 0.0, 0.0]
for path, pw in rows:
    cells = []
    for i, fn in enumerate((native, pyca, openssl)):
        ms, ok = median_ms(lambda: fn(path, pw))
        totals[i] += ms
        cells.append(f"{ms:9.1f}{' ' if ok else '*'}")
    print(f"{path.split('/', 2)[-1][-66:]:<66} {' '.join(cells)}")
print(f"{'total':<66} {totals[0]:9.1f}  {totals[1]:9.1f}  {totals[2]:9.1f}")
PY
if [ "${1:-}" != "--no-wasm" ]; then
  echo
  echo "wasm32 (release, node), three runs of the wasm_pkcs12 test:"
  for run in 1 2 3; do
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
      cargo test --release -p tlsdoctor-core --target wasm32-unknown-unknown --test wasm_pkcs12 -- --nocapture 2>&1 \
      | grep -E "wasm: opened"
  done
fi
