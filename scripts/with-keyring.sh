#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (the real Secret
# Service) and a throwaway HOME, so tests never touch the user's keychain.
#   scripts/with-keyring.sh cargo test -p kitbench-core
set -euo pipefail

# Cargo and rustup live under the real HOME; keep finding them after HOME changes.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export npm_config_cache="${npm_config_cache:-$HOME/.npm}"

T=$(mktemp -d -t kitbench-keyring-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME=$T XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config XDG_CACHE_HOME=$T/cache \
  XDG_RUNTIME_DIR=$T/run
mkdir -p "$T/run" "$T/data" "$T/config" "$T/cache"
chmod 700 "$T/run"

# Unlock before anything touches the keyring: a locked one would open a prompt and block.
# The bus and the daemons it starts (keyring, accessibility bus) write to a log file, not to our
# stdout/stderr: one that outlived the session would otherwise hold the pipe of whoever reads our
# output (CI) open forever. The command itself gets the original stdout/stderr (fds 3 and 4).
exec 3>&1 4>&2
status=0
dbus-run-session -- sh -c \
  'printf kitbench-ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
   exec "$@" 1>&3 2>&4 3>&- 4>&-' \
  with-keyring "$@" >"$T/session.log" 2>&1 || status=$?
if ((status != 0)); then
  echo "with-keyring: exit $status; the D-Bus session's log ends with:" >&2
  tail -n 20 "$T/session.log" >&2
fi
exit "$status"
