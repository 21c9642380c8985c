#!/bin/sh
# The idle lock (DESIGN.md, Accessibility 10), with short configured times:
# the warning in words on the status row with the cursor on it, a key that
# extends (as often as needed) and is used up, then the lock: nothing
# personal on the screen, nothing written while locked (not even for a
# live announcement), a wrong login name refused, the right one back to the
# half-typed form exactly as it was. A 62-second lock warns 60 s ahead. The
# site's unlock command decides by its exit status. F4 answers in one row;
# F12 keeps every message, whole, with its time.
. "$(dirname "$0")/lib.sh"

ms() { date +%s%3N; }
strip() { perl -pe 's/\e\[[0-9;?]*[A-Za-z@]//g; s/\e[()][0-9A-B]//g; s/\e[=>78]//g; s/[\x00-\x1f]//g'; }
appname="gise-idle-lock-$$"
ank="(SELECT id FROM gise.office WHERE code = 'ANK')"

# A citizen with one received application, nobody else's test data.
row=$(sql "SELECT c.national_id || '|' || c.given_name || '|' || c.family_name || '|' || a.number
           FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
           WHERE a.status = 'received' AND a.office_id = $ank
             AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
           ORDER BY a.id DESC OFFSET 3 LIMIT 1")
nid=${row%%|*}; rest=${row#*|}
given=${rest%%|*}; rest=${rest#*|}
family=${rest%%|*}; number=${rest#*|}
masked="$(printf %s "$nid" | cut -c1-3)******$(printf %s "$nid" | cut -c10-11)"
# What a colleague will escalate while the session is locked.
other=$(sql "SELECT a.id || '|' || a.version || '|' || a.number FROM gise.application a
             WHERE a.status = 'in_review' AND a.office_id = $ank
               AND NOT EXISTS (SELECT FROM gise.escalation e WHERE e.application_id = a.id)
             ORDER BY a.id DESC OFFSET 3 LIMIT 1")
other_id=${other%%|*}; rest=${other#*|}; other_version=${rest%%|*}; other_number=${rest#*|}

# 1. --lock-after 4s, a supervisor in screen-reader mode, a withdrawal half typed.
export TUI_ENV="PGUSER=ank_supervisor PGAPPNAME=$appname"
tui_start --lang en --screen-reader --lock-after 4s
out="$work/pane.bytes"
t pipe-pane -o -t gise "cat >>'$out'"
bytes() { wc -c <"$out" | tr -d ' '; }
# enter_text TEXT WHAT SHOWN: the whole text at once (each key's focus is other
# tests' business), then, when SHOWN is on the screen, the focus checked.
enter_text() {
    before=$(frames)
    t send-keys -t gise -l "$1"
    wait_for_frame $((before + 1))
    wait_for_text "$3"
    check_focus "${2:-typing} \"$1\""
}
t send-keys -t gise -l "$nid"
wait_for_text "1 citizen found"
key Enter "open the citizen"
wait_for_screen "Purpose of opening"
key Enter "the purpose: the default"
wait_for_screen Citizen
key Enter "open the application"
wait_for_text "Screen: Application"
choose_action "Withdraw at the citizen's request"
wait_for_text "Screen: Withdrawal"
t send-keys -t gise -l "Citizen changed her m"
last_key=$(ms)
key i "the reason, half typed"
check 'screen | grep -qF "$number" && screen | grep -qF "$given"' \
    "the form shows the application $number and the citizen $given $family" "$(screen)"

warning="This session locks in 2 seconds. Press any key to stay signed in."
sleep 0.3
idle_from=$(bytes)
wait_for_text "$warning"
seen=$(( $(ms) - last_key ))
check '[ "$seen" -ge 1900 ] && [ "$seen" -lt 3500 ]' "the warning comes after 2 idle seconds of 4 ($seen ms)"
# Screen-reader mode: the message rows are right under the title.
check 'screen_row 1 | grep -qxF "$warning"' "it is on the message row under the title, in words" "$(screen_row 1)"
check '[ "$(cursor)" = "0,1" ]' "the cursor is on it, so a screen reader reads it" "$(cursor)"
check '[ "$(frame_field row)" = 1 ] && [ "$(frame_field focus)" = "$warning" ]' \
    "the trace reports the focus on the warning" "$(last_frame)"
check 'screen | grep -q "Reason (required): .*changed her mi *$"' "the form is still shown above it"
sleep 0.3
written=$(tail -c +$((idle_from + 1)) "$out" | strip)
check '[ "$written" = "$warning" ]' "while idle, the warning is all that was written" "$written"

# Any key extends; it is used up, not typed; as often as needed.
extend() {   # $1: key, $2: what
    before=$(frames)
    t send-keys -t gise "$1"
    wait_for_frame $((before + 1))
    extended_at=$(ms)
    check '[ "$(traced_status)" = "Still signed in." ] && screen_row 1 | grep -qx "Still signed in\."' \
        "$2 extends the session: \"Still signed in.\"" "$(screen_row 1)"
    check_focus "$2: the cursor is back on the focus"
    check 'screen | grep -q "Reason (required): .*changed her mi *$"' "$2 is used up, not typed" "$(screen)"
}
extend x "a letter"
sleep 2.3   # past the time it would have locked
check 'screen_row 0 | grep -q "Screen: Withdrawal"' "no lock when it would have locked ($(( $(ms) - last_key )) ms idle)" "$(screen_row 0)"
wait_for_text "$warning"
check '[ "$(cursor)" = "0,1" ]' "the warning comes again, the cursor on it"
extend F10 "F10 (quit)"
check '! screen | grep -q "Quit and lose"' "the key that extended did not act: no question to quit"

# Idle to the end: between the warning and the lock nothing is written.
wait_for_text "$warning"
warned_at=$(ms)
sleep 0.3
after_warning=$(bytes)
sleep 1.2
check '[ "$(bytes)" = "$after_warning" ]' "not one byte between the warning and the lock (no count-down)"
wait_for_text "Screen: Locked"
locked_after=$(( $(ms) - extended_at ))
check '[ "$locked_after" -ge 3900 ] && [ "$locked_after" -lt 5500 ]' "locked 4 s after the last key ($locked_after ms)"

# 2. Locked: only the lock screen, nothing personal.
cap=$(screen)
check '[ "$(screen_row 0)" = "Screen: Locked" ]' "the first row says Screen: Locked" "$(screen_row 0)"
check 'printf "%s" "$cap" | grep -q "This session is locked." && printf "%s" "$cap" | grep -q "To unlock, type your login name and press Enter."' \
    "it says the session is locked and how to unlock" "$cap"
check '! printf "%s" "$cap" | grep -qF -e "$given" -e "$family"' "no citizen name on the lock screen" "$cap"
check '! printf "%s" "$cap" | grep -qF -e "$nid" -e "$masked" && ! printf "%s" "$cap" | grep -q "[0-9]\{3\}\*\{6\}[0-9][0-9]"' \
    "no identity number, not even masked" "$cap"
check '! printf "%s" "$cap" | grep -qF "$number" && ! printf "%s" "$cap" | grep -q "20[0-9][0-9]-[0-9]\{6\}"' \
    "no application number" "$cap"
check '! printf "%s" "$cap" | grep -qF -e "Citizen changed" -e "Withdraw" -e "Signed in as"' \
    "nothing typed, no screen beneath, no message of the session" "$cap"
check_focus "on the lock screen"
check '[ "$(frame_field focus)" = "Login name" ] && [ "$(frame_field screen)" = Locked ]' \
    "the trace: screen Locked, the focus on the login name" "$(last_frame)"
state=$(sql "SELECT state || CASE WHEN xact_start IS NULL THEN ', no transaction' ELSE ', transaction open' END
             FROM pg_stat_activity WHERE application_name = '$appname'")
check '[ "$state" = "idle, no transaction" ]' "locked, the connection stays open and holds no transaction" "$state"

# A colleague escalates meanwhile: the announcement waits in the history.
quiet_from=$(bytes)
frames_before=$(frames)
sql "SET SESSION AUTHORIZATION ank_clerk2;
     SELECT status FROM gise.application_escalate(gen_random_uuid(), $other_id, $other_version, 'İkinci görüş', 'approve')" >/dev/null
i=0; while [ "$(frames)" -le "$frames_before" ] && [ $i -lt 300 ]; do sleep 0.01; i=$((i + 1)); done
check '[ "$(frames)" -gt "$frames_before" ]' "the announcement arrived (a frame was traced)"
sleep 0.3
check '! screen | grep -qF -e "New escalation" -e "$other_number"' "it does not show on the lock screen" "$(screen)"
check '[ "$(traced_status)" = "" ]' "nor on its status row" "$(traced_status)"
check '[ "$(bytes)" = "$quiet_from" ]' "locked, nothing is written, announcement or not ($(( $(bytes) - quiet_from )) bytes)"

# A wrong name (a colleague's) stays locked; the right one unlocks.
enter_text "ank_clerk1" "a colleague's login name" "Login name: ank_clerk1"
key Enter "try it"
check 'screen_row 0 | grep -q "Screen: Locked"' "a wrong name stays locked" "$(screen_row 0)"
check '[ "$(traced_status)" = "Error: Login name: not the one signed in here. Type your own and press Enter." ]' \
    "and says so" "$(traced_status)"
check '[ "$(frame_field focus)" = "Login name" ] && ! screen | grep -q "ank_clerk1"' "the field is empty again for another try"
enter_text "ank_supervisor" "the supervisor's own login name" "Login name: ank_supervisor"
key Enter "unlock"
wait_for_text "Screen: Withdrawal"
check 'screen | grep -qF "$number" && screen | grep -qF "$given"' "unlocked: the form as it was" "$(screen)"
check '[ "$(traced_status)" = "Unlocked. 1 message came while the session was locked; F12 lists it." ]' \
    "the status row says one message came meanwhile" "$(traced_status)"
check_focus "unlocked, the cursor back in the reason"
key F4 "where am I"
check 'traced_status | grep -qF "Focus: Reason. Value: Citizen changed her mi. Last message: Unlocked."' \
    "the half-typed reason is intact, every letter" "$(traced_status)"
enter_text "nd" "typing goes on" "her mind"
check 'screen | grep -q "Reason (required): .*hanged her mind *$"' "typing goes on where it stopped" "$(screen)"

# F12: the announcement is there, every message with its time.
key F12 "the message history"
# Screen-reader mode shows one message at a time: Up from the newest reads
# them all, each row as it is shown, without its place (a long row's first
# line starts with it, the marker after it).
history=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    history="$(screen_row "$(frame_field row)" | sed 's/^([0-9]* of [0-9]*) > /> /; s/  ([0-9]* of [0-9]*)$//')
$history"
    key Up "the message before"
done
time_re='[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'
# (a row longer than the screen is read a line at a time: the application's
# number may be on the announcement's next line, which Up does not show)
check 'printf "%s\n" "$history" | grep -q "^[> ] $time_re: New escalation from Mehmet Öztürk: application"' \
    "the announcement made while locked is in the history, with its time" "$history"
check 'printf "%s\n" "$history" | grep -q "^[> ] $time_re: Still signed in\.$"' "so is \"Still signed in.\""
check '! printf "%s\n" "$history" | grep -q "This session locks in"' "the warnings themselves are not kept"
check 'frame_field focus | grep -qx "$time_re"' "the focused row's label is its time" "$(last_frame)"
key Escape

# 3. --lock-after 62s: the warning comes a full minute ahead (after 2 s).
export TUI_ENV="PGAPPNAME=$appname"
tui_start --lang en --lock-after 62s
started=$(ms)
wait_for_text "This session locks in 60 seconds. Press any key to stay signed in."
seen=$(( $(ms) - started ))
check 'screen_row 23 | grep -qF "This session locks in 60 seconds."' \
    "a 62-second lock warns that it locks in 60 seconds" "$(screen_row 23)"
check '[ "$seen" -ge 1500 ] && [ "$seen" -lt 3500 ]' "after about 2 s idle, so at least 60 s ahead ($seen ms)"
check '[ "$(cursor)" = "0,23" ]' "the cursor on the status row" "$(cursor)"
key Down "any key"
check '[ "$(traced_status)" = "Still signed in." ]' "extends" "$(traced_status)"

# F4 answers whole: the message rows grow upwards over what it needs, the
# key hints above them; its last message is not an earlier F4 answer.
key F4 "where am I"
check '[ "$(screen | tail -n 2 | tr "\n" " " | tr -s " ")" = "Screen: Citizen search. Focus: Search. Value: (empty). Last message: Still signed in. Connection: local socket. " ]' \
    "F4 on the two bottom rows, whole" "$(screen | tail -n 2)"
check 'screen_row 21 | grep -q "^F1 Help"' "the key hints above them, untouched" "$(screen_row 21)"
key F4 "where am I, again"
check 'traced_status | grep -q "Last message: Still signed in\. Connection: local socket\.$"' "asked again, the last message is not the answer before" "$(traced_status)"

# 4. A narrow terminal: F4 whole over the rows it needs and in F12; the
#    warning over two rows rather than cut.
COLS=40 tui_start --lang en --lock-after 6s
key F4 "where am I, 40 columns"
check 'screen | tail -n 6 | tr "\n" " " | tr -s " " | grep -qF "Screen: Citizen search. Focus: Search. Value: (empty). Last message: Signed in as Ayşe Kaya"' \
    "F4's answer is whole over the bottom rows" "$(screen | tail -n 6)"
check '! screen | tail -n 6 | grep -q "…"' "not cut" "$(screen | tail -n 6)"
key F12 "the history"
history=$(screen | sed -n '3,22p')
check 'printf "%s\n" "$history" | grep -q "^> $time_re: Screen: Citizen search\.$"' \
    "the history shows the answer from its start, with its time" "$history"
check '[ "$(printf "%s\n" "$history" | grep -c "^            [^ ]")" -ge 4 ]' "long messages go on over the rows below, under their start" "$history"
check 'printf "%s" "$history" | tr -s " \n" "  " | grep -qF "Value: (empty). Last message: Signed in as Ayşe Kaya"' \
    "whole" "$history"
key Down "the next line of the message"
check '[ "$(frame_field focus)" = "$(screen_row "$(frame_field row)" | sed "s/^[> ]*//")" ]' \
    "each line is a row of its own, focused as its text" "$(last_frame)"
key Escape
wait_for_text "This session locks in 3 seconds."
check 'screen_row 22 | grep -q "^This session locks in 3 seconds\. Press" && screen_row 23 | grep -q "^any key to stay signed in\.$"' \
    "on 40 columns the warning takes two rows, whole" "$(screen | tail -n 2)"
check '[ "$(cursor)" = "0,22" ]' "the cursor on its first row" "$(cursor)"
key x

# 5. The site's unlock command decides by its exit status; Ctrl-C in it
#    does not end gise.
cat >"$work/unlock.sh" <<'EOF'
printf 'Unlock word: '
read -r word || exit 1
[ "$word" = letmein ]
EOF
export TUI_ENV="GISE_UNLOCK_COMMAND='sh $work/unlock.sh'"
tui_start --lang en --lock-after 2s
wait_for_text "Screen: Locked"
check 'screen | grep -q "To unlock, press Enter." && ! screen | grep -q "Login name"' \
    "with an unlock command the lock screen asks only for Enter" "$(screen)"
check_focus "the command's lock screen"
t send-keys -t gise Enter
wait_for_text "Unlock word:"
check '! screen | grep -q "Screen: Locked"' "Enter runs the command on the terminal"
before=$(frames)
t send-keys -t gise "wrong" Enter
wait_for_frame $((before + 1))
wait_for_text "Screen: Locked"
check 'traced_status | grep -q "^Error: The unlock command did not succeed (status 1)"' "its failure stays locked" "$(traced_status)"
t send-keys -t gise Enter
wait_for_text "Unlock word:"
t send-keys -t gise C-c
wait_for_text "Screen: Locked"
check 'traced_status | grep -q "(status 130)"' "Ctrl-C ends the command, not gise" "$(traced_status)"
t send-keys -t gise Enter
wait_for_text "Unlock word:"
t send-keys -t gise "letmein" Enter
wait_for_text "Screen: Citizen search"
check '[ "$(traced_status)" = "Unlocked. Everything is as you left it." ]' "exit status 0 unlocks" "$(traced_status)"
check_focus "back in the search"

# 6. A bad duration is a usage error, translated, before any connection.
msg=$(env -u GISE_LOCK_AFTER "${GISE_BIN:-$top/gise}" --lang tr --lock-after 5x 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$msg" | grep -q "5x" && printf "%s" "$msg" | grep -q "süre olmalı"' \
    "--lock-after 5x: exit status 2, said in Turkish" "$rc: $msg"
msg=$(GISE_LOCK_AFTER=soon "${GISE_BIN:-$top/gise}" --lang en 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$msg" | grep -q "GISE_LOCK_AFTER: .*must be a duration.*\"soon\""' "GISE_LOCK_AFTER=soon too, naming the variable" "$rc: $msg"
help=$("${GISE_BIN:-$top/gise}" --help)
check 'printf "%s" "$help" | grep -q -- "--lock-after=TIME" && printf "%s" "$help" | grep -q GISE_LOCK_AFTER && printf "%s" "$help" | grep -q GISE_UNLOCK_COMMAND' \
    "--help names the option and both variables" "$help"
tui_done
