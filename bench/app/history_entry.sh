#!/usr/bin/env bash
# Opening a 50 MB history entry in the real app: the longest main-thread stall (see
# bench/app/history_entry.mjs).   bench/app/history_entry.sh [--debug] [MB]   (default: release)
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

profile=release
flags=(--release)
if [[ "${1:-}" == "--debug" ]]; then profile=debug; flags=(); shift; fi

scripts/deps.sh
scripts/build-app.sh "${flags[@]}"
cargo build --release --locked -p kitbench-core --example history_big_entry
# The fixture's secret scan reads the app's history bodies through it (e2e/lib/secret-scan.mjs).
cargo build --locked -p kitbench-core --bin history-bodies

exec 9< <(Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
read -r display <&9
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT

DISPLAY=":$display" NO_AT_BRIDGE=1 KITBENCH_APP="$CARGO_TARGET_DIR/$profile/kitbench" \
  scripts/with-keyring.sh node bench/app/history_entry.mjs \
  "$CARGO_TARGET_DIR/release/examples/history_big_entry" "${1:-50}"
