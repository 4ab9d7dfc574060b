#!/usr/bin/env bash
# The official SDKs' quickstarts (tests/sdk/quickstart.py, tests/sdk/quickstart.mjs), unchanged,
# against a fresh Sandbox binary: only environment variables point them at it.
#   Python (scalekit-sdk-python): SCALEKIT_ENV_URL=http://127.0.0.1:PORT, gRPC over TLS on the
#     same port (the SDK always dials TLS) trusting GRPC_DEFAULT_SSL_ROOTS_FILE_PATH.
#   Node (@scalekit-sdk/node): once over http:// (cleartext h2c), once over https:// with
#     NODE_EXTRA_CA_CERTS.
# The SDKs live in ~/.cache/kitbench/sdk-venv and ~/.cache/kitbench/sdk-node, made once.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

PY_SDK="scalekit-sdk-python==2.21.0"
NODE_SDK="@scalekit-sdk/node@2.11.0"
cache="${KITBENCH_SDK_CACHE:-$HOME/.cache/kitbench}"
venv="$cache/sdk-venv"
node_dir="$cache/sdk-node"

if ! "$venv/bin/python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("scalekit-sdk-python") != "2.21.0")' 2>/dev/null; then
  echo "== sdk: installing $PY_SDK into $venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$PY_SDK"
fi
if [[ "$(node -p 'require(process.argv[1]).version' "$node_dir/node_modules/@scalekit-sdk/node/package.json" 2>/dev/null)" != "2.11.0" ]]; then
  echo "== sdk: installing $NODE_SDK into $node_dir"
  mkdir -p "$node_dir"
  [[ -f "$node_dir/package.json" ]] || echo '{"name":"kitbench-sdk-node","private":true}' >"$node_dir/package.json"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund "$NODE_SDK")
fi

cargo build --quiet -p kitbench-sandbox --bin kitbench-sandbox
work=$(mktemp -d)
sandbox_pid=
cleanup() {
  [[ -n "$sandbox_pid" ]] && kill "$sandbox_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# A data file in a fresh dir: the Sandbox keeps its certificate beside it.
"$CARGO_TARGET_DIR/debug/kitbench-sandbox" --data "$work/sandbox.json" >"$work/ready" 2>"$work/log" &
sandbox_pid=$!
for _ in $(seq 100); do [[ -s "$work/ready" ]] && break; sleep 0.1; done
[[ -s "$work/ready" ]] || { cat "$work/log"; echo "the Sandbox did not start"; exit 1; }
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$work/ready" "$1"; }
url=$(field url)
client_id=$(field client_id)
client_secret=$(field client_secret)
ca_file=$(field ca_file)
echo "== sdk: Sandbox at $url (certificate $ca_file)"

status=0
echo "== sdk: Python quickstart (gRPC over TLS)"
env SCALEKIT_ENV_URL="$url" SCALEKIT_CLIENT_ID="$client_id" SCALEKIT_CLIENT_SECRET="$client_secret" \
  GRPC_DEFAULT_SSL_ROOTS_FILE_PATH="$ca_file" \
  timeout 120 "$venv/bin/python" tests/sdk/quickstart.py || status=1

# ESM resolves packages from the script's own directory: run a copy beside node_modules.
cp tests/sdk/quickstart.mjs "$node_dir/quickstart.mjs"
echo "== sdk: Node quickstart (gRPC over cleartext HTTP/2)"
env SCALEKIT_ENV_URL="$url" SCALEKIT_CLIENT_ID="$client_id" SCALEKIT_CLIENT_SECRET="$client_secret" \
  timeout 120 node "$node_dir/quickstart.mjs" || status=1
echo "== sdk: Node quickstart (gRPC over TLS, https://)"
env SCALEKIT_ENV_URL="${url/http:/https:}" SCALEKIT_CLIENT_ID="$client_id" \
  SCALEKIT_CLIENT_SECRET="$client_secret" NODE_EXTRA_CA_CERTS="$ca_file" \
  timeout 120 node "$node_dir/quickstart.mjs" || status=1
exit "$status"
