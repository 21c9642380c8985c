#!/bin/sh
# Every test: unit (cmocka, no database), the translation catalogues,
# database (pgTAP and cmocka against a private PostgreSQL this script
# starts, migrates and fills), terminal (the real binary in tmux). Invoked by `make check`; prints prove's summary
# and a last line "N passed, N failed". `sh tests/run.sh FILE...` runs only
# those; GISE_PROVE_VERBOSE=1 shows every check, not only the failed files.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

export GISE_VAR="$top/var/test"
export GISE_PGPORT=${GISE_TEST_PGPORT:-54321}
export GISE_DBNAME=gise_test
export GISE_TEST_N=${GISE_TEST_N:-20000}
export CMOCKA_MESSAGE_OUTPUT=TAP
# `make check SANITIZE=1` names its own build (GISE_BUILD=build/san: the test
# programs) and binary (GISE_BIN): gise and the test programs built with
# AddressSanitizer and UBSan. The tests run GISE_BIN, this gise by default.
build=${GISE_BUILD:-build}
export GISE_BIN=${GISE_BIN:-$top/gise}

# A fresh cluster every run: nothing left over from an earlier one.
sh db/cluster.sh destroy >/dev/null 2>&1 || true
rm -rf "$GISE_VAR"
cleanup() { sh db/cluster.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

echo "tests: starting a private PostgreSQL for the database tests"
sh db/cluster.sh start
# pgTAP before the migrations: they stop PUBLIC from executing functions
# created afterwards, and the tests call pgTAP as staff roles.
(set -a; . "$GISE_VAR/pg.env"; set +a
 psql -X -q -U "$GISE_PGSUPERUSER" -c "CREATE EXTENSION IF NOT EXISTS pgtap")
sh db/migrate.sh --private >/dev/null
sh db/demo/load.sh "$GISE_TEST_N" >/dev/null
set -a; . "$GISE_VAR/pg.env"; set +a
# A sanitizer's report goes to a file of its own, whoever ran the program
# and wherever its output went (a tmux pane, /dev/null), so none passes
# unseen: any report fails the run below. A finding stops the program;
# memory lost at a normal exit is a finding too (LeakSanitizer).
san="$GISE_VAR/sanitizer"
if [ "$build" != build ]; then
    mkdir -p "$san" && chmod 1777 "$san"
    export ASAN_OPTIONS="log_path=$san/asan:detect_leaks=1:abort_on_error=1"
    export UBSAN_OPTIONS="log_path=$san/ubsan:print_stacktrace=1:halt_on_error=1"
fi
export GISE_TEST_SUPERUSER="$GISE_PGSUPERUSER"

# copy_database FROM TO: TO made afresh as a copy of FROM, with FROM's
# privileges on the database itself (CREATE DATABASE gives a copy the
# default ones: any role could make temporary tables in it again, which
# the migrations take away).
copy_database() {
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -U "$GISE_PGSUPERUSER" -d postgres \
        -c "DROP DATABASE IF EXISTS \"$2\"" -c "CREATE DATABASE \"$2\" TEMPLATE \"$1\""
    psql -X -q -v ON_ERROR_STOP=1 -U "$GISE_PGSUPERUSER" -d "$2" -v from="$1" -v to="$2" <<'SQL'
SELECT datacl IS NOT NULL AS has_acl FROM pg_database WHERE datname = :'from' \gset
\if :has_acl
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'to')
UNION ALL
SELECT format('GRANT %s ON DATABASE %I TO %s', a.privilege_type, :'to',
              CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = :'from' \gexec
\endif
SQL
}

# Arguments name the tests to run (all of them by default).
tests=${*:-$(
    find "$build/tests/unit" "$build/tests/db" -type f -perm -u+x -name 'test_*' 2>/dev/null | sort
    ls tests/layout/*.t tests/cli/*.t tests/i18n/*.t tests/db/*.sql tests/db/*.t tests/tui/*.t tests/line/*.t tests/speech/*.t tests/pkg/*.t tests/fuzz/*.t 2>/dev/null | sort
)}
# The whole suite runs in two lanes side by side, each one file at a time,
# each on a database of its own: the terminal tests and the speech test
# (two minutes, nearly all of it listening) on a copy of the test database
# made before any test ran; everything else on the test database itself.
# A test counts on what its lane's tests before it left (a clerk's look-ups
# this minute, the applications still open), never on the other lane's.
# What the lanes share is the cluster: role names a test makes are its own
# (gise_test_*), a session it ends is found by its own application name.
# tests/tui/ssh.t stays in the first lane: like tests/pkg/deb.t it runs
# `make install`, which builds into build/installed/. Named tests run one
# at a time, in the order given, on the test database.
jobs=
if [ $# -eq 0 ]; then
    lane_db=${GISE_DBNAME}_b
    second_lane=$(printf '%s\n' $tests | grep -E '^tests/(tui|speech)/' | grep -v '^tests/tui/ssh\.t$')
    copy_database "$GISE_DBNAME" "$lane_db"
    { echo "---"
      echo "par:"
      echo "  - seq:"
      printf '      - %s\n' $second_lane
      echo "  - seq: '**'"
    } >"$GISE_VAR/testrules.yml"
    export HARNESS_RULESFILE="$GISE_VAR/testrules.yml"
    export GISE_TEST_LANE_DB="$lane_db" GISE_TEST_LANE="$second_lane"
    jobs=-j2
fi
log="$GISE_VAR/prove.log"
# prove's own status, not tee's: a failing test must fail the run.
# shellcheck disable=SC2086 # one word per test file
{ rc=0; prove $jobs ${GISE_PROVE_VERBOSE:+-v} --timer --exec "sh $top/tests/tap-exec" $tests 2>&1 || rc=$?; echo "$rc" >"$GISE_VAR/prove.status"; } |
    tee "$log"
status=$(cat "$GISE_VAR/prove.status")
reports=$(ls "$san" 2>/dev/null | wc -l)
if [ "$reports" -gt 0 ]; then
    echo "tests: $reports sanitizer reports in $san:"
    for r in "$san"/*; do echo "--- $r"; head -n 30 "$r"; done
    [ "$status" -ne 0 ] || status=1
fi

total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
bad_files=$(grep -c 'Wstat: [1-9]\|Parse errors\|No subtests run' "$log" || true)
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=$bad_files
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$(( ${total:-0} - failed )) passed, $failed failed"
exit "$status"
