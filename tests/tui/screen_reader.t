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
wait_for_text "Screen: Purpose of opening"
snap
key Enter "the purpose: the default"
# (screen-reader mode shows the citizen one field at a time: the screen
# named in the trace, not a row's text)
wait_for_screen Citizen
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

# A list narrowed by typing (the services of a new application): every
# letter changes the one line with the focus, and only it, even a letter
# that leaves the same service selected; a screen reader reads the line
# that changed, so the clerk hears the service and what the filter found.
t kill-server
tui_start --lang en --screen-reader
keys "ayse"
wait_for_text "found"
key Down
key Enter "open the citizen"
wait_for_text "Screen: Purpose of opening"
key Enter "the purpose: the default"
wait_for_screen Citizen
key F9 "a new application"
wait_for_text "Choose the service"
for letter in i k a m; do
    screen >"$work/before"
    keys "$letter" "narrowing the services"
    focused=$(screen_row "$(frame_field row)")
    # (a line that became blank, the message of the screen before, is not heard)
    changed=$(screen | diff "$work/before" - | sed -n 's/^> //p' | grep -v '^ *$')
    check '[ "$(printf "%s\n" "$changed" | wc -l)" -eq 1 ] && [ "$changed" = "$focused" ]' \
        "letter '$letter': one line changed, the focused one" "$changed"
    check 'printf "%s" "$focused" | grep -qF "matching"' "letter '$letter': the focused line says what the filter found" "$focused"
done
check 'printf "%s" "$focused" | grep -qF "Residence certificate" && printf "%s" "$focused" | grep -qF "1 of 1 matching \"ikam\""' \
    "\"ikam\" leaves one service, said with its place and the filter" "$focused"
keys "x" "a letter that matches nothing"
check 'screen_row "$(frame_field row)" | grep -qF "Services matching \"ikamx\": 0"' \
    "nothing matches: the heading, with the count, has the focus" "$(screen)"
key BSpace "widening again"
check 'screen_row "$(frame_field row)" | grep -qF "Residence certificate"' "Backspace: the service is back under the focus"

# The same flow in normal mode does draw lines: the check above can fail.
t kill-server
tui_start --lang en
check 'screen_row 1 | grep -q "─"' "normal mode draws a separator line (so the check above means something)"
tui_done
