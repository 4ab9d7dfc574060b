#!/usr/bin/env bash
# The .deb's desktop entry hands kitbench:// links to the installed app. Bundles the debug build
# (scripts/package.sh --debug: the bundler and config of `make package`, without a release
# build) and checks, in the package itself:
#   - control: Package kitbench; the binary at /usr/bin/kitbench, an executable ELF;
#   - usr/share/applications/Kitbench.desktop: passes desktop-file-validate, declares
#     MimeType=x-scheme-handler/kitbench; and Exec=kitbench %u (the program on PATH, the URL);
#   - unpacked under a temp prefix, update-desktop-database + xdg-mime (what dpkg's trigger and
#     a browser's opener do) pick that entry as the kitbench:// handler.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-package: FAIL: $*" >&2; exit 1; }

t0=$SECONDS
deb=$(scripts/package.sh --debug | tail -n 1)
[[ -f $deb ]] || fail "scripts/package.sh printed no .deb path (got: $deb)"
echo "test-package: $deb (bundled in $((SECONDS - t0)) s)"

T=$(mktemp -d -t kitbench-deb-XXXXXX)
trap 'rm -rf "$T"' EXIT

[[ $(dpkg-deb -f "$deb" Package) == kitbench ]] || fail "Package is not kitbench: $(dpkg-deb -f "$deb" Package)"
listing=$(dpkg-deb -c "$deb")
grep -Eq '^-rwxr-xr-x .* (\./)?usr/bin/kitbench$' <<<"$listing" || fail "no executable ./usr/bin/kitbench in the package:
$listing"
entry_path=usr/share/applications/Kitbench.desktop
grep -Eq " (\./)?$entry_path\$" <<<"$listing" || fail "no ./$entry_path in the package"

dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$T"
file -b "$T/usr/bin/kitbench" | grep -q '^ELF 64-bit.*executable' || fail "usr/bin/kitbench is not an executable: $(file -b "$T/usr/bin/kitbench")"
entry="$T/$entry_path"
echo "test-package: $entry_path:"
sed 's/^/  /' "$entry"

report=$(desktop-file-validate "$entry" 2>&1) || fail "desktop-file-validate: $report"
[[ -z $report ]] || fail "desktop-file-validate warns: $report"
key() { sed -n "s/^$1=//p" "$entry"; }
[[ $(grep -c '^Exec=' "$entry") == 1 ]] || fail "expected one Exec line"
[[ $(key Exec) == "kitbench %u" ]] || fail "Exec is '$(key Exec)', expected 'kitbench %u'"
[[ ";$(key MimeType)" == *";x-scheme-handler/kitbench;"* ]] || fail "MimeType '$(key MimeType)' lacks x-scheme-handler/kitbench;"

# Installed: the system's desktop database makes the entry the scheme's handler (on a fresh
# HOME: no user default to shadow it).
update-desktop-database "$T/usr/share/applications"
grep -qx 'x-scheme-handler/kitbench=Kitbench.desktop;' "$T/usr/share/applications/mimeinfo.cache" ||
  fail "mimeinfo.cache has no kitbench handler: $(cat "$T/usr/share/applications/mimeinfo.cache")"
mkdir -p "$T/home/data" "$T/home/config"
handler=$(env -u XDG_CURRENT_DESKTOP HOME="$T/home" XDG_DATA_HOME="$T/home/data" XDG_CONFIG_HOME="$T/home/config" \
  XDG_DATA_DIRS="$T/usr/share" xdg-mime query default x-scheme-handler/kitbench)
[[ $handler == Kitbench.desktop ]] || fail "xdg-mime's handler for kitbench:// is '$handler', expected Kitbench.desktop"

echo "test-package: ok ($((SECONDS - t0)) s)"
