#!/usr/bin/env bash
# Fails when a Cargo.toml of the repository (the workspace crates, web/ and fuzz/) declares a
# dependency that no source file uses. Tool: cargo-machete, pinned and installed by
# scripts/setup.sh; it reads the sources (no build), so the check takes about a second.
# A dependency used in a way it cannot see (only through a macro or a feature) goes under
# `[package.metadata.cargo-machete] ignored = ["name"]` in that Cargo.toml, with a comment saying why.
# Exit 1 when a dependency is unused or cargo-machete is missing or not the pinned version.
# Usage: scripts/check-deps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
want=0.9.2
have=$(cargo machete --version 2>/dev/null || true)
if [ "$have" != "$want" ]; then
  echo "check-deps: cargo-machete $want is needed (found: ${have:-none}); run scripts/setup.sh" >&2
  exit 1
fi
cargo machete
