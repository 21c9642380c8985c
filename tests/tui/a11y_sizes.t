#!/bin/sh
# Accessibility at the smallest size gise draws (40x12, screen-reader mode,
# English) and a large one (132x43, normal mode, Turkish), at the same time
# in two terminals and two offices: every screen and dialog walked and
# every key checked as at 80x24 (tests/tui/walk.sh, a11y.pl): nothing cut
# without "…", nothing drawn over the key hints or the status row, the
# dialog's question wrapped whole; and at 40x12 a form longer than the
# screen scrolls to keep the focus in view.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/walk.sh"

WALK_IDLE=0
# Screen-reader mode at 40x12 is a known gap (issue 12): rows longer than
# a line are read a line at a time there, and the rules below expect a
# row's label and value on the cursor's row; its findings are TODO.
small() { export A11Y_TODO="screen-reader mode at 40x12: rows longer than a line"; walk sr en 0 ank 2 && walk_documents sr en ank; }
COLS=40 ROWS=12 tui_background small small
COLS=132 ROWS=43 tui_background large walk normal tr 0 ist 3
tap_join
tui_done
