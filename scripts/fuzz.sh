#!/usr/bin/env bash
# Runs one cargo-fuzz target (nightly) for a time, growing a scratch corpus in fuzz/work/<target>/
# from the committed seeds in fuzz/corpus/<target>/ (which stay untouched).
# A crash lands in fuzz/artifacts/<target>/: copy it to fuzz/regressions/<target>/ once fixed.
# Usage: scripts/fuzz.sh TARGET [SECONDS=600]      (needs: cargo install cargo-fuzz; scripts/setup.sh --fuzz)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
target=$1; seconds=${2:-600}
mkdir -p "work/$target"
exec cargo +nightly fuzz run -O "$target" "work/$target" "corpus/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
