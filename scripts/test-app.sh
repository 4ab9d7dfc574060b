#!/usr/bin/env bash
# `make test` for the desktop app: every test, headless.
#   1. UI: typecheck, lint, unit tests (vitest)
#   2. IPC bindings are not stale
#   3. kitbench-core tests: real SQLite files, real Secret Service (private D-Bus + gnome-keyring)
#   4. end-to-end: the real binary under Xvfb via tauri-driver + WebKitWebDriver
#   5. package: the .deb's desktop entry (the debug build bundled, scripts/test-package.sh)
#   6. sdk: the official Python and Node SDKs' quickstarts against a fresh Sandbox (scripts/test-sdk.sh)
# Steps can be picked: scripts/test-app.sh ui bindings core e2e package sdk (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

steps=("$@")
if ((${#steps[@]} == 0)); then steps=(ui bindings core e2e package sdk); fi
want() { [[ " ${steps[*]} " == *" $1 "* ]]; }

scripts/deps.sh

if want ui; then
  echo "== ui: typecheck, lint, vitest"
  (cd ui && npm run --silent typecheck && npm run --silent lint && npm run --silent test)
fi

if want bindings; then
  echo "== bindings"
  scripts/check-bindings.sh
fi

if want core; then
  echo "== kitbench-core (real SQLite, real Secret Service)"
  KITBENCH_TEST_KEYRING=1 scripts/with-keyring.sh cargo test -p kitbench-core
fi

if want e2e; then
  e2e_start=$SECONDS
  echo "== e2e: building the app and a second Sandbox"
  scripts/build-app.sh
  cargo build -p kitbench-sandbox
  cargo build -p kitbench-core --bin history-bodies  # the secret scan reads history bodies through it
  e2e_built=$SECONDS
  rm -rf artifacts/screenshots
  mkdir -p artifacts/screenshots
  # -displayfd picks a free display and tells us which.
  exec 9< <(Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
  read -r display <&9
  xvfb_pid=$!
  trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
  echo "== e2e: Xvfb on :$display"
  # Not WEBKIT_DISABLE_COMPOSITING_MODE: with it, requestAnimationFrame stalls under WebDriver.
  # Deadlines at every level, so a wedged driver or app fails the run instead of stalling CI:
  # each WebDriver command (e2e/lib/webdriver.mjs), each launch and test (e2e/lib/fixture.mjs,
  # e2e/run.mjs), and the whole step (a safety net: the suite itself takes well under a minute).
  # NO_AT_BRIDGE: no accessibility bus per launch; nothing here reads it.
  status=0
  DISPLAY=":$display" NO_AT_BRIDGE=1 timeout --kill-after=30 900 scripts/with-keyring.sh \
    node e2e/run.mjs || status=$?
  echo "== e2e: screenshots in artifacts/screenshots/"
  echo "== e2e: step took $((SECONDS - e2e_start)) s (build $((e2e_built - e2e_start)) s, tests $((SECONDS - e2e_built)) s)"
  if ((status != 0)); then exit "$status"; fi
fi

if want package; then
  echo "== package: .deb desktop entry"
  scripts/test-package.sh
fi

if want sdk; then
  echo "== sdk: official SDK quickstarts"
  scripts/test-sdk.sh
fi
