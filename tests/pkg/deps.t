#!/bin/sh
# make deps (db/deps.sh) on a machine whose last package installation was
# interrupted: CI's machine came up with man-db half-configured (the image
# was taken while dpkg ran man-db's trigger) and apt-get refused everything
# until `dpkg --configure -a`, so the whole run ended after 3 s. Tried here
# with the real dpkg on a scratch database of its own (DPKG_ADMINDIR, which
# dpkg, dpkg-query and dpkg --audit all read) holding a package left
# half-configured; apt-get, which would reach the network and the machine's
# own database, is a stand-in that writes down how it was called.
export LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/tap.sh"

work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
probe=gise-deps-probe

# A dpkg database with one package in STATE.
admindir() {
    rm -rf "$work/adm"
    mkdir -p "$work/adm/info" "$work/adm/updates" "$work/adm/triggers"
    : >"$work/adm/available"
    : >"$work/adm/info/$probe.list"
    : >"$work/adm/info/$probe.md5sums"
    cat >"$work/adm/status" <<STATUS
Package: $probe
Status: install ok $1
Priority: optional
Section: misc
Installed-Size: 1
Maintainer: gise tests <gise@localhost>
Architecture: all
Version: 1.0
Description: a package for make deps to find

STATUS
    chmod -R a+rX "$work/adm"
}
status() { DPKG_ADMINDIR="$work/adm" dpkg-query -W -f='${Status}' "$probe"; }

mkdir "$work/bin"
cat >"$work/bin/apt-get" <<STUB
#!/bin/sh
echo "\$*" >>"$work/apt-calls"
exit 0
STUB
chmod 755 "$work/bin/apt-get"

# Runs db/deps.sh PACKAGES as USER (root or another) on the scratch database.
deps() {
    as=$1; shift
    rm -f "$work/apt-calls"
    if [ "$as" = root ]; then
        out=$(PATH="$work/bin:$PATH" DPKG_ADMINDIR="$work/adm" sh "$top/db/deps.sh" "$@" 2>&1)
    else
        out=$(runuser -u "$as" -- env PATH="$work/bin:$PATH" DPKG_ADMINDIR="$work/adm" sh "$top/db/deps.sh" "$@" 2>&1)
    fi
    rc=$?
}

if [ "$(id -u)" -ne 0 ]; then
    echo "1..0 # SKIP needs root (dpkg --configure, and a second account to try)"
    exit 0
fi

# 1. Interrupted: as root, make deps finishes it, then needs nothing more.
admindir half-configured
check '[ "$(status)" = "install ok half-configured" ]' "the scratch database holds $probe half-configured" "$(status)"
deps root "$probe"
check '[ "$rc" -eq 0 ]' "make deps succeeds over an interrupted installation" "rc=$rc; $out"
check 'printf "%s" "$out" | grep -q "interrupted.*dpkg --configure -a"' "it says what it does: dpkg --configure -a" "$out"
check 'printf "%s" "$out" | grep -q "gise:   .*$probe"' "it names the package left half-configured" "$out"
check '[ "$(status)" = "install ok installed" ]' "$probe is configured afterwards" "$(status)"
check '[ ! -e "$work/apt-calls" ]' "apt-get is not needed once dpkg has finished" "$(cat "$work/apt-calls" 2>/dev/null)"

# 2. Nothing to do: not a word, no package manager.
deps root "$probe"
check '[ "$rc" -eq 0 ] && [ -z "$out" ] && [ ! -e "$work/apt-calls" ]' "with everything installed it says and runs nothing" "rc=$rc; $out"

# 3. Missing for real: apt-get update once, then install -y of just that,
#    waiting for a lock another apt holds.
deps root "$probe" gise-deps-absent
check '[ "$rc" -eq 0 ]' "a missing package goes to apt-get" "rc=$rc; $out"
calls=$(cat "$work/apt-calls" 2>/dev/null)
check '[ "$(printf "%s\n" "$calls" | sed -n 1p)" = "-o DPkg::Lock::Timeout=300 update -q" ]' "apt-get update first, waiting for the lock" "$calls"
check '[ "$(printf "%s\n" "$calls" | sed -n 2p)" = "-o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends gise-deps-absent" ] && [ "$(printf "%s\n" "$calls" | wc -l)" -eq 2 ]' \
    "then install -y of the missing one only" "$calls"

# 4. Not root: nothing changed, and the commands that would mend it named.
admindir unpacked
deps postgres "$probe"
check '[ "$rc" -ne 0 ]' "as another user it fails rather than half-build" "rc=$rc; $out"
check 'printf "%s" "$out" | grep -q "sudo dpkg --configure -a"' "and names sudo dpkg --configure -a first" "$out"
check 'printf "%s" "$out" | grep -q "sudo apt-get install -y $probe"' "then the apt-get that installs the rest" "$out"
check '[ "$(status)" = "install ok unpacked" ] && [ ! -e "$work/apt-calls" ]' "and touches nothing" "$(status)"

echo "1..$n"
[ "$failed" -eq 0 ]
