#!/bin/sh
# Line mode's inbox in pages (issue 12, point 6): `i` writes one page (20
# rows) with how many there are, then asks "more"; Enter there reads the
# next page, numbered on; `e` lists the newest, `m` the next page; a
# number opens a row listed; after an announcement `i` lists the page that
# ends with the escalation announced. Before, `i` wrote all 500 rows at
# once (80 KB, an hour of speech) and the newest could not be reached.
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
sql "SELECT a.number FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
     WHERE a.office_id = $ank AND e.decided_at IS NULL AND e.cancelled_at IS NULL ORDER BY e.raised_at, e.id" >"$work/open"
total=$(wc -l <"$work/open" | tr -d ' ')
nth() { sed -n "${1}p" "$work/open"; }
listed() { grep -c "^  [0-9]*\. 20[0-9][0-9]-[0-9]\{6\}  " "$1"; }
if [ "$total" -le 40 ]; then
    ok 1 "the demo data has more than two pages of open escalations (it has $total)"
    line_done
    exit 1
fi

# 1. i: one page and the count, then "more"; q there quits.
printf '%s\n' i q | gise_as ank_supervisor --lang en >"$work/one.out"
check '[ "$(listed "$work/one.out")" = 20 ]' "i lists one page: 20 rows of $total" "$(head -c 600 "$work/one.out")"
check 'grep -q "^Escalations 1 to 20 of $total, oldest first; a number opens that application, m shows the next 20, e the newest:$" "$work/one.out"' \
    "it says how many there are and which are listed" "$(sed -n 3,4p "$work/one.out")"
check 'grep -q "^  1\. $(nth 1)  " "$work/one.out" && grep -q "^  20\. $(nth 20)  " "$work/one.out"' "the oldest first"
check 'grep -q "^20 of $total shown. More (Enter), or your answer: q$" "$work/one.out"' \
    "then the more question, which q answers" "$(tail -n 3 "$work/one.out")"
check '[ "$(wc -c <"$work/one.out")" -lt 8000 ]' "a page is a few kilobytes ($(wc -c <"$work/one.out") bytes)"

# 2. Enter at "more" reads on, numbered on; where am I says what is listed.
printf '%s\n' i "" "" w 45 q | gise_as ank_supervisor --lang en >"$work/more.out"
check '[ "$(listed "$work/more.out")" = 60 ] && grep -q "^  60\. $(nth 60)  " "$work/more.out"' \
    "Enter at more: the next 20, twice, numbered on (60 rows)" "$(grep "shown" "$work/more.out")"
check 'grep -q "^20 of $total shown" "$work/more.out" && grep -q "^40 of $total shown" "$work/more.out" && grep -q "^60 of $total shown. More (Enter), or your answer: w$" "$work/more.out"' \
    "a more question after every 20" "$(grep "shown" "$work/more.out")"
check 'grep -q "Open: escalations 1 to 60 of $total\." "$work/more.out"' "where am I: the rows listed" "$(grep "Open:" "$work/more.out")"
check 'grep -q "^Application $(nth 45)$" "$work/more.out"' "a number listed opens its application" "$(grep "^Application" "$work/more.out")"

# 3. e: the newest; m at the end says so; a number not listed is refused.
printf '%s\n' i e m 1 "$total" q | gise_as ank_supervisor --lang en >"$work/end.out"
check 'grep -q "^Escalations $((total - 19)) to $total of $total, " "$work/end.out"' "e lists the last page" \
    "$(grep "^Escalations" "$work/end.out")"
check 'grep -q "^  $total\. $(nth "$total")  " "$work/end.out"' "the newest is last, numbered $total"
check 'grep -q "That was the last of them: the newest." "$work/end.out"' "m after the last page says so"
check 'grep -q "Type the number of an escalation listed, from $((total - 19)) to $total." "$work/end.out"' \
    "a number not listed is refused in words"
check 'grep -q "^Application $(nth "$total")$" "$work/end.out"' "the newest's number opens it"

# 4. Announced while waiting at a prompt: i lists the page ending with it.
row=$(sql "SELECT a.id || '|' || a.version || '|' || a.number FROM gise.application a JOIN gise.service s ON s.id = a.service_id
           WHERE a.status = 'in_review' AND a.office_id = $ank AND s.risk_level <> 'low' ORDER BY a.id LIMIT 1")
app_id=${row%%|*}; rest=${row#*|}; version=${rest%%|*}; number=${rest#*|}
mkfifo "$work/sup"
PGUSER=ank_supervisor "${GISE_BIN:-$top/gise}" --lang en <"$work/sup" >"$work/sup.out" 2>&1 &
spid=$!
exec 4>"$work/sup"
wait_out() { i=0; while ! grep -qF -- "$1" "$2" && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done; grep -qF -- "$1" "$2"; }
wait_out "search> " "$work/sup.out"
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $app_id, $version, 'Sayfa sınaması', 'approve')" >/dev/null
wait_out "New escalation from Ayşe Kaya: application $number" "$work/sup.out"
check 'grep -q "New escalation from Ayşe Kaya: application $number (.*). Type i to open it.$" "$work/sup.out"' \
    "the announcement names the command that opens it" "$(grep "New escalation" "$work/sup.out")"
printf 'i\n' >&4
wait_out "The escalation just announced" "$work/sup.out"
check 'grep -q "^  $((total + 1))\. $number  " "$work/sup.out" && [ "$(listed "$work/sup.out")" -le 20 ]' \
    "i after it: the page that ends with it, numbered $((total + 1))" "$(tail -n 4 "$work/sup.out")"
check 'grep -q "The escalation just announced, application $number, is $((total + 1)) of $((total + 1))." "$work/sup.out"' \
    "and where it is, in words" "$(tail -n 2 "$work/sup.out")"
printf '%s\nq\n' "$((total + 1))" >&4
exec 4>&-
wait $spid 2>/dev/null
check 'grep -q "^Application $number$" "$work/sup.out"' "its number opens it" "$(tail -n 3 "$work/sup.out")"
sql "SET SESSION AUTHORIZATION ank_clerk1;
     SELECT status FROM gise.application_withdraw(gen_random_uuid(), $app_id, $version + 1, 'sınama bitti')" >/dev/null

# 5. A clerk's inbox pages too, and says whose it is.
printf '%s\n' i q | gise_as ank_clerk1 --lang en >"$work/clerk.out"
check 'grep -q "^Your escalations 1 to [0-9]* of [0-9]*, those decided lately first, then the open ones;" "$work/clerk.out" && [ "$(listed "$work/clerk.out")" -le 20 ]' \
    "a clerk's own escalations, a page at a time" "$(sed -n 3,4p "$work/clerk.out")"
line_done
