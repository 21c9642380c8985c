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
export GISE_DRAFTS="$work/drafts"
. "$top/tests/tap.sh"

t() { tmux -S "$socket" "$@"; }

# tui_start [gise arguments...]: 80x24 unless COLS/ROWS say otherwise. The
# trace holds what the screen showed, personal data included (the tests
# compare it with the screen), unless TUI_TRACE_PERSONAL=no.
tui_start() {
    # A fresh tmux server per start: a dying one never answers for the next.
    # Its gise hangs up and saves its drafts on the way out: waited for.
    t kill-server 2>/dev/null
    # shellcheck disable=SC2086 # none or one pid
    gise_gone ${tui_pid:-}
    # TUI_KEEP_DRAFTS=1: what the last gise left is what this one finds.
    [ -n "${TUI_KEEP_DRAFTS:-}" ] || drafts_reset
    sessions=$((sessions + 1))
    socket="$work/tmux.$sessions.sock"
    trace="$work/trace.log"
    : >"$trace"
    tr_open
    # TUI_TYPE_AHEAD=TEXT: typed before gise starts (half a second later),
    # as a clerk types on while it connects.
    t new-session -d -s gise -x "${COLS:-80}" -y "${ROWS:-24}" \
        "${TUI_TYPE_AHEAD:+sleep 0.5; }env GISE_TRACE='$trace' GISE_TRACE_PERSONAL=${TUI_TRACE_PERSONAL:-yes} ${TUI_ENV:-} '${GISE_BIN:-$top/gise}' $* 2>&1; echo GISE-EXITED \$?; sleep 600"
    [ -n "${TUI_TYPE_AHEAD:-}" ] && t send-keys -t gise -l "$TUI_TYPE_AHEAD"
    ts_i=0
    while [ "$(frames)" -lt 1 ] && ! screen_has GISE-EXITED && [ $ts_i -lt 500 ]; do
        sleep 0.01; ts_i=$((ts_i + 1))
    done
    tui_pid=$(pgrep -P "$(t display -p -t gise '#{pane_pid}' 2>/dev/null)" 2>/dev/null)
}

# Both terminals close (tmux kill-server: gise hangs up), and their gise
# are waited for: what they save on the way out is saved before anything
# else starts; then nothing of it is left for the next test.
tui_stop() {
    t kill-server 2>/dev/null
    [ -n "${b_socket:-}" ] && b kill-server 2>/dev/null
    # shellcheck disable=SC2086 # none, one or two pids
    gise_gone ${tui_pid:-} ${b_pid:-}
    tui_pid="" b_pid=""
}

tui_done() {
    tui_stop
    drafts_reset
    rm -rf "$work"
    echo "1..$n"
    [ "$failed" -eq 0 ]
}

# The helpers below run several times per key: they start as few
# processes as they can (on a loaded machine each costs some 10 ms), and
# parse with shell builtins instead.
nl='
'
tab='	'
# frames: how many frames the trace holds.
frames() { fr_n=$(wc -l <"$trace"); echo "${fr_n#"${fr_n%%[! ]*}"}"; }
last_frame() { tail -n 1 "$trace"; }
# lf_field NAME: the field NAME of the frame in $lf, into fv (empty when it
# has none; false then).
lf_field() {
    case $lf in
        "$1="*) fv=${lf#"$1="} ;;
        *"$tab$1="*) fv=${lf#*"$tab$1="} ;;
        *) fv=""; return 1 ;;
    esac
    fv=${fv%%"$tab"*}
}
frame_field() { lf=$(tail -n 1 "$trace"); lf_field "$1" && printf '%s\n' "$fv"; return 0; }
screen() { t capture-pane -p -t gise; }
screen_row() { screen | sed -n "$(($1 + 1))p"; }
# bottom_rows N: the last N rows joined into one line (the message rows
# grow upwards to show a message whole), blanks squeezed.
# message_of: a screen's text on standard input; prints its message rows
# (those under the key hints' row, normal mode) joined into one line.
message_of() { sed -n '/^F1 /,$p' | tail -n +2 | tr "\n" " " | tr -s " " | sed "s/^ //; s/ $//"; }
bottom_rows() { screen | tail -n "$1" | tr "\n" " " | tr -s " " | sed "s/^ //"; }
cursor() { t display -p -t gise '#{cursor_x},#{cursor_y}'; }

# The trace as it grows, read with shell builtins through descriptor 4 of
# this shell: tr_new counts the whole frames read since it was last set
# to 0, tr_line is the newest (tr_read reads what came meanwhile; a
# subshell's reading is lost to its parent, so a function that may run in
# one uses last_frame). tui_start opens it; another trace file than the
# one open is opened on first use.
tr_open() { exec 4<"$trace"; tr_path=$trace tr_partial="" tr_new=0 tr_line=""; }
tr_read() {
    [ "${tr_path:-}" = "$trace" ] || tr_open
    while IFS= read -r tr_l <&4; do
        tr_line=$tr_partial$tr_l tr_partial="" tr_new=$((tr_new + 1))
    done
    tr_partial=$tr_partial$tr_l
}
# tr_key ARGS...: tmux send-keys ARGS, then waits (5 s at most) for the
# frame they cause: the trace's first frame after them.
tr_key() {
    tr_read
    tr_new=0
    t send-keys -t gise "$@"
    tk_i=0
    tr_read
    while [ "$tr_new" -eq 0 ] && [ $tk_i -lt 520 ]; do
        tk_i=$((tk_i + 1))
        [ $tk_i -gt 20 ] && sleep 0.01
        tr_read
    done
    # None in all that time: the trace may have been emptied under the
    # open descriptor; look afresh next time.
    [ "$tr_new" -eq 0 ] && tr_open
    return 0
}

# Waits until the trace has at least $1 frames (5 s at most).
wait_for_frame() {
    wf_i=0
    while wf_n=$(wc -l <"$trace"); [ "${wf_n#"${wf_n%%[! ]*}"}" -lt "$1" ] && [ $wf_i -lt 500 ]; do
        sleep 0.01; wf_i=$((wf_i + 1))
    done
}

# Waits until the screen shows the text (5 s at most); 0 when it does.
wait_for_text() {
    wt_i=0
    while ! screen_has "$1"; do
        [ $wt_i -ge 500 ] && return 1
        sleep 0.01; wt_i=$((wt_i + 1))
    done
    return 0
}
# screen_has TEXT: a row of the screen holds TEXT (as grep -F would say).
screen_has() {
    case $1 in
        *"$nl"*) screen | grep -qF -- "$1" ;;
        *) sh_s=$(tmux -S "$socket" capture-pane -p -t gise) || return 1
           case $sh_s in *"$1"*) return 0 ;; esac
           return 1 ;;
    esac
}

# The accessibility checks after every key (DESIGN.md, Accessibility 1-2):
# tmux's hardware cursor is where the trace says the focus is, and the row
# under the cursor carries the focused item's label within one braille line
# (40 columns) of the cursor. Until both hold (a second or so at most),
# the newest frame and the screen (cursor and rows in one look) are read
# again: what is checked is the screen once the terminal has drawn it.
check_focus() {
    what=$1
    cf_i=0
    while :; do
        lf=$(tail -n 1 "$trace")
        lf_field col; col=$fv
        lf_field row; cf_row=$fv
        lf_field focus; label=$fv
        want="$col,$cf_row"
        cf_q=$(tmux -S "$socket" display -p -t gise '#{cursor_x},#{cursor_y}' \; capture-pane -p -t gise)
        got=${cf_q%%"$nl"*}
        focus_row "$cf_row"
        label_at
        [ "$got" = "$want" ] && label_near && break
        [ $cf_i -ge 150 ] && break
        cf_i=$((cf_i + 1))
        sleep 0.01
    done
    check '[ "$got" = "$want" ]' "$what: cursor at the traced focus ($want)" "tmux cursor: $got"
    check 'label_near' \
        "$what: the row under the cursor carries the label \"$label\" within 40 columns" "row: $row"
}
# focus_row N: row N (from 0) of the screen in $cf_q (after its first
# line, the cursor), into row, and the rows under it into below; empty
# when there is none.
focus_row() {
    row="" below=""
    case $1 in '' | *[!0-9]*) return ;; esac
    fr_rest=${cf_q#*"$nl"}
    [ "$fr_rest" = "$cf_q" ] && return
    fr_k=0
    while [ $fr_k -lt "$1" ]; do
        case $fr_rest in *"$nl"*) fr_rest=${fr_rest#*"$nl"} ;; *) return ;; esac
        fr_k=$((fr_k + 1))
    done
    row=${fr_rest%%"$nl"*}
    case $fr_rest in *"$nl"*) below=${fr_rest#*"$nl"} ;; esac
}
# The label's character (not byte) position in the row, 1-based, into at
# (0: not there); a long label may be cut with "…" (its start, 8
# characters at least), and a dialog's long question is wrapped onto the
# rows below (as tests/tui/a11y.pl finds it). The label found whole is
# counted here, in the shell; perl looks for a cut or wrapped one.
label_at() {
    la_pre=${row%%"$label"*}
    if [ -n "$label" ] && [ "$la_pre" != "$row" ]; then
        la_n=${#la_pre}
        # Bytes 0x80-0xBF continue a UTF-8 character: not counted.
        # shellcheck disable=SC2295 # utf8_cont is a pattern
        while :; do
            case $la_pre in *$utf8_cont*) la_pre=${la_pre#*$utf8_cont}; la_n=$((la_n - 1)) ;; *) break ;; esac
        done
        at=$((la_n + 1))
    else
        at=$(perl -CSA -e '($r, $l, $b) = @ARGV; $i = index $r, $l;
            for ($k = length($l) - 1; $i < 0 && $k >= 8; $k--) { $i = index $r, substr($l, 0, $k) . "\x{2026}" }
            ($j = $r) =~ s/\s+$//;
            for $m (split /\n/, $b) { last if $i >= 0; $m =~ s/^\s+|\s+$//g; last if $m eq ""; $j .= " $m"; $i = index $j, $l }
            print $i + 1' "$row" "$label" "$below")
    fi
}
utf8_cont=$(printf '[\200-\277]')
label_near() {
    [ -n "$label" ] && [ "$at" -gt 0 ] && [ $((at - 1 - col)) -lt 40 ] && [ $((col - at + 1)) -lt 40 ]
}

# key KEY [what]: sends one key, waits for the frame it causes, checks focus.
key() {
    tr_key "$1"
    check_focus "${2:-after $1}"
}

# keys TEXT [what]: types text one character at a time, checking each.
keys() {
    printf '%s' "$1" | perl -CSA -ne 'print "$_\n" for split //' >"$work/chars"
    while IFS= read -r c; do
        tr_key -l "$c"
        check_focus "${2:-typing} '$c'"
    done <"$work/chars"
}


# A second terminal beside the first (a colleague at the next counter):
# b_start "ENV=... ..." [gise arguments], then b send-keys, b_screen, b_wait.
b() { tmux -S "$b_socket" "$@"; }
b_start() {
    [ -n "${TUI_KEEP_DRAFTS:-}" ] || drafts_reset
    b_socket="$work/b.sock"
    b_env=$1
    shift
    b new-session -d -s b -x 80 -y 24 "env $b_env '${GISE_BIN:-$top/gise}' $*; sleep 600"
    b_pid=$(pgrep -P "$(b display -p -t b '#{pane_pid}' 2>/dev/null)" 2>/dev/null)
}
b_screen() { b capture-pane -p -t b; }
b_wait() {   # text [hundredths of a second to wait, default 500]
    i=0
    while ! b_screen | grep -qF -- "$1"; do [ $i -ge "${2:-500}" ] && return 1; sleep 0.01; i=$((i + 1)); done
}

# The last frame's full status message (the row itself is cut at the edge).
# Waits until the newest frame's screen is $1 (5 s at most): whatever the
# layout shows of it (screen-reader mode shows one row at a time).
wait_for_screen() {
    i=0
    while [ "$(frame_field screen)" != "$1" ]; do
        [ $i -ge 500 ] && return 1
        sleep 0.01; i=$((i + 1))
    done
    return 0
}

traced_status() { frame_field status; }

# Waits for the offer of unfinished work, then as long as a clerk takes
# to see it: a letter typed sooner is taken as typed ahead, not as its
# answer (screens/draft_offer.c, 300 ms).
wait_for_offer() {
    wait_for_screen "Unfinished work" || return 1
    sleep 0.35
}

# From the search screen, opens the only application of the citizen with
# identity number $1, checking the focus after every key; then waits for
# the screen named $2 (default: the application's; "Unfinished work" when
# a draft of it is offered).
open_only_application() {
    keys "$1" "identity number"
    wait_for_text "1 citizen found"
    open_found_application "" "${2:-Application}"
}

# From the search with one citizen found, opens their only application.
open_found_application() {
    key Enter "open the citizen"
    wait_for_screen "Purpose of opening"
    key Enter "the purpose: the default"
    wait_for_screen Citizen
    key Enter "open the application"
    wait_for_screen "${2:-Application}"
}

# On the application open, Reject from the actions menu with reason $1
# chosen by its code: the explanation has the focus.
open_rejection_form() {
    key F9 "the action menu"
    tries=0
    while [ "$(frame_field focus)" != "Reject, with a reason" ] && [ $tries -lt 12 ]; do key Down "down the menu"; tries=$((tries + 1)); done
    key Enter "choose Reject"
    wait_for_text "Screen: Rejection"
    keys "$1" "the reason's code"
    key Enter "choose the reason"
    wait_for_text "Explanation"
}

# choose_action LABEL: on an application, the action menu (F9), Down to
# the action LABEL, Enter.
choose_action() {
    key F9 "the action menu"
    ca_i=0
    while [ "$(frame_field focus)" != "$1" ] && [ $ca_i -lt 12 ]; do
        key Down "down the menu"; ca_i=$((ca_i + 1))
    done
    key Enter "$1"
}

# Moves the selection down until the selected row contains the text (40
# keys at most, each checked); false when it never does.
down_to() {
    i=0
    while ! screen_row "$(frame_field row)" | grep -qF -- "$1"; do
        [ $i -ge 40 ] && return 1
        key Down "down to \"$1\""; i=$((i + 1))
    done
}

# The text of a message as the walk's language ($lang: en or tr) shows it,
# from the catalogues gise uses.
msg() { LANGUAGE=${lang:-en} TEXTDOMAINDIR="$top/build/locale" gettext -d gise -- "$1"; }

# Recorded walks, checked afterwards by tests/tui/a11y.pl against the
# Accessibility rules of DESIGN.md. rec_start opens a tmux control-mode
# client (tmux -C) beside the terminal: through it go the keys and the
# screen captures, and with it comes every byte gise writes (%output),
# queued by tmux ahead of the reply to any command it runs after reading
# them. step and type_text send keys and keep, after each, a snapshot: the
# screen with its attributes, tmux's cursor and size, the bytes so far and
# the frame it belongs to; rec_end runs the checks and reports them.
# Anything drawn without a key (an answer, a resize) gets a snapshot of its
# own before the next key. Shell builtins only, but for rec_start and
# rec_end: this runs several times per key.
rec_start() {
    rec="$work/rec.$sessions"
    rm -rf "$rec"
    mkdir -p "$rec"
    : >"$rec/index"
    mkfifo "$rec/ctl.in" "$rec/ctl.out"
    t -C attach-session -t gise <"$rec/ctl.in" >"$rec/ctl.out" 2>/dev/null &
    exec 8>"$rec/ctl.in" 9<"$rec/ctl.out" 6>"$rec/bytes" 7<"$trace"
    rec_n=0 rec_frames=0 rec_out=0 rs_count=0 rs_last="" rs_partial=""
    # Attached when the session says so; commands before that see no output.
    while IFS= read -r ctl_line <&9 && [ "${ctl_line%% *}" != "%session-changed" ]; do :; done
    rec_snap "" "start" 0
}

# ctl COMMAND: runs a tmux command over the control connection, its output
# lines into ctl_reply; the pane's output met on the way goes to the byte
# log, one %output line each (rec_out counts them).
ctl() {
    printf '%s\n' "$1" >&8
    ctl_reply="" ctl_end=""
    while IFS= read -r ctl_line <&9; do
        case $ctl_line in
            "%output "*)
                [ -z "$ctl_end" ] && printf '%s\n' "${ctl_line#%output %* }" >&6 && rec_out=$((rec_out + 1)) ;;
            "%begin "*)
                [ -z "$ctl_end" ] && ctl_end="%end ${ctl_line#%begin }" && ctl_error="%error ${ctl_line#%begin }" ;;
            *)
                [ -z "$ctl_end" ] && continue
                [ "$ctl_line" = "$ctl_end" ] || [ "$ctl_line" = "$ctl_error" ] && return 0
                ctl_reply="$ctl_reply$ctl_line
" ;;
        esac
    done
}

# The frames traced since the last look, read from the trace as it grows.
# rs_count counts them, rs_last is the newest.
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
# cursor where the frame says, no frame traced meanwhile), then keeps the
# snapshot. gise writes a frame's bytes before its trace line, so the
# output read with the capture holds this frame's bytes and none of a
# later one's.
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
        ctl "display -p -t gise '#{cursor_x},#{cursor_y},#{cursor_flag},#{pane_width},#{pane_height}'"
        rs_cursor=${ctl_reply%?}
        ctl "capture-pane -e -p -t gise"
        rec_read_frames
        [ "${rs_cursor%,*,*,*}" = "$rs_want" ] && [ "$rs_seen" = "$rs_count" ] && break
        [ $rs_i -ge 300 ] && break
        rs_i=$((rs_i + 1))
        [ $rs_i -gt 3 ] && sleep 0.01
    done
    printf '%s' "$ctl_reply" >"$rec/screen.$rec_n"
    rec_frames=$rs_count
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rec_n" "$1" "$2" "$3" "$rec_out" "$rs_cursor" "$rs_count" >>"$rec/index"
}

# A snapshot of whatever was drawn since the last one without a key (a
# frame; bytes written without one fail the idle checks).
rec_sync() {
    rec_read_frames
    [ "$rs_count" = "$rec_frames" ] || rec_snap "" "${1:-drawn by itself}" 0
}

# Sends keys (tmux send-keys arguments) and waits for a frame (5 s at most):
# first a few hundred reads of the trace, then sleeps.
rec_send() {
    ctl "send-keys -t gise $*"
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

# Text as send-keys -H arguments: one line per character (all of them with
# "whole"), its UTF-8 bytes in hex; no quoting for tmux to get wrong.
hex_chars() {
    perl -CSA -e 'for ($ARGV[1] ? ($ARGV[0]) : split //, $ARGV[0]) {
        utf8::encode(my $t = $_); print join(" ", map { sprintf "%02x", $_ } unpack "C*", $t), "\n" }' "$1" "${2:-}"
}

# type_text TEXT [WHAT]: one snapshot per character.
type_text() {
    hex_chars "$1" >"$work/chars"
    perl -CSA -e 'print "$_\n" for split //, $ARGV[0]' "$1" >"$work/shown"
    exec 5<"$work/shown"
    while IFS= read -r rs_hex; do
        IFS= read -r rs_c <&5
        rec_sync
        rec_send "-H $rs_hex"
        rec_snap "$rs_c" "${2:-typing} '$rs_c'" 0
    done <"$work/chars"
    exec 5<&-
}

# rec_until FIELD VALUE [differs]: waits (5 s at most) until the newest
# frame's FIELD reads VALUE (with "differs": reads something else); false
# when it never did.
rec_until() {
    rs_i=0
    while :; do
        rec_read_frames
        rec_field "$1"
        if [ -z "${3:-}" ]; then [ "$rs_value" = "$2" ]; else [ "$rs_value" != "$2" ]; fi && return 0
        [ $rs_i -ge 500 ] && return 1
        sleep 0.01
        rs_i=$((rs_i + 1))
    done
}

# paste_text TEXT [WHAT]: the whole text at once, one snapshot (an
# identity number: its digits one by one say little).
paste_text() {
    rec_sync
    rec_send "-H $(hex_chars "$1" whole)"
    rec_until value "$1"
    rec_snap "" "${2:-pasting} \"$1\"" 0
}

# Waits until the trace's field $1 reads $2, then keeps what was drawn
# meanwhile; false when it never did.
rec_wait() {
    rec_until "$1" "$2"
    rs_found=$?
    rec_sync
    return $rs_found
}

# Nothing written while idle (DESIGN.md, Accessibility 5): the output tmux
# has read by the end, asked for with a command, is what it was.
idle_check() {   # what [seconds, default 2]
    rec_sync
    idle_from=$rec_out
    sleep "${2:-2}"
    ctl "display -p -t gise ."
    check '[ "$idle_from" = "$rec_out" ]' "$1: nothing written in ${2:-2} idle seconds ($((rec_out - idle_from)) writes)"
}

# rec_end key=value...: stops recording and reports a11y.pl's findings
# (mode=sr|normal lang=en|tr nocolor=0|1 name=NAME); the bytes per
# navigation key come out as TAP comments.
rec_end() {
    rec_sync
    # The control client leaves at the end of its input, once it has said
    # all it had (a server told to exit while it stays would wait for it).
    exec 8>&-
    while IFS= read -r ctl_line <&9; do :; done
    exec 9<&- 6>&- 7<&-
    cp "$trace" "$rec/trace"
    perl "$top/tests/tui/a11y.pl" check "$rec" top="$top" "$@" >"$rec/results" 2>&1
    tab=$(printf '\t')
    while IFS=$tab read -r result what why; do
        case $result in
            ok) ok 0 "$what" ;;
            # A11Y_TODO names a known gap of this walk: its findings are
            # reported as TODO, not counted as failures.
            "not ok") ok 1 "$what${A11Y_TODO:+ # TODO $A11Y_TODO}" "$(printf '%s' "$why" | perl -pe 's/\\(.)/$1 eq "n" ? "\n" : $1/ge')" ;;
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
                "not ok "*"# TODO "*) n=$((n + 1)); echo "not ok $n - ${bg_line#* - }" ;;
                "not ok "*) n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - ${bg_line#* - }" ;;
                1..*) ;;
                *) printf '%s\n' "$bg_line" ;;
            esac
        done <"$bg_file"
        rm -f "$bg_file"
    done
}
