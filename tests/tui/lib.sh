# Shared by the terminal tests: the real gise binary in a real terminal
# (tmux), driven by send-keys, read by capture-pane, and checked against the
# frame trace gise writes (GISE_TRACE). Output is TAP; the plan comes last.
#
# Each test file sources this, calls tui_start, sends keys with key/keys,
# and ends with tui_done.

export LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
sessions=0
n=0
failed=0

t() { tmux -S "$socket" "$@"; }

ok() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/#   /'
    fi
    return 0
}
check() { if eval "$1"; then ok 0 "$2"; else ok 1 "$2" "${3:-}"; fi; }

# tui_start [gise arguments...]: 80x24 unless COLS/ROWS say otherwise.
tui_start() {
    # A fresh tmux server per start: a dying one never answers for the next.
    t kill-server 2>/dev/null
    sessions=$((sessions + 1))
    socket="$work/tmux.$sessions.sock"
    trace="$work/trace.log"
    : >"$trace"
    t new-session -d -s gise -x "${COLS:-80}" -y "${ROWS:-24}" \
        "env GISE_TRACE='$trace' ${TUI_ENV:-} '$top/gise' $* 2>&1; echo GISE-EXITED \$?; sleep 600"
    i=0
    while [ "$(frames)" -lt 1 ] && ! screen | grep -q GISE-EXITED && [ $i -lt 500 ]; do
        sleep 0.01; i=$((i + 1))
    done
}

tui_done() {
    t kill-server 2>/dev/null
    [ -n "${b_socket:-}" ] && b kill-server 2>/dev/null
    rm -rf "$work"
    echo "1..$n"
    [ "$failed" -eq 0 ]
}

frames() { wc -l <"$trace" | tr -d ' '; }
last_frame() { tail -n 1 "$trace"; }
frame_field() { last_frame | tr '\t' '\n' | sed -n "s/^$1=//p"; }
screen() { t capture-pane -p -t gise; }
screen_row() { screen | sed -n "$(($1 + 1))p"; }
cursor() { t display -p -t gise '#{cursor_x},#{cursor_y}'; }

# Waits until the trace has at least $1 frames (5 s at most).
wait_for_frame() {
    i=0
    while [ "$(frames)" -lt "$1" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
}

# Waits until the screen shows the text (5 s at most); 0 when it does.
wait_for_text() {
    i=0
    while ! screen | grep -qF -- "$1"; do
        [ $i -ge 500 ] && return 1
        sleep 0.01; i=$((i + 1))
    done
    return 0
}

# The accessibility checks after every key (DESIGN.md, Accessibility 1-2):
# tmux's hardware cursor is where the trace says the focus is, and the row
# under the cursor carries the focused item's label within one braille line
# (40 columns) of the cursor.
check_focus() {
    what=$1
    want="$(frame_field col),$(frame_field row)"
    i=0
    while [ "$(cursor)" != "$want" ] && [ $i -lt 100 ]; do
        sleep 0.01; i=$((i + 1)); want="$(frame_field col),$(frame_field row)"
    done
    got=$(cursor)
    check '[ "$got" = "$want" ]' "$what: cursor at the traced focus ($want)" "tmux cursor: $got"
    label=$(frame_field focus)
    row=$(screen_row "$(frame_field row)")
    # Character (not byte) position of the label in the row, 1-based; a
    # long label may be cut with "…" (its start, 8 characters at least).
    at=$(perl -CSA -e '($r, $l) = @ARGV; $i = index $r, $l;
        for ($k = length($l) - 1; $i < 0 && $k >= 8; $k--) { $i = index $r, substr($l, 0, $k) . "\x{2026}" }
        print $i + 1' "$row" "$label")
    col=$(frame_field col)
    check '[ -n "$label" ] && [ "$at" -gt 0 ] && [ $((at - 1 - col)) -lt 40 ] && [ $((col - at + 1)) -lt 40 ]' \
        "$what: the row under the cursor carries the label \"$label\" within 40 columns" "row: $row"
}

# key KEY [what]: sends one key, waits for the frame it causes, checks focus.
key() {
    before=$(frames)
    t send-keys -t gise "$1"
    wait_for_frame $((before + 1))
    check_focus "${2:-after $1}"
}

# keys TEXT [what]: types text one character at a time, checking each.
keys() {
    printf '%s' "$1" | perl -CSA -ne 'print "$_\n" for split //' >"$work/chars"
    while IFS= read -r c; do
        before=$(frames)
        t send-keys -t gise -l "$c"
        wait_for_frame $((before + 1))
        check_focus "${2:-typing} '$c'"
    done <"$work/chars"
}

# Runs SQL on the test database as its superuser; prints the result.
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -tA -v ON_ERROR_STOP=1 -U "$GISE_TEST_SUPERUSER" -c "$1"; }

# A second terminal beside the first (a colleague at the next counter):
# b_start "ENV=... ..." [gise arguments], then b send-keys, b_screen, b_wait.
b() { tmux -S "$b_socket" "$@"; }
b_start() {
    b_socket="$work/b.sock"
    b_env=$1
    shift
    b new-session -d -s b -x 80 -y 24 "env $b_env '$top/gise' $*; sleep 600"
}
b_screen() { b capture-pane -p -t b; }
b_wait() {   # text [hundredths of a second to wait, default 500]
    i=0
    while ! b_screen | grep -qF -- "$1"; do [ $i -ge "${2:-500}" ] && return 1; sleep 0.01; i=$((i + 1)); done
}

# The last frame's full status message (the row itself is cut at the edge).
traced_status() { last_frame | tr '\t' '\n' | sed -n 's/^status=//p'; }

# From the search screen, opens the only application of the citizen with
# identity number $1, checking the focus after every key.
open_only_application() {
    keys "$1" "identity number"
    wait_for_text "1 citizen found"
    key Enter "open the citizen"
    wait_for_text "Identity number: "
    key Enter "open the application"
    wait_for_text "Screen: Application"
}
