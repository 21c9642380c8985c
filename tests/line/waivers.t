#!/bin/sh
# An exception names the approval rule it waives (issue 13, point 4), in
# line mode. A clerk asks for an exception on an application whose
# mandatory documents are not checked: an empty answer to "Waives" is
# refused, a number names the rule, and the confirmation says it. The
# supervisor's record and decision step say what it waives before the
# choice; granted, the supervisor's approval is recorded with the waiver,
# which the record then shows. Asking for approval of such an application
# offers the waiver (an empty line declines it), and without it the
# supervisor's approval is refused in words; an application that meets
# every rule is not asked about waivers at all.
. "$(dirname "$0")/lib.sh"

rule="Every mandatory document received and checked"
medium=$(sql "SELECT code FROM gise.service WHERE risk_level = 'medium' AND active ORDER BY code LIMIT 1")

# Three applications of a medium-risk service in review by the clerk: two
# with no document received, one with every document checked.
row=$(in_review_for 90 "$medium"); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
row=$(in_review_for 91 "$medium"); plain_nid=${row%%|*}; rest=${row#*|}; plain_app=${rest%%|*}
row=$(in_review_for 92 "$medium" checked); met_nid=${row%%|*}; rest=${row#*|}; met_app=${rest%%|*}

# step ROLE NID LABEL: the number line mode gives the step LABEL on the
# application of NID, for ROLE now.
step() {
    printf '%s\n' "$2" 1 "" 1 q | gise_as "$1" --lang en | sed -n "s/^  \([0-9]*\)\. $3\$/\1/p" | head -n 1
}

# The clerk asks for an exception.
escalate=$(step ank_clerk1 "$nid" "Escalate to a supervisor")
printf '%s\n' "$nid" 1 "" 1 "$escalate" 3 "" 1 "Belge kayboldu" y q | gise_as ank_clerk1 --lang en >"$work/clerk.out"
check 'grep -q "^The rules the exception waives (at least one):$" "$work/clerk.out" && grep -q "^  1. $rule$" "$work/clerk.out"' \
    "the exception lists the rule it may waive, numbered" "$(sed -n '/^Choice: 3/,$p' "$work/clerk.out")"
check 'grep -qF "Error: Waives: an exception names at least one rule it waives. Choose one." "$work/clerk.out"' \
    "an empty answer is refused, naming the field" "$(sed -n '/^Choice: 3/,$p' "$work/clerk.out")"
check 'grep -qF "Escalate $number, asking for an exception to the rules and waiving: $rule? (y/n) y" "$work/clerk.out" &&
       grep -qF "Application $number is now: Escalated." "$work/clerk.out"' \
    "the confirmation names the rule; the application is escalated" "$(sed -n '/^Why:/,$p' "$work/clerk.out")"
check '[ "$(sql "SELECT requested_outcome || '"' '"' || waives::text FROM gise.escalation WHERE application_id = $app")" = "exception {documents_checked}" ]' \
    "the escalation names the documents rule as waived"

# The supervisor reads it and grants it.
decide=$(step ank_supervisor "$nid" "Decide the escalation")
printf '%s\n' "$nid" 1 "" 1 "$decide" 1 "Uygundur" y q | gise_as ank_supervisor --lang en >"$work/decide.out"
check 'grep -qF "  Waives: $rule" "$work/decide.out"' "the record says what the escalation waives" \
    "$(sed -n '/^Application /,/^Documents/p' "$work/decide.out")"
check 'sed -n "/^Decide the escalation: /,/^  1\. /p" "$work/decide.out" | grep -qF "  Waives: $rule"' \
    "the decision step says it again before the choice" "$(sed -n '/^Decide the escalation: /,$p' "$work/decide.out")"
check 'grep -qF "Escalation of $number approved. The application is now: In review." "$work/decide.out"' \
    "granted, the application is back in review" "$(sed -n '/^Decision:/,$p' "$work/decide.out")"

# The supervisor approves it; the record says what the approval waived.
approve=$(step ank_supervisor "$nid" "Approve")
printf '%s\n' "$nid" 1 "" 1 "$approve" y q | gise_as ank_supervisor --lang en >"$work/approve.out"
check 'grep -qF "Application $number is now: Approved." "$work/approve.out"' "the supervisor approves it" \
    "$(sed -n '/^Approve: /,$p' "$work/approve.out")"
check '[ "$(sql "SELECT waived::text FROM gise.decision WHERE application_id = $app AND outcome = '"'approved'"'")" = "{documents_checked}" ]' \
    "the decision records the waived rule"
printf '%s\n' "$nid" 1 "" 1 q | gise_as ank_clerk1 --lang en >"$work/record.out"
check 'grep -qF "  Waived at approval: $rule" "$work/record.out"' "the clerk's record says what the approval waived" \
    "$(sed -n '/^Application /,/^Documents/p' "$work/record.out")"

# Approval asked for, the waiver offered and declined: the supervisor's
# approval is refused.
escalate=$(step ank_clerk1 "$plain_nid" "Escalate to a supervisor")
printf '%s\n' "$plain_nid" 1 "" 1 "$escalate" 1 "" "Onay istiyorum" y q | gise_as ank_clerk1 --lang en >"$work/plain.out"
check 'grep -q "^Not met now: unless it is waived, the supervisor.s approval will be refused:$" "$work/plain.out" &&
       grep -q "^Waives (numbers separated by spaces; empty line: none): $" "$work/plain.out"' \
    "asking for approval offers the rule it does not meet, and an empty line declines" "$(sed -n '/^Choice: 1/,$p' "$work/plain.out")"
check '[ "$(sql "SELECT requested_outcome || '"' '"' || waives::text FROM gise.escalation WHERE application_id = $plain_app")" = "approve {}" ]' \
    "it is escalated waiving nothing"
decide=$(step ank_supervisor "$plain_nid" "Decide the escalation")
printf '%s\n' "$plain_nid" 1 "" 1 "$decide" 1 "Onay" y q | gise_as ank_supervisor --lang en >"$work/refused.out"
check '! sed -n "/^Decide the escalation: /,/^  1\. /p" "$work/refused.out" | grep -q "Waives:"' \
    "the decision step names no waiver" "$(sed -n '/^Decide the escalation: /,$p' "$work/refused.out")"
check 'grep -qF "Error: Every mandatory document must be received and checked before approval." "$work/refused.out"' \
    "the database refuses the supervisor's approval, said in words" "$(sed -n '/^Decision:/,$p' "$work/refused.out")"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $plain_app")" = escalated ] &&
       [ "$(sql "SELECT count(*) FROM gise.decision WHERE application_id = $plain_app")" = 0 ]' \
    "the application stays escalated, with no decision"

# Every rule met: asking for approval asks nothing about waivers.
escalate=$(step ank_clerk1 "$met_nid" "Escalate to a supervisor")
printf '%s\n' "$met_nid" 1 "" 1 "$escalate" 1 "Onay istiyorum" y q | gise_as ank_clerk1 --lang en >"$work/met.out"
check '! grep -q "Waives" "$work/met.out" && [ "$(sql "SELECT status FROM gise.application WHERE id = $met_app")" = escalated ]' \
    "an application that meets every rule goes straight to why" "$(sed -n '/^Choice: 1/,$p' "$work/met.out")"

line_done
