#!/bin/sh
# Accessibility at 80x24: every screen and dialog walked in normal mode
# (English, NO_COLOR) and in screen-reader mode (Turkish) at the same time,
# in two terminals and two offices; every key checked against DESIGN.md's
# Accessibility rules (tests/tui/walk.sh, a11y.pl).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/walk.sh"

COLS=80 ROWS=24
tui_background normal walk normal en 1 ank 0
tui_background sr walk sr tr 0 ist 1
tap_join
tui_done
