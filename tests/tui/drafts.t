#!/bin/sh
# Nothing typed is lost (DESIGN.md, principle 4; issue 14, point 1): a
# 1,400-character rejection explanation typed in the full-screen mode, and
# then the terminal is closed (tmux kill-server: the pane's gise gets
# SIGHUP), gise is sent SIGHUP or SIGTERM, or it is killed (SIGKILL). Each time gise
# is started again and offers the draft; every character is found again,
# byte for byte; resumed, the form has the text with the cursor at its
# end; submitted, the draft is gone from the journal and the database.
# Another terminal with an empty journal finds the draft in the database;
# the newer of the two copies wins; a draft whose application moved on is
# shown to copy, then discarded; Esc keeps a draft, offered again when its
# application is opened. (A dropped SSH session: tests/tui/ssh.t.)
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
# Applications in review at the clerk's office that a clerk may reject
# alone, of citizens with no other application (one Enter opens them):
# "national id|application id|number".
rejectable() {
    sql "SELECT c.national_id || '|' || a.id || '|' || a.number FROM gise.application a
         JOIN gise.citizen c ON c.id = a.citizen_id JOIN gise.service s ON s.id = a.service_id
         WHERE a.status = 'in_review' AND a.office_id = $ank AND NOT s.rejection_needs_supervisor
           AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
         ORDER BY a.id DESC LIMIT 1 OFFSET $1"
}
pick() { row=$(rejectable "$1"); nid=${row%%|*}; row=${row#*|}; app=${row%%|*}; number=${row#*|}; }
reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1")

# 1,400 characters, Turkish letters and punctuation among them.
long=$(perl -Mutf8 -CS -e '$s = "Kimlik kartının süresi 2023te dolmuş; ikamet izninin fotokopisi onaylı değil (İzmir, Çankaya: \"belge\" eksik). ";
                      $t = $s x 20; print substr($t, 0, 1399), "."')
check '[ "$(printf "%s" "$long" | perl -CSD -ne "print length")" = 1400 ]' "the explanation is 1,400 characters" \
    "$(printf "%s" "$long" | perl -CSD -ne "print length")"
first_half=$(printf '%s' "$long" | perl -CSD -ne 'print substr($_, 0, 700)')
second_half=$(printf '%s' "$long" | perl -CSD -ne 'print substr($_, 700)')

journal() { cat "$GISE_DRAFTS/ank_clerk1.journal" 2>/dev/null; }
in_db() { sql "SELECT fields ->> 'text' FROM gise.draft WHERE owner = 'ank_clerk1' AND kind = 'reject' AND target = $app"; }
db_drafts() { sql "SELECT count(*) FROM gise.draft WHERE owner = 'ank_clerk1'"; }

# Waits (10 s at most) until the trace's focused value is $1.
wait_value() {
    wv_i=0
    while [ "$(frame_field value)" != "$1" ] && [ $wv_i -lt 1000 ]; do sleep 0.01; wv_i=$((wv_i + 1)); done
}

# Opens the rejection form of $app with the reason chosen.
open_rejection() {
    open_only_application "$nid"
    open_rejection_form "$reason"
}

# Types $1 in one go and waits until the form holds all of $2.
type_text() {
    t send-keys -t gise -l "$1"
    wait_value "$2"
}

# After a start: the offer of $number's rejection is the focus, in words
# (and a moment passes: a letter typed at once is not its answer).
offered() {
    wait_for_offer
    check_focus "$1: the offer"
    check 'frame_field focus | grep -q "^Unfinished rejection of $number, typed [0-9:. /]*[0-9][0-9]:[0-9][0-9] (1,400 characters)\.$" &&
           [ "$(frame_field value)" = "Resume, show, or discard?" ] &&
           screen | tr -d "\n" | tr -s " " | grep -qF "(1,400 characters). Resume, show, or discard?"' \
        "$1: gise offers \"Unfinished rejection of $number, typed HH:MM (1,400 characters). Resume, show, or discard?\"" \
        "$(frame_field focus) / $(frame_field value)"
}

# r: the form again, the text whole and the cursor at its end; then the
# rejection is taken, and the draft is gone from the journal and the
# database.
resume_and_submit() {
    key r "$1: r resumes"
    wait_for_screen Rejection
    check '[ "$(frame_field focus)" = Explanation ] && [ "$(frame_field value)" = "$long" ]' \
        "$1: the form has the explanation, every character as typed" \
        "$(frame_field focus): $(frame_field value | head -c 200)"
    row=$(screen_row "$(frame_field row)")
    check '[ "$(cursor | cut -d, -f1)" = "$(printf "%s" "$row" | perl -CSD -ne "chomp; print length")" ]' \
        "$1: the cursor is at its end" "$(cursor) / $row"
    key Down "$1: to the button"
    key Enter "$1: reject"
    key Enter "$1: confirm"
    wait_for_text "rejected ($reason)"
    check '[ "$(sql "SELECT explanation FROM gise.decision WHERE application_id = $app")" = "$long" ]' \
        "$1: the rejection is stored with the whole explanation"
    check '[ "$(db_drafts)" = 0 ]' "$1: the draft is gone from the database" "$(db_drafts)"
    check '! journal | grep -qF "İzmir, Çankaya"' "$1: and its text from the journal" "$(journal | head -c 300)"
}

# 1. The terminal closes (tmux kill-server): gise hangs up, saves, ends.
pick 0
tui_start --lang en
open_rejection
type_text "$long" "$long"
check_focus "1,400 characters typed"
check 'journal | grep -qF "$long"' "every key is in the journal at once ($GISE_DRAFTS/ank_clerk1.journal)"
check '[ "$(stat -c %a "$GISE_DRAFTS/ank_clerk1.journal")" = 600 ] && [ "$(stat -c %a "$GISE_DRAFTS")" = 700 ]' \
    "the journal is 0600 in a 0700 directory" "$(stat -c '%a %n' "$GISE_DRAFTS" "$GISE_DRAFTS/ank_clerk1.journal")"
t kill-server
gise_gone "$tui_pid"
check '[ "$(in_db)" = "$long" ]' "tmux kill-server: gise hung up and saved the draft to the database on its way out" \
    "$(in_db | head -c 200)"
# Typed ahead while gise connects, a name with a "d" in it: the offer
# appears under the clerk's fingers, and the "d" must not discard the draft.
TUI_KEEP_DRAFTS=1 TUI_TYPE_AHEAD="Yıldız" tui_start --lang en
wait_for_screen "Unfinished work"
i=0; while ! traced_status | grep -q "^Read the offer first" && [ $i -lt 300 ]; do sleep 0.01; i=$((i + 1)); done
check 'traced_status | grep -q "^Read the offer first, then answer it: r, s, d, or Esc\.$"' \
    "a \"d\" typed ahead of the offer is not its answer: gise says to read it first" "$(traced_status)"
check '[ "$(frame_field screen)" = "Unfinished work" ] && [ "$(in_db)" = "$long" ] && journal | grep -qF "$long"' \
    "and the draft is still offered, in the database and the journal" "$(frame_field screen) / $(in_db | head -c 80)"
offered "kill-server"
key s "show"
check_focus "shown, asking again"
check '[ "$(frame_field value)" = "Resume, show, or discard?" ]' "s shows the draft, and asks again" "$(frame_field value)"
key Up "Up reads the draft"
check '[ "$(frame_field focus)" = Explanation ] && [ "$(frame_field value)" = "$long" ]' \
    "the draft is there whole, every character as typed" "$(frame_field focus): $(frame_field value | head -c 100)"
key Down "Down: back to the question"
resume_and_submit "kill-server"

# 2. SIGHUP; then another terminal, with an empty journal, finds it in
# the database.
pick 0
tui_start --lang en
open_rejection
type_text "$long" "$long"
pid=$tui_pid
kill -HUP "$pid"
gise_gone "$pid"
check 'screen_has "GISE-EXITED 129"' "kill -HUP: gise ends with status 129 (128 + SIGHUP), the terminal restored" "$(screen | tail -n 3)"
check '[ "$(in_db)" = "$long" ]' "kill -HUP: the draft is in the database" "$(in_db | head -c 200)"
rm -rf "$GISE_DRAFTS"
TUI_KEEP_DRAFTS=1 tui_start --lang en --screen-reader
check '[ ! -s "$GISE_DRAFTS/ank_clerk1.journal" ]' "another terminal: its journal is empty"
offered "another terminal (screen-reader mode)"
resume_and_submit "another terminal"

# 3. SIGKILL: no chance to save. Half typed and saved to the database (2 s
# after the last key), the rest typed and at once killed: the journal's
# copy is the newer, and wins.
pick 0
tui_start --lang en
open_rejection
type_text "$first_half" "$first_half"
i=0; while [ "$(in_db)" != "$first_half" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
check '[ "$(in_db)" = "$first_half" ]' "2 s after the last key the database has the draft as typed so far"
type_text "$second_half" "$long"
pid=$tui_pid
kill -KILL "$pid"
gise_gone "$pid"
check '[ "$(in_db)" = "$first_half" ]' "kill -KILL: the database has only the first half" "$(in_db | tail -c 100)"
check 'journal | grep -qF "$long"' "and the journal all of it"
TUI_KEEP_DRAFTS=1 tui_start --lang en
offered "kill -KILL"
check '[ "$(in_db)" = "$long" ]' "the newer copy, the journal's, is now the database's too" "$(in_db | tail -c 100)"
resume_and_submit "kill -KILL"

# 3b. SIGTERM (a shutdown, or an administrator's kill), before the two
# seconds are up: the database has nothing yet; gise saves it on its way
# out, restores the terminal and ends with 143.
pick 0
tui_start --lang en
open_rejection
type_text "$first_half" "$first_half"
pid=$tui_pid
check '[ -z "$(in_db)" ]' "kill -TERM: before it, the database has no draft yet" "$(in_db | head -c 100)"
kill -TERM "$pid"
gise_gone "$pid"
check 'screen_has "GISE-EXITED 143"' "kill -TERM: gise ends with status 143 (128 + SIGTERM), the terminal restored" "$(screen | tail -n 3)"
check '[ "$(in_db)" = "$first_half" ]' "kill -TERM: gise saved the draft to the database on its way out" "$(in_db | tail -c 100)"

# 4. Esc keeps it for later: offered again when the application is
# opened. Then the application moves on meanwhile (a colleague withdraws
# it): the draft is shown to copy, cannot be resumed, and is discarded.
pick 0
tui_start --lang en
open_rejection
type_text "$long" "$long"
TUI_KEEP_DRAFTS=1 tui_start --lang en
offered "later"
key Escape "Esc: later"
wait_for_screen "Citizen search"
check 'traced_status | grep -q "^Kept for later"' "Esc keeps the draft, and says so" "$(traced_status)"
open_only_application "$nid" "Unfinished work"
check 'frame_field focus | grep -q "^Unfinished rejection of $number"' "opening the application offers it again" "$(frame_field focus)"
key Escape "Esc: later again"
tui_stop
sql "SET SESSION AUTHORIZATION ank_clerk2;
     SELECT status FROM gise.application_withdraw(gen_random_uuid(), $app,
         (SELECT version FROM gise.application WHERE id = $app), 'The citizen moved abroad.')" >/dev/null
TUI_KEEP_DRAFTS=1 tui_start --lang en
wait_for_offer
check 'frame_field focus | grep -q "^Unfinished rejection of $number, " &&
       frame_field value | grep -q "^Application $number is now Withdrawn: this step can no longer be taken\. .* Show, or discard?$"' \
    "moved on: the offer says the application is withdrawn, and offers to show or discard" "$(frame_field focus) / $(frame_field value)"
key r "r: not possible"
check 'traced_status | grep -q "^Error: This step can no longer be taken"' "it cannot be resumed" "$(traced_status)"
key s "show it to copy"
key Up "Up reads it"
check '[ "$(frame_field focus)" = Explanation ] && [ "$(frame_field value)" = "$long" ]' "it is shown to copy, whole" \
    "$(frame_field focus): $(frame_field value | head -c 100)"
key d "discard"
wait_for_screen "Citizen search"
check 'traced_status | grep -q "^Discarded: Unfinished rejection of $number"' "d discards it, and says so" "$(traced_status)"
check '[ "$(db_drafts)" = 0 ] && ! journal | grep -qF "İzmir, Çankaya"' "gone from the database and the journal"

tui_done
