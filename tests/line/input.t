#!/bin/sh
# Line mode on a real terminal and against bad input: TERM=dumb and
# --plain in tmux write no escape code at all; a mistyped identity number,
# invalid UTF-8, an escape sequence, over-long text and a non-answer are
# refused in words and asked again, and nothing is changed; hostile data
# from the database is shown harmless; a connection killed under a step is
# retried with the same request and applied once; an escalation raised by
# a colleague is announced to a supervisor waiting at a prompt.
. "$(dirname "$0")/lib.sh"

# A received application at the Ankara office, of a service whose
# rejections need a supervisor (so a clerk's steps in review are: notice,
# escalate, withdraw).
pick=$(sql "SELECT a.id || '|' || c.national_id || '|' || a.number || '|' || c.id FROM gise.application a
              JOIN gise.citizen c ON c.id = a.citizen_id JOIN gise.office o ON o.id = a.office_id
              JOIN gise.service s ON s.id = a.service_id
             WHERE o.code = 'ANK' AND a.status = 'received' AND s.rejection_needs_supervisor
               AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
             ORDER BY a.id DESC LIMIT 1")
app=${pick%%|*}; rest=${pick#*|}; nid=${rest%%|*}; rest=${rest#*|}; number=${rest%%|*}; cid=${rest#*|}
if [ -z "$app" ]; then
    ok 1 "the demo data has a received application to start from"
    line_done
    exit 1
fi
audit() { sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app"; }

# 1. A real terminal with TERM=dumb, then --plain: line mode, no escape code.
for how in "TERM=dumb" "TERM=xterm-256color --plain"; do
    sock="$work/tmux.sock"
    tmux -S "$sock" kill-server 2>/dev/null
    envs=${how%% --*}; args=""; [ "$envs" != "$how" ] && args="--plain"
    tmux -S "$sock" new-session -d -s l -x 80 -y 24 "env $envs PGUSER=ank_clerk1 '${GISE_BIN:-$top/gise}' --lang en $args; sleep 600"
    tmux -S "$sock" pipe-pane -o -t l "cat >>'$work/raw'"
    : >"$work/raw"
    i=0; while ! tmux -S "$sock" capture-pane -p -t l | grep -q 'search>' && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done
    tmux -S "$sock" send-keys -t l "$nid" Enter
    i=0; while ! tmux -S "$sock" capture-pane -p -t l | grep -q '1 citizen found' && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done
    check 'tmux -S "$sock" capture-pane -p -t l | grep -q "^search> $nid"' "$how: the prompt and the answer on a real terminal"
    check 'tmux -S "$sock" capture-pane -p -t l | grep -q "1 citizen found"' "$how: the search answered"
    check '[ -s "$work/raw" ] && ! LC_ALL=C grep -q "$(printf "\033")" "$work/raw"' "$how: not one escape code written ($(wc -c <"$work/raw") bytes)"
    tmux -S "$sock" kill-server 2>/dev/null
done

# 2. Bad input through a pipe: each refused in words, asked again, nothing changed.
before=$(audit)
long=$(head -c 1100 /dev/zero | tr '\0' 'a')
huge=$(head -c 20000 /dev/zero | tr '\0' 'b')
{ echo 12345678901; echo "$nid"; echo 1; echo; echo 1; echo 2
  printf 'bad \377 bytes\n'; printf 'an \033]0;owned\007 title\n'; echo "$long"; echo "$huge"
  echo "The citizen asked to stop."; echo maybe; echo n; echo q; } |
    gise_as ank_clerk1 --lang en >"$work/bad.out"
check 'grep -q "^Error: Identity number is not valid" "$work/bad.out"' "a mistyped identity number is refused in words" "$(head -5 "$work/bad.out")"
check 'grep -q "^Error: The citizen.s reason: .*UTF-8" "$work/bad.out"' "invalid UTF-8 is refused, naming the field"
check 'grep -q "^Error: The citizen.s reason: .*control" "$work/bad.out"' "an escape sequence is refused, naming the field"
check 'grep -q "^Error: The citizen.s reason: .*1000" "$work/bad.out"' "over-long text is refused with the limit"
check '[ "$(grep -c "^Error: The citizen.s reason: at most 1000 characters; this has 20000\." "$work/bad.out")" = 1 ]' \
    "an answer longer than a line can hold is refused once, whole, with the field's limit"
check 'grep -q "^Answer y (yes) or n (no)." "$work/bad.out"' "a non-answer to a question is asked again"
check 'grep -q "^Cancelled. Nothing was changed." "$work/bad.out"' "n cancels"
check '[ "$(audit)" = "$before" ] && [ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = received ]' \
    "nothing was changed in the database"
check '! LC_ALL=C grep -q "$(printf "\033")" "$work/bad.out"' "the echoed escape sequence is not sent back raw"
check '[ "$(cat "$work/status")" = 1 ]' "a session with refusals exits 1"

# 3. Hostile data in the database is shown harmless.
# (As if loaded before the rules existed: the rule is lifted for the update.)
old_address=$(sql "SELECT address FROM gise.citizen WHERE id = $cid")
rule=$(sql "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'citizen_address_text'")
sql "ALTER TABLE gise.citizen DROP CONSTRAINT citizen_address_text;
     UPDATE gise.citizen SET address = E'Evil \\x1b]0;pwned\\x07 Sok. \\u202Eabc' WHERE id = $cid" >/dev/null
printf '%s\n' "$nid" 1 "" q | gise_as ank_clerk1 --lang en >"$work/hostile.out"
sql "UPDATE gise.citizen SET address = \$\$$old_address\$\$ WHERE id = $cid;
     ALTER TABLE gise.citizen ADD CONSTRAINT citizen_address_text $rule" >/dev/null
check 'grep -q "Address: Evil ␛\]0;pwned␇ Sok. <U+202E>abc" "$work/hostile.out"' "escape, bell and bidi override are shown as symbols" \
    "$(grep Address "$work/hostile.out")"
check '! LC_ALL=C grep -q "$(printf "\033")" "$work/hostile.out"' "no escape code reaches the terminal"

# 4. The connection dies under a step: retried with the same request, applied once.
mkfifo "$work/in"
appname="gise-line-test-$$"
PGAPPNAME=$appname PGUSER=ank_clerk1 "${GISE_BIN:-$top/gise}" --lang en <"$work/in" >"$work/lost.out" 2>&1 &
pid=$!
exec 3>"$work/in"
wait_out() { i=0; while ! grep -qF -- "$1" "$2" && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done; grep -qF -- "$1" "$2"; }
printf '%s\n1\n\n1\n1\n' "$nid" >&3
wait_out "Start reviewing application $number? (y/n)" "$work/lost.out"
# Killed while the question waits, answered at once: the step meets the
# dead connection (left alone for a second, gise would reconnect by itself).
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '$appname'" >/dev/null
printf 'y\n' >&3
wait_out "Send it again?" "$work/lost.out"
check 'grep -q "^Error: The connection to the database was lost" "$work/lost.out"' "the lost connection is said" "$(tail -5 "$work/lost.out")"
printf 'y\n' >&3
wait_out "is now: In review" "$work/lost.out"
check 'grep -q "Application $number is now: In review." "$work/lost.out"' "the step went through after reconnecting" "$(tail -5 "$work/lost.out")"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = '"'"'review'"'"'")" = 1 ]' \
    "applied exactly once"

# 5. A supervisor waiting at a prompt hears a colleague's escalation.
mkfifo "$work/sup"
PGUSER=ank_supervisor "${GISE_BIN:-$top/gise}" --lang en <"$work/sup" >"$work/sup.out" 2>&1 &
spid=$!
exec 4>"$work/sup"
wait_out "search> " "$work/sup.out"
# Approval asked for, the documents rule it does not meet left unwaived (the empty line).
printf '2\n1\n\nWe need a second opinion on the papers.\ny\nq\n' >&3
wait_out "New escalation from Ayşe Kaya: application $number" "$work/sup.out"
check 'grep -q "New escalation from Ayşe Kaya: application $number" "$work/sup.out"' \
    "announced with nothing typed" "$(tail -3 "$work/sup.out")"
check '[ "$(tail -n 1 "$work/sup.out")" = "search> " ]' "the prompt is written again under the announcement"
exec 3>&- 4>&-
wait $pid $spid 2>/dev/null

# 6. The supervisor decides while the clerk types a withdrawal: the change is named, the current state shown, and what was typed
# is offered again and goes through.
mkfifo "$work/conflict"
PGUSER=ank_clerk1 "${GISE_BIN:-$top/gise}" --lang en <"$work/conflict" >"$work/conflict.out" 2>&1 &
cpid=$!
exec 5>"$work/conflict"
printf '%s\n1\n\n1\n' "$nid" >&5
wait_out "Actions (type the number)" "$work/conflict.out"
withdraw=$(grep -c . "$work/conflict.out")   # where the form starts
printf '1\nThe citizen moved abroad.\n' >&5    # escalated (part 5): withdrawing is the one step
wait_out "Withdraw application $number? This closes it." "$work/conflict.out"
printf '%s\n1\n\n1\n1\n2\nAsk the citizen for the papers first.\ny\nr\nq\n' "$nid" |
    gise_as ank_supervisor --lang en >"$work/colleague.out"
check 'grep -q "Escalation of $number denied" "$work/colleague.out" && grep -q "Zeynep Çelik denied the escalation" "$work/colleague.out"' \
    "meanwhile the supervisor denies the escalation (and the history says so)" \
    "$(tail -4 "$work/colleague.out")"
printf 'y\n' >&5
wait_out "Send what you typed again" "$work/conflict.out"
check 'tail -n +"$withdraw" "$work/conflict.out" | grep -q "^Error: Zeynep Çelik changed this application at "' \
    "the conflict names the colleague" "$(tail -n +"$withdraw" "$work/conflict.out" | head -8)"
printf 'y\nq\n' >&5
wait_out "is now: Withdrawn" "$work/conflict.out"
exec 5>&-
wait $cpid 2>/dev/null
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = withdrawn ]' \
    "what was typed went through on the current state"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = '"'"'withdraw'"'"' AND details::text LIKE '"'"'%moved abroad%'"'"'")" = 1 ]' \
    "once, with the reason typed before the conflict"

# 7. The idle lock on a terminal (TERM=dumb, 4 s): a warning line, Enter
# keeps the session, then the lock asks for the login name.
sock="$work/lock.sock"
tmux -S "$sock" new-session -d -s k -x 80 -y 24 "env TERM=dumb PGUSER=ank_clerk1 '${GISE_BIN:-$top/gise}' --lang en --lock-after 4s; sleep 600"
kpane() { tmux -S "$sock" capture-pane -p -t k; }
kwait() { i=0; while ! kpane | grep -qF -- "$1" && [ $i -lt "${2:-500}" ]; do sleep 0.01; i=$((i+1)); done; kpane | grep -qF -- "$1"; }
kwait "search>"
tmux -S "$sock" send-keys -t k "$nid" Enter
kwait "1 citizen found"
check 'kwait "This session locks in 2 seconds. Press Enter to stay signed in." 400' "the warning comes in words before the lock" "$(kpane | tail -3)"
tmux -S "$sock" send-keys -t k Enter
check 'kwait "Still signed in."' "Enter keeps the session"
sleep 1.5
check '! kpane | grep -q "This session is locked"' "no lock when it would have locked without the Enter"
check 'kwait "This session is locked." 600' "idle again: the session locks" "$(kpane | tail -3)"
tmux -S "$sock" send-keys -t k "ank_clerk2" Enter
check 'kwait "Login name: not the one signed in here."' "another login name does not unlock"
tmux -S "$sock" send-keys -t k "ank_clerk1" Enter
check 'kwait "Unlocked. Everything is as you left it."' "the own login name unlocks"
tmux -S "$sock" send-keys -t k 1 Enter
kwait "purpose [1]>"
tmux -S "$sock" send-keys -t k Enter
check 'kwait "Citizen: "' "the session goes on where it was (the search's result opens)"
tmux -S "$sock" kill-server 2>/dev/null

line_done
