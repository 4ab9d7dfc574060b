#!/usr/bin/env bash
# Instructions per `execute_tool` call, client vs the bare reqwest loop, counted by callgrind
# (repeatable on a busy machine, unlike latencies). The Sandbox runs in its own process, which
# callgrind does not follow. Each path runs twice, with LOW and HIGH calls after the same set-up
# and warm-up; the difference divided by HIGH-LOW is the per-call count, start-up cancelled out.
# Usage: scripts/percall.sh [LOW HIGH]   (default 200 1200); set KEEP=dir to keep the profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
low="${1:-200}"
high="${2:-1200}"
out="${KEEP:-$(mktemp -d)}"
mkdir -p "$out"
cargo build --release --locked -p kitbench-sandbox -p kitbench-wire-bench >&2
bin="$target/release/kitbench-wire-bench"
total() { # path calls -> total instructions of this process
  local file="$out/callgrind.$1.$2"
  valgrind --tool=callgrind --callgrind-out-file="$file" "$bin" --only "$1" --calls "$2" 2>/dev/null
  awk '/^summary:/ {print $2}' "$file"
}
declare -A per
for path in client bare; do
  a=$(total "$path" "$low")
  b=$(total "$path" "$high")
  per[$path]=$(( (b - a) / (high - low) ))
  echo "$path: $a Ir at $low calls, $b Ir at $high calls: ${per[$path]} Ir per call"
done
awk -v c="${per[client]}" -v b="${per[bare]}" 'BEGIN { printf "client/bare instructions per call: %.2fx (client %d more)\n", c / b, c - b }'
echo "profiles: $out"
