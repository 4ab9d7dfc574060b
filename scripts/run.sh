#!/usr/bin/env bash
# `make run`: install what is missing, build the UI and the app, and launch it on the Sandbox.
# Needs a display. Headless: xvfb-run -a scripts/run.sh (or see README "Run headless").
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh --build-only
scripts/build-app.sh
bin="${CARGO_TARGET_DIR:-target}/debug/kitbench"
echo "run: starting $bin (data in ${KITBENCH_DATA_DIR:-the platform app-data dir})"
exec "$bin" "$@"
