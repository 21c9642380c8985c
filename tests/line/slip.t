#!/bin/sh
# Input that cannot slip (issue 14, point 4), in line mode: each case is
# one that slipped before. The tail of an over-long line became the next
# answer (98,307 spaces and "y" at "Start reviewing ...? (y/n)" started the
# review after six "too long" refusals; a 17,516-character explanation had
# its last 1,132 characters stored); a NUL cut an answer short ("Visible
# part.\0Hidden" stored as "Visible part."); after 64 refusals the exit
# status was 0, though the README says 1. Now a line is refused whole, up
# to its line break, with words that say what was wrong, and the exit
# status says whether anything was refused.
. "$(dirname "$0")/lib.sh"

fresh() {
    sql "SELECT national_id FROM gise.citizen c WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
          ORDER BY id LIMIT 1 OFFSET $1"
}
app_of() { sql "SELECT a.id FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id WHERE c.national_id = '$1'"; }
# Opens a passport application for citizen $1 (answers up to the action
# list), as the README's morning does.
open_new() { printf '%s\n' "$1" 1 "" n pasaport 1 "1 2"; }
spaces() { head -c "$1" /dev/zero | tr '\0' ' '; }
chars() { head -c "$2" /dev/zero | tr '\0' "$1"; }

# 1. 98,307 spaces and "y" at the review's yes/no question: one refusal,
# the whole line; the question is asked again and "n" answers it.
nid=$(fresh 60)
{ open_new "$nid"; echo 1; spaces 98307; printf 'y\nn\nq\n'; } | gise_as ank_clerk1 --lang en >"$work/review.out"
app=$(app_of "$nid")
check '[ -n "$app" ] && [ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = received ]' \
    "98,307 spaces and y: the review did not start" "$(tail -n 12 "$work/review.out" | cut -c1-200)"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = '"'"'review'"'"'")" = 0 ]' \
    "and the audit has no review"
check '[ "$(grep -c "too long" "$work/review.out")" = 1 ]' "refused once, not once per 16 KiB" \
    "$(grep "too long" "$work/review.out")"
check 'grep -q "^That answer is too long: 98308 characters, and at most 63 bytes fit. None of it was used; type it again.$" "$work/review.out"' \
    "the refusal says how long it was and what fits"
check '[ "$(grep -c "^Start reviewing application .*? (y/n) " "$work/review.out")" = 2 ] && grep -q "^Cancelled. Nothing was changed." "$work/review.out"' \
    "the question is asked again, and the next line (n) answers it" "$(grep "Start reviewing\|Cancelled" "$work/review.out" | cut -c1-120)"
check '[ "$(cat "$work/status")" = 1 ]' "the session exits 1: something was refused"

# 2. A 17,516-character explanation: refused whole with the field's limit;
# the explanation typed next is the one stored, not a tail of the long one.
nid=$(fresh 61)
{ open_new "$nid"; printf '1\ny\n2\n1\n'; chars e 17516; printf '\n%s\n' "The address could not be confirmed."; printf 'y\nq\n'; } |
    gise_as ank_clerk1 --lang en >"$work/reject.out"
app=$(app_of "$nid")
check '[ "$(grep -c "^Error: Explanation: at most 2000 characters; this has 17516. Shorten it.$" "$work/reject.out")" = 1 ]' \
    "17,516 characters: refused once, with the limit and the length" "$(grep "Explanation" "$work/reject.out" | cut -c1-120)"
stored=$(sql "SELECT explanation FROM gise.decision WHERE application_id = $app")
check '[ "$stored" = "The address could not be confirmed." ]' "the explanation stored is the one typed after it" \
    "stored: $(printf '%s' "$stored" | cut -c1-80) ($(printf '%s' "$stored" | wc -c) bytes)"
check '[ "$(sql "SELECT count(*) FROM gise.decision WHERE application_id = $app AND explanation LIKE '"'"'%eee%'"'"'")" = 0 ]' \
    "no tail of the long line is stored anywhere"

# 3. A NUL inside an answer: refused, named with where it is, echoed as a
# symbol; the reason typed next is the one stored.
nid=$(fresh 62)
{ open_new "$nid"; printf '2\nVisible part.\0Hidden\nThe citizen moved abroad.\ny\nq\n'; } |
    gise_as ank_clerk1 --lang en >"$work/nul.out"
app=$(app_of "$nid")
check 'grep -q "^Error: The citizen.s reason: the answer has a NUL byte (a zero byte, which ends text) at character 14: it cannot be text, and none of it was used. Type it again.$" "$work/nul.out"' \
    "a NUL is refused in words, naming the field and where" "$(grep -A1 "Visible" "$work/nul.out")"
check 'grep -q "^The citizen.s reason: Visible part.␀Hidden$" "$work/nul.out"' "the answer is echoed whole, the NUL as a symbol"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = withdrawn ] &&
       [ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = '"'"'withdraw'"'"' AND details::text LIKE '"'"'%moved abroad%'"'"'")" = 1 ] &&
       [ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND details::text LIKE '"'"'%Visible%'"'"'")" = 0 ]' \
    "the reason stored is the one typed after it; \"Visible part.\" is stored nowhere"

# 4. 64 answers refused at a yes/no question (32 non-answers, 32 too long
# to hold), then n and q: exit status 1 (it was 0), each refused once.
nid=$(fresh 63)
{ open_new "$nid"; echo 1
  i=0; while [ $i -lt 32 ]; do echo maybe; chars b 20000; echo; i=$((i + 1)); done; printf 'n\nq\n'; } |
    gise_as ank_clerk1 --lang en >"$work/many.out"
check '[ "$(cat "$work/status")" = 1 ]' "64 refusals: exit status 1" "status $(cat "$work/status")"
check '[ "$(grep -c "^That answer is too long: 20000 characters\|^Answer y (yes) or n (no)\.$" "$work/many.out")" = 64 ]' \
    "each refused once" "$(grep -c "too long\|Answer y" "$work/many.out") refusals"
# Every kind of byte that cannot be text, refused in words naming it.
{ printf 'Visible part.\0Hidden\n'; printf 'Ali \033[2J Veli\n'; printf 'Ay\377se\n'; printf 'a\302\233b\n'; echo q; } |
    gise_as ank_clerk1 --lang en >"$work/kinds.out"
check 'grep -q "^Error: That answer has a NUL byte (a zero byte, which ends text) at character 14: it cannot be text, and none of it was used. Type it again.$" "$work/kinds.out" &&
       grep -q "^Error: That answer has an escape code (Esc, U+001B, a control character) at character 5: " "$work/kinds.out" &&
       grep -q "^Error: That answer has bytes that are not UTF-8 text at byte 3: " "$work/kinds.out" &&
       grep -q "^Error: That answer has the control character U+009B at character 2: " "$work/kinds.out"' \
    "the NUL, the escape code, the bad byte and a C1 control are each named, with where" "$(grep -i "answer" "$work/kinds.out" | cut -c1-160)"
check '! grep -q "citizen found\|No citizen found" "$work/kinds.out" && [ "$(cat "$work/status")" = 1 ]' \
    "nothing refused was searched for; exit status 1"
printf 'q\n' | gise_as ank_clerk1 --lang en >"$work/clean.out"
check '[ "$(cat "$work/status")" = 0 ]' "a session with nothing refused exits 0" "status $(cat "$work/status")"

line_done
