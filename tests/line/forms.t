#!/bin/sh
# Every line-mode form cancels the same way (issue 12, point 6): `b` or `q`
# as the answer to any question of any form cancels it, says so, and sends
# nothing; an empty line takes the default the question names, and cancels
# where it names none (README, line mode). Before, `b` and `q` at the
# deficiency notice's documents were "Type document numbers from 1 to 2",
# only some questions cancelled at all, and an empty line at a yes/no
# question was refused.
. "$(dirname "$0")/lib.sh"

# A fresh application in review for each try: opened and reviewed here.
fresh() {
    sql "SELECT national_id FROM gise.citizen c WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
          ORDER BY id LIMIT 1 OFFSET $1"
}
# try N WORD ANSWERS...: a citizen, a passport application, the review, then
# the deficiency notice answered with ANSWERS; the form must be cancelled.
try() {
    offset=$1 what=$2
    shift 2
    nid=$(fresh "$offset")
    printf '%s\n' "$nid" 1 "" n pasaport 1 "1 2" 1 y 1 "$@" w q |
        gise_as ank_clerk1 --lang en >"$work/out"
    cid=$(sql "SELECT id FROM gise.citizen WHERE national_id = '$nid'")
    status=$(sql "SELECT status FROM gise.application WHERE citizen_id = $cid")
    notices=$(sql "SELECT count(*) FROM gise.deficiency_notice d JOIN gise.application a ON a.id = d.application_id
                   WHERE a.citizen_id = $cid")
    check '[ "$status" = in_review ] && [ "$notices" = 0 ] && grep -q "Cancelled. Nothing was changed." "$work/out" &&
           ! grep -q "Type document numbers\|Type a date\|Answer y (yes)" "$work/out" && grep -q "^application> w$" "$work/out"' \
        "$what: the notice is cancelled, nothing sent, back at the application prompt" \
        "status=$status notices=$notices
$(sed -n '/Issue a deficiency notice:/,$p' "$work/out")"
}
try 20 "b at the documents" b
try 21 "q at the documents" q
try 22 "b at the deadline" "" b
try 23 "b at the note" "" "" b
try 24 "b at the confirmation" "" "" "A note." b
try 25 "an empty note" "" "" ""
# A yes/no question names no default either: an empty line cancels there
# too (before, it was "Answer y (yes) or n (no)" until one was typed).
try 27 "an empty line at the confirmation" "" "" "A note." ""

# The service chooser and the documents brought, in the new application.
nid=$(fresh 26)
printf '%s\n' "$nid" 1 "" n b w q | gise_as ank_clerk1 --lang en >"$work/out"
check 'grep -q "Cancelled. Nothing was changed." "$work/out" && grep -q "^citizen> w$" "$work/out" && [ "$(sql "SELECT count(*) FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id WHERE c.national_id = '"'$nid'"'")" = 0 ]' \
    "b at the service chooser: nothing opened" "$(cat "$work/out")"
printf '%s\n' "$nid" 1 "" n pasaport 1 b w q | gise_as ank_clerk1 --lang en >"$work/out"
check 'grep -q "Cancelled. Nothing was changed." "$work/out" && grep -q "^citizen> w$" "$work/out" && [ "$(sql "SELECT count(*) FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id WHERE c.national_id = '"'$nid'"'")" = 0 ]' \
    "b at the documents brought: nothing opened" "$(cat "$work/out")"
# An empty line at the service chooser, whose prompt says it cancels.
nid=$(fresh 28)
printf '%s\n' "$nid" 1 "" n "" w q | gise_as ank_clerk1 --lang en >"$work/out"
check 'grep -q "Cancelled. Nothing was changed." "$work/out" && grep -q "^citizen> w$" "$work/out" && [ "$(sql "SELECT count(*) FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id WHERE c.national_id = '"'$nid'"'")" = 0 ]' \
    "an empty line at the service chooser: nothing opened" "$(cat "$work/out")"
line_done
