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

# The text of a message as the walk's language ($lang: en or tr) shows it,
# from the catalogues gise uses.
msg() { LANGUAGE=${lang:-en} TEXTDOMAINDIR="$top/build/locale" gettext -d gise -- "$1"; }

# Recorded walks, checked afterwards by tests/tui/a11y.pl against the
# Accessibility rules of DESIGN.md. rec_start keeps every byte gise writes
# to the terminal (tmux pipe-pane); step and type_text send keys and keep,
# after each, a snapshot: the screen with its attributes, tmux's cursor and
# size, the byte count and the frame it belongs to; rec_end runs the checks
# and reports them. Anything drawn without a key (an answer, a resize) gets
# a snapshot of its own before the next key.
rec_start() {
    rec="$work/rec.$sessions"
    rm -rf "$rec"
    mkdir -p "$rec"
    : >"$rec/bytes"
    : >"$rec/index"
    rec_n=0 rec_frames=0 rs_count=0 rs_last="" rs_partial=""
    exec 7<"$trace"
    t pipe-pane -o -t gise "exec cat >>'$rec/bytes'"
    rec_snap "" "start" 0
}

# The frames traced since the last look, read from the trace as it grows
# (shell builtins only: this runs several times per key). rs_count counts
# them, rs_last is the newest.
rec_read_frames() {
    while IFS= read -r rs_line <&7; do
        rs_last=$rs_partial$rs_line rs_partial="" rs_count=$((rs_count + 1))
    done
    rs_partial=$rs_partial$rs_line
}

# rec_field NAME: the newest frame's field NAME, into rs_value.
rec_field() {
    rs_value=${rs_last#*"	$1="}
    rs_value=${rs_value%%"	"*}
}

# rec_snap KEY WHAT NAV: waits until tmux has taken the newest frame in (its
# cursor where the frame says, no frame arriving meanwhile), then keeps the
# snapshot. gise writes a frame's bytes before its trace line, and tmux
# passes them to the pipe as it reads them: a byte count taken before the
# next trace line holds this frame's bytes and none of the next one's.
rec_snap() {
    rec_n=$((rec_n + 1))
    rs_i=0
    rec_read_frames
    while :; do
        rs_seen=$rs_count
        rec_field col
        rs_want=$rs_value
        rec_field row
        rs_want=$rs_want,$rs_value
        rs_state=$(t display -p -t gise '#{cursor_x},#{cursor_y},#{cursor_flag},#{pane_width},#{pane_height}' \; \
                     capture-pane -e -p -t gise)
        rs_bytes=$(stat -c %s "$rec/bytes")
        # A frame traced meanwhile may have bytes in the count: again.
        rec_read_frames
        rs_cursor=${rs_state%%
*}
        [ "${rs_cursor%,*,*,*}" = "$rs_want" ] && [ "$rs_seen" = "$rs_count" ] && break
        [ $rs_i -ge 100 ] && break
        rs_i=$((rs_i + 1))
    done
    printf '%s\n' "${rs_state#*
}" >"$rec/screen.$rec_n"
    rec_frames=$rs_count
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rec_n" "$1" "$2" "$3" "$rs_bytes" "$rs_cursor" "$rs_count" >>"$rec/index"
}

# A snapshot of whatever was drawn since the last one without a key (a
# frame; bytes written without one would fail the idle checks).
rec_sync() {
    rec_read_frames
    [ "$rs_count" = "$rec_frames" ] || rec_snap "" "${1:-drawn by itself}" 0
}

# Sends a key (tmux send-keys arguments) and waits for its frame (5 s at
# most): first a few hundred reads of the trace (no process), then sleeps.
rec_send() {
    t send-keys -t gise "$@"
    rs_i=0
    rec_read_frames
    while [ "$rs_count" = "$rec_frames" ] && [ $rs_i -lt 1300 ]; do
        rs_i=$((rs_i + 1))
        [ $rs_i -gt 300 ] && sleep 0.005
        rec_read_frames
    done
}

# step KEY [WHAT]: one key (tmux's name for it), then its snapshot. Up,
# Down, PgUp, PgDn, Home, End, Tab and Shift-Tab are navigation keys, held
# to minimal redraw.
step() {
    rec_sync
    rec_send "$1"
    case $1 in
        Up | Down | PPage | NPage | Home | End | Tab | BTab) rec_snap "$1" "${2:-$1}" 1 ;;
        *) rec_snap "$1" "${2:-$1}" 0 ;;
    esac
}

# type_text TEXT [WHAT]: one snapshot per character.
type_text() {
    printf '%s' "$1" | perl -CSA -ne 'print "$_\n" for split //' >"$work/chars"
    while IFS= read -r rs_c; do
        rec_sync
        rec_send -l "$rs_c"
        rec_snap "$rs_c" "${2:-typing} '$rs_c'" 0
    done <"$work/chars"
}

# paste_text TEXT [WHAT]: the whole text at once, one snapshot (an
# identity number: its digits one by one say little).
paste_text() {
    rec_sync
    rec_send -l "$1"
    rs_i=0
    rec_field value
    while [ "$rs_value" != "$1" ] && [ $rs_i -lt 500 ]; do
        sleep 0.01
        rs_i=$((rs_i + 1))
        rec_read_frames
        rec_field value
    done
    rec_snap "" "${2:-pasting} \"$1\"" 0
}

# Waits (5 s at most) until the trace's field $1 reads $2, then keeps what
# was drawn meanwhile.
rec_wait() {
    rs_i=0
    rec_read_frames
    rec_field "$1"
    while [ "$rs_value" != "$2" ] && [ $rs_i -lt 500 ]; do
        sleep 0.01
        rs_i=$((rs_i + 1))
        rec_read_frames
        rec_field "$1"
    done
    rec_sync
    [ "$rs_value" = "$2" ]
}

# Nothing written while idle (DESIGN.md, Accessibility 5).
idle_check() {   # what [seconds, default 2]
    rec_sync
    idle_from=$(stat -c %s "$rec/bytes")
    sleep "${2:-2}"
    idle_to=$(stat -c %s "$rec/bytes")
    check '[ "$idle_from" = "$idle_to" ]' "$1: nothing written in ${2:-2} idle seconds ($((idle_to - idle_from)) bytes)"
}

# rec_end key=value...: stops recording and reports a11y.pl's findings
# (mode=sr|normal lang=en|tr nocolor=0|1 name=NAME); the bytes per
# navigation key come out as TAP comments.
rec_end() {
    rec_sync
    exec 7<&-
    t pipe-pane -t gise
    cp "$trace" "$rec/trace"
    perl "$top/tests/tui/a11y.pl" check "$rec" top="$top" "$@" >"$rec/results" 2>&1
    tab=$(printf '\t')
    while IFS=$tab read -r result what why; do
        case $result in
            ok) ok 0 "$what" ;;
            "not ok") ok 1 "$what" "$(printf '%s' "$why" | perl -pe 's/\\(.)/$1 eq "n" ? "\n" : $1/ge')" ;;
            "#") echo "# $what" ;;
            *) ok 1 "a11y.pl reports" "$result $what $why" ;;
        esac
    done <"$rec/results"
}

# Two terminal runs at once: tui_background NAME COMMAND... runs the shell
# function COMMAND in a world of its own (tmux server, work directory, TAP
# count) in the background; tap_join waits for them all and adds their
# results, renumbered, to this test's, in the order they were started.
tui_background() {
    bg_count=$((${bg_count:-0} + 1))
    bg_out="$work/background.$bg_count.$1.tap"
    shift
    (work=$(mktemp -d) sessions=0 n=0 failed=0 b_socket=""; "$@"; tui_done) >"$bg_out" 2>&1 &
}
tap_join() {
    wait
    for bg_file in "$work"/background.*.tap; do
        [ -f "$bg_file" ] || continue
        while IFS= read -r bg_line; do
            case $bg_line in
                "ok "*) n=$((n + 1)); echo "ok $n - ${bg_line#* - }" ;;
                "not ok "*) n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - ${bg_line#* - }" ;;
                1..*) ;;
                *) printf '%s\n' "$bg_line" ;;
            esac
        done <"$bg_file"
        rm -f "$bg_file"
    done
}
