#!/bin/sh
# Screen-reader mode (DESIGN.md, Accessibility 1, 3, 5): no line drawing,
# the cursor always visible and on the focus, nothing written while idle.
. "$(dirname "$0")/lib.sh"

out="$work/pane.bytes"
captures="$work/captures"
: >"$captures"
snap() { screen >>"$captures"; }

tui_start --lang en --screen-reader
t pipe-pane -o -t gise "cat >>'$out'"
check '[ "$(t display -p -t gise "#{cursor_flag}")" = 1 ]' "the cursor is visible"
snap
keys "ayse" "typing"
wait_for_text "found"
snap
key Down "into the results"
snap
key Down
key Enter "open"
wait_for_text "Identity number: "
snap
check '[ "$(t display -p -t gise "#{cursor_flag}")" = 1 ]' "the cursor is still visible on the citizen screen"
key F1 "help"
snap
key Escape
key F12 "history"
snap
key Escape
key Escape

# No box drawing or block characters anywhere (U+2500..U+259F).
boxes=$(perl -CSD -ne 'print if /[\x{2500}-\x{259F}]/' "$captures" | head -3)
check '[ -z "$boxes" ]' "no line-drawing character (U+2500-U+259F) on any screen" "$boxes"
raw=$(perl -ne 'print if /\xE2\x94[\x80-\xBF]|\xE2\x95[\x80-\xBF]|\xE2\x96[\x80-\x9F]/' "$out" | wc -l)
check '[ "$raw" -eq 0 ]' "no line-drawing bytes were ever written to the terminal"
acs=$(grep -c "$(printf '\033(0')" "$out" || true)
check '[ "$acs" -eq 0 ]' "the DEC line-drawing character set was never switched on"

# Idle: five seconds without a key, not one byte.
sleep 0.5
before=$(wc -c <"$out")
sleep 5
after=$(wc -c <"$out")
check '[ "$before" -eq "$after" ]' "nothing written in 5 idle seconds ($((after - before)) bytes)"

# The same flow in normal mode does draw lines: the check above can fail.
t kill-server
tui_start --lang en
check 'screen_row 1 | grep -q "─"' "normal mode draws a separator line (so the check above means something)"
tui_done
