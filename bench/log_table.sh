#!/usr/bin/env bash
# Benchmark (not a test): the log table of issue 15 from ONE run, ratios against tlsdoctor.
# Each tool pinned to one core (taskset -c ${CORE:-1}; tlsdoctor also on all cores, where it reads a log on two threads); MB/s = bytes / wall seconds and bytes /
# CPU (user+sys) seconds, the latter steadier on a shared machine; peak RSS from GNU time.
# NICE=15 runs every tool niced (other jobs on the machine). Rows: tlsdoctor native (`analyze --json`), optionally an older build of it
# (BEFORE=path/to/tlsdoctor, e.g. main's), the JS API in Node (bench/wasm.mjs, if the JS API
# build exists), the page in Chromium end to end (bench/page.mjs: the whole set dropped at once,
# drop → final verdict, if dist/ is built by scripts/build-web.sh; its time is measured inside the
# page, no CPU columns: the page runs on several threads), Python csv.reader (rows only),
# `grep -rc`, `rg -c -j1` (if installed).
# Then the page against the native CLI on ONE generated Send log of SEND_MB MiB (default 256,
# bench/gen_log.py): median of RUNS (default 3) runs each, on one core and on all cores, and the
# ratio page MB/s ÷ native MB/s (the issue's target: ≥ 0.6). BEFORE_DIST=DIR adds rows for an
# older build of the page (a dist/ kept from before a change).
# usage: bench/log_table.sh [SIZE_MB]   (default 256; the set is made by the genlog example)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-256}
core=${CORE:-1}
out=bench/out
dir=$out/logset-$size
mkdir -p "$out"
cargo build --release -q --locked -p tlsdoctor-cli --bin tlsdoctor --example genlog
[ -d "$dir" ] || ./target/release/examples/genlog "$dir" "$size" >&2
bytes=$(cat "$dir"/* | wc -c)
cat "$dir"/* > /dev/null # page cache warm: every tool reads from memory
declare -a names secs rss cpus
run() { # name, command...   (on the cores in $cores_of_run, default: one)
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$out/time" nice -n "${NICE:-0}" taskset -c "${cores_of_run:-$core}" "$@" > "$out/stdout" 2>/dev/null || true
  read -r s k u y < "$out/time"
  names+=("$name"); secs+=("$s"); rss+=("$k"); cpus+=("$(awk -v u="$u" -v y="$y" 'BEGIN { print u + y }')")
}
run "tlsdoctor analyze --json" ./target/release/tlsdoctor analyze --json "$dir"
[ -n "${BEFORE:-}" ] && run "tlsdoctor analyze --json (before: $BEFORE)" "$BEFORE" analyze --json "$dir"
# On every core: a protocol log of 1 MiB or more is read on two threads (README, Command line).
[ "$(nproc)" -ge 2 ] && cores_of_run=$(seq -s, 0 $(($(nproc) - 1))) run "tlsdoctor analyze --json, all $(nproc) cores (two threads)" ./target/release/tlsdoctor analyze --json "$dir"
if [ -d crates/wasm/pkg-node ]; then # built by scripts/build-js-api.sh (needs wasm-bindgen)
  run "wasm in Node (JS API, one process per file)" bash -c 'for f in "$@"; do node bench/wasm.mjs log "$f"; done' _ "$dir"/*
else
  echo "(no wasm row: crates/wasm/pkg-node missing, run scripts/build-js-api.sh)" >&2
fi
page=
if [ -f dist/index.html ] && [ -d e2e/node_modules/playwright-core ]; then
  # The whole set in one drop, like an admin dropping a ProtocolLog folder.
  nice -n "${NICE:-0}" taskset -c "$core" node bench/page.mjs --runs 1 "$dir"/* > "$out/page.json"
  page=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.seconds)' "$out/page.json")
else
  echo "(no page row: dist/ or e2e/node_modules missing, run scripts/build-web.sh and npm ci in e2e/)" >&2
fi
run "Python csv.reader, rows only" python3 -c '
import csv, glob, sys
n = 0
for p in sorted(glob.glob(sys.argv[1] + "/*")):
    with open(p, newline="", encoding="utf-8", errors="replace") as f:
        for row in csv.reader(f):
            n += 1
print(n)' "$dir"
run "grep -rc 'TLS negotiation failed'" grep -rc 'TLS negotiation failed' "$dir"
command -v rg > /dev/null && run "rg -c -j1 'TLS negotiation failed'" rg -c -j1 'TLS negotiation failed' "$dir"
echo "log set: $(awk -v b="$bytes" 'BEGIN { printf "%.0f MiB", b / 1048576 }') in $(ls "$dir" | wc -l) files (genlog), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), one core each (taskset -c $core)"
echo
echo "| | wall | MB/s (wall) | CPU s | MB/s (CPU) | peak RSS | vs tlsdoctor (CPU) |"
echo "|---|---|---|---|---|---|---|"
base=${cpus[0]}
for i in "${!names[@]}"; do
  awk -v i="$i" -v c="${cpus[$i]}" -v n="${names[$i]}" -v s="${secs[$i]}" -v k="${rss[$i]}" -v b="$bytes" -v t="$base" 'BEGIN {
    s = (s > 0 ? s : 0.01); c = (c > 0 ? c : 0.01); r = c / t
    v = (i == 0 || (r > 0.97 && r < 1.03)) ? "—" : (r > 1 ? sprintf("%.1f× slower", r) : sprintf("%.1f× faster", 1 / r))
    printf "| `%s` | %.2f s | %.0f | %.2f s | %.0f | %.1f MiB | %s |\n", n, s, b / 1e6 / s, c, b / 1e6 / c, k / 1024, v }'
  if [ "$i" = 0 ] && [ -n "$page" ]; then
    awk -v s="$page" -v b="$bytes" -v t="${secs[0]}" -v n="$(ls "$dir" | wc -l)" 'BEGIN {
      r = s / t; v = r > 1 ? sprintf("%.1f× slower (wall)", r) : sprintf("%.1f× faster (wall)", 1 / r)
      printf "| the page in Chromium on one core, %d files dropped at once (drop → verdict) | %.2f s | %.0f | — | — | — | %s |\n", n, s, b / 1e6 / s, v }'
  fi
done

# The page against the native CLI on one Send log.
send_mb=${SEND_MB:-256}
send=$out/SEND-$send_mb.LOG
[ -f "$send" ] || python3 bench/gen_log.py "$send" "$send_mb" >&2
[ -f dist/index.html ] && [ -d e2e/node_modules/playwright-core ] || exit 0
send_bytes=$(stat -c %s "$send")
runs=${RUNS:-3}
native_median() { # command prefix...: median wall seconds of $runs runs of `tlsdoctor analyze --json $send`
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e" -o "$out/time" nice -n "${NICE:-0}" "$@" ./target/release/tlsdoctor analyze --json "$send" > /dev/null
    cat "$out/time"
  done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
page_median() { # dist, command prefix...: median seconds (measured in the page) of $runs runs
  local dist=$1; shift
  nice -n "${NICE:-0}" "$@" node bench/page.mjs --dist "$dist" --runs "$runs" "$send" > "$out/page.json"
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.seconds, JSON.stringify(r.long_tasks_ms))' "$out/page.json"
}
echo
echo "one $(awk -v b="$send_bytes" 'BEGIN { printf "%.0f MiB", b / 1048576 }') Send log ($send, bench/gen_log.py): median of $runs runs, wall time; the page from the input's change event to the final verdict"
echo
echo "| cores | page | native \`analyze --json\` | the page in Chromium | page ÷ native (MB/s) | page's main-thread tasks > 50 ms |"
echo "|---|---|---|---|---|---|"
all=$(seq -s, 0 $(($(nproc) - 1)))
for cores in "$core" "$all"; do
  n=$(native_median taskset -c "$cores")
  for dist in dist ${BEFORE_DIST:+"$BEFORE_DIST"}; do
    read -r p long < <(page_median "$dist" taskset -c "$cores")
    label=$([ "$dist" = dist ] && echo "dist/" || echo "before: $dist")
    awk -v c="$cores" -v d="$label" -v n="$n" -v p="$p" -v b="$send_bytes" -v l="$long" 'BEGIN {
      printf "| %s | %s | %.2f s, %.0f MB/s | %.2f s, %.0f MB/s | %.2f | %s ms |\n", c, d, n, b / 1e6 / n, p, b / 1e6 / p, n / p, l }'
  done
done
