#!/usr/bin/env bash
# Prints the wire benchmark's figures (agentkit client vs a bare reqwest loop vs the official
# Python SDK, and Sandbox throughput at concurrency 64). Figures, not a pass/fail test.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
# wrk generates the concurrency-64 load with far less CPU than an in-process client would.
if ! command -v wrk >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk
fi
venv="${TMPDIR:-/tmp}/kitbench-scalekit-sdk-2.21.0"
if ! "$venv/bin/python" -c 'import scalekit' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check scalekit-sdk-python==2.21.0
fi
cargo build --release --locked -p kitbench-sandbox -p kitbench-wire-bench
"$target/release/kitbench-wire-bench" --python "$venv/bin/python" "$@"
