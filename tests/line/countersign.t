#!/bin/sh
# Four eyes on a high-risk approval in line mode (0016): the supervisor who
# approved a building permit is not offered its countersignature; the
# second supervisor of the office is, and countersigning approves it.
. "$(dirname "$0")/lib.sh"

row=$(in_review_for 61 YAPI_RUHSATI checked); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}
sql "SET SESSION AUTHORIZATION ank_supervisor;
     SELECT status FROM gise.application_approve(gen_random_uuid(), $app, (SELECT version FROM gise.application WHERE id = $app),
                                                 'Belgeler tam.')" >/dev/null

printf '%s\n' "$nid" 1 "" 1 q | gise_as ank_supervisor --lang en >"$work/first.out"
check 'grep -q "Status: Awaiting countersignature" "$work/first.out" && grep -q "Withdraw at the citizen" "$work/first.out" &&
       ! grep -q "Countersign the approval" "$work/first.out"' \
    "the supervisor who approved it reads that it awaits a countersignature, and is not offered to give it" \
    "$(sed -n '/^Application /,$p' "$work/first.out")"

printf '%s\n' "$nid" 1 "" 1 1 1 "" q | gise_as ank_supervisor2 --lang en >"$work/empty.out"
check 'grep -q "Cancelled. Nothing was changed." "$work/empty.out" &&
       [ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = awaiting_countersign ]' \
    "an empty comment cancels: nothing sent" "$(sed -n '/^Countersign the approval:/,$p' "$work/empty.out")"

printf '%s\n' "$nid" 1 "" 1 1 1 "Uygundur" y q | gise_as ank_supervisor2 --lang en >"$work/second.out"
check 'grep -q "^  1. Countersign the approval$" "$work/second.out" &&
       grep -qF "Countersign the approval of $number? This cannot be undone. (y/n) y" "$work/second.out" &&
       grep -qF "Approval of $number countersigned. The application is now: Approved." "$work/second.out"' \
    "the second supervisor countersigns: 1, the answer, a comment, y" "$(sed -n '/^Actions/,$p' "$work/second.out")"
check '[ "$(sql "SELECT a.status || '"' '"' || d.countersigned_by FROM gise.application a JOIN gise.decision d ON d.application_id = a.id
                 WHERE a.id = $app")" = "approved $(sql "SELECT id FROM gise.staff WHERE role_name = '"'ank_supervisor2'"'")" ]' \
    "the application is approved, the decision countersigned by the second supervisor"

line_done
