#!/bin/sh
# The supervisor's inbox in pages (issue 12, point 6): it says how many
# escalations wait and which of them are on screen; PgDn and PgUp turn the
# pages, Down past the last row reads on, Home goes to the oldest, End to
# the newest; an escalation raised meanwhile (announced live) is one key
# away: F6 from another screen opens the inbox on it, F6 in the inbox
# goes to it. Before, the inbox listed the oldest 500 and no more.
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
open_ids() {   # the office's open escalations' application numbers, oldest first
    sql "SELECT a.number FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
         WHERE a.office_id = $ank AND e.decided_at IS NULL AND e.cancelled_at IS NULL ORDER BY e.raised_at, e.id"
}
open_ids >"$work/open"
total=$(wc -l <"$work/open" | tr -d ' ')
nth() { sed -n "${1}p" "$work/open"; }
heading() { screen | sed -n '3p'; }
focus() { frame_field focus; }
# Every page turn says on the status row which part is shown.
wait_for_where() {
    i=0
    while ! traced_status | grep -qF -- "$1"; do [ $i -ge 500 ] && return 1; sleep 0.01; i=$((i + 1)); done
}
if [ "$total" -le 40 ]; then
    ok 1 "the demo data has more than two pages of open escalations (it has $total)"
    tui_done
    exit 1
fi

TUI_ENV="PGUSER=ank_supervisor" tui_start --lang en
wait_for_text "Screen: Citizen search"

key F6 "the inbox"
wait_for_text "Screen: Inbox"
check 'heading | grep -qF "Open escalations 1 to 20 of $total in your office, oldest first."' \
    "the heading says how many wait and which are shown ($total)" "$(heading)"
check 'traced_status | grep -qF "Open escalations 1 to 20 of $total"' "and so does the status row" "$(traced_status)"
check '[ "$(focus)" = "$(nth 1)" ]' "the oldest has the focus" "focus: $(focus), oldest: $(nth 1)"
check '[ "$(screen | grep -c "^[> ] 20[0-9][0-9]-[0-9]\{6\}: ")" -le 20 ]' "no more than a page is listed" "$(screen)"

key NPage "PgDn"
wait_for_where "21 to 40 of $total"
check 'heading | grep -qF "Open escalations 21 to 40 of $total"' "PgDn: the next page" "$(heading)"
check '[ "$(focus)" = "$(nth 21)" ]' "its first row has the focus" "focus: $(focus), 21st: $(nth 21)"
check 'traced_status | grep -qF "21 to 40 of $total"' "the status row says where" "$(traced_status)"
key NPage "PgDn again"
wait_for_where "41 to "
check '[ "$(focus)" = "$(nth 41)" ]' "PgDn again: the third page" "focus: $(focus), 41st: $(nth 41)"
key PPage "PgUp"
wait_for_where "21 to 40 of $total"
check '[ "$(focus)" = "$(nth 21)" ]' "PgUp: the page before" "focus: $(focus), heading: $(heading)"
key PPage "PgUp again"
wait_for_where "1 to 20 of $total"
check '[ "$(focus)" = "$(nth 1)" ]' "PgUp again: the first page" "focus: $(focus), heading: $(heading)"
key PPage "PgUp on the first page"
check 'traced_status | grep -qF "This is the first page"' "PgUp on the first page says so" "$(traced_status)"

# Up past the first row of a page reads the page before, Down past the
# last reads on.
key NPage "PgDn to the second page"
wait_for_where "21 to 40 of $total"
key Up "Up past the page's first row"
wait_for_where "1 to 20 of $total"
check '[ "$(focus)" = "$(nth 20)" ]' "Up past the first row: the page before, its last row" "focus: $(focus)"
key Down "Down past the page's last row"
wait_for_where "21 to 40 of $total"
check '[ "$(focus)" = "$(nth 21)" ]' "Down past the last row: the next page, its first row" "focus: $(focus)"

# The last page is taller than the screen's list with its heading: the
# status row says where it is.
key End "End"
check 'traced_status | grep -qF "Open escalations $((total - 19)) to $total of $total"' "End: the last page" "$(traced_status)"
check '[ "$(focus)" = "$(nth "$total")" ]' "with the newest focused" "focus: $(focus), newest: $(nth "$total")"
key NPage "PgDn on the last page"
check 'traced_status | grep -qF "This is the last page"' "PgDn on the last page says so" "$(traced_status)"
key Home "Home"
wait_for_where "1 to 20 of $total"
check '[ "$(focus)" = "$(nth 1)" ]' "Home: the oldest" "focus: $(focus)"

key F1 "help"
wait_for_text "Keys on the screen Inbox"
check 'screen | grep -q "F6, Ctrl-N: On this screen: what was just announced"' "help says which key reaches the escalation or approval just announced" "$(screen)"
key Escape "leave help"

# A clerk escalates meanwhile; the supervisor is on the search screen.
key Escape "back to the search"
wait_for_text "Screen: Citizen search"
row=$(sql "SELECT a.id || '|' || a.version || '|' || a.number FROM gise.application a JOIN gise.service s ON s.id = a.service_id
           WHERE a.status = 'in_review' AND a.office_id = $ank AND s.risk_level <> 'low' ORDER BY a.id LIMIT 1")
app_id=${row%%|*}; rest=${row#*|}; version=${rest%%|*}; number=${rest#*|}
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $app_id, $version, 'Sayfa sınaması', 'approve')" >/dev/null
i=0
while ! traced_status | grep -qF "application $number" && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
check 'traced_status | grep -qF "New escalation from Ayşe Kaya: application $number" && traced_status | grep -qF "Press F6 to open it."' \
    "the announcement names the key that opens it" "$(traced_status)"
key F6 "F6 after the announcement"
wait_for_text "Screen: Inbox"
check '[ "$(focus)" = "$number" ]' "one key from another screen: the inbox opens on the escalation announced" "focus: $(focus)"
check 'traced_status | grep -qF "The escalation just announced, application $number, is $((total + 1)) of $((total + 1))."' \
    "the status row says where it is: the count has grown by one" "$(traced_status)"
key Home "Home"
wait_for_where "1 to 20 of $((total + 1))"
key F6 "F6 in the inbox"
check '[ "$(focus)" = "$number" ]' "one key inside the inbox goes back to it" "focus: $(focus)"
key Escape "back to the search"
key F6 "F6 with nothing new announced"
check '[ "$(focus)" = "$(nth 1)" ]' "F6 with nothing new: the inbox opens on the oldest" "focus: $(focus)"

# As found: the escalation withdrawn leaves every inbox.
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_withdraw(gen_random_uuid(), $app_id, $version + 1, 'sınama bitti')" >/dev/null
tui_done
