#!/bin/sh
# A paste is not typing (issue 14, point 4): gise asks the terminal for
# bracketed paste (ESC [ ? 2004 h) and gives it back on a suspend and at the
# end, so tmux's `paste-buffer -p` marks the pasted text and it arrives
# whole. A pasted line break never submits a form: in a note (the
# withdrawal's reason) it is text, in a one-line field (the search) the
# paste is refused with a message. A paste too long for the field, or with
# an escape code or a NUL in it, is refused whole with words that say what
# was wrong, and the field keeps what it had.
. "$(dirname "$0")/lib.sh"

picked=$(in_review_for 70 PASAPORT)
nid=${picked%%|*}; rest=${picked#*|}; app=${rest%%|*}
status() { sql "SELECT status FROM gise.application WHERE id = $app"; }
# paste TEXT: tmux pastes it as the terminal would (line breaks as CR),
# marked only when gise asked for it; waits for the frame it causes.
paste() {
    before=$(frames)
    t set-buffer -- "$1"
    t paste-buffer -p -t gise
    wait_for_frame $((before + 1))
}
# paste_file FILE: the same with bytes no argument can hold (a NUL).
paste_file() {
    before=$(frames)
    t load-buffer "$1"
    t paste-buffer -p -t gise
    wait_for_frame $((before + 1))
}
esc=$(printf '\033')
raw="$work/pane.bytes"

tui_start --lang en
t pipe-pane -o -t gise "cat >>'$raw'"
pid=$(pgrep -P "$(t display -p -t gise '#{pane_pid}')" -x gise)

# 1. The search field takes one line: an identity number pasted with the
# line break after it is refused, not looked up.
paste "$nid
"
check '[ "$(frame_field screen)" = "Citizen search" ] && [ "$(frame_field value)" = "" ]' \
    "a one-line field: the pasted identity number and line break are not looked up" "$(last_frame)"
check 'traced_status | grep -qF "Error: Search: Pasted text not used: it has a line break at character 12, and this field takes one line."' \
    "the refusal says what was wrong and where" "$(traced_status)"
check_focus "after the refused paste"
paste "$nid"
wait_for_text "1 citizen found"
check '[ "$(frame_field value)" = "$nid" ]' "the same number pasted without the line break is taken" "$(last_frame)"

# 2. The withdrawal's reason is a note: a paste with line breaks goes in as
# text, whole; the form is not submitted (no question asked, nothing sent).
open_found_application
choose_action "Withdraw at the citizen's request"
wait_for_screen "Withdrawal"
reason="The citizen moved abroad.

She will apply again there.
"
paste "$reason"
sleep 0.3
check '[ "$(frame_field screen)" = "Withdrawal" ] && [ "$(frame_field focus)" = "Reason" ]' \
    "three pasted line breaks: still on the reason, no question asked" "$(last_frame)"
check '[ "$(frame_field value)" = "The citizen moved abroad.␊␊She will apply again there.␊" ]' \
    "the pasted text is in the field whole, its line breaks too" "$(frame_field value)"
check '[ "$(status)" = in_review ]' "nothing was sent: the application is still in review" "$(status)"
row=$(screen_row "$(frame_field row)")
check 'printf "%s" "$row" | grep -q "^> Reason (required): …y again there\.↵ *$"' \
    "being edited, the field's row shows a line break as ↵" "$row"
check_focus "after the paste"
key Down "off the reason"
check 'screen | grep -A3 "^  Reason (required): The citizen moved abroad\.$" | tr "\n" "|" | grep -q "^[^|]*| *|  She will apply again there\.|"' \
    "left, it is shown whole, a paragraph on each row" "$(screen | head -8)"
key Up "back on the reason"

# 3. Refused whole, the field as it was: too long, an escape code, a NUL.
before_value=$(frame_field value)
paste "$(head -c 1001 /dev/zero | tr '\0' x)"
check '[ "$(frame_field value)" = "$before_value" ]' "a paste too long for the field changes nothing" "$(frame_field value)"
check 'traced_status | grep -qF "Error: Pasted text not used: it has 1001 characters, and this field has room for 945 more (at most 1000)."' \
    "the refusal says how long it was and how much room there is" "$(traced_status)"
paste "$(printf 'Moved \033[2J away')"
check '[ "$(frame_field value)" = "$before_value" ] && traced_status | grep -qF "Error: Pasted text not used: it has an escape code (Esc, U+001B, a control character) at character 7, which cannot be text here."' \
    "a pasted escape code is refused, named with where it stands" "$(traced_status)"
printf 'Visible part.\0Hidden' >"$work/nul"
paste_file "$work/nul"
check '[ "$(frame_field value)" = "$before_value" ] && traced_status | grep -qF "Error: Pasted text not used: it has a NUL byte (a zero byte, which ends text) at character 14, which cannot be text here."' \
    "a pasted NUL is refused, never cut there" "$(traced_status)"
check '[ "$(status)" = in_review ]' "still nothing sent"
# A yes/no question is not answered by a paste, "y" and a line break in it.
key Down "to the withdraw stop"
key Enter "the question"
question=$(frame_field focus)
paste "y
"
sleep 0.3
check '[ "$(frame_field focus)" = "$question" ] && [ "$(status)" = in_review ]' \
    "a pasted \"y\" and line break answer no question: still asked, nothing sent" "$(last_frame)"
check 'traced_status | grep -qF "Error: Pasted text not used: the focus is not on a text field."' \
    "and the paste is said to be unused" "$(traced_status)"
key Escape "no"
key Up "back on the reason"

# 4. A suspend (SIGTSTP) gives the terminal back unmarked, and takes it
# again when continued. (In tmux's pane gise's process group is orphaned:
# the stop itself is discarded, what gise writes around it is the same.)
marks() { LC_ALL=C grep -o "${esc}\[?2004[hl]" "$raw" | tr -d "$esc" | tr '\n' ' '; }
before=$(frames)
kill -TSTP "$pid"
wait_for_frame $((before + 1))
kill -CONT "$pid"     # after the stop: a SIGCONT sent with it would discard it
check '[ "$(marks)" = "[?2004l [?2004h " ] && [ "$(frame_field value)" = "$before_value" ]' \
    "suspended: unmarked (ESC [ ? 2004 l), then marked again; the reason is as it was" "$(marks) $(frame_field value)"
check_focus "after the suspend"

# 5. At the end the terminal is given back unmarked.
key F10 "quit"
t send-keys -t gise Enter
wait_for_text GISE-EXITED
check '[ "$(marks)" = "[?2004l [?2004h [?2004l " ]' "at the end: unmarked (ESC [ ? 2004 l)" "$(marks)"
check '[ "$(status)" = in_review ]' "the application was never withdrawn"
tui_done
