#!/usr/bin/env bash
# Prints Kitbench's start-up time and memory next to a bare Tauri window built in the same run.
#   bench/app/measure.sh [--debug] [runs]   (default: release builds, 5 runs each; a cold
#   release build of both takes about 15 min on 2 cores)
# Figures, not a test. Runs headless (Xvfb) in a private D-Bus session with gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

profile=release
flags=(--release)
if [[ "${1:-}" == "--debug" ]]; then profile=debug; flags=(); shift; fi
runs="${1:-5}"

scripts/deps.sh
scripts/build-app.sh "${flags[@]}"
cargo build "${flags[@]}" --manifest-path bench/app/bare/Cargo.toml

exec 9< <(Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
read -r display <&9
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT

echo "Measuring $profile builds, $runs runs each, on Xvfb :$display ($(nproc) cores)…" >&2
DISPLAY=":$display" scripts/with-keyring.sh node bench/app/measure.mjs \
  "$CARGO_TARGET_DIR/$profile/kitbench" "$CARGO_TARGET_DIR/$profile/bare-tauri-window" "$runs"
