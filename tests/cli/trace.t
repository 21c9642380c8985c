#!/bin/sh
# The frame trace (gise.conf(5): trace, trace_personal) holds no personal
# data unless asked, and only its owner may read it. Tried as a developer
# debugging a counter would: under umask 022, a session that finds a
# citizen by identity number, opens them and walks their record, asking
# where am I on the way. The trace is 0600 (also when the file was there
# already, 0644), has no full identity number, name, phone number or
# address, keeps the program's own words and masked numbers, and its
# descriptor is close-on-exec; a symbolic link or another user's file is
# refused; GISE_TRACE_PERSONAL=yes keeps everything.
. "$(dirname "$0")/../tui/lib.sh"
export XDG_CONFIG_HOME="$work/xdg"
umask 022
gise="${GISE_BIN:-$top/gise}"

row=$(sql "SELECT c.national_id || '|' || c.given_name || '|' || c.family_name || '|' || c.phone || '|' || c.address
           FROM gise.citizen c JOIN gise.application a ON a.citizen_id = c.id
           WHERE a.office_id = (SELECT id FROM gise.office WHERE code = 'ANK') AND c.phone IS NOT NULL
             AND c.address IS NOT NULL
             AND NOT EXISTS (SELECT FROM gise.application x WHERE x.citizen_id = c.id AND x.office_id <> a.office_id)
           ORDER BY c.id LIMIT 1 OFFSET 2")
nid=${row%%|*}; rest=${row#*|}; given=${rest%%|*}; rest=${rest#*|}; family=${rest%%|*}; rest=${rest#*|}
phone=${rest%%|*}; address=${rest#*|}
masked=$(printf '%s' "$nid" | sed 's/^\(...\)....../\1******/')

# press KEY: sends it and waits for its frame (no focus checks: a withheld
# label is not the row's, and that is the point).
press() { before=$(frames); t send-keys -t gise "$1"; wait_for_frame $((before + 1)); }
# type_id: the identity number into the search, a key at a time.
type_id() {
    for c in $(printf '%s' "$nid" | sed 's/./& /g'); do
        before=$(frames); t send-keys -t gise -l "$c"; wait_for_frame $((before + 1))
    done
}

# 1. A session without the opt-in. tui_start makes the file first (0644
# under this umask), as a developer's `: > trace` would.
TUI_TRACE_PERSONAL=no tui_start --lang en
check '[ "$(stat -c %a "$trace")" = 600 ]' "an existing trace file is set to 0600" "$(stat -c %a "$trace")"
pane=$(t display -p -t gise '#{pane_pid}')
pid=$(cat "/proc/$pane/task/$pane/children" 2>/dev/null | tr ' ' '\n' | while read -r p; do
    [ -n "$p" ] && [ "$(readlink "/proc/$p/exe")" = "$(readlink -f "$gise")" ] && echo "$p"; done | head -n 1)
fd=$(for f in /proc/"$pid"/fd/*; do [ "$(readlink "$f")" = "$trace" ] && basename "$f"; done | head -n 1)
flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$pid/fdinfo/$fd" 2>/dev/null)
check '[ -n "$flags" ] && [ $(( 0$flags & 02000000 )) -ne 0 ]' \
    "the trace's descriptor is close-on-exec: no command gise runs inherits it" "pid=$pid fd=$fd flags=$flags"

type_id
wait_for_text "1 citizen found"
check 'grep -qF "value=$masked" "$trace"' "the identity number typed is traced masked, as the lists show it ($masked)" \
    "$(grep -F "$masked" "$trace" | tail -n 2)"
press Enter
wait_for_text "Screen: Purpose of opening"
press 1
wait_for_text "Identity number: "
check 'screen | grep -qF "$given"' "the citizen is open on screen" "$(screen)"
for k in Up Up Up Up Up Up Up Up Up Up Up Up F4 Up Up Up F4 Down; do press "$k"; done
check '! grep -qF "$nid" "$trace"' "no full identity number in the trace" "$(grep -F "$nid" "$trace" | head -n 3)"
check '! grep -qF "$given" "$trace" && ! grep -qF "$family" "$trace"' "no name in the trace ($given $family)" \
    "$(grep -F -e "$given" -e "$family" "$trace" | head -n 3)"
check '! grep -qF "$phone" "$trace" && ! grep -qF "$address" "$trace"' "no phone number or address in the trace" \
    "$(grep -F -e "$phone" -e "$address" "$trace" | head -n 3)"
check 'grep -q "screen=Citizen	focus=Identity number	" "$trace" && grep -q "status=… …: [0-9]* application" "$trace"' \
    "the program's own words are kept: screens, labels, the sentences without what they quote" \
    "$(grep "screen=Citizen" "$trace" | head -n 5)"
check 'grep -q "status=Screen: …" "$trace" || grep -q "status=… …	" "$trace"' "where am I is traced without its values" \
    "$(grep "Screen: \|Connection" "$trace" | head -n 3)"
check '[ "$(stat -c %a "$trace")" = 600 ]' "still 0600 at the end" "$(stat -c %a "$trace")"
t kill-server 2>/dev/null

# 2. A new file under umask 000, a symbolic link, another user's file.
out=$( (umask 000; GISE_TRACE="$work/fresh.trace" "$gise" --plain --lang en </dev/null 2>&1) )
check '[ "$(stat -c %a "$work/fresh.trace")" = 600 ]' "a new trace is 0600 even under umask 000" \
    "$(stat -c %a "$work/fresh.trace") $out"
: >"$work/elsewhere"
ln -s "$work/elsewhere" "$work/link.trace"
out=$(GISE_TRACE="$work/link.trace" "$gise" --plain --lang en </dev/null 2>&1); rc=$?
check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -qF "link.trace: is a symbolic link" && [ ! -s "$work/elsewhere" ]' \
    "a symbolic link is refused at start (exit 2), in words, and nothing is written through it" "$rc: $out"
if [ "$(id -u)" -eq 0 ]; then
    : >"$work/theirs.trace"
    chown nobody "$work/theirs.trace"
    out=$(GISE_TRACE="$work/theirs.trace" "$gise" --plain --lang en </dev/null 2>&1); rc=$?
    check '[ "$rc" = 2 ] && printf "%s" "$out" | grep -qF "belongs to another user"' "another user's file is refused" "$rc: $out"
else
    ok 0 "another user's file is refused # SKIP not root: no file of another user to try"
fi

# 3. Asked for: everything, for a test system.
TUI_TRACE_PERSONAL=yes tui_start --lang en
type_id
wait_for_text "1 citizen found"
check 'grep -qF "value=$nid" "$trace"' "GISE_TRACE_PERSONAL=yes: the trace keeps the identity number whole" "$(tail -n 2 "$trace")"

tui_done
