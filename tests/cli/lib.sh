# Shared by the command-line tests that read syslog: the terminal tests'
# library, and a syslog daemon of the test's own (syslog_listener.pl) whose
# socket the settings name. After sourcing: $log holds what it received.
. "$(dirname "$0")/../tui/lib.sh"
sock="$work/log.sock"
log="$work/syslog.txt"
# Not on the test's output: prove reads that until every holder closes it,
# so a listener left behind would hold the whole suite up.
perl "$top/tests/cli/syslog_listener.pl" "$sock" "$log" </dev/null >/dev/null 2>&1 &
listener=$!
# Ended with the test, however it ends (a gise that dies under a pipe the
# test writes to ends the test with SIGPIPE).
trap 'kill "$listener" 2>/dev/null' EXIT
trap 'exit 141' PIPE
trap 'exit 129' HUP
trap 'exit 143' TERM
i=0; while ! grep -q '^#ready' "$log" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
export GISE_SYSLOG_SOCKET="$sock" XDG_CONFIG_HOME="$work/xdg"

cli_done() {
    kill "$listener" 2>/dev/null
    tui_done
}
