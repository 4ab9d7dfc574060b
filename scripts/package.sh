#!/usr/bin/env bash
# `make package`: a .deb made by Tauri's bundler (desktop entry from packaging/kitbench.desktop.hbs:
# MimeType=x-scheme-handler/kitbench; and Exec=kitbench %u, so the desktop hands kitbench:// links
# to the installed app). Prints the .deb's path on its last line.
#   scripts/package.sh          release: `tauri build --bundles deb` (a production build)
#   scripts/package.sh --debug  bundles the debug binary of scripts/build-app.sh (built if stale),
#                               no release build: what the package test checks
# The .deb is copied to artifacts/package/ (artifacts/package-debug/ with --debug).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

debug=0
if [[ "${1:-}" == "--debug" ]]; then debug=1; fi

scripts/deps.sh --build-only

# The Tauri CLI reads tauri.conf.json next to the crate and refuses a workspace root ("No package
# info in the config file"): it runs from src-tauri, which links to the root's config and the
# files that config names (paths in it are relative to the config file).
for f in tauri.conf.json ui icons packaging; do
  ln -sfn "../$f" "src-tauri/$f"
done
tauri=("$root/ui/node_modules/.bin/tauri")

version=$(node -p 'require("./tauri.conf.json").version')
if ((debug)); then
  scripts/build-app.sh
  (cd src-tauri && "${tauri[@]}" bundle --debug --bundles deb --ci)
  profile=debug out=artifacts/package-debug
else
  (cd ui && npm run --silent build)
  (cd src-tauri && "${tauri[@]}" build --bundles deb --ci)
  profile=release out=artifacts/package
fi

deb="$CARGO_TARGET_DIR/$profile/bundle/deb/Kitbench_${version}_amd64.deb"
if [[ ! -f $deb ]]; then
  echo "package: the bundler made no $deb" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"
cp "$deb" "$out/"
echo "package: $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version), $(du -h "$deb" | cut -f1)"
echo "$root/$out/$(basename "$deb")"
