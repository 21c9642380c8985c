# Data the shell tests (terminal and line mode) set up as staff would,
# through the database's own functions: sourced after tests/tap.sh (sql).

# approval_waiting OFFSET: a building permit for the OFFSET-th citizen who
# has no application, opened and every document checked by ank_clerk1
# (in_review_for), approved by ank_supervisor: high risk, it waits for a
# countersignature (0016). Sets $nid (the citizen's identity number), $app
# (the application's id) and $number.
approval_waiting() {
    aw_row=$(in_review_for "$1" YAPI_RUHSATI checked)
    nid=${aw_row%%|*}; aw_rest=${aw_row#*|}; app=${aw_rest%%|*}; number=${aw_rest#*|}
    sql "SET SESSION AUTHORIZATION ank_supervisor;
         SELECT status FROM gise.application_approve(gen_random_uuid(), $app, (SELECT version FROM gise.application WHERE id = $app),
                                                     'Belgeler tam.')" >/dev/null
}
