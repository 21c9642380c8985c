#!/bin/sh
# Makes sure the Debian packages named as arguments are installed.
# As root: finishes a package installation that was interrupted (apt refuses
# to install anything until `dpkg --configure -a` has run, and a machine
# image taken while dpkg ran a trigger comes up that way), then installs the
# missing ones (apt-get update once, then install -y).
# As anyone else: names the missing ones and the commands that install them,
# and fails, so that nothing half-builds on a machine without them.
set -eu

missing_of() {
    missing=""
    for pkg in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        case "$status" in
            *"ok installed"*) ;;
            *) missing="$missing $pkg" ;;
        esac
    done
}

missing_of "$@"
[ -z "$missing" ] && exit 0

# dpkg --audit names every package left unpacked or half-configured.
interrupted=$(dpkg --audit 2>/dev/null || true)

if [ "$(id -u)" -ne 0 ]; then
    echo "gise: these Debian packages are missing or not fully installed:$missing" >&2
    if [ -n "$interrupted" ]; then
        echo "gise: an earlier package installation was interrupted; finish it first with: sudo dpkg --configure -a" >&2
    fi
    echo "gise: install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ -n "$interrupted" ]; then
    echo "gise: an earlier package installation was interrupted; finishing it: dpkg --configure -a"
    printf '%s\n' "$interrupted" | sed 's/^/gise:   /'
    dpkg --configure -a
    missing_of "$@"
    [ -z "$missing" ] && exit 0
fi

echo "gise: installing missing Debian packages:$missing"
# Another apt (unattended-upgrades at boot, say) may hold the lock: wait for
# it rather than fail the whole set-up.
apt-get -o DPkg::Lock::Timeout=300 update -q
# shellcheck disable=SC2086 # word splitting of the package list is wanted
apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends $missing
