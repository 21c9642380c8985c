#!/bin/sh
# A step has one outcome, and the clerk knows it (issue 14, point 2), in
# line mode. gise reaches the database through a proxy (tests/drop_proxy.pl)
# that loses the answer to a rejection on demand:
#   1. after the rejection committed: gise asks the database what became
#      of the request before it offers anything, says it was done, and the
#      letter is in the spool, printed once; answering "n" as the issue's
#      clerk did changes nothing;
#   2. before it reached the database: nothing was done, it is offered
#      again, and "y" applies it once;
#   3. after it committed, with the database out of reach: the outcome is
#      unknown and said so; asked again once the database is back, the
#      step is reported done and its letter printed;
#   4. the same, answered "n": gise asks by itself at the next reconnection
#      and prints the letter then.
. "$(dirname "$0")/lib.sh"

. "$top/tests/drop_proxy.sh"
drop_proxy_start
mkdir -p "$GISE_SPOOL"

reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1")
# via_proxy: gise in line mode as ank_clerk1 through the proxy.
via_proxy() { PGHOST=$proxy_dir gise_as ank_clerk1 --lang en; }
# reject_step NID: the number line mode gives "Reject, with a reason" (the
# same for every application in review: asked once, since each opening by
# identity number counts against the clerk's look-ups a minute).
reject_step() {
    [ -n "${step:-}" ] ||
        step=$(printf '%s\n' "$1" 1 "" 1 q | via_proxy | sed -n 's/^  \([0-9]*\)\. Reject, with a reason$/\1/p' | head -n 1)
}
rejections() { sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $1 AND action = 'reject'"; }
letters() { ls "$GISE_SPOOL" | grep -c "^$1-rejection-" ; }
printed() { sql "SELECT printed_at IS NOT NULL AND print_failed_at IS NULL FROM gise.decision WHERE application_id = $1"; }

# 1. The answer is lost after the rejection committed.
row=$(in_review_for 130 IKAMETGAH_BELGESI); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
reject_step "$nid"
echo "after application_reject" >"$control"
printf '%s\n' "$nid" 1 "" 1 "$step" "$reason" "The address is not in our district." y n q | via_proxy >"$work/after.out"
check 'grep -q "^after application_reject$" "$control.done"' "the proxy dropped the connection after the answer was written"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = rejected ] && [ "$(rejections $app)" = 1 ]' \
    "the rejection was committed, once"
check 'grep -qF "The answer was lost, but the database had applied the step: application $number is now Rejected." "$work/after.out"' \
    "gise says the step was done" "$(sed -n '/^Reject application/,$p' "$work/after.out")"
check '! grep -q "Send it again" "$work/after.out"' "and offers nothing again"
check '[ "$(letters "$number")" = 1 ] && grep -q "$number" "$GISE_SPOOL/$number"-rejection-*.txt' \
    "its letter is in the spool, once" "$(ls "$GISE_SPOOL")"
check 'grep -qF "No printer is configured; the letter is saved as $number-rejection-" "$work/after.out"' \
    "the clerk is told where the letter is"
check '[ "$(printed $app)" = t ]' "the database records the letter as printed"

# 2. The answer is lost before the rejection reached the database.
row=$(in_review_for 131 IKAMETGAH_BELGESI); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
reject_step "$nid"
echo "before application_reject" >"$control"
printf '%s\n' "$nid" 1 "" 1 "$step" "$reason" "The address is not in our district." y y q | via_proxy >"$work/before.out"
check 'grep -qF "Error: The connection to the database was lost before the step was applied: nothing was changed." "$work/before.out" &&
       grep -qF "Send it again? The database applies it at most once. (y/n) y" "$work/before.out"' \
    "nothing was done, and only then is it offered again" "$(sed -n '/^Reject application/,$p' "$work/before.out")"
check 'grep -qF "Application $number rejected ($reason)." "$work/before.out"' "y sends it: rejected"
check '[ "$(rejections $app)" = 1 ] && [ "$(letters "$number")" = 1 ] && [ "$(printed $app)" = t ]' \
    "applied once, one letter, recorded as printed"

# 3. Lost after the commit, and the database out of reach: the outcome is
# not known; asked again once it is back.
row=$(in_review_for 132 IKAMETGAH_BELGESI); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
reject_step "$nid"
echo "after application_reject down" >"$control"
PGHOST=$proxy_dir gise_live ank_clerk1 --lang en
printf '%s\n' "$nid" 1 "" 1 "$step" "$reason" "The address is not in our district." y >&4
wait_out "Ask the database again whether it was applied? (y/n)" "$work/live.out"
check 'grep -qF "Error: The connection to the database was lost, so it is not known yet whether the step was applied. What you typed is kept." "$work/live.out"' \
    "the outcome is said to be unknown" "$(sed -n '/^Reject application/,$p' "$work/live.out")"
check '[ "$(letters "$number")" = 0 ] && ! grep -q "Send it again" "$work/live.out"' "no letter yet, and nothing offered again"
rm -f "$control.down"
printf 'y\n' >&4
wait_out "had applied the step" "$work/live.out"
check 'grep -qF "The answer was lost, but the database had applied the step: application $number is now Rejected." "$work/live.out"' \
    "asked again: it was done" "$(tail -n 4 "$work/live.out")"
check '[ "$(rejections $app)" = 1 ] && [ "$(letters "$number")" = 1 ] && [ "$(printed $app)" = t ]' \
    "applied once, and its letter printed"
printf 'q\n' >&4
gise_live_end

# 4. The same, answered n: the next reconnection asks by itself.
row=$(in_review_for 133 IKAMETGAH_BELGESI); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
reject_step "$nid"
echo "after application_reject down" >"$control"
rm -f "$work/live.out"
PGHOST=$proxy_dir gise_live ank_clerk1 --lang en
printf '%s\n' "$nid" 1 "" 1 "$step" "$reason" "The address is not in our district." y >&4
wait_out "Ask the database again whether it was applied? (y/n)" "$work/live.out"
printf 'n\n' >&4
wait_out "application> " "$work/live.out"
check '[ "$(letters "$number")" = 0 ]' "answered n with the database away: no letter yet"
rm -f "$control.down"
printf 'r\n' >&4
wait_out "The step whose answer was lost was applied" "$work/live.out"
check 'grep -qF "The step whose answer was lost was applied: application $number is now Rejected." "$work/live.out"' \
    "reconnected, gise says what became of it" "$(tail -n 6 "$work/live.out")"
check '[ "$(rejections $app)" = 1 ] && [ "$(letters "$number")" = 1 ] && [ "$(printed $app)" = t ]' \
    "and the letter is printed, once"
printf 'q\n' >&4
gise_live_end

kill $proxy 2>/dev/null
line_done
