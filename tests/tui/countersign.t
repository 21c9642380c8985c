#!/bin/sh
# Four eyes on a high-risk approval (0016), in a real terminal: a supervisor
# approves a building permit, which waits for a second signature. The same
# supervisor is not offered the countersignature (F9); the second
# supervisor of the office is, countersigns it on the form, and the
# application is approved with both names in its decision.
. "$(dirname "$0")/lib.sh"

# A citizen with no application, and a building permit approved by the
# first supervisor (every document checked), waiting for a countersignature.
row=$(in_review_for 60 YAPI_RUHSATI checked); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
sql "SET SESSION AUTHORIZATION ank_supervisor;
     SELECT status FROM gise.application_approve(gen_random_uuid(), $app, (SELECT version FROM gise.application WHERE id = $app),
                                                 'Belgeler tam.')" >/dev/null
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = awaiting_countersign ]' \
    "the first supervisor's approval of a building permit waits for a countersignature"

# The first supervisor: the application says what it waits for; no countersignature offered.
export TUI_ENV="PGUSER=ank_supervisor"
tui_start --lang en
open_only_application "$nid"
check 'screen | grep -q "Status: Awaiting countersignature"' "the status is said in words" "$(screen)"
key F9 "the action menu"
check 'screen | grep -q "Withdraw at the citizen"' "the first supervisor is offered withdrawal" "$(screen)"
check '! screen | grep -q "Countersign the approval"' "but not the countersignature of their own approval" "$(screen)"

# The second supervisor of the office countersigns.
export TUI_ENV="PGUSER=ank_supervisor2"
tui_start --lang en
open_only_application "$nid"
key F9 "the action menu"
check 'screen | grep -q "Countersign the approval"' "the second supervisor is offered the countersignature" "$(screen)"
down_to "Countersign the approval"
key Enter "choose: Countersign the approval"
wait_for_text "Screen: Countersignature"
check 'screen | grep -qF "Countersigning the approval of $number"' "the form names the application" "$(screen)"
check '[ "$(frame_field focus)" = "Countersign: the application is approved" ]' "the cursor starts on Countersign" \
    "focus: $(frame_field focus)"
key Down "to Refuse"
key Down "to the comment"
key Down "to the button, nothing chosen"
key Enter "record without an answer"
check 'screen | message_of | grep -q "Answer: choose Countersign or Refuse with Enter."' "a missing answer is named" \
    "$(screen | message_of)"
check '[ "$(frame_field focus)" = "Countersign: the application is approved" ]' "and the cursor is put on the choices"
key Enter "choose Countersign"
check 'screen | grep -q "Countersign: the application is approved (selected)"' "the choice says it is selected" "$(screen)"
keys "Uygundur" "the comment"
key Down "to the button"
key Enter "record the answer"
wait_for_text "This cannot be undone"
check 'screen | grep -qF "Countersign the approval of $number? This cannot be undone."' "a confirmation is asked" "$(screen)"
key Enter "confirm"
wait_for_text "countersigned"
check 'traced_status | grep -qF "Approval of $number countersigned. The application is now: Approved."' \
    "the status row says it is approved" "$(traced_status)"
check '[ "$(sql "SELECT a.status || '"'"' '"'"'|| f.role_name || '"'"' '"'"'|| s.role_name FROM gise.application a
                 JOIN gise.decision d ON d.application_id = a.id JOIN gise.staff f ON f.id = d.decided_by
                 JOIN gise.staff s ON s.id = d.countersigned_by WHERE a.id = $app")" = "approved ank_supervisor ank_supervisor2" ]' \
    "the decision names the supervisor who approved and the one who countersigned"

tui_done
