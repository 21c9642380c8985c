# Data the shell tests (terminal and line mode) set up as staff would,
# through the database's own functions: sourced after tests/tap.sh (sql).

# approval_waiting OFFSET: a building permit for the OFFSET-th citizen who
# has no application, every document received and checked, approved by
# ank_supervisor: high risk, it waits for a countersignature (0016). Sets
# $nid (the citizen's identity number), $app (the application's id) and
# $number.
approval_waiting() {
    nid=$(sql "SELECT national_id FROM gise.citizen c WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
               ORDER BY id LIMIT 1 OFFSET $1")
    cid=$(sql "SELECT id FROM gise.citizen WHERE national_id = '$nid'")
    app=$(sql "SET SESSION AUTHORIZATION ank_supervisor;
               SELECT (gise.application_open(gen_random_uuid(), $cid, 'YAPI_RUHSATI')).application_id")
    sql "SET SESSION AUTHORIZATION ank_supervisor;
         DO \$\$
         DECLARE code text;
         BEGIN
             PERFORM gise.application_start_review(gen_random_uuid(), $app, 1);
             FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                         WHERE ad.application_id = $app LOOP
                 PERFORM gise.document_mark(gen_random_uuid(), $app, (SELECT version FROM gise.application WHERE id = $app),
                                            code, true, true);
             END LOOP;
             PERFORM gise.application_approve(gen_random_uuid(), $app, (SELECT version FROM gise.application WHERE id = $app),
                                              'Belgeler tam.');
         END \$\$" >/dev/null
    number=$(sql "SELECT number FROM gise.application WHERE id = $app")
}
