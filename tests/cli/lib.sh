# Shared by the command-line tests that read syslog: the terminal tests'
# library, and a syslog daemon of the test's own (syslog_listener.pl) whose
# socket the settings name. After sourcing: $log holds what it received.
. "$(dirname "$0")/../tui/lib.sh"
sock="$work/log.sock"
log="$work/syslog.txt"
perl "$top/tests/cli/syslog_listener.pl" "$sock" "$log" &
listener=$!
i=0; while ! grep -q '^#ready' "$log" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
export GISE_SYSLOG_SOCKET="$sock" XDG_CONFIG_HOME="$work/xdg"

cli_done() {
    kill "$listener" 2>/dev/null
    tui_done
}
