# TAP for the shell tests: `ok STATUS WHAT [DETAIL]` and `check CONDITION
# WHAT [DETAIL]` print one numbered line each (DETAIL as comments when it
# failed); n and failed count them, for the plan ("1..$n") at the end.
n=0
failed=0

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
    fi
    return 0
}
check() { if eval "$1"; then ok 0 "$2"; else ok 1 "$2" "${3:-}"; fi; }
