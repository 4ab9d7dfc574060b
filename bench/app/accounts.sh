#!/usr/bin/env bash
# `make bench-accounts`: the accounts screen with 100 and 100,000 connected accounts (see
# bench/app/accounts.mjs).   bench/app/accounts.sh [--debug]   (default: release build)
# Figures, not a test. Runs headless (Xvfb) in a private D-Bus session with gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

profile=release
flags=(--release)
if [[ "${1:-}" == "--debug" ]]; then profile=debug; flags=(); shift; fi

scripts/deps.sh
scripts/build-app.sh "${flags[@]}"
# The fixture's secret scan reads the app's history bodies through it (e2e/lib/secret-scan.mjs).
cargo build --locked -p kitbench-core --bin history-bodies

exec 9< <(Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
read -r display <&9
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT

echo "Accounts screen, $profile build, on Xvfb :$display ($(nproc) cores)…" >&2
DISPLAY=":$display" NO_AT_BRIDGE=1 KITBENCH_APP="$CARGO_TARGET_DIR/$profile/kitbench" \
  scripts/with-keyring.sh node bench/app/accounts.mjs
