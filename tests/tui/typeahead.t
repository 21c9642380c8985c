#!/bin/sh
# Type-ahead and leaving: keys typed faster than the database answers are
# applied in order; SIGTERM and a closed terminal (SIGHUP, as when an SSH
# window closes) restore the terminal and leave no session behind.
. "$(dirname "$0")/lib.sh"

app="gise-test-$$"
export TUI_ENV="PGAPPNAME=$app"
sessions_of_gise() { sql "SELECT count(*) FROM pg_stat_activity WHERE application_name = '$app'"; }
wait_no_sessions() {
    i=0
    while [ "$(sessions_of_gise)" != 0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

wait_no_sessions
tui_start --lang en
# One burst: a name, Down into the results, Enter to open the first one.
t send-keys -t gise "ozturk" Down Enter Enter
wait_for_text "Identity number: "
check 'screen_row 0 | grep -q "^Screen: Citizen "' "a name, Down, Enter and Enter (the purpose) typed in one burst open the first result" "$(screen)"
check 'screen | grep -q "Name: .*Öztürk"' "the opened citizen is an Öztürk"
check_focus "after the burst"
# A burst of field edits while a search runs: nothing lost.
key Escape "back to the results"
key Escape "back to the field"
key Escape "clear the field"
t send-keys -t gise "ayse" BSpace "e yilmaz"
wait_for_text "found"
check '[ "$(screen_row 2 | sed "s/^Search: *//; s/ *$//")" = "ayse yilmaz" ]' "edits typed during searches all land, in order" "$(screen_row 2)"

check '[ "$(sessions_of_gise)" = 1 ]' "gise holds one database session while running"
pid=$(t display -p -t gise '#{pane_pid}')
gise_pid=$(pgrep -P "$pid" -x gise)
kill -TERM "$gise_pid"
wait_for_text "GISE-EXITED"
check 'screen | grep -q "GISE-EXITED 143"' "SIGTERM ends gise with status 143" "$(screen | tail -n 3)"
check '[ "$(t display -p -t gise "#{alternate_on}")" = 0 ]' "the terminal is restored (alternate screen off)"
wait_no_sessions
check '[ "$(sessions_of_gise)" = 0 ]' "no database session is left after SIGTERM"

tui_start --lang en
keys "kaya"
wait_for_text "found"
pane_pid=$(t display -p -t gise '#{pane_pid}')
gise_pid=$(pgrep -P "$pane_pid" -x gise)
t kill-session -t gise      # the terminal goes away: SIGHUP
wait_no_sessions
check '[ "$(sessions_of_gise)" = 0 ]' "no database session is left after the terminal closes"
i=0
while kill -0 "$gise_pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
# Under make check SANITIZE=1, one hang-up in three under load leaves gise
# inside LeakSanitizer's exit check for good (tests/tap.sh): gise's own
# code has ended, its exit() called; the sanitizer's tracer waits for a
# stop that never lands (likely the hang-up's SIGCONT, which cancels a
# pending stop).
# Only such a one is ended before the check; a plain build is never one.
# (An exited process that nobody has reaped yet, a zombie, has exited.)
end_if_leak_check_hung "$gise_pid"
running() { case $(ps -o stat= -p "$1" 2>/dev/null) in Z* | "") return 1 ;; esac; }
i=0
while running "$gise_pid" && [ $i -lt 20 ]; do sleep 0.05; i=$((i + 1)); done
check '[ -n "$gise_pid" ] && ! running "$gise_pid"' "gise has exited after the terminal closed" \
    "$(ps -o pid,ppid,stat,wchan:20,cmd -p "$gise_pid" 2>&1; grep TracerPid "/proc/$gise_pid/status" 2>&1)"
tui_done
