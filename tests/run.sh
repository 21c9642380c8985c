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

# Arguments name the tests to run (all of them by default).
tests=${*:-$(
    find "$build/tests/unit" "$build/tests/db" -type f -perm -u+x -name 'test_*' 2>/dev/null | sort
    ls tests/layout/*.t tests/cli/*.t tests/i18n/*.t tests/db/*.sql tests/db/*.t tests/tui/*.t tests/line/*.t tests/speech/*.t tests/pkg/*.t tests/fuzz/*.t 2>/dev/null | sort
)}
# The whole suite runs one file at a time, in the order above, but for two
# that run side by side: the speech test (two minutes, nearly all of it
# listening) and the package test (a build, apt, the installed binary).
# They share nothing that either changes: the package test's gise is
# /usr/bin/gise, its database gise_pkg_test, its accounts and roles are its
# own (gise-sealer, gise_lapse), it uses no tmux; in the test database it
# only looks a citizen up by name in line mode. The speech test's tmux
# servers, Fenrirs and files are under its own mktemp directories, and what
# it changes (its own citizens' applications and escalations) the package
# test never reads. Named tests run one at a time, in the order given.
jobs=
if [ $# -eq 0 ]; then
    cat >"$GISE_VAR/testrules.yml" <<'EOF'
---
seq:
  - seq:
      - build/**
      - tests/cli/**
      - tests/db/**
      - tests/i18n/**
      - tests/layout/**
      - tests/line/**
  - par:
      - tests/pkg/deb.t
      - tests/speech/speech.t
  - seq: '**'
EOF
    export HARNESS_RULESFILE="$GISE_VAR/testrules.yml"
    jobs=-j2
fi
log="$GISE_VAR/prove.log"
# prove's own status, not tee's: a failing test must fail the run.
# shellcheck disable=SC2086 # one word per test file
{ rc=0; prove $jobs --timer --exec "sh $top/tests/tap-exec" $tests 2>&1 || rc=$?; echo "$rc" >"$GISE_VAR/prove.status"; } |
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
