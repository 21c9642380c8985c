#!/bin/sh
# Site settings (gise.conf(5)) and the command line, tried as an
# administrator would: every key read, a bad line named by file and line
# before anything else happens, the order files < environment < options,
# --help in the language --lang names wherever it stands, and a plain
# `make` that never runs a package manager.
export LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/tap.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
gise="${GISE_BIN:-$top/gise}"
# No settings but the test's own: no user file, no GISE_* from outside.
export XDG_CONFIG_HOME="$work/xdg" HOME="$work/home"
unset GISE_LANG GISE_LOCK_AFTER GISE_SPOOL GISE_PRINT_COMMAND GISE_UNLOCK_COMMAND GISE_TLS \
    GISE_TRACE GISE_TRACE_PERSONAL GISE_SCREEN_READER GISE_SYSLOG GISE_SYSLOG_FACILITY GISE_SYSLOG_SOCKET NO_COLOR

conf="$work/gise.conf"
cat >"$conf" <<'CONF'
# every key, as an administrator writes them
database = service=gise
language = tr
screen_reader = yes
color = no
lock_after = 10m
unlock_command = vlock
spool = /var/spool/gise
print_command = "lp -d \"counter 1\""
tls = require
trace = /tmp/gise.trace
trace_personal = yes
syslog = no
syslog_facility = local3
syslog_socket = /run/test-log
CONF
out=$(PGHOST=/nonexistent "$gise" --config "$conf" --check-config 2>&1); rc=$?
check '[ "$rc" = 0 ]' "--check-config reads every key without connecting" "$rc: $out"
check 'printf "%s\n" "$out" | grep -q "^print_command = lp -d \"counter 1\"	# $conf:9$"' \
    "a quoted value keeps its escaped quotes, and says where it came from" "$out"
for pair in "database = service=gise" "language = tr" "screen_reader = yes" "color = no" \
    "lock_after = 10m" "unlock_command = vlock" "spool = /var/spool/gise" "tls = require" \
    "trace = /tmp/gise.trace" "trace_personal = yes" "syslog = no" "syslog_facility = local3" "syslog_socket = /run/test-log"; do
    check 'printf "%s\n" "$out" | grep -q "^$pair	# $conf:"' "the file's $pair" "$out"
done

# bad FILE-CONTENT EXPECTED: refused at start, exit 2, naming FILE:LINE.
bad() {
    expect=$2
    printf '# a settings file\n%s\n' "$1" >"$work/bad.conf"
    out=$(PGHOST=/nonexistent "$gise" --config "$work/bad.conf" --plain </dev/null 2>&1); rc=$?
    check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -q "$work/bad.conf:2: .*$expect"' "refused: $1" "$rc: $out"
}
bad "colour = no" 'unknown setting "colour"'
bad "lock_after = soon" 'lock_after must be a duration'
bad "tls = maybe" 'tls must be verify-full'
bad "screen_reader = perhaps" 'screen_reader must be yes or no'
bad "language = de" 'language must be tr or en'
bad "spool = var/spool" 'spool must be an absolute path'
bad "syslog_facility = kern" 'syslog_facility must be auth'
bad "print_command = \"lp" 'quoted value does not end'
bad "just words" 'expected key = value'
bad "$(printf 'unlock_command = a\001b')" 'the control character U+0001 at character 2'

# The order: system file < user file < environment < options.
mkdir -p "$XDG_CONFIG_HOME/gise"
printf 'lock_after = 10m\nlanguage = en\n' >"$XDG_CONFIG_HOME/gise/gise.conf"
out=$("$gise" --check-config 2>&1)
check 'printf "%s\n" "$out" | grep -q "^lock_after = 10m	# $XDG_CONFIG_HOME/gise/gise.conf:1$"' \
    "the user's file is read" "$out"
out=$(GISE_LOCK_AFTER=5m "$gise" --check-config 2>&1)
check 'printf "%s\n" "$out" | grep -q "^lock_after = 5m	# GISE_LOCK_AFTER$"' "the environment wins over the files" "$out"
out=$(GISE_LOCK_AFTER=5m "$gise" --lock-after=1m --check-config 2>&1)
check 'printf "%s\n" "$out" | grep -q "^lock_after = 1m	# --lock-after$"' "an option wins over the environment" "$out"
out=$(NO_COLOR=1 "$gise" --check-config 2>&1)
check 'printf "%s\n" "$out" | grep -q "^color = no	# NO_COLOR$"' "NO_COLOR turns colour off" "$out"
out=$(GISE_TLS=sometimes "$gise" --check-config 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -q "GISE_TLS: tls must be"' "a bad environment value names its variable" "$rc: $out"
out=$("$gise" --config "$work/missing.conf" --check-config 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -q "missing.conf: No such file"' "--config names a file that must exist" "$rc: $out"
out=$("$gise" --check-config 2>&1)
check 'printf "%s\n" "$out" | grep -q "^tls = verify-full	# "' "TLS is verify-full unless the site says otherwise" "$out"

# Values that cannot be text (issue 14, point 4), from the environment and
# the command line: refused at start with exit status 2, naming where they
# came from, what was wrong and where; never used, never echoed raw.
# refused WHAT EXPECTED COMMAND...: the command exits 2 and says EXPECTED.
refused() {
    what=$1 expect=$2
    shift 2
    out=$(PGHOST=/nonexistent "$@" 2>&1); rc=$?
    check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -qF -- "$expect" && ! printf "%s" "$out" | LC_ALL=C grep -q "$(printf "\033")"' \
        "refused: $what" "$rc: $out"
}
refused "GISE_SPOOL with an escape code" \
    "GISE_SPOOL: the value has an escape code (Esc, U+001B, a control character) at character 7:" \
    env GISE_SPOOL="$(printf '/tmp/a\033[2Jb')" "$gise" --check-config
refused "GISE_PRINT_COMMAND with invalid UTF-8" "GISE_PRINT_COMMAND: the value has bytes that are not UTF-8 text at byte 4:" \
    env GISE_PRINT_COMMAND="$(printf 'lp \377')" "$gise" --check-config
refused "GISE_UNLOCK_COMMAND of 5000 bytes" "GISE_UNLOCK_COMMAND: the value is too long: 5000 bytes, at most 4000" \
    env GISE_UNLOCK_COMMAND="$(head -c 5000 /dev/zero | tr '\0' a)" "$gise" --check-config
refused "--lock-after with a C1 control" "--lock-after: the value has the control character U+009B at character 3" \
    "$gise" --lock-after "$(printf '5m\302\233')" --check-config
refused "CONNINFO with a control character" "CONNINFO: the value has the control character U+0001 at character 6" \
    "$gise" --plain "$(printf 'host=\001x')"
refused "--config with a line break" "--config: the value has a line break at character 5" \
    "$gise" --config "$(printf '/tmp\nx')" --check-config
refused "an unknown option with a title sequence, shown harmless" "unknown option --x␛]0;owned␇" \
    "$gise" "$(printf -- '--x\033]0;owned\007')"

# getopt_long: --lang=tr, and --help in Turkish wherever --lang stands.
out=$("$gise" --help --lang tr 2>&1)
check 'printf "%s" "$out" | grep -q "^Kullanım: gise"' "--help --lang tr is Turkish" "$out"
out=$("$gise" --lang=tr --help 2>&1)
check 'printf "%s" "$out" | grep -q "^Kullanım: gise"' "--lang=tr --help is Turkish" "$out"
out=$("$gise" --help 2>&1)
for option in --lang --screen-reader --plain --lock-after --spool --tls --trace --config \
    --check-config --lapse-overdue --version --help; do
    check 'printf "%s" "$out" | grep -q -- "$option"' "--help names $option" "$out"
done
out=$("$gise" --bogus 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -q "unknown option --bogus"' "an unknown option is a usage error" "$rc: $out"
out=$("$gise" --lang tr --lock-after 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -q "değer ister"' "a missing value is said in Turkish" "$rc: $out"
out=$("$gise" --version)
check '[ "$out" = "gise $(sed -n "s/^#define GISE_VERSION \"\(.*\)\"$/\1/p" "$top/i18n/text/version.h")" ]' "--version" "$out"

# A plain make never runs a package manager; only make deps does.
out=$(cd "$top" && make -n all 2>&1)
check '! printf "%s" "$out" | grep -q "deps.sh\|apt-get"' "make never runs apt (make -n all)" "$out"
out=$(cd "$top" && make -n deps 2>&1)
check 'printf "%s" "$out" | grep -q "deps.sh"' "make deps does" "$out"
# An installed build never looks for the tree.
out=$(cd "$top" && make -n TREE= build/config.h 2>&1)
check '! printf "%s" "$out" | grep -q "GISE_TREE"' "make TREE= writes no tree path into the build" "$out"

echo "1..$n"
[ "$failed" -eq 0 ]
