#!/usr/bin/env bash
# Benchmarks (not tests): tlsdoctor native and wasm (Node, through the JS API) side by side with
# peers, printed as ONE Markdown table (the README's "Performance" section shows its latest run).
#   logs:  a synthetic Exchange Send log (bench/gen_log.py) of each size in LOG_SIZES MiB:
#          MB/s and peak RSS for `tlsdoctor analyze --json`, the JS API in Node (StreamingAnalyzer,
#          1 MiB slices), Python's csv module reading every row, and `rg -c` counting TLS failures.
#   PFX:   per PKCS#12 corpus file, median of 5, ms: tlsdoctor native (whole process, bench/pkcs12.sh),
#          wasm (in-process, Node), pyca load_pkcs12 (in-process) and `openssl pkcs12 -legacy` (process).
#   certs: certificates/s, tlsdoctor native (bench/certs.sh), wasm (one analyze call), `openssl x509`.
# Usage: bench/run.sh            env: LOG_SIZES="64 256"  CERT_REPEAT=200
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${LOG_SIZES:-64 256}
repeat=${CERT_REPEAT:-200}
out=bench/out
mkdir -p "$out"
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
cargo build --release -q --locked -p tlsdoctor-cli
bash scripts/build-js-api.sh >/dev/null 2>&1
bin=target/release/tlsdoctor

# time_rss CMD... → "seconds peak_kb" (stdout of CMD discarded)
time_rss() { /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>&1; cat "$out/time"; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f MB/s", b / 1e6 / (s > 0 ? s : 0.001) }'; }
cell() { read -r s kb <<<"$2"; echo "$(mbps "$1" "$s") ($(awk -v k="$kb" 'BEGIN { printf "%.0f MB", k / 1024 }'))"; }

rows=()
for size in $sizes; do
  log=$out/send-$size.log
  [ -f "$log" ] || python3 bench/gen_log.py "$log" "$size" >/dev/null
  bytes=$(stat -c %s "$log")
  native=$(cell "$bytes" "$(time_rss "$bin" analyze --json "$log")")
  wasm=$(cell "$bytes" "$(time_rss node bench/wasm.mjs log "$log")")
  pycsv=$(cell "$bytes" "$(time_rss python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8", errors="replace"))))' "$log")")
  rgc=$(cell "$bytes" "$(time_rss rg -c "TLS negotiation failed" "$log")")
  rows+=("| logs, $size MiB Send log: MB/s (peak RSS) | $native | $wasm | Python csv: $pycsv | rg -c: $rgc |")
done

# PFX: bench/pkcs12.sh gives native, pyca and openssl per file; Node adds wasm for the same files.
python3 - > "$out/pfx.tsv" <<'PY'
import json
for line in open("testdata/corpus/MANIFEST.tsv", encoding="utf-8").read().splitlines()[1:]:
    path, kind, facts = line.split("\t")[:3]
    if kind == "pkcs12":
        print(f"testdata/corpus/{path}\t{json.loads(facts).get('password', '')}")
print("testdata/generated/pbkdf2-600000.p12\tsecret")
PY
node bench/wasm.mjs pfx "$out/pfx.tsv" > "$out/pfx-wasm.json"
bash bench/pkcs12.sh --no-wasm > "$out/pfx-native.txt"
mapfile -t pfx_rows < <(python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
wasm = {k.split("/", 2)[-1][-66:]: v for k, v in json.load(open(f"{out}/pfx-wasm.json")).items()}
for line in open(f"{out}/pfx-native.txt"):
    m = re.match(r"^(\S.*?)\s+([\d.]+)([ *])\s+([\d.]+)([ *])\s+([\d.]+)([ *]?)\s*$", line)
    if not m or m.group(1) == "total":
        continue
    name = m.group(1)
    w = wasm.get(name)
    name = "/".join(name.split("/")[-2:])  # shown: folder/file
    wcell = f"{w['ms']:.1f}{'' if w['ok'] else '*'}" if w else "n/a"
    print(f"| PFX {name}: ms | {m.group(2)}{m.group(3).strip()} | {wcell} | pyca: {m.group(4)}{m.group(5).strip()} | openssl: {m.group(6)}{m.group(7).strip()} |")
PY
)

# Certificates/s: bench/certs.sh for native and openssl; the same files through the JS API.
certs_out=$(bash bench/certs.sh "$repeat" 3)
native_cps=$(sed -n 's/^tlsdoctor inspect:.*: \([0-9]*\) certs\/s$/\1/p' <<<"$certs_out")
openssl_cps=$(sed -n 's/^openssl x509.*: \([0-9]*\) certs\/s$/\1/p' <<<"$certs_out")
files=()
while IFS= read -r f; do
  if openssl x509 -noout -in "$f" >/dev/null 2>&1 || openssl x509 -inform DER -noout -in "$f" >/dev/null 2>&1; then files+=("$f"); fi
done < <(find testdata/corpus/x509 testdata/x509 -type f \( -name '*.cer' -o -name '*.pem' \) | sort)
wasm_cps=$(node bench/wasm.mjs certs "$repeat" "${files[@]}" | python3 -c 'import json, sys; print(round(json.load(sys.stdin)["per_second"]))')

echo "Benchmarks of $(git rev-parse --short HEAD), $(date -u +%Y-%m-%d), $(nproc) cores $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "(PFX: * = that tool reported an error for the file; native and openssl PFX times include process start)"
echo
echo "| benchmark | tlsdoctor native | tlsdoctor wasm (Node) | peer | peer |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
printf '%s\n' "${pfx_rows[@]}"
echo "| certificates/s ($repeat x ${#files[@]} files) | $native_cps | $wasm_cps | openssl x509 (process each): $openssl_cps | |"
