#!/usr/bin/env bash
# Benchmark (not a test): certificates per second.
#   tlsdoctor: `tlsdoctor inspect --json` over every single-certificate corpus file, the list repeated
#              REPEAT times, all in ONE process (what the page does with a dropped folder).
#   openssl:   `openssl x509 -noout -fingerprint -subject` over the same files, one process each
#              (the only way the openssl CLI reads many files), ROUNDS rounds.
# Usage: bench/certs.sh [REPEAT=200] [ROUNDS=5]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-200}
rounds=${2:-5}
cargo build --release -q -p tlsdoctor-cli
bin=target/release/tlsdoctor

# Certificate files: single certificates that OpenSSL and tlsdoctor both read (DER or PEM).
files=()
while IFS= read -r f; do
  if openssl x509 -noout -in "$f" >/dev/null 2>&1 || openssl x509 -inform DER -noout -in "$f" >/dev/null 2>&1; then
    files+=("$f")
  fi
done < <(find testdata/corpus/x509 testdata/x509 -type f \( -name '*.cer' -o -name '*.pem' \) | sort)
n=${#files[@]}

now() { date +%s.%N; }
rate() { awk -v c="$1" -v s="$2" -v e="$3" 'BEGIN { printf "%.0f", c / (e - s) }'; }

args=()
for ((i = 0; i < repeat; i++)); do args+=("${files[@]}"); done
start=$(now)
certs=$("$bin" inspect --json "${args[@]}" | grep -c '"thumbprint"' || true)
end=$(now)
echo "tlsdoctor inspect: $certs certificates ($n files x $repeat) in one process: $(rate "$certs" "$start" "$end") certs/s"

start=$(now)
count=0
for ((r = 0; r < rounds; r++)); do
  for f in "${files[@]}"; do
    if grep -q -- '-----BEGIN' "$f"; then form=PEM; else form=DER; fi
    openssl x509 -inform "$form" -noout -fingerprint -subject -in "$f" >/dev/null
    count=$((count + 1))
  done
done
end=$(now)
echo "openssl x509 -noout -fingerprint -subject: $count certificates ($n files x $rounds), one process each: $(rate "$count" "$start" "$end") certs/s"
