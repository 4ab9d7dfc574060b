#!/usr/bin/env bash
# Builds the UI (typecheck + vite) and the desktop binary, which embeds ui/dist.
#   scripts/build-app.sh            debug build: target/debug/kitbench
#   scripts/build-app.sh --release  release build: target/release/kitbench
set -euo pipefail
cd "$(dirname "$0")/.."

profile=()
if [[ "${1:-}" == "--release" ]]; then profile=(--release); fi

(cd ui && npm run --silent build)
cargo build "${profile[@]}" -p kitbench
