#!/bin/sh
# Every test: unit (cmocka, no database), the translation catalogues,
# database (pgTAP and cmocka against a private PostgreSQL this script
# starts, migrates and fills), terminal (the real binary in tmux). Invoked by `make check`; prints prove's summary
# and a last line "N passed, N failed". `sh tests/run.sh FILE...` runs only
# those.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

export GISE_VAR="$top/var/test"
export GISE_PGPORT=${GISE_TEST_PGPORT:-54321}
export GISE_DBNAME=gise_test
export GISE_TEST_N=${GISE_TEST_N:-20000}
export CMOCKA_MESSAGE_OUTPUT=TAP

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
export GISE_TEST_SUPERUSER="$GISE_PGSUPERUSER"

# Arguments name the tests to run (all of them by default).
tests=${*:-$(
    find build/tests/unit build/tests/db -type f -perm -u+x -name 'test_*' 2>/dev/null | sort
    ls tests/layout/*.t tests/cli/*.t tests/i18n/*.t tests/db/*.sql tests/db/*.t tests/tui/*.t tests/line/*.t tests/speech/*.t tests/pkg/*.t 2>/dev/null | sort
)}
log="$GISE_VAR/prove.log"
# prove's own status, not tee's: a failing test must fail the run.
# shellcheck disable=SC2086 # one word per test file
{ rc=0; prove --timer --exec "sh $top/tests/tap-exec" $tests 2>&1 || rc=$?; echo "$rc" >"$GISE_VAR/prove.status"; } |
    tee "$log"
status=$(cat "$GISE_VAR/prove.status")

total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' "$log" | tail -n 1)
failed=$(sed -n 's/^ *Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
bad_files=$(grep -c 'Wstat: [1-9]\|Parse errors\|No subtests run' "$log" || true)
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=$bad_files
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$(( ${total:-0} - failed )) passed, $failed failed"
exit "$status"
