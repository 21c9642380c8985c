#!/bin/sh
# Announcements the client can trust (issue 13, point 5). Any login may
# NOTIFY any payload on an office's channel: a clerk forges "your
# escalation was denied" while it is still open, with a made-up change, a
# replayed real one, the payload of the days before 0017, and a kind gise
# does not know. The escalating clerk's gise says nothing (no status
# message, so nothing for a screen reader to speak) and shows the same
# screen; then the real decision is still announced.
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
office=$(sql "SELECT $ank")
chan="gise_office_$office"
clerk_id=$(sql "SELECT id FROM gise.staff WHERE role_name = 'ank_clerk1'")
supervisor_name=$(sql "SELECT display_name FROM gise.staff WHERE role_name = 'ank_supervisor'")
row=$(sql "SELECT a.id || '|' || a.version || '|' || a.number FROM gise.application a
           WHERE a.status = 'in_review' AND a.office_id = $ank ORDER BY a.id DESC LIMIT 1")
app_id=${row%%|*}; rest=${row#*|}; version=${rest%%|*}; number=${rest#*|}
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $app_id, $version, 'Süre uzatımı', 'exception', NULL, '{documents_checked}')" >/dev/null
escalation=$(sql "SELECT max(id) FROM gise.escalation WHERE application_id = $app_id")
raised_change=$(sql "SELECT max(id) FROM gise.escalation_change WHERE escalation_id = $escalation")

export TUI_ENV="PGUSER=ank_clerk1"
tui_start --lang en --screen-reader
wait_for_text "Search:"
frames_before=$(frames)

forge() {   # payload, as ank_clerk2
    sql "SET SESSION AUTHORIZATION ank_clerk2; SELECT pg_notify('$chan', '$1')" >/dev/null
}
forge "{\"change\": 987654321, \"escalation\": $escalation, \"application_id\": $app_id, \"event\": \"decided\", \"raised_by\": $clerk_id, \"decision\": \"denied\"}"
forge "{\"change\": $raised_change, \"escalation\": $escalation, \"application_id\": $app_id, \"event\": \"decided\"}"
forge "{\"escalation\": $escalation, \"application\": \"$number\", \"application_id\": $app_id, \"event\": \"decided\", \"raised_by\": $clerk_id, \"decided_by\": 1, \"decision\": \"denied\"}"
forge "{\"kind\": \"lookup_limit\", \"staff\": $clerk_id}"
sleep 1.5
check '! grep -q "Your escalation" "$trace"' "forged notifications put no announcement on the status row" "$(traced_status)"
check '! grep -qi "denied" "$trace"' "nothing about a denial is shown or spoken" "$(grep -i denied "$trace" | head -n 2)"
check '! screen | grep -qi "escalation"' "nor on the screen" "$(screen)"
check '[ "$(sql "SELECT decided_at IS NULL FROM gise.escalation WHERE id = $escalation")" = t ]' "the escalation is still open"

sql "SET SESSION AUTHORIZATION ank_supervisor;
     SELECT status FROM gise.escalation_decide(gen_random_uuid(), $app_id, $version + 1, 'denied', 'Gerek yok')" >/dev/null
i=0
while ! traced_status | grep -qF "Your escalation of application $number" && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
check 'traced_status | grep -qF "Your escalation of application $number was denied by $supervisor_name and is back in review. Comment: Gerek yok"' \
    "the real decision is announced" "$(traced_status)"
check '[ "$(grep -c "Your escalation of application" "$trace")" -ge 1 ] && [ "$(frames)" -gt "$frames_before" ]' "on a new frame"

# The same real change forged again afterwards: old news, said once only.
said=$(grep -c "was denied by" "$trace")
decided_change=$(sql "SELECT max(id) FROM gise.escalation_change WHERE escalation_id = $escalation")
t send-keys -t gise x   # a key: the status row's message goes
sleep 0.5
forge "{\"change\": $decided_change, \"escalation\": $escalation, \"application_id\": $app_id, \"event\": \"decided\"}"
sleep 1
check '! traced_status | grep -q "Your escalation"' "a replayed real change is not announced again" "$(traced_status)"

tui_done
