#!/bin/sh
# An exception names the approval rule it waives (issue 13, point 4), in a
# real terminal. A clerk escalates an application whose mandatory documents
# are not checked, asking for an exception: sending it with no rule ticked
# is refused and the cursor goes to the rule; ticked, the confirmation and
# the record name it. The supervisor's decision screen says what it waives
# before the choice; granting it sends the application back to review, and
# the supervisor's approval that follows is recorded with the waiver, which
# the record then shows. An approval asked for without a waiver is refused
# by the database, in words.
. "$(dirname "$0")/lib.sh"

rule="Every mandatory document received and checked"
medium=$(sql "SELECT code FROM gise.service WHERE risk_level = 'medium' AND active ORDER BY code LIMIT 1")

# Two citizens with no application, each given one of a medium-risk service
# in review by the clerk, no document received.
row=$(in_review_for 80 "$medium"); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
row=$(in_review_for 81 "$medium"); plain_nid=${row%%|*}; rest=${row#*|}; plain_app=${rest%%|*}
version() { sql "SELECT version FROM gise.application WHERE id = $1"; }
status() { sql "SELECT status FROM gise.application WHERE id = $1"; }
# What follows a failed step would only wait for screens that never come.
stop_unless() { [ "$(status "$1")" = "$2" ] || { echo "# stopping: application $1 is $(status "$1"), not $2"; tui_done; exit 1; }; }
# The second one is escalated asking for approval, waiving nothing.
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $plain_app, $(version "$plain_app"),
                                                  'Onay istiyorum', 'approve')" >/dev/null

# The clerk asks for an exception.
export TUI_ENV="PGUSER=ank_clerk1"
tui_start --lang en
open_only_application "$nid"
key F9 "the action menu"
down_to "Escalate to a supervisor"
key Enter "choose Escalate"
wait_for_text "Screen: Escalation"
down_to "Ask for an exception to the rules"
key Enter "choose the exception"
wait_for_text "Why"
check 'screen | grep -q "Asks for: an exception to the rules"' "the form says what is asked" "$(screen)"
check 'screen | grep -qF "The rules the exception waives (at least one"' "and that it waives at least one rule" "$(screen)"
check '[ "$(frame_field focus)" = "$rule" ] && screen_row "$(frame_field row)" | grep -qF "not waived: $rule"' \
    "the cursor starts on the waivable rule, its state in words first" "focus: $(frame_field focus); $(screen)"
key Down "to Why"
check '[ "$(frame_field focus)" = "Why" ]' "Down goes on to Why" "focus: $(frame_field focus)"
keys "Belge kayboldu" "the reason"
key Down "to the button"
key Enter "escalate with no rule ticked"
check 'screen | message_of | grep -qF "Error: Waives: an exception names at least one rule it waives. Choose one."' \
    "an exception that waives nothing is refused, naming the field" "$(screen | message_of)"
check '[ "$(frame_field focus)" = "$rule" ]' "and the cursor is put on the rule" "focus: $(frame_field focus)"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = in_review ]' "nothing was sent"
key Enter "tick the rule"
check 'screen_row "$(frame_field row)" | grep -qF "waived: $rule" && ! screen | grep -qF "not waived"' \
    "the rule says it is waived" "$(screen)"
check '[ "$(frame_field value)" = "waived" ]' "where-am-I reads its state" "value: $(frame_field value)"
key Down "to Why"
key Down "to the button"
key Enter "escalate"
wait_for_text "waiving"
check '[ "$(frame_field focus)" = "Escalate $number, asking for an exception to the rules and waiving: $rule?" ]' \
    "the confirmation names the rule it waives (its question, wrapped)" "focus: $(frame_field focus)"
key Enter "confirm"
wait_for_text "is now: Escalated"
check '[ "$(sql "SELECT requested_outcome || '"' '"' || waives::text FROM gise.escalation WHERE application_id = $app")" = "exception {documents_checked}" ]' \
    "the escalation names the documents rule as waived" "$(sql "SELECT requested_outcome, waives FROM gise.escalation WHERE application_id = $app")"
check 'screen | grep -qF "Waives: $rule"' "the record says what the escalation waives" "$(screen)"
stop_unless "$app" escalated

# The supervisor sees the waiver before choosing, and grants the exception.
export TUI_ENV="PGUSER=ank_supervisor"
tui_start --lang en
open_only_application "$nid"
key F9 "the action menu"
down_to "Decide the escalation"
key Enter "choose Decide"
wait_for_text "Screen: Escalation decision"
check 'screen | grep -q "Asks for: an exception to the rules"' "the decision screen says what was asked" "$(screen)"
check 'screen | grep -qF "Waives: $rule"' "and which rule it waives, by its title" "$(screen)"
key Enter "choose Approve"
keys "Uygundur" "the comment"
key Down "to the button"
key Enter "record the decision"
wait_for_text "This cannot be undone"
key Enter "confirm"
wait_for_text "is now: In review"
check 'traced_status | grep -qF "Escalation of $number approved. The application is now: In review."' \
    "granted, the application is back in review" "$(traced_status)"
stop_unless "$app" in_review

# The supervisor approves it: the database lets the granted waiver stand
# for the unchecked documents, and the decision records it.
wait_for_text "Screen: Application"
key F5 "refresh the application"
key F9 "the action menu"
down_to "Approve"
key Enter "choose Approve"
wait_for_text "This cannot be undone"
key Enter "confirm"
wait_for_text "is now: Approved"
check '[ "$(sql "SELECT d.waived::text FROM gise.decision d WHERE d.application_id = $app AND d.outcome = '"'approved'"'")" = "{documents_checked}" ]' \
    "the application is approved and the decision records the waived rule" "$(sql "SELECT outcome, waived, rule FROM gise.decision WHERE application_id = $app")"
check 'screen | grep -qF "Waived at approval: $rule"' "the record says what the approval waived" "$(screen)"

# An approval asked for without a waiver: the supervisor's approval is refused.
tui_start --lang en
open_only_application "$plain_nid"
key F9 "the action menu"
down_to "Decide the escalation"
key Enter "choose Decide"
wait_for_text "Screen: Escalation decision"
check '! screen | grep -q "Waives:"' "an escalation that waives nothing says no waiver" "$(screen)"
key Enter "choose Approve"
keys "Onay" "the comment"
key Down "to the button"
key Enter "record the decision"
wait_for_text "This cannot be undone"
key Enter "confirm"
wait_for_text "Error:"
check 'traced_status | grep -qF "Every mandatory document must be received and checked before approval."' \
    "the database refuses the approval, said in words" "$(traced_status)"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $plain_app")" = escalated ]' "the application stays escalated"
check '[ "$(sql "SELECT count(*) FROM gise.decision WHERE application_id = $plain_app")" = 0 ]' "and no decision is written"

tui_done
