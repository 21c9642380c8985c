#!/bin/sh
# Four eyes at two counters, live: a clerk escalates an application asking
# for a rejection; the supervisor's inbox, open in another terminal, shows
# it within a second with no key pressed and says so on the status row; the
# supervisor approves; the clerk's status row reports the decision. Then
# both lose their connection: each reconnects by itself, listens again,
# and hears what happened while it was away.
. "$(dirname "$0")/lib.sh"

ms() { date +%s%3N; }
ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
row=$(sql "SELECT c.national_id || '|' || a.number FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
           JOIN gise.service s ON s.id = a.service_id
           WHERE a.status = 'in_review' AND a.office_id = $ank AND s.risk_level <> 'low'
             AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
           ORDER BY a.id LIMIT 1")
nid=${row%%|*}; number=${row#*|}
supervisor_name=$(sql "SELECT display_name FROM gise.staff WHERE role_name = 'ank_supervisor'")

# The supervisor, in a terminal of their own, with the inbox open.
b_app="gise-test-supervisor-$$"
b_start "PGUSER=ank_supervisor PGAPPNAME=$b_app" --lang en
b_status() { b_screen | message_of; }
b_list() { b_screen | sed -n '3,22p'; }
b_count() {   # the heading: "N open escalations of your office" or "Open escalations A to B of N in your office"
    b_screen | sed -n 's/.* of \([0-9]*\) in your office.*/\1/p; s/^ *\([0-9]*\) open escalations* of your office.*/\1/p' | head -n 1
}
b_wait_count() {   # the inbox heading reaches $1 within $2 hundredths of a second
    i=0
    while [ "$(b_count)" != "$1" ] && [ $i -lt "$2" ]; do sleep 0.01; i=$((i + 1)); done
}
wait_for_status() {
    i=0
    while ! traced_status | grep -qF -- "$1"; do [ $i -ge 1000 ] && return 1; sleep 0.01; i=$((i + 1)); done
}
b_wait "Search:"
b send-keys -t b F6
b_wait "Screen: Inbox"
check 'b_screen | grep -Eq "of [0-9]+ in your office, oldest first|open escalations? of your office"' "the supervisor's inbox opens with F6" "$(b_screen)"
check '! b_list | grep -qF "$number"' "the application is not in it yet"
open_before=$(b_count)

export TUI_ENV="PGAPPNAME=gise-test-clerk-$$"
tui_start --lang en
open_only_application "$nid"
check 'screen | grep -q "Status: In review"' "the clerk has $number open, in review"
key F9 "the action menu"
check 'screen | grep -q "Escalate to a supervisor"' "a clerk is offered the escalation" "$(screen)"
check '! screen | grep -q "^. Approve"' "but not approval of a service that is not low risk"
check '! screen | grep -q "Decide the escalation"' "nor deciding one"
i=0
while [ "$(frame_field focus)" != "Escalate to a supervisor" ] && [ $i -lt 8 ]; do key Down "down the menu"; i=$((i + 1)); done
key Enter "choose Escalate"
wait_for_text "Screen: Escalation"
check 'screen | grep -q "What do you ask the supervisor for?"' "the form asks what the clerk asks for"
key Down "to Ask for a rejection"
check '[ "$(frame_field focus)" = "Ask for a rejection (the reason comes next)" ]' "the cursor is on the rejection"
key Enter "choose the rejection"
wait_for_text "Choose the reason"
reason=$(screen_row "$(frame_field row)" | awk '{print $2}' | tr -d ':')
key Enter "choose the first reason"
wait_for_text "Why"
check 'screen | grep -q "Asks for: rejection, $reason"' "the form shows the rejection and its reason $reason" "$(screen)"
key Down "to the button with nothing typed"
key Enter "escalate without a reason"
check 'screen | message_of | grep -q "Error: Why: an escalation needs a reason"' "a missing reason is named" "$(screen | message_of)"
check '[ "$(frame_field focus)" = "Why" ]' "and the cursor is put on it"
keys "Belge sahte görünüyor" "the reason"
key Down "to the button"
key Enter "escalate"
check 'screen | grep -q "Escalate $number, asking for rejection?"' "a confirmation is asked"
t0=$(ms)
key Enter "confirm"
wait_for_text "is now: Escalated"
check 'screen | grep -q "Status: Escalated"' "the application is escalated"
b_wait_count $((open_before + 1)) 100
seen=$(( $(ms) - t0 ))
check '[ "$(b_count)" = $((open_before + 1)) ]' \
    "the supervisor's inbox counts it within a second, no key pressed (${seen} ms)" "$(b_screen)"
check 'b_status | grep -qF "New escalation from Ayşe Kaya: application $number"' \
    "the supervisor's status row announces it" "$(b_status)"
check '[ "$(b_screen | grep -c "New escalation from")" = 1 ]' "once"

key F9 "the clerk's menu on the escalated application"
check 'screen | grep -q "Withdraw at the citizen" && ! screen | grep -q "Decide the escalation"' \
    "the clerk may still withdraw it, but not decide it" "$(screen)"
key Escape "close the menu"

# The supervisor opens it from the inbox (the newest is last) and approves.
b send-keys -t b End
i=0; while ! b_screen | grep -q "^> $number" && [ $i -lt 100 ]; do sleep 0.01; i=$((i + 1)); done
check 'b_screen | grep -q "^> $number: waiting under a minute; asks for rejection ($reason)"' \
    "it is the newest, last in the list, waiting under a minute" "$(b_list | tail -n 3)"
b send-keys -t b Enter
b_wait "Screen: Escalation decision"
check 'b_screen | grep -q "Asks for: rejection"' "the decision screen shows what was asked" "$(b_screen)"
check 'b_screen | grep -q "The clerk writes: Belge sahte görünüyor"' "and why"
b send-keys -t b Enter
b send-keys -t b -l "Ret uygundur"
b send-keys -t b Down
b send-keys -t b Enter
b_wait "Approve the escalation of $number?"
b send-keys -t b Enter
b_wait "is now: Rejected"
check 'b_status | grep -q "Escalation of $number approved. The application is now: Rejected."' \
    "the supervisor approves: the requested rejection happened" "$(b_status)"
wait_for_status "was approved by"
check 'traced_status | grep -qF "Your escalation of application $number was approved by $supervisor_name. Comment: Ret uygundur"' \
    "the clerk's status row reports the decision, no key pressed" "$(traced_status)"
check 'screen | grep -q "Status: Rejected"' "and the clerk's screen shows the current state"
check '[ "$(sql "SELECT d.reason_code || (d.letter_text IS NOT NULL) FROM gise.decision d JOIN gise.application a ON a.id = d.application_id
                 WHERE a.number = '"'"'$number'"'"'")" = "${reason}true" ]' "the rejection is recorded with its reason and the letter"
b send-keys -t b Home   # the heading with the count is above the first row
b_wait_count "$open_before" 100
check '! b_list | grep -qF "$number" && [ "$(b_count)" = "$open_before" ]' "the decided escalation has left the inbox" "$(b_screen)"

# Lost connections. The supervisor's backend is killed; meanwhile a
# colleague escalates another application. The app reconnects by itself,
# listens again and reloads: the new one is in the inbox.
other=$(sql "SELECT a.id || '|' || a.version || '|' || a.number FROM gise.application a JOIN gise.service s ON s.id = a.service_id
             WHERE a.status = 'in_review' AND a.office_id = $ank AND a.number <> '$number' ORDER BY a.id DESC LIMIT 1")
other_id=${other%%|*}; rest=${other#*|}; other_version=${rest%%|*}; other_number=${rest#*|}
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '$b_app'" >/dev/null
sql "SET SESSION AUTHORIZATION ank_clerk2;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $other_id, $other_version, 'İkinci görüş', 'approve')" >/dev/null
b_wait_count $((open_before + 1)) 1000
check '[ "$(b_count)" = $((open_before + 1)) ]' "after a lost connection the inbox reloads by itself with what was raised meanwhile" "$(b_screen)"
b send-keys -t b End
i=0; while ! b_screen | grep -q "^> $other_number" && [ $i -lt 100 ]; do sleep 0.01; i=$((i + 1)); done
check 'b_screen | grep -q "^> $other_number"' "it is there, last" "$(b_list | tail -n 2)"
check '[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"'"'$b_app'"'"'")" = 1 ]' "the supervisor is connected again"
sql "SET SESSION AUTHORIZATION ank_clerk2;
     SELECT status FROM gise.application_withdraw(gen_random_uuid(), $other_id, $other_version + 1, 'vazgeçti')" >/dev/null
b send-keys -t b Home
b_wait_count "$open_before" 100
check '! b_list | grep -qF "$other_number" && [ "$(b_count)" = "$open_before" ]' "and it listens again: a withdrawal drops the escalation within a second" "$(b_screen)"

# The clerk's backend is killed; their escalation is decided meanwhile.
third=$(sql "SELECT a.id || '|' || a.version || '|' || a.number FROM gise.application a
             WHERE a.status = 'in_review' AND a.office_id = $ank AND a.number NOT IN ('$number', '$other_number')
             ORDER BY a.id DESC LIMIT 1")
third_id=${third%%|*}; rest=${third#*|}; third_version=${rest%%|*}; third_number=${rest#*|}
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $third_id, $third_version, 'Süre uzatımı', 'exception', NULL, '{documents_checked}')" >/dev/null
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gise-test-clerk-$$'" >/dev/null
sql "SET SESSION AUTHORIZATION ank_supervisor;
     SELECT status FROM gise.escalation_decide(gen_random_uuid(), $third_id, $third_version + 1, 'denied', 'Gerek yok')" >/dev/null
wait_for_status "Your escalation of application $third_number"
check 'traced_status | grep -qF "Your escalation of application $third_number was denied by $supervisor_name and is back in review. Comment: Gerek yok"' \
    "a clerk who was disconnected hears of the decision made meanwhile" "$(traced_status)"
check '[ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"'"'gise-test-clerk-$$'"'"'")" = 1 ]' \
    "after reconnecting by itself"

tui_done
