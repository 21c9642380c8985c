#!/bin/sh
# Four eyes on a high-risk approval in line mode (0016): the supervisor who
# approved a building permit is not offered its countersignature, nor finds
# it in the inbox; the second supervisor of the office finds it there
# (0021), labelled, and its number opens the application at its
# countersignature, which approves it; then it is no longer listed. A
# supervisor waiting at a prompt is told of an approval at once, and i
# lists the page that ends with it.
. "$(dirname "$0")/lib.sh"

. "$top/tests/fixtures.sh"

# The place of application $1's approval in the second supervisor's inbox.
place_of() {
    sql "SET SESSION AUTHORIZATION ank_supervisor2;
         SELECT p.position FROM gise.inbox_page(NULL, NULL, false, false, 20) p WHERE (p.countersign).application_id = $1"
}
approval_waiting 61

printf '%s\n' "$nid" 1 "" 1 i e q | gise_as ank_supervisor --lang en >"$work/first.out"
check 'grep -q "Status: Awaiting countersignature" "$work/first.out" && grep -q "Withdraw at the citizen" "$work/first.out" &&
       ! grep -q "Countersign the approval" "$work/first.out"' \
    "the supervisor who approved it reads that it awaits a countersignature, and is not offered to give it" \
    "$(sed -n '/^Application /,$p' "$work/first.out")"
check '! grep -q "Countersign: " "$work/first.out"' "nor finds it in the inbox" "$(sed -n '/^inbox> /,$p' "$work/first.out" | head -n 30)"

place=$(place_of "$app")
printf '%s\n' i e "$place" 1 "" q | gise_as ank_supervisor2 --lang en >"$work/empty.out"
check 'grep -qE "^  $place\. $number  Countersign: Building permit, approved by Zeynep Çelik, waiting " "$work/empty.out"' \
    "the second supervisor finds it in the inbox, numbered $place, labelled, with its approver" \
    "$(grep "Countersign" "$work/empty.out")"
check 'grep -qE "^Waiting [0-9]+ to [0-9]+ of [0-9]+ \(1 to countersign\), oldest first; a number opens that application" "$work/empty.out"' \
    "the inbox heading counts it" "$(grep "^Waiting" "$work/empty.out")"
check 'grep -q "^Countersign the approval: $number$" "$work/empty.out" && grep -q "Cancelled. Nothing was changed." "$work/empty.out" &&
       [ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = awaiting_countersign ]' \
    "its number opens the application at its countersignature; an empty comment cancels: nothing sent" \
    "$(sed -n '/^Countersign the approval:/,$p' "$work/empty.out")"

printf '%s\n' i e "$place" 1 "Uygundur" y i e q | gise_as ank_supervisor2 --lang en >"$work/second.out"
check 'grep -qF "Countersign the approval of $number? This cannot be undone. (y/n) y" "$work/second.out" &&
       grep -qF "Approval of $number countersigned. The application is now: Approved." "$work/second.out"' \
    "the second supervisor countersigns from the inbox: the number, the answer, a comment, y" \
    "$(sed -n '/^Countersign the approval:/,$p' "$work/second.out")"
check '[ "$(sql "SELECT a.status || '"' '"' || d.countersigned_by FROM gise.application a JOIN gise.decision d ON d.application_id = a.id
                 WHERE a.id = $app")" = "approved $(sql "SELECT id FROM gise.staff WHERE role_name = '"'ank_supervisor2'"'")" ]' \
    "the application is approved, the decision countersigned by the second supervisor"
check '[ "$(grep -c "^  [0-9]*\. $number  Countersign" "$work/second.out")" = 1 ]' \
    "listed before, it is gone from the inbox after" "$(grep "$number" "$work/second.out")"

# Live: announced at the prompt; i lists the page that ends with it; its
# number asks for the countersignature, which is refused.
gise_live ank_supervisor2 --lang en
wait_out "search> " "$work/live.out"
approval_waiting 62
wait_out "waits for your countersignature" "$work/live.out"
check 'grep -qF "Approval of $number waits for your countersignature (Building permit, approved by Zeynep Çelik). Type i to open it." "$work/live.out"' \
    "the announcement names the approval, who gave it and the command that opens it" "$(tail -n 3 "$work/live.out")"
printf 'i\n' >&4
wait_out "The approval just announced" "$work/live.out"
place=$(place_of "$app")
check 'grep -q "^  $place\. $number  Countersign: " "$work/live.out" && grep -q "The approval just announced, application $number, is $place of $place." "$work/live.out"' \
    "i after it: the page that ends with it, and where it is, in words" "$(tail -n 4 "$work/live.out")"
printf '%s\n2\nBelge eksik\ny\nq\n' "$place" >&4
gise_live_end
check 'grep -qF "Countersignature of $number refused. The application is now: In review." "$work/live.out" &&
       [ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = in_review ]' \
    "its number asks for the countersignature: refused, it goes back to review" "$(tail -n 6 "$work/live.out")"

line_done
