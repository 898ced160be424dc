#!/bin/sh
# npm test's pretest step: the browser tests drive Debian's Chromium
# (tests/support/browser.ts). Present: nothing to do. Missing: as root on
# Debian, install it (one line says so); otherwise stop at once with the
# command to run.
set -eu
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0

install="apt-get update && apt-get install -y --no-install-recommends chromium"
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH=$chromium is not an executable: point it at a Chromium, or unset it to use Debian's /usr/bin/chromium." >&2
  exit 1
fi
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "$chromium is missing: install Chromium, then run npm test with CHROMIUM_PATH=/path/to/chromium." >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "$chromium is missing: install Debian's chromium first: sudo sh -c '$install'" >&2
  exit 1
fi

echo "$chromium is missing: installing Debian's chromium ($install)"
log="$(mktemp)"
export DEBIAN_FRONTEND=noninteractive
# Another apt run on the machine holds the lock for a while: wait for it rather than fail.
if ! { apt-get -o DPkg::Lock::Timeout=300 update && apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "installing chromium failed (output above); run as root: $install" >&2
  exit 1
fi
rm -f "$log"
[ -x "$chromium" ] || { echo "apt-get installed chromium but $chromium is still missing" >&2; exit 1; }
