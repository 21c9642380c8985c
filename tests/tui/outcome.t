#!/bin/sh
# A step has one outcome, and letters reach paper (issue 14, points 2 and
# 3), in the full-screen mode: the same rejection form, its answer lost by
# a proxy (tests/drop_proxy.pl)
#   1. after it committed: the form closes on "the database had applied
#      the step", the letter is in the spool;
#   2. before it reached the database: nothing was done, the form keeps
#      what was typed, Enter sends it again and it is applied once;
#   3. after it committed, with the database away: the outcome is said to
#      be unknown; once the connection is back gise asks by itself, says
#      it was done and prints the letter;
# and a letter whose print failed: listed as not printed in the inbox
# (Enter prints it again there) and on the application (Enter on it too),
# until printed.
. "$(dirname "$0")/lib.sh"

spool="$work/spool"
mkdir -p "$spool"
. "$top/tests/drop_proxy.sh"
drop_proxy_start
export TUI_ENV="PGHOST=$proxy_dir GISE_SPOOL=$spool PGUSER=ank_clerk1"
reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1")

# wait_status TEXT: the status message holds TEXT (5 s at most).
wait_status() {
    ws_i=0
    while ! frame_field status | grep -qF -- "$1"; do
        [ $ws_i -ge 500 ] && return 1
        sleep 0.01; ws_i=$((ws_i + 1))
    done
}
new_app() { row=$(in_review_for "$1" IKAMETGAH_BELGESI); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}; }
rejections() { sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = 'reject'"; }
letters() { ls "$spool" | grep -c "^$number-rejection-"; }
# The only application of citizen $nid, from the search (typed at once:
# the keys' focus is the business of the other terminal tests).
open_application() {
    tr_key F2
    wait_for_screen "Citizen search"
    tr_key Escape
    i=0; while screen_has "citizen found" && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
    tr_key -l "$nid"
    wait_for_text "1 citizen found"
    tr_key Enter
    wait_for_screen "Purpose of opening"
    tr_key Enter
    wait_for_screen Citizen
    tr_key Enter
    wait_for_screen Application
}
# The rejection form filled in and confirmed.
reject_now() {
    tr_key F9
    down_to "Reject, with a reason"
    tr_key Enter
    wait_for_screen Rejection
    tr_key -l "$reason"
    wait_for_text "Reasons matching"
    tr_key Enter
    wait_for_text "Legal basis:"
    tr_key -l "Adres bölgemizde değil."
    tr_key Down
    key Enter "the rejection's submit row"
    wait_for_text "Enter: yes"
    key Enter "confirm the rejection"
}

tui_start --lang en

# 1. Lost after the commit.
new_app 150
open_application
echo "after application_reject" >"$control"
reject_now
wait_status "had applied the step"
check 'frame_field status | grep -qF "The answer was lost, but the database had applied the step: application $number is now Rejected."' \
    "gise says the step was done" "$(frame_field status)"
check '[ "$(frame_field screen)" = Application ] && screen | grep -q "Status: Rejected"' "the form closed on the rejected application" \
    "$(frame_field screen)"
check '[ "$(rejections)" = 1 ] && [ "$(letters)" = 1 ]' "applied once, its letter in the spool" "$(ls "$spool")"

# 2. Lost before it reached the database.
new_app 151
open_application
echo "before application_reject" >"$control"
reject_now
wait_status "nothing was changed"
check 'frame_field status | grep -qF "The connection to the database was lost before the step was applied: nothing was changed."' \
    "nothing was done, and it is said" "$(frame_field status)"
check '[ "$(frame_field screen)" = Rejection ] && screen | grep -q "Adres bölgemizde değil."' \
    "the form stays, with what was typed" "$(screen)"
check '[ "$(rejections)" = 0 ]' "the database has no rejection"
key Enter "send it again"
wait_for_text "Enter: yes"
key Enter "confirm"
wait_status "rejected ($reason)"
check '[ "$(rejections)" = 1 ] && [ "$(letters)" = 1 ]' "sent again: applied once, its letter in the spool"

# 3. Lost after the commit, the database away: asked after by itself.
new_app 152
open_application
echo "after application_reject down" >"$control"
reject_now
wait_status "not known yet"
check 'frame_field status | grep -qF "it is not known yet whether the step was applied"' "the outcome is said to be unknown" \
    "$(frame_field status)"
check '[ "$(letters)" = 0 ] && [ "$(frame_field screen)" = Rejection ]' "no letter yet; the form keeps what was typed"
rm -f "$control.down"
wait_status "The step whose answer was lost was applied"
check 'frame_field status | grep -qF "The step whose answer was lost was applied: application $number is now Rejected."' \
    "back, gise asked by itself and says it was done" "$(frame_field status)"
check '[ "$(rejections)" = 1 ] && [ "$(letters)" = 1 ]' "once, and its letter is in the spool"
tr_key F2
wait_for_text "lose what you typed?"
key Enter "leave the form for the search"
wait_for_screen "Citizen search"

# 4. A letter whose print failed: the inbox and the application say so.
# (Only this test's letters are the clerk's to print.)
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT gise.letter_print_result(kind, letter_id, true) FROM gise.letters_not_printed()" >/dev/null
new_app 153
first=$number first_app=$app
new_app 154
for a in $first_app $app; do
    sql "SET SESSION AUTHORIZATION ank_clerk1;
         SELECT gise.application_reject(gen_random_uuid(), $a, (SELECT version FROM gise.application WHERE id = $a),
                                        '$reason', 'Adres bölgemizde değil.');
         SELECT gise.letter_print_result('rejection', (SELECT id FROM gise.decision WHERE application_id = $a), false)" >/dev/null
done
key F6 "the inbox"
wait_for_text "Screen: Inbox"
check 'screen | grep -q "2 letters not printed: Enter on one prints it again."' "the inbox heads with the letters to print" "$(screen)"
check 'screen_row "$(frame_field row)" | grep -q "$first.*Rejection letter: not printed (printing failed"' \
    "the first is selected, saying it is not printed" "$(screen_row "$(frame_field row)")"
key Enter "print it"
wait_for_text "print it again?"
key Enter "yes"
wait_status "Rejection letter of $first, again: No printer is configured; the letter is saved as $first-rejection-"
check 'frame_field status | grep -qF "Rejection letter of $first, again: No printer is configured"' "it is printed" "$(frame_field status)"
check '! screen | grep -q "$first.*Rejection letter" && screen | grep -q "1 letter not printed"' "and leaves the inbox" "$(screen)"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $first_app AND action = '"'letter_reprint'"'")" = 1 ]' \
    "the reprint is in the audit trail"
open_application
down_to "Rejection letter:"
check 'screen_row "$(frame_field row)" | grep -q "Rejection letter: not printed (printing failed"' \
    "the application lists its letter as not printed" "$(screen_row "$(frame_field row)")"
key Enter "print it again"
wait_for_text "print it again?"
key Enter "yes"
wait_status "Rejection letter of $number, again:"
check 'screen | grep -q "Rejection letter: printed .* by Ayşe Kaya"' "the application now says who printed it" "$(screen)"
check '[ "$(sql "SELECT count(*) FROM gise.decision WHERE application_id = $app AND printed_at IS NOT NULL AND print_failed_at IS NULL")" = 1 ]' \
    "and so does the database"

kill $proxy 2>/dev/null
tui_done
