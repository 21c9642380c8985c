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

# Drafts (app/core/drafts.h) are offered when gise starts, in place of its
# first screen or prompt: a test starts with none of its own role(s) left
# in the database (NAMES, or every role's) and an empty journal directory
# (GISE_DRAFTS, which each test's library points into its own work
# directory).
drafts_reset() {
    if [ $# -gt 0 ]; then
        dr_in=$(printf "'%s'," "$@")
        sql "DELETE FROM gise.draft WHERE owner IN (${dr_in%,})" >/dev/null 2>&1
    else
        sql "DELETE FROM gise.draft" >/dev/null 2>&1
    fi
    [ -n "${GISE_DRAFTS:-}" ] && rm -rf "$GISE_DRAFTS"
    return 0
}

# gise_gone PID...: waits (3 s at most) until none of the gise processes
# runs (one that has exited and waits to be reaped has ended): a terminal
# that hung up saves its drafts first (within 1 s).
gise_gone() {
    gg_i=0
    for gg_pid in "$@"; do
        while [ $gg_i -lt 300 ]; do
            case $(ps -o stat=,comm= -p "$gg_pid" 2>/dev/null) in
                Z* | "") break ;;
                *gise) ;;
                *) break ;;
            esac
            sleep 0.01; gg_i=$((gg_i + 1))
        done
        end_if_leak_check_hung "$gg_pid"
    done
    return 0
}

# end_if_leak_check_hung PID: ends a sanitised gise (make check SANITIZE=1)
# whose LeakSanitizer check at exit never ends, seen after a terminal's
# hang-up: its tracer (a child of gise) waits for gise to stop, and gise
# spins waiting for the tracer, a core's worth for good. Only such a one is
# ended; a normal build never is one.
end_if_leak_check_hung() {
    eh_tracer=$(sed -n 's/^TracerPid:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
    case $eh_tracer in
        "" | 0) ;;
        *) [ "$(ps -o ppid= -p "$eh_tracer" 2>/dev/null | tr -d ' ')" = "$1" ] && kill -KILL "$1" 2>/dev/null &&
               echo "# ended gise $1, hung in LeakSanitizer's exit check" ;;
    esac
    return 0
}

# Runs SQL on the test database as its superuser; prints the result.
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -tA -v ON_ERROR_STOP=1 -U "$GISE_TEST_SUPERUSER" -c "$1"; }

# in_review_for OFFSET SERVICE [checked]: the citizen at OFFSET among those
# with no application gets one of SERVICE, opened and in review by
# ank_clerk1; with "checked", every document received and checked. Prints
# "national id|application id|number".
in_review_for() {
    ir_citizen=$(sql "SELECT id || '|' || national_id FROM gise.citizen c
                      WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
                      ORDER BY id LIMIT 1 OFFSET $1")
    ir_nid=${ir_citizen#*|}
    ir_app=$(sql "SET SESSION AUTHORIZATION ank_clerk1;
                  SELECT (gise.application_open(gen_random_uuid(), ${ir_citizen%%|*}, '$2')).application_id")
    sql "SET SESSION AUTHORIZATION ank_clerk1;
         DO \$\$
         DECLARE code text;
         BEGIN
             PERFORM gise.application_start_review(gen_random_uuid(), $ir_app, 1);
             FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                         WHERE ad.application_id = $ir_app AND '${3:-}' = 'checked' LOOP
                 PERFORM gise.document_mark(gen_random_uuid(), $ir_app, (SELECT version FROM gise.application WHERE id = $ir_app),
                                            code, true, true);
             END LOOP;
         END \$\$" >/dev/null
    echo "$ir_nid|$ir_app|$(sql "SELECT number FROM gise.application WHERE id = $ir_app")"
}

# lookup_room ROLE: waits (a minute at most) until ROLE has room for a few
# look-ups by identity number: the database allows 30 a minute per login
# (0014), and tests that follow one another as the same clerk could use a
# minute up between them; what a test checks is not that limit.
lookup_room() {
    lr_i=0
    while [ "$(sql "SELECT count(*) FROM gise.access_log WHERE kind = 'lookup' AND actor = '$1'
                    AND at > clock_timestamp() - interval '1 minute'")" -ge 20 ] && [ $lr_i -lt 65 ]; do
        sleep 1; lr_i=$((lr_i + 1))
    done
}
