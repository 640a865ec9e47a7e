#!/usr/bin/env bash
# Benchmark (not a test): `tlsdoctor analyze` over a generated 1 GB protocol-log set, next to
# Python's csv module reading the same files and `rg -c 'TLS negotiation failed'`.
# Reports MB/s and peak RSS (GNU time). The generated files are deleted at the end.
#
# usage: bench/logs.sh [SIZE_MB]      (default 1024; needs /usr/bin/time, python3, rg)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB="${1:-1024}"
DIR="$(mktemp -d "${TMPDIR:-/tmp}/tlsdoctor-bench.XXXXXX")"
trap 'rm -rf "$DIR"' EXIT

command -v rg >/dev/null || { echo "ripgrep missing: apt-get install -y ripgrep" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install -y time" >&2; exit 1; }

cargo build --release --locked -p tlsdoctor-cli --bin tlsdoctor --example genlog >&2
./target/release/examples/genlog "$DIR/logs" "$SIZE_MB"
BYTES=$(du -sb "$DIR/logs" | cut -f1)
MB=$(python3 -c "print(round($BYTES/1048576,1))")
echo "log set: $MB MiB in $(ls "$DIR/logs" | wc -l) files"
# Warm the page cache so every tool reads from memory.
cat "$DIR"/logs/* > /dev/null

measure() { # name, command...
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$DIR/time" "$@" > "$DIR/out" 2>/dev/null
  read -r secs user sys rss < "$DIR/time"
  # Wall-clock MiB/s, and MiB/s per CPU second (user+sys: what one core does when the
  # machine is shared), and peak resident memory.
  NAME="$name" python3 -c "import os; s=max($secs,0.001); c=max($user+$sys,0.001); mb=$BYTES/1048576; print(f'{os.environ[\"NAME\"]:<32} wall {s:6.2f} s {mb/s:7.1f} MiB/s | cpu {c:6.2f} s {mb/c:7.1f} MiB/s | peak RSS {$rss/1024:6.1f} MiB')"
}

echo "one core each (taskset -c 0):"
measure "tlsdoctor analyze --json" taskset -c 0 ./target/release/tlsdoctor analyze --json "$DIR/logs"
python3 - "$DIR/out" <<'PY'
import json, sys
v = json.load(open(sys.argv[1]))
s = v["log_summary"]
print(f"  -> {s['lines']} lines, {s['sessions']} sessions, {s['tls_failures_total']} TLS failures, "
      f"{s['tls_successes']} TLS successes, findings: {[f['id'] for f in v['findings']]}")
PY
measure "python3 csv.reader (rows only)" taskset -c 0 python3 -c '
import csv, glob, sys
n = 0
for p in sorted(glob.glob(sys.argv[1] + "/*.LOG")):
    with open(p, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            n += 1
print(n)' "$DIR/logs"
echo "  -> $(cat "$DIR/out") rows"
measure "rg -c 'TLS negotiation failed'" taskset -c 0 rg -c -j1 'TLS negotiation failed' "$DIR/logs"
echo "  -> $(awk -F: '{s+=$2} END {print s}' "$DIR/out") matching lines"
