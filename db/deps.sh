#!/bin/sh
# Makes sure the Debian packages named as arguments are installed.
# As root: installs the missing ones (apt-get update once, then install -y).
# As anyone else: names the missing ones and the command that installs them,
# and fails, so that nothing half-builds on a machine without them.
set -eu

missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "gise: these Debian packages are missing:$missing" >&2
    echo "gise: install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi

echo "gise: installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # word splitting of the package list is wanted
apt-get install -y -q --no-install-recommends $missing
