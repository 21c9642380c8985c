#!/bin/sh
# Processing an application at the counter, and two clerks meeting on the
# same one: the second hears who changed it and when, and sees the current
# state. Two real terminals (two tmux servers) side by side.
. "$(dirname "$0")/lib.sh"

row=$(sql "SELECT c.national_id || '|' || a.number FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
           WHERE a.status = 'received' AND a.office_id = (SELECT id FROM gise.office WHERE code = 'ANK')
             AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
             AND EXISTS (SELECT FROM gise.application_document d WHERE d.application_id = a.id AND d.received_at IS NULL)
           ORDER BY a.id LIMIT 1")
nid=${row%%|*}; number=${row#*|}

# The second clerk (Mehmet Öztürk, ank_clerk2) in a terminal of their own.
# Their stored profile is screen-reader mode, which shows one item at a
# time; this test reads their whole screen, as a sighted colleague would
# see it, so the profile is off while it runs (restored on exit).
sql "UPDATE gise.staff SET screen_reader = false WHERE role_name = 'ank_clerk2'" >/dev/null
trap 'sql "UPDATE gise.staff SET screen_reader = true WHERE role_name = '"'"'ank_clerk2'"'"'" >/dev/null' EXIT
b_start PGUSER=ank_clerk2 --lang en

tui_start --lang en
open_only_application "$nid"
check 'screen | grep -qF "Application number: $number"' "the application $number is open"
check 'screen | grep -q "Status: Received"' "it is received"
check 'screen | grep -q ": received: \(yes\|no\), checked: \(yes\|no\)"' "its checklist says received and checked in words"

b_wait "Search:"
b send-keys -t b "$nid"
b_wait "1 citizen found"
b send-keys -t b Enter
b_wait "Purpose of opening"
b send-keys -t b Enter
b_wait "Identity number: "
b send-keys -t b Enter
b_wait "Screen: Application"
check 'b_screen | grep -q "Status: Received"' "the second clerk has it open too, as received"

key F9 "the action menu"
check 'screen | grep -q "^> Start the review"' "the menu offers what the state allows: Start the review" "$(screen)"
check '! screen | grep -q "Complete"' "and nothing the state does not allow"
key Enter "choose Start the review"
check 'screen | grep -q "Start reviewing application $number?"' "a confirmation is asked first"
check '[ "$(frame_field focus)" = "Start reviewing application $number?" ]' "the cursor is on the question"
key Enter "confirm"
wait_for_text "is now: In review"
check 'screen | grep -q "Status: In review"' "the application is in review"
check 'screen | grep -q "Ayşe Kaya started the review"' "the history shows who started the review"

# The second clerk acts on what they saw: the database refuses, names who.
b send-keys -t b F9
b_wait "Start the review"
b send-keys -t b Enter
b_wait "Enter: yes"
b send-keys -t b Enter
b_wait "Error:"
check 'b_screen | grep -q "Error: Ayşe Kaya changed this application at [0-9-]* [0-9:]*"' \
    "the second clerk is told who changed it and when" "$(b_screen | message_of)"
check 'b_screen | grep -q "Status: In review"' "and sees the current state without pressing anything"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log l JOIN gise.application a ON a.id = l.application_id
                 WHERE a.number = '"'"'$number'"'"' AND l.action = '"'"'review'"'"'")" = 1 ]' \
    "the review happened once"

# Documents: Enter cycles received, checked, back; the database records who.
doc_row=$(screen | grep -n ": received: no, checked: " | head -n 1 | cut -d: -f1)
check '[ -n "$doc_row" ]' "a document is not received yet" "$(screen)"
while [ "$(frame_field row)" -lt $((doc_row - 1)) ]; do key Down "down to a document not received yet"; done
key Enter "mark the document received"
wait_for_text "is now: In review"
row_text=$(screen_row "$(frame_field row)")
check 'printf "%s" "$row_text" | grep -q "received: yes"' "the document is received" "$row_text"
key Enter "mark it checked"
row_text=$(screen_row "$(frame_field row)")
check 'printf "%s" "$row_text" | grep -q "checked: yes"' "the document is checked" "$row_text"
check '[ "$(sql "SELECT count(*) FROM gise.application_document ad JOIN gise.application a ON a.id = ad.application_id
                 WHERE a.number = '"'"'$number'"'"' AND ad.checked_by = (SELECT id FROM gise.staff WHERE role_name = '"'"'ank_clerk1'"'"')")" -ge 1 ]' \
    "the database records who checked it"

# What the second clerk typed survives a colleague's change: withdrawing,
# the reason is typed, the first clerk changes the application meanwhile.
b send-keys -t b F9
b_wait "Withdraw at the citizen's request"
b send-keys -t b Down Down Down Enter
b_wait "Screen: Withdrawal"
b send-keys -t b -l "Vatandaş vazgeçti"
# The field shows the end of what was typed ("…tandaş vazgeçti").
b_wait "tandaş vazgeçti"
key Enter "the first clerk changes a document meanwhile"
b send-keys -t b Down Enter
b_wait "Enter: yes"
b send-keys -t b Enter
b_wait "Error:"
check 'b_screen | grep -q "Error: Ayşe Kaya changed this application"' "the withdrawal meets the colleague's change, named" "$(b_screen | message_of)"
check 'b_screen | grep -q "Reason (required): Vatandaş vazgeçti"' "the reason typed is still there" "$(b_screen | sed -n 5p)"
b send-keys -t b Enter
b_wait "Enter: yes"
b send-keys -t b Enter
b_wait "is now: Withdrawn"
check 'b_screen | grep -q "Status: Withdrawn"' "the second try, on the current state, withdraws it"
check '[ "$(sql "SELECT status FROM gise.application WHERE number = '"'"'$number'"'"'")" = withdrawn ]' \
    "the database has it withdrawn"

b kill-server
tui_done
