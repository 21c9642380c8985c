#!/bin/sh
# Keys that reach gise whatever sits in between (DESIGN.md, Accessibility
# 9 and 12): a screen reader's PTY (Fenrir sets TERM=linux while the outer
# terminal sends xterm codes), tmux or SSH with the wrong TERM. The real
# binary in tmux under several terminal types; every common encoding of
# F1-F12, the cursor keys, Home, End, Shift-Tab and Ctrl-Left/Right is sent
# as raw bytes, and the action must happen with nothing typed into the
# field. An unknown sequence neither goes back nor types. Help, Back and
# Where work inside a text field (Ctrl-G, Ctrl-X, Ctrl-T), and Back on a
# form with typed text asks first.
. "$(dirname "$0")/lib.sh"

# press HEX... [what]: the bytes as one write; waits for the frame it
# causes, then until no frame follows for 0.05 s (bytes taken for several
# keys would draw several).
press() {
    # shellcheck disable=SC2086 # one argument per byte
    tr_key -H $1
    tr_new=0
    sleep 0.05
    tr_read
    while [ "$tr_new" -gt 0 ]; do tr_new=0; sleep 0.05; tr_read; done
    lf=$tr_line
    [ -n "$lf" ] || read_frame
}

# The last frame's fields, read once per key with shell builtins (this
# runs some 300 times): lf is the frame, fv NAME puts a field into v.
read_frame() { lf=$(tail -n 1 "$trace"); }
fv() { v=${lf#*"	$1="}; v=${v%%"	"*}; }
is() { fv "$1"; [ "$v" = "$2" ]; }
unknown() { fv status; case $v in *"does not know that key"*) return 0 ;; esac; return 1; }
on() { is screen "$1"; }
in_search() { is screen "Citizen search" && is focus Search && is value isik; }
at_col() { fv col; [ "$v" -eq "$1" ]; }
status_starts() { fv status; case $v in "$1"*) return 0 ;; esac; return 1; }

# In the search field holding "isik": the key (bytes $2) named $1 did what
# it should ($3, a condition) and typed nothing.
expect() {
    press "$2"
    if eval "$3" && ! unknown; then ok 0 "$term: $1 ($2) $4"; else ok 1 "$term: $1 ($2) $4" "$lf"; fi
}
back() { press 18; in_search || ok 1 "$term: Ctrl-X goes back to the search" "$lf"; }

# Every encoding of F1-F12 and the cursor keys under TERM=$1.
walk_term() {
    term=$1
    if ! infocmp "$term" >/dev/null 2>&1; then
        echo "ok $((n + 1)) # skip no terminfo for $term"; n=$((n + 1))
        return
    fi
    TUI_ENV="TERM=$term" tui_start --lang en
    keys "isik" "$term: the search"
    wait_for_text "Işık"
    read_frame
    fv col
    end=$v
    check 'in_search' "$term: isik in the search field" "$lf"

    for f1 in "1b 4f 50" "1b 5b 31 31 7e" "1b 5b 5b 41"; do
        expect F1 "$f1" 'on Help' "opens the help"; back
    done
    for f2 in "1b 4f 51" "1b 5b 31 32 7e" "1b 5b 5b 42"; do
        expect F2 "$f2" 'in_search' "is the search"
    done
    # F3 (Back) from the help, so the search keeps its text.
    for f3 in "1b 4f 52" "1b 5b 31 33 7e" "1b 5b 5b 43"; do
        press 07
        expect F3 "$f3" 'in_search' "goes back from the help"
    done
    for f4 in "1b 4f 53" "1b 5b 31 34 7e" "1b 5b 5b 44"; do
        expect F4 "$f4" 'in_search && status_starts "Screen: Citizen search. Focus: Search. Value: isik"' \
            "says where am I"
    done
    for f5 in "1b 5b 31 35 7e" "1b 5b 5b 45"; do
        expect F5 "$f5" 'in_search' "refreshes"
    done
    expect F6 "1b 5b 31 37 7e" 'on Inbox' "opens the inbox"; back
    for fx in "F7 1b 5b 31 38 7e" "F8 1b 5b 31 39 7e" "F11 1b 5b 32 33 7e"; do
        expect "${fx%% *}" "${fx#* }" 'in_search' "does nothing (no action of its own)"
    done
    expect F9 "1b 5b 32 30 7e" 'in_search && status_starts "There are no actions on this screen."' "asks for actions"
    expect F12 "1b 5b 32 34 7e" 'on "Message history"' "opens the message history"; back

    for left in "1b 5b 44" "1b 4f 44"; do
        expect Left "$left" 'in_search && at_col $((end - 1))' "moves left"
        expect Right "$(echo "$left" | sed "s/44\$/43/")" 'in_search && at_col $end' "moves right"
    done
    for home in "1b 5b 31 7e" "1b 5b 37 7e" "1b 5b 48" "1b 4f 48"; do
        expect Home "$home" 'in_search && at_col $((end - 4))' "goes to the start"
        press "1b 5b 46"
    done
    for e in "1b 5b 34 7e" "1b 5b 38 7e" "1b 5b 46" "1b 4f 46"; do
        press "1b 5b 48"
        expect End "$e" 'in_search && at_col $end' "goes to the end"
    done
    for w in "1b 5b 31 3b 35 44" "1b 4f 64"; do
        expect Ctrl-Left "$w" 'in_search && at_col $((end - 4))' "goes a word left"
        expect Ctrl-Right "$(echo "$w" | sed "s/44\$/43/; s/64\$/63/")" 'in_search && at_col $end' \
            "goes a word right"
    done
    for down in "1b 5b 42" "1b 4f 42"; do
        expect Down "$down" 'on "Citizen search" && ! is focus Search' "goes into the results"
        expect Up "$(echo "$down" | sed "s/42\$/41/")" 'in_search' "comes back to the field"
    done
    expect Shift-Tab "1b 5b 5a" 'on "Citizen search" && ! is focus Search' "goes to the results"
    press "1b 5b 5a"

    # Unknown sequences: not Back, nothing typed, said in words.
    for u in "1b 5b 39 39 7e" "1b 5b 32 39 7e" "1b 5b 31 3b 39 5a" "1b 4f 7a"; do
        press "$u"
        check 'in_search && unknown' "$term: an unknown sequence ($u) neither goes back nor types, and says so" "$lf"
    done
    check 'fv status && case $v in *Ctrl-G*) ;; *) false ;; esac' "$term: the unknown key's message names Ctrl-G" "$lf"

    # Last: F10 quits (nothing typed would be lost): no frame follows, the
    # terminal says the exit status.
    t send-keys -t gise -H 1b 5b 32 31 7e
    wait_for_text GISE-EXITED
    check 'screen | grep -q "GISE-EXITED 0"' "$term: F10 (1b 5b 32 31 7e) quits" "$(screen | tail -n 3)"
}

# The terminal types side by side, each in a world of its own.
for term in linux xterm vt220 rxvt-unicode; do
    tui_background "$term" walk_term "$term"
done

# Help, Back and Where from inside a text field, and Back on a form with
# typed text: a received application's withdrawal form, never sent.
withdraw_nid=$(sql "SELECT c.national_id FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
           WHERE a.status = 'received' AND a.office_id = (SELECT id FROM gise.office WHERE code = 'ANK')
             AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
           ORDER BY a.id DESC LIMIT 1")
term=linux
TUI_ENV="TERM=linux" tui_start --lang en
open_only_application "$withdraw_nid"
choose_action "Withdraw at the citizen's request"
wait_for_text "Screen: Withdrawal"
keys "moved" "the reason"
in_form() { is screen Withdrawal && is value moved; }
asks() { is focus "Leave this screen and lose what you typed?"; }
read_frame
check 'in_form' "the reason is typed" "$lf"

press 14
check 'in_form && status_starts "Screen: Withdrawal. Focus: " && fv status && case $v in *"Value: moved"*) ;; *) false ;; esac' \
    "Ctrl-T in a text field says where am I" "$lf"
press 07
check 'on Help' "Ctrl-G in a text field opens the help" "$lf"
press 18
check 'in_form' "Ctrl-X leaves the help, back to the form as it was" "$lf"

press 1b
check 'asks' "Esc on a form with typed text asks first" "$lf"
press 1b
check 'in_form' "Esc (no) keeps the form and what was typed" "$lf"
press 18
check 'asks' "Ctrl-X asks too" "$lf"
press 6e
check 'in_form' "n keeps the form" "$lf"
press "1b 4f 52"
check 'asks' "F3 as xterm sends it (TERM=linux) asks too" "$lf"
press 18
check 'in_form' "Ctrl-X in the question is no" "$lf"
press "1b 4f 50"
check 'on Help' "F1 as xterm sends it (TERM=linux) is help, not Back plus typed letters" "$lf"
press "1b 5b 31 33 7e"
check 'in_form' "F3 as VT220 sends it leaves the help; the reason is still there" "$lf"
press 06
check 'is focus "Go to the search and lose what you typed?"' "Ctrl-F (the search) from a form with typed text asks first" "$lf"
press 6e
check 'in_form' "n keeps the form and what was typed" "$lf"
press 1b
check 'asks' "Esc asks once more" "$lf"
press 0d
check 'on Application' "Enter (yes) leaves the form" "$lf"
check '[ "$(sql "SELECT a.status FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
                 WHERE c.national_id = '"'"'$withdraw_nid'"'"'")" = received ]' "nothing was withdrawn"

tap_join
tui_done
