#!/usr/bin/env bash
# Installs what Kitbench needs to build, run and test, and nothing that is already there.
# Safe to call repeatedly: every step checks first (dpkg -s, node_modules stamp, tauri-driver on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PKGS=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
# xdg-utils, desktop-file-utils and libglib2.0-bin (gio): registering kitbench:// and opening it in tests.
# dbus-x11 is deliberately absent: its autolaunch leaves stray session buses behind.
HEADLESS_PKGS=(xvfb xauth imagemagick webkit2gtk-driver gnome-keyring dbus libsecret-tools
  xdg-utils desktop-file-utils libglib2.0-bin x11-utils xdotool)

want=("${BUILD_PKGS[@]}")
if [[ "${1:-}" != "--build-only" ]]; then want+=("${HEADLESS_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "deps: node and npm are required (Node 20 or newer)" >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
stamp=ui/node_modules/.kitbench-lock-stamp
if [[ ! -f $stamp ]] || ! cmp -s ui/package-lock.json "$stamp"; then
  echo "deps: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json "$stamp"
fi

# src-tauri embeds ui/dist at compile time, `cargo check` and clippy included: make sure it
# exists before any cargo command compiles the app (scripts/build-app.sh refreshes it).
if [[ ! -f ui/dist/index.html ]]; then
  echo "deps: first UI build (ui/dist)"
  (cd ui && npm run --silent build)
fi

if [[ "${1:-}" != "--build-only" ]] && ! command -v tauri-driver >/dev/null; then
  echo "deps: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
