#!/usr/bin/env bash
# Fails when ui/src/bindings differs from what the Rust types generate (run
# `cargo run -p kitbench-core --bin gen-bindings` to refresh them).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo run --quiet -p kitbench-core --bin gen-bindings -- "$tmp" >/dev/null
if ! diff -ru ui/src/bindings "$tmp"; then
  echo "check-bindings: ui/src/bindings is stale; run: cargo run -p kitbench-core --bin gen-bindings" >&2
  exit 1
fi
echo "check-bindings: ui/src/bindings is up to date"
