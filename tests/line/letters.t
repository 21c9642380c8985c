#!/bin/sh
# Letters always reach paper (issue 14, point 3), in line mode: where they
# are written (a settings file's spool, the tree's var/spool), how (0600
# under umask 022, never through a planted link, never over another
# letter), and what a failed print leaves: the letter listed as not
# printed on the application and in the clerk's inbox until p1 prints it
# again, which the audit trail records and which takes the mark away.
. "$(dirname "$0")/lib.sh"

# The clerk is ank_clerk2 (Mehmet Öztürk), ank_clerk1 the colleague: each
# opening by identity number counts against the clerk's look-ups a minute.
reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1")
unset GISE_PRINT_COMMAND
# reject NID [gise arguments]: the clerk rejects the application of NID
# (in review: "Reject, with a reason" is action $step).
reject() {
    r_nid=$1
    shift
    printf '%s\n' "$r_nid" 1 "" 1 "$step" "$reason" "The address is not in our district." y q |
        gise_as ank_clerk2 --lang en "$@"
}
new_app() { row=$(in_review_for "$1" IKAMETGAH_BELGESI); nid=${row%%|*}; rest=${row#*|}; app=${rest%%|*}; number=${rest#*|}; }
state() { sql "SELECT (printed_at IS NOT NULL)::text || ' ' || (print_failed_at IS NOT NULL)::text FROM gise.decision WHERE application_id = $1"; }

# 1. Where: a settings file's spool; the tree's own by default.
new_app 140
step=$(printf '%s\n' "$nid" 1 "" 1 q | gise_as ank_clerk2 --lang en |
       sed -n 's/^  \([0-9]*\)\. Reject, with a reason$/\1/p' | head -n 1)
site="$work/site-spool"
printf 'spool = %s\n' "$site" >"$work/site.conf"
(umask 022; GISE_SPOOL='' reject "$nid" --config "$work/site.conf") >"$work/site.out"
letter=$(ls "$site"/"$number"-rejection-*.txt 2>/dev/null | head -n 1)
check '[ -f "$letter" ]' "the settings file's spool has the letter" "$(ls -la "$site" 2>&1; tail -n 5 "$work/site.out")"
check '[ "$(stat -c %a "$letter")" = 600 ] && [ "$(stat -c %a "$site")" = 700 ]' \
    "under umask 022 the letter is 0600, in a spool made 0700" "$(stat -c '%a %n' "$letter" "$site")"
check '[ "$(state $app)" = "true false" ]' "and it is recorded as printed"
out=$(GISE_SPOOL='' "${GISE_BIN:-$top/gise}" --check-config --config /dev/null 2>&1)
check 'printf "%s\n" "$out" | grep -q "^spool = $top/var/spool	"' "a development tree's default spool is its var/spool" "$out"

# 2. A link planted where the letter goes is not followed: the letter
# takes the next name and the link's target is untouched.
new_app 141
mkdir -p "$work/planted"
now=$(date +%s)
for s in $(seq 0 30); do
    ln -s "$work/victim" "$work/planted/$number-rejection-$(date -d "@$((now + s))" +%Y%m%d-%H%M%S).txt"
done
GISE_SPOOL="$work/planted" reject "$nid" >"$work/planted.out"
check '[ ! -e "$work/victim" ]' "nothing was written through the planted link"
check 'ls "$work/planted" | grep -q "^$number-rejection-.*-2\.txt$" && [ "$(state $app)" = "true false" ]' \
    "the letter took another name and was printed" "$(ls "$work/planted" | grep -v -- '-rejection-[0-9-]*[0-9]\.txt$'; tail -n 3 "$work/planted.out")"

# 3. A spool that is a link is refused with a clear message.
new_app 142
mkdir -p "$work/real-spool"
ln -s "$work/real-spool" "$work/linked-spool"
GISE_SPOOL="$work/linked-spool" reject "$nid" >"$work/linked.out"
check 'grep -qF "The spool $work/linked-spool is a symbolic link; gise writes letters only into a real directory." "$work/linked.out"' \
    "a linked spool is refused, saying why" "$(tail -n 4 "$work/linked.out")"
check '[ -z "$(ls "$work/real-spool")" ] && [ "$(state $app)" = "false true" ]' "nothing is written there; the letter is not printed"

# 4. A spool that cannot be written: the rejection stands, the letter is
# not printed, and says so on the application and in the inbox.
new_app 143
: >"$work/not-a-directory"
GISE_SPOOL="$work/not-a-directory" reject "$nid" >"$work/failed.out"
check 'grep -qF "Application $number rejected ($reason)." "$work/failed.out" &&
       grep -qF "It is listed as not printed on the application and in your inbox until it is printed." "$work/failed.out"' \
    "the clerk is told the letter was not written" "$(tail -n 4 "$work/failed.out")"
check '[ "$(state $app)" = "false true" ]' "the database has it as not printed, and when printing failed"
printf '%s\n' "$nid" 1 "" 1 q | gise_as ank_clerk2 --lang en >"$work/record.out"
check 'grep -q "^  p1\. Rejection letter: not printed (printing failed [0-9./]* [0-9:]*); issued [0-9./]* [0-9:]* by Mehmet Öztürk$" "$work/record.out"' \
    "the application lists it as not printed" "$(sed -n '/^Letters/,/^History/p' "$work/record.out")"
printf '%s\n' i q | gise_as ank_clerk2 --lang en >"$work/inbox.out"
found=$(grep -c "^  p[0-9]*\. $number  Rejection letter: not printed" "$work/inbox.out")
check '[ "$found" = 1 ] && grep -q "letters\{0,1\} not printed; p" "$work/inbox.out"' "so does the clerk's inbox" \
    "$(head -n 8 "$work/inbox.out")"
p=$(sed -n "s/^  \(p[0-9]*\)\. $number  Rejection letter: .*/\1/p" "$work/inbox.out")
printf '%s\n' i q | gise_as ank_clerk1 --lang en >"$work/other.out"
check '! grep -q "$number  Rejection letter" "$work/other.out"' "but not a colleague's"

# 5. Printed again from the inbox: audited, printed, and the mark goes.
before=$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = 'letter_reprint'")
printf '%s\n' i "$p" q | gise_as ank_clerk2 --lang en >"$work/reprint.out"
check 'grep -qF "Rejection letter of $number, again: No printer is configured; the letter is saved as $number-rejection-" "$work/reprint.out"' \
    "$p prints it again" "$(sed -n "/^inbox> $p/,\$p" "$work/reprint.out" | head -n 6)"
check '[ "$(ls "$GISE_SPOOL" | grep -c "^$number-rejection-")" = 1 ] && [ "$(state $app)" = "true false" ]' \
    "the letter is in the spool and recorded as printed"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = '"'letter_reprint'"'")" = $((before + 1)) ]' \
    "the reprint is in the audit trail"
check '[ "$(sed -n "/^inbox> $p/,\$p" "$work/reprint.out" | grep -c "  $number  Rejection letter")" = 0 ]' \
    "and it has left the inbox"

# 6. A print command that fails: saved, not printed; p1 on the
# application prints it with a working one.
new_app 144
GISE_PRINT_COMMAND=false reject "$nid" >"$work/cmd.out"
check 'grep -qF "Printing failed: the letter is saved as $number-rejection-" "$work/cmd.out" && [ "$(state $app)" = "false true" ]' \
    "a failed print command leaves it not printed" "$(tail -n 3 "$work/cmd.out")"
GISE_PRINT_COMMAND="cat >>'$work/paper'" sh -c 'printf "%s\n" "$1" 1 "" 1 p1 q | PGUSER=ank_clerk2 "$2/gise" --lang en' \
    - "$nid" "$top" >"$work/p1.out" 2>&1
check 'grep -qF "Rejection letter of $number, again: Letter printed and saved as $number-rejection-" "$work/p1.out" &&
       grep -q "$number" "$work/paper" && [ "$(state $app)" = "true false" ]' \
    "p1 on the application prints it again, and it is printed" "$(sed -n '/^application> p1/,$p' "$work/p1.out" | head -n 4)"
check '[ "$(ls "$GISE_SPOOL" | grep -c "^$number-rejection-")" = 2 ]' "the reprint is a new file beside the first"

# The letter of part 3 was never printed: it would stand in the clerk's
# inbox in the tests that follow.
sql "SET SESSION AUTHORIZATION ank_clerk2;
     SELECT gise.letter_print_result(kind, letter_id, true) FROM gise.letters_not_printed()" >/dev/null
line_done
