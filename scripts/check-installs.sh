#!/usr/bin/env bash
# Proves that every `cargo install` in scripts/setup.sh still resolves against the registry, even on a
# machine where the tool is already installed (where setup.sh skips the step and a green CI would hide a
# broken install). Each command runs into a throw-away --root and is stopped as soon as Cargo has
# resolved the dependencies and starts compiling, so it costs seconds, not a build.
# Exit 1 when any command cannot resolve (for example `failed to select a version`), or does not reach
# the compile step within $INSTALL_PROBE_SECONDS (default 240).
# Usage: scripts/check-installs.sh [FILE]   (default scripts/setup.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
src=${1:-scripts/setup.sh}
limit=${INSTALL_PROBE_SECONDS:-240}

mapfile -t cmds < <(grep -oE 'cargo install [^;|&)#]*' "$src" | sed -E 's/[[:space:]]+$//')
if [ "${#cmds[@]}" -eq 0 ]; then
  echo "check-installs: no 'cargo install' found in $src" >&2
  exit 1
fi

fail=0
for cmd in "${cmds[@]}"; do
  root=$(mktemp -d)
  log="$root.log"
  start=$SECONDS
  # setsid: the probe and every cargo/rustc child it starts are one process group we can stop.
  CARGO_TARGET_DIR="$root/target" setsid bash -c "exec $cmd --root '$root/bin'" >"$log" 2>&1 &
  pid=$!
  verdict=""
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    if grep -qE '^[[:space:]]*(Compiling|Installed|Replacing)' "$log" 2>/dev/null; then verdict=ok; break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid"; rc=$?
      if [ "$rc" -eq 0 ]; then verdict=ok; else verdict=error; fi
      break
    fi
    sleep 0.5
  done
  [ -n "$verdict" ] || verdict=timeout
  kill -- -"$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  case $verdict in
    ok) printf 'ok       %3ss  %s\n' $((SECONDS - start)) "$cmd" ;;
    timeout)
      printf 'TIMEOUT  %3ss  %s (did not reach the compile step)\n' $((SECONDS - start)) "$cmd"
      tail -n 5 "$log" | sed 's/^/         /'
      fail=1 ;;
    *)
      printf 'FAILED   %3ss  %s\n' $((SECONDS - start)) "$cmd"
      grep -m3 -iE '^error|failed to select|candidate versions|required by' "$log" | sed 's/^/         /'
      fail=1 ;;
  esac
  rm -rf "$root" "$log"
done
exit "$fail"
