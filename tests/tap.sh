# TAP for the shell tests (terminal and line mode): numbered results, a
# check that evaluates a condition, and SQL as the test database's
# superuser. The sourcing file prints the plan ("1..$n") at the end.

n=0
failed=0

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        # A TODO (a known gap, named) is reported, not counted as failed.
        case $2 in *"# TODO"*) ;; *) failed=$((failed + 1)) ;; esac
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
    fi
    return 0
}
# A11Y_TODO (a known gap, named) turns a failed check into a TODO.
check() { if eval "$1"; then ok 0 "$2"; else ok 1 "$2${A11Y_TODO:+ # TODO $A11Y_TODO}" "${3:-}"; fi; }

# Runs SQL on the test database as its superuser; prints the result.
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -tA -v ON_ERROR_STOP=1 -U "$GISE_TEST_SUPERUSER" -c "$1"; }
