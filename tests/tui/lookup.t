#!/bin/sh
# The clerk's first job: find the citizen in front of them. The real binary
# in tmux at 80x24 on the test database; after every key the hardware cursor
# must be on the focus and the focused label on the cursor's row.
. "$(dirname "$0")/lib.sh"

tui_start --lang en
check 'screen_row 0 | grep -q "^Screen: Citizen search"' "the first row names the screen"
check 'screen_row 0 | grep -q "clerk, ANK"' "the first row says who is signed in"
check '[ "$(frame_field screen)" = "Citizen search" ]' "the trace names the screen"
check_focus "at start"

keys "isik" "searching isik"
wait_for_text "Işık"
check 'screen | grep -q "^> \\|^  [0-9]\\{3\\}\\*\\{6\\}[0-9][0-9]  Işık\\|  Işık"' "isik finds a Işık" "$(screen)"
check 'screen | grep -q "[0-9]\\{3\\}\\*\\*\\*\\*\\*\\*[0-9][0-9]"' "identity numbers are masked in the list"
check '! screen | grep -q "[0-9]\\{11\\}"' "no full identity number is shown in the list"
key Down "into the results"
check 'screen | grep -q "^> "' "the selected row is marked with >"
key Down "next result"
key Up "previous result"
key Up "back to the field"
key Escape "Esc clears the field"
check '[ -z "$(screen_row 2 | sed "s/^Search: *//")" ]' "the field is empty after Esc"

# A mistyped identity number is caught before the database is asked.
keys "12345678901" "identity number"
check 'bottom_rows 3 | grep -q "Error: Identity number is not valid"' "an invalid identity number says so on the message rows at the bottom" "$(bottom_rows 3)"
check '[ "$(frame_field focus)" = "Search" ] && [ "$(frame_field col)" -eq 19 ]' \
    "the cursor stays in the field, after the number"
key Escape

# A real citizen with applications: open them, then one application.
row=$(sql "SELECT c.national_id || '|' || c.given_name || ' ' || c.family_name || '|' || a.number
           FROM gise.citizen c JOIN gise.application a ON a.citizen_id = c.id
           WHERE a.office_id = (SELECT id FROM gise.office WHERE code = 'ANK')
             AND NOT EXISTS (SELECT FROM gise.application x WHERE x.citizen_id = c.id AND x.office_id <> a.office_id)
           ORDER BY c.id LIMIT 1")
nid=${row%%|*}; rest=${row#*|}; name=${rest%%|*}; number=${rest#*|}
keys "$nid" "identity number"
wait_for_text "1 citizen found"
check 'screen | grep -qF "$name"' "the identity number finds $name"
key Enter "open the citizen"
wait_for_text "Screen: Purpose of opening"
check_focus "on the purpose chooser"
check '[ "$(frame_field focus)" = 1 ]' "the purpose chooser starts on the default, the first the first time"
check 'bottom_rows 3 | grep -q "Purpose: Enter takes Counter service"' "and says what Enter takes" "$(bottom_rows 3)"
# (1, not another: the latest choice is the next default, also in the
# line-mode transcripts that run later as the same clerk.)
key 1 "one key picks the purpose: counter service"
wait_for_text "Identity number: "
check 'screen_row 0 | grep -q "^Screen: Citizen "' "the citizen screen names itself"
check 'screen | grep -qF "Identity number: $nid"' "the detail shows the full identity number"
check 'screen | grep -qF "$number"' "the citizen's application $number is listed"
check '[ "$(frame_field focus)" = "$number" ]' "focus starts on the first application"
check '[ "$(sql "SELECT count(*) FROM gise.access_log a JOIN gise.citizen c ON c.id = a.citizen_id
                 WHERE c.national_id = '"'"'$nid'"'"' AND a.screen = '"'"'citizen-detail'"'"'")" -ge 1 ]' \
    "opening the citizen wrote access_log"
check '[ "$(sql "SELECT purpose FROM gise.access_log a JOIN gise.citizen c ON c.id = a.citizen_id
                 WHERE c.national_id = '"'"'$nid'"'"' AND a.screen = '"'"'citizen-detail'"'"' ORDER BY a.id DESC LIMIT 1")" = counter ]' \
    "with the purpose chosen"
key Up "walk the record upwards"
key Up
key Down
key Down
key Enter "open the application"
wait_for_text "Screen: Application"
check 'screen | grep -qF "Application number: $number"' "the application screen shows its number"
check 'screen | grep -q "Status: "' "the application screen shows its status"
key Escape "back to the citizen"
key Escape "back to the search"
check 'screen_row 0 | grep -q "^Screen: Citizen search"' "Esc leads back to the search"

# Help is generated from the key table: every global key is listed.
key F1 "help"
wait_for_text "Screen: Help"
for k in F1 F2 F3 F4 F5 F6 F9 F10 F12 Ctrl-F Ctrl-Q Esc Tab Enter; do
    check 'screen | grep -q "^[> ] .*$k"' "help lists $k" "$(screen)"
done
key Escape "leave help"

key F4 "where am I"
check 'bottom_rows 3 | grep -q "Screen: Citizen search. Focus: Search"' "F4 says where the focus is" "$(bottom_rows 3)"
key F12 "message history"
wait_for_text "Screen: Message history"
check 'screen | grep -q "Identity number is not valid"' "the history keeps earlier messages"
key Escape
t send-keys -t gise F10
wait_for_text "GISE-EXITED 0"
check 'screen | grep -q "GISE-EXITED 0"' "F10 quits with status 0"
tui_done
