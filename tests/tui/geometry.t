#!/bin/sh
# Sizes and colours: the smallest usable terminal (40x12), a too-small one,
# resizing while running, NO_COLOR, and the language of the staff profile.
. "$(dirname "$0")/lib.sh"

COLS=40 ROWS=12 tui_start --lang en
check 'screen_row 0 | grep -q "^Screen: Citizen search"' "40x12: the first row names the screen"
keys "ozturk" "40x12 typing"
wait_for_text "found"
key Down "40x12 results"
check 'screen | grep -q "^> [0-9]\{3\}\*\{6\}"' "40x12: results are listed with the marker" "$(screen)"
wide=$(screen | perl -CSD -ne 'print if length($_) > 41')
check '[ -z "$wide" ]' "40x12: nothing is wider than the terminal" "$wide"

t resize-window -t gise -x 30 -y 10
sleep 0.3
check 'screen | grep -q "needs at least 40×12"' "30x10: asks for more room instead of drawing" "$(screen)"
check '[ "$(cursor)" = "0,0" ]' "30x10: the cursor sits on the message"
t resize-window -t gise -x 132 -y 43
sleep 0.3
check 'screen_row 0 | grep -q "^Screen: Citizen search"' "132x43: back to the full screen after growing"
check 'screen | grep -q "Öztürk"' "132x43: the results are still there"
check_focus "132x43 after the resize"

# Colour: errors are red by default, and NO_COLOR removes every colour code.
tui_start --lang en
keys "12345678901"
t capture-pane -e -p -t gise >"$work/colour"
check 'grep -q "$(printf "\033")\[31m\|$(printf "\033")\[[0-9;]*;31m" "$work/colour"' "an error is shown in red by default"
TUI_ENV="NO_COLOR=1" tui_start --lang en
keys "12345678901"
t capture-pane -e -p -t gise >"$work/mono"
check 'grep -q "^Error: " "$work/mono" || grep -q "Error: " "$work/mono"' "with NO_COLOR the error is still written as text"
check '! grep -q "$(printf "\033")\[[0-9;]*\(3[0-7]\|4[0-7]\|9[0-7]\|38;\|48;\)" "$work/mono"' "with NO_COLOR no colour code is written"

# The stored accessibility profile: ank_clerk2 uses a screen reader.
TUI_ENV="PGUSER=ank_clerk2" tui_start --lang en
check '! screen | grep -q "─"' "the staff profile turns screen-reader mode on (no line drawing)" "$(screen_row 1)"
check_focus "screen-reader profile"

# A database role that is not staff: gise refuses to start, and says why.
sql "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gise_test_visitor')
     THEN CREATE ROLE gise_test_visitor LOGIN IN ROLE gise_clerk; END IF; END \$\$" >/dev/null
TUI_ENV="PGUSER=gise_test_visitor" tui_start --lang en
wait_for_text "GISE-EXITED"
check 'screen | grep -q "not registered as gise staff"' "a role that is not staff is refused with a clear message" "$(screen | head -n 3)"
check 'screen | grep -q "GISE-EXITED 1"' "and gise exits with status 1"
# (gone again: a clerk role with no staff row is drift, which gise audit verify reports)
t kill-server
sql "DROP ROLE gise_test_visitor" >/dev/null

# Language from the staff profile (ank_clerk1 prefers Turkish).
tui_start
check 'screen_row 0 | grep -q "^Ekran: Vatandaş arama"' "the staff member's language (Turkish) is used" "$(screen_row 0)"
check 'screen | grep -q "Yardım"' "key hints are translated"
tui_done
