#!/bin/sh
# Four eyes on a high-risk approval (0016), in a real terminal: a supervisor
# approves a building permit, which waits for a second signature. The same
# supervisor is not offered the countersignature (F9). The second
# supervisor of the office is told at once, with no key pressed (0021):
# the status row names the approval and F6, which opens the inbox on it;
# Enter there opens the application at its countersignature, the form
# approves it with both names in its decision, and it leaves the inbox.
# An approval withdrawn while the inbox shows it leaves it by itself, and
# says so; in screen-reader mode the row says its place.
. "$(dirname "$0")/lib.sh"

. "$top/tests/fixtures.sh"

approval_waiting 60
first_nid=$nid first_app=$app first_number=$number
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = awaiting_countersign ]' \
    "the first supervisor's approval of a building permit waits for a countersignature"

wait_for_status() {
    i=0
    while ! traced_status | grep -qF -- "$1"; do [ $i -ge 500 ] && return 1; sleep 0.01; i=$((i + 1)); done
}
focused_row() { screen_row "$(frame_field row)"; }

# The first supervisor: the application says what it waits for; no countersignature offered.
export TUI_ENV="PGUSER=ank_supervisor"
tui_start --lang en
open_only_application "$first_nid"
check 'screen | grep -q "Status: Awaiting countersignature"' "the status is said in words" "$(screen)"
key F9 "the action menu"
check 'screen | grep -q "Withdraw at the citizen"' "the first supervisor is offered withdrawal" "$(screen)"
check '! screen | grep -q "Countersign the approval"' "but not the countersignature of their own approval" "$(screen)"
key Escape "close the menu"
key Escape "back to the citizen"
key F6 "the first supervisor's inbox"
wait_for_text "Screen: Inbox"
key End "the newest"
check '! screen | grep -qF "$first_number"' "nor is it in their inbox" "$(screen)"

# The second supervisor of the office is at the search screen when the
# first approves another: told at once, without a key.
export TUI_ENV="PGUSER=ank_supervisor2"
tui_start --lang en
wait_for_text "Screen: Citizen search"
approval_waiting 61
wait_for_status "waits for your countersignature"
check 'traced_status | grep -qF "Approval of $number waits for your countersignature (Building permit, approved by Zeynep Çelik). Press F6 to open it."' \
    "the status row names the approval waiting, who gave it and the key that opens it" "$(traced_status)"
key F6 "F6 after the announcement"
wait_for_text "Screen: Inbox"
check '[ "$(frame_field focus)" = Countersign ] && focused_row | grep -qF "Countersign: $number, Building permit, approved by Zeynep Çelik, waiting"' \
    "the inbox opens on it, labelled as a countersignature" "focus: $(frame_field focus), row: $(focused_row)"
check 'traced_status | grep -Eq "The approval just announced, application $number, is ([0-9]+) of \1\."' \
    "the status row says where it is: the newest" "$(traced_status)"
key Home "the oldest"
check 'screen | sed -n 3p | grep -Eq "^ *([0-9]+ waiting|Waiting 1 to [0-9]+ of [0-9]+) \(2 to countersign\), oldest first\. Enter opens one\.$"' \
    "the heading counts both waiting approvals among what waits" "$(screen | sed -n 3p)"
key F6 "F6 in the inbox"
check 'focused_row | grep -qF "Countersign: $number,"' "F6 goes back to it" "$(focused_row)"

# Enter: the application, at its countersignature.
key Enter "open it"
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
check 'screen | grep -q "Screen: Application" && screen | grep -q "Status: Approved"' \
    "under the form, its application shows it approved" "$(screen)"
check '[ "$(sql "SELECT a.status || '"'"' '"'"'|| f.role_name || '"'"' '"'"'|| s.role_name FROM gise.application a
                 JOIN gise.decision d ON d.application_id = a.id JOIN gise.staff f ON f.id = d.decided_by
                 JOIN gise.staff s ON s.id = d.countersigned_by WHERE a.id = $app")" = "approved ank_supervisor ank_supervisor2" ]' \
    "the decision names the supervisor who approved and the one who countersigned"
key Escape "back to the inbox"
wait_for_text "Screen: Inbox"
check '! screen | grep -qF "$number"' "it has left the inbox" "$(screen)"
key End "the newest"
check 'focused_row | grep -qF "Countersign: $first_number,"' "the first approval still waits, the newest now" "$(focused_row)"
check 'traced_status | grep -q "(1 to countersign)"' "one to countersign" "$(traced_status)"

# In screen-reader mode the row says its place; withdrawn meanwhile, the
# approval leaves the inbox by itself, and the moved focus is explained.
tui_start --lang en --screen-reader
wait_for_text "Screen: Citizen search"
key F6 "the inbox, listening"
wait_for_text "Screen: Inbox"
key End "the newest"
check 'screen | grep -Eq "^\(([0-9]+) of \1\) > Countersign: $first_number, Building permit, approved by" || screen | grep -Eq "> Countersign: $first_number, Building permit, approved by .*\(([0-9]+) of \1\)"' \
    "the focused row: Countersign, the number, and its place" "$(screen)"
sql "SET SESSION AUTHORIZATION ank_supervisor;
     SELECT status FROM gise.application_withdraw(gen_random_uuid(), $first_app,
                                                  (SELECT version FROM gise.application WHERE id = $first_app), 'Vazgeçti')" >/dev/null
wait_for_status "no longer waits"
check 'traced_status | grep -qF "Application $first_number no longer waits for your countersignature: answered by a colleague or withdrawn."' \
    "withdrawn, it leaves the inbox with no key pressed, and the status row says why the focus moved" "$(traced_status)"
check '! focused_row | grep -qF "$first_number" && ! focused_row | grep -q Countersign' \
    "the focus is on the row before it" "$(screen)"

tui_done
