#!/bin/sh
# Drafts in line mode (issue 14, point 1): each line answered is kept.
# Part of a rejection answered (the reason, a 1,400-character
# explanation) and gise killed at the confirmation; started again it
# offers the draft (r/s/d), s shows it whole, r takes the form up where it
# was with the explanation as what an empty line keeps, and the rejection
# goes through with every character; the draft is then gone. A form the
# input ends in is kept too; an empty line at the offer keeps it for
# later, opening the application offers it again, d discards it.
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
pick() {
    row=$(sql "SELECT c.national_id || '|' || a.id || '|' || a.number FROM gise.application a
               JOIN gise.citizen c ON c.id = a.citizen_id JOIN gise.service s ON s.id = a.service_id
               WHERE a.status = 'in_review' AND a.office_id = $ank AND NOT s.rejection_needs_supervisor
                 AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
               ORDER BY a.id DESC LIMIT 1 OFFSET $1")
    nid=${row%%|*}; row=${row#*|}; app=${row%%|*}; number=${row#*|}
}
reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1")
long=$(perl -Mutf8 -CS -e '$s = "Kimlik kartının süresi 2023te dolmuş; ikamet izninin fotokopisi onaylı değil (İzmir, Çankaya: \"belge\" eksik). ";
                           print substr($s x 20, 0, 1399), "."')
journal() { cat "$GISE_DRAFTS/ank_clerk1.journal" 2>/dev/null; }
in_db() { sql "SELECT fields ->> 'text' FROM gise.draft WHERE owner = 'ank_clerk1' AND kind = 'reject' AND target = $app"; }
drafts() { sql "SELECT count(*) FROM gise.draft WHERE owner = 'ank_clerk1'"; }
# The rejection's number among the application's actions, from the output.
reject_number() { sed -n 's/^  \([0-9]*\)\. Reject, with a reason$/\1/p' "$1" | tail -n 1; }

# 1. Killed at the confirmation.
pick 0
gise_live ank_clerk1 --lang en
printf '%s\n1\n\n1\n' "$nid" >&4
wait_out "application> " "$work/live.out"
printf '%s\n%s\n%s\n' "$(reject_number "$work/live.out")" "$reason" "$long" >&4
wait_out "Reject application $number for reason $reason and print the letter? (y/n)" "$work/live.out"
kill -KILL "$live_pid"
gise_live_end
check '[ "$(in_db)" = "$long" ]' "each answer is saved as it is given: the database has the explanation" "$(in_db | head -c 100)"
check 'journal | grep -qF "$long"' "and the journal"
printf 's\nr\n\ny\nq\n' | LINE_KEEP_DRAFTS=1 gise_as ank_clerk1 --lang en >"$work/resumed.out"
check 'grep -q "^Unfinished rejection of $number, typed [0-9:. /]*[0-9][0-9]:[0-9][0-9] (1,400 characters)\.$" "$work/resumed.out" &&
       grep -q "^Resume, show, or discard? (r/s/d; empty line: later) s$" "$work/resumed.out"' \
    "started again, gise offers the draft: resume, show, or discard" "$(head -n 5 "$work/resumed.out")"
check 'grep -qxF "  Explanation: $long" "$work/resumed.out"' "s shows it whole, every character as typed"
check 'grep -qxF "From your draft: Reason: $reason" "$work/resumed.out" &&
       grep -qxF "From your draft: Explanation: $long" "$work/resumed.out" &&
       grep -q "^Explanation (empty line keeps your draft): $" "$work/resumed.out"' \
    "r takes the form up: the reason and the explanation from the draft, an empty line keeps it" \
    "$(sed -n '/Reject, with a reason:/,$p' "$work/resumed.out" | head -n 12)"
check 'grep -q "^Application $number rejected ($reason)" "$work/resumed.out" &&
       [ "$(sql "SELECT explanation FROM gise.decision WHERE application_id = $app")" = "$long" ]' \
    "the rejection goes through with the whole explanation" "$(tail -n 4 "$work/resumed.out")"
check '[ "$(drafts)" = 0 ] && ! journal | grep -qF "İzmir, Çankaya"' "the draft is gone from the database and the journal" \
    "$(drafts) $(journal | head -c 200)"

# 2. The input ends in the form: kept. An empty line at the offer keeps it
# for later; opening its application offers it again; d discards it.
pick 0
printf '%s\n1\n\n1\n' "$nid" | gise_as ank_clerk1 --lang en >"$work/actions.out"
action=$(reject_number "$work/actions.out")
printf '%s\n1\n\n1\n%s\n%s\nNot finished yet.\n' "$nid" "$action" "$reason" |
    LINE_KEEP_DRAFTS=1 gise_as ank_clerk1 --lang en >"$work/part.out"
check '[ "$(in_db)" = "Not finished yet." ]' "a form the input ends in is kept as a draft" "$(in_db)"
printf '\n%s\n1\n\n1\nd\nq\n' "$nid" | LINE_KEEP_DRAFTS=1 gise_as ank_clerk1 --lang en >"$work/later.out"
check 'grep -q "^Resume, show, or discard? (r/s/d; empty line: later) $" "$work/later.out" &&
       grep -q "^Kept for later" "$work/later.out"' "an empty line keeps it for later" "$(head -n 6 "$work/later.out")"
check '[ "$(grep -c "^Unfinished rejection of $number" "$work/later.out")" = 2 ]' \
    "opening its application offers it again" "$(grep "^Unfinished" "$work/later.out")"
check 'grep -q "^Discarded: Unfinished rejection of $number" "$work/later.out" && [ "$(drafts)" = 0 ] &&
       ! journal | grep -qF "Not finished yet."' "d discards it, and says so; gone from the database and the journal" \
    "$(grep -A1 "^Discarded" "$work/later.out")"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = in_review ]' "nothing was sent"

# 3. b cancels the form, as it always did: the clerk chose to lose it.
printf '%s\n1\n\n1\n%s\n%s\nTyped, then cancelled.\nb\nq\n' "$nid" "$action" "$reason" |
    LINE_KEEP_DRAFTS=1 gise_as ank_clerk1 --lang en >"$work/cancel.out"
check 'grep -q "^Cancelled. Nothing was changed." "$work/cancel.out" && [ "$(drafts)" = 0 ]' \
    "b at the confirmation cancels, and the draft goes with it" "$(tail -n 3 "$work/cancel.out")"

line_done
