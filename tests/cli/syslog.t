#!/bin/sh
# What an operator reads afterwards (gise.conf(5), syslog): security events
# reach the syslog socket, each with the staff login and an event name, and
# never any personal data. The socket is the test's own listener. Tried as
# it happens at a counter: signing in, a role that is not staff, a step the
# database refuses, a printer that fails, a connection that drops, the idle
# lock with a wrong and then the right login name, a sign-out.
. "$(dirname "$0")/lib.sh"
export GISE_SYSLOG_FACILITY=local3 GISE_SPOOL="$work/spool"

has() { grep -q "gise\[[0-9]*\]: event=$1 login=$2${3:+ .*$3}" "$log"; }

# 1. A clerk in line mode: sign-in, a deadline the database refuses, then a
# notice whose printer fails, sign-out.
row=$(sql "SELECT c.id || '|' || c.national_id || '|' || c.given_name || '|' || c.family_name
           FROM gise.citizen c WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
           ORDER BY c.id LIMIT 1 OFFSET 7")
cid=${row%%|*}; rest=${row#*|}; nid=${rest%%|*}; rest=${rest#*|}; given=${rest%%|*}; family=${rest#*|}
sunday=$(sql "SELECT to_char(d, 'DD.MM.YYYY') FROM generate_series(current_date + 8, current_date + 14, '1 day') d
              WHERE extract(isodow FROM d) = 7 LIMIT 1")
printf '%s\n' "$nid" 1 "" n pasaport 1 "1 2" 1 y 1 "" "$sunday" "Secret note for $family." y \
    1 "" "" "Secret note for $family." y q |
    GISE_PRINT_COMMAND=false PGUSER=ank_clerk1 "${GISE_BIN:-$top/gise}" --plain --lang en >"$work/clerk.out" 2>&1
number=$(sql "SELECT number FROM gise.application WHERE citizen_id = $cid")
sleep 0.2
check 'has sign-in ank_clerk1 "office=ANK front-end=line"' "sign-in: login, office, front end" "$(cat "$log")"
check 'has step-refused ank_clerk1 "sqlstate=GS105"' "a deadline on a Sunday: step-refused with its SQLSTATE" "$(cat "$log")"
check 'has print-failed ank_clerk1 "application=$number letter=deficiency stage=print"' \
    "the printer failed: print-failed names the application and the letter" "$(cat "$log")"
check 'has sign-out ank_clerk1' "sign-out" "$(cat "$log")"
check 'grep -q "<15[0-9]>" "$log" && ! grep -v "^#" "$log" | grep -qv "^<1[5-9][0-9]>"' \
    "every line has the facility the settings name (local3 = 19 << 3)" "$(cat "$log")"

# 2. A database role that is not staff.
sql "DROP ROLE IF EXISTS syslog_stranger; CREATE ROLE syslog_stranger LOGIN" >/dev/null
PGUSER=syslog_stranger "${GISE_BIN:-$top/gise}" --plain </dev/null >"$work/stranger.out" 2>&1; rc=$?
sleep 0.2
check '[ "$rc" = 1 ] && has sign-in-refused syslog_stranger "sqlstate=42501" && grep -q "not registered as gise staff" "$work/stranger.out"' \
    "a role that is not staff: refused in words, logged with its login" "$rc $(cat "$work/stranger.out") $(cat "$log")"
sql "DROP ROLE syslog_stranger" >/dev/null

# 3. The connection drops under a waiting line-mode session; the next
# command reconnects.
fifo="$work/in"
mkfifo "$fifo"
PGUSER=ank_clerk2 PGAPPNAME=gise-syslog-$$ "${GISE_BIN:-$top/gise}" --plain --lang en <"$fifo" >"$work/drop.out" 2>&1 &
gise_pid=$!
exec 3>"$fifo"
printf 's yilmaz\n' >&3
i=0; while ! grep -q 'search>' "$work/drop.out" && [ $i -lt 300 ]; do sleep 0.01; i=$((i + 1)); done
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gise-syslog-$$'" >/dev/null
sleep 0.5
printf 'r\nq\n' >&3
exec 3>&-
wait $gise_pid
sleep 0.2
check 'has connection-lost ank_clerk2 && has reconnect ank_clerk2' "a dropped connection and the reconnection" "$(cat "$log")"

# 4. The idle lock in the full screen: lock, a wrong login name, the right one.
export TUI_ENV="PGUSER=ank_clerk1 GISE_SYSLOG_SOCKET=$sock GISE_SYSLOG_FACILITY=local3"
tui_start --lang en --lock-after 2s
i=0; while ! screen | grep -q 'Screen: Locked' && [ $i -lt 600 ]; do sleep 0.01; i=$((i + 1)); done
t send-keys -t gise -l "somebody_else"; t send-keys -t gise Enter
sleep 0.3
t send-keys -t gise -l "ank_clerk1"; t send-keys -t gise Enter
sleep 0.3
t send-keys -t gise F10
sleep 0.5
check 'has lock ank_clerk1 "front-end=screen"' "the idle lock" "$(cat "$log")"
check 'has unlock-failed ank_clerk1 "by=name"' "a wrong login name at the lock" "$(cat "$log")"
check 'has unlock ank_clerk1' "unlocked with the right one" "$(cat "$log")"

# Nothing personal, in any line: no identity number, no name, no typed text.
check '! grep -qF "$nid" "$log" && ! grep -qF "$family" "$log" && ! grep -qF "$given" "$log" && ! grep -q "Secret note" "$log"' \
    "no identity number, name or typed text in the log" "$(cat "$log")"
check '[ "$(grep -vc "^#" "$log")" -ge 10 ] && ! grep -v "^#" "$log" | grep -qv " gise\[[0-9]*\]: event=[a-z-]* login=[a-z0-9_]*"' \
    "every line is one event with its login ($(grep -vc '^#' "$log") lines)" "$(cat "$log")"

cli_done
