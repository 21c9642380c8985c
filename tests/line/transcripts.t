#!/bin/sh
# Line mode does the counter's whole job through a pipe, as a script would:
# a clerk finds a citizen, opens an application, reviews it, issues a
# deficiency notice, records the documents' arrival and rejects it with a
# reason; another clerk escalates one asking for a rejection; the
# supervisor reads the inbox and approves, in Turkish; the clerk reads the
# decision in their inbox. Each transcript is compared with the expected
# one (tests/line/expected), and the database with what was said.
. "$(dirname "$0")/lib.sh"

fresh_citizen() {   # an English- or Turkish-preferring citizen with no application
    sql "SELECT id FROM gise.citizen c WHERE preferred_language = '$1' AND email IS NOT NULL
          AND phone IS NOT NULL AND address IS NOT NULL AND birth_place <> city AND accessibility_needs IS NULL
          AND NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
          ORDER BY id DESC LIMIT 1 OFFSET $2"
}

# 1. Clerk: the whole path of one application, ending in a rejection.
c1=$(fresh_citizen en 0)
c2=$(fresh_citizen tr 0)
if [ -z "$c1" ] || [ -z "$c2" ]; then
    ok 1 "the demo data has citizens without applications to start from"
    line_done
    exit 1
fi
citizen_facts "$c1"
printf '%s\n' "$CIT_ID" 1 "" n pasaport 1 "1 2" 1 y d1 1 "" "" \
    "Please bring the health report and the photograph." y 1 y 2 DOC "1" \
    "The photograph is older than six months." y w q |
    gise_as ank_clerk1 --lang en >"$work/clerk.out"
compare clerk_en "$work/clerk.out"
check '[ "$(cat "$work/status")" = 0 ]' "a session without refusals exits 0"
app1=$(sql "SELECT a.id FROM gise.application a WHERE a.citizen_id = $c1")
check '[ "$(sql "SELECT status || '"'"' '"'"' || (SELECT reason_code FROM gise.decision d WHERE d.application_id = a.id)
                  FROM gise.application a WHERE a.id = $app1")" = "rejected DOC-01" ]' \
    "the database has the rejection with the reason chosen"
check '[ "$(sql "SELECT string_agg(action, '"'"','"'"' ORDER BY id) FROM gise.audit_log WHERE application_id = $app1")" = \
        "open,review,document,deficiency,arrived,reject" ]' \
    "one audit row per step, in order: $(sql "SELECT string_agg(action, ',' ORDER BY id) FROM gise.audit_log WHERE application_id = $app1")"
check '[ "$(ls "$GISE_SPOOL" | wc -l)" = 2 ] && grep -q "Please bring the health report" "$GISE_SPOOL"/*deficiency*' \
    "the deficiency letter and the rejection letter are in the spool"

# 2. Another clerk escalates a social-assistance application, asking for a
# rejection for a reason only a supervisor may give.
citizen_facts "$c2"
printf '%s\n' "$CIT_ID" 1 "" n "sosyal yardim" 1 "" 1 y 2 2 income 1 \
    "Declared income is above the limit; I ask for a rejection." y q |
    gise_as ank_clerk2 --lang en >"$work/escalate.out"
compare escalate_en "$work/escalate.out"
app2=$(sql "SELECT a.id FROM gise.application a WHERE a.citizen_id = $c2")
number2=$(sql "SELECT number FROM gise.application WHERE id = $app2")
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app2")" = escalated ]' "the application is escalated"

# 3. The supervisor, in Turkish: the inbox, the application, the decision.
# The escalation just raised is the newest: last on the last page (e),
# numbered with its place in the whole inbox.
position=$(PGUSER=ank_supervisor psql -X -tA -c "SELECT p.position FROM gise.escalation_inbox_page(NULL, false, false, 20) p
                                                  WHERE (p.item).application_number = '$number2'")
total=$(PGUSER=ank_supervisor psql -X -tA -c "SELECT max(total) FROM gise.escalation_inbox_page(NULL, true, false, 20)")
check '[ -n "$position" ] && [ "$position" = "$total" ]' "the escalation is the newest in the supervisor's inbox (row $position of $total)"
printf '%s\n' i e "$position" 1 1 "Gelir sınırın üstünde; ret onaylandı." e q |
    KEEP_NUMBER=$number2 gise_as ank_supervisor --lang tr >"$work/decide.out"
PAGED_INBOX=1 POSITION=$position KEEP_NUMBER=$number2 compare decide_tr "$work/decide.out"
# The inbox pages: at most 20 rows before a "more" question, whose answer
# (e) lists the newest 20, the last of them the escalation.
check '[ "$(grep -c "^  [0-9]*\. 20[0-9][0-9]-[0-9]\{6\}  " "$work/decide.out")" -le 40 ] &&
       { [ "$total" -le 20 ] || grep -q "^20 / [0-9]* gösterildi\. .*: e$" "$work/decide.out"; } &&
       grep -q "^  $position\. $number2  " "$work/decide.out"' \
    "the supervisor's inbox is paged (row $position): 20 rows, then e at the more question lists the newest" \
    "$(grep -v "^  " "$work/decide.out" | head -n 12)"
check '[ "$(sql "SELECT a.status || '"'"' '"'"' || d.reason_code || '"'"' '"'"' || (d.letter_text IS NOT NULL)
                  FROM gise.application a JOIN gise.decision d ON d.application_id = a.id WHERE a.id = $app2")" = "rejected ELG-01 true" ]' \
    "the approved escalation rejected the application, with the letter stored"

# 4. The clerk who asked reads the decision in the inbox.
printf '%s\n' i q | KEEP_NUMBER=$number2 gise_as ank_clerk2 --lang en >"$work/inbox.out"
KEEP_NUMBER=$number2 compare inbox_en "$work/inbox.out"

line_done
