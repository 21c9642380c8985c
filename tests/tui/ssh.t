#!/bin/sh
# A clerk working over SSH, set up the way README ("For administrators")
# tells an office to: gise installed with `make install`, a real sshd on
# 127.0.0.1 that lets the clerk in with a key only and runs nothing but gise
# (ForceCommand), and a PostgreSQL cluster of its own that knows the clerk by
# peer authentication through a pg_ident.conf map, with no password and no
# trust. gise is driven through `ssh -tt` in tmux as far as a citizen and
# into a withdrawal form; then the SSH client is killed mid-edit, and
# nothing may be left: no database session (so no open transaction), no
# gise process, no half-written change.
#
# As root (CI) the clerk is a throw-away Unix account; as anyone else it is
# that user, the only one an unprivileged sshd can log in.
. "$(dirname "$0")/lib.sh"

sshd=/usr/sbin/sshd
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
skip() { rm -rf "$work"; echo "1..0 # SKIP $1"; exit 0; }
if [ "$(id -u)" -ne 0 ]; then
    { [ -x "$sshd" ] && command -v ssh >/dev/null; } || skip "sshd not installed"
    # An unprivileged sshd cannot chown the clerk's terminal to group tty:
    # it needs /dev/pts to hand them out that way (gid=5, as Debian mounts it).
    tty_gid=$(getent group tty | cut -d: -f3)
    [ -z "$tty_gid" ] || grep -Eq "^[^ ]+ /dev/pts devpts ([^ ]*,)?gid=${tty_gid}[, ]" /proc/mounts ||
        skip "/dev/pts is mounted without gid=$tty_gid (tty): an sshd run by $(id -un) cannot give a terminal"
fi

# Nothing of the test cluster's (make check exports it): this test runs its
# own cluster, and migrate.sh would follow PGHOST to the wrong one.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE PGSERVICEFILE PGPASSFILE \
    PGOPTIONS PGAPPNAME GISE_HOME GISE_TRACE GISE_LOCALEDIR GISE_SCREEN_READER
export GISE_VAR="$work/var" GISE_PGPORT="${GISE_SSH_PGPORT:-54322}" GISE_DBNAME=gise_ssh

# The clerk's Unix account, and who runs the cluster (db/cluster.sh's rule).
if [ "$(id -u)" -eq 0 ]; then
    clerk=gise-ssh-clerk
    group=gise-ssh-staff
    owner=postgres
    as_owner() { (cd / && runuser -u "$owner" -- "$@"); }
    as_clerk() { (cd / && runuser -u "$clerk" -- "$@"); }
    match="Group $group"
else
    clerk=$(id -un)
    group=
    owner=$clerk
    as_owner() { "$@"; }
    as_clerk() { "$@"; }
    match="User $clerk"
fi
prefix="$work/prefix"
keys="$work/ssh"
log="$work/setup.log"
socket="$work/tmux.sock"
trace="$work/trace.log"
appname="gise-ssh-test-$$"
made_user=
made_run_sshd=
installed=
sshd_pid=
old_prefix=$(sed -n 's|^#define GISE_LOCALEDIR "\(.*\)/share/locale"$|\1|p' "$top/build/config.h" 2>/dev/null)

# The clerk's processes this test may have left, still running (an exited
# one waiting to be reaped is not): gise from the installed path, and (as
# root) anything of the throw-away account.
leftovers() {
    for p in $({ pgrep -f "$prefix/bin/gise"; [ -n "$made_user" ] && pgrep -u "$clerk"; } 2>/dev/null | sort -u); do
        case "$(ps -o stat= -p "$p" 2>/dev/null)" in "" | Z*) ;; *) echo "$p" ;; esac
    done
}

cleaned=
cleanup() {
    [ -n "$cleaned" ] && return 0
    cleaned=1
    t kill-server 2>/dev/null
    if [ -n "$sshd_pid" ]; then
        for p in $(pgrep -P "$sshd_pid" 2>/dev/null); do kill -TERM "$p" 2>/dev/null; done
        kill -TERM "$sshd_pid" 2>/dev/null
        wait "$sshd_pid" 2>/dev/null
    fi
    for p in $(leftovers); do kill -KILL "$p" 2>/dev/null; done
    if [ -n "$made_user" ]; then
        poll '[ -z "$(pgrep -u "$clerk")" ]'   # userdel refuses while any is there
        userdel -r "$clerk" >/dev/null 2>&1
        groupdel "$group" >/dev/null 2>&1
    fi
    [ -n "$made_run_sshd" ] && rmdir /run/sshd 2>/dev/null
    sh "$top/db/cluster.sh" destroy >/dev/null 2>&1
    # make install rebuilt gise for the temporary prefix: back to the old one.
    [ -n "$installed" ] &&
        env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" all ${old_prefix:+PREFIX="$old_prefix"} >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'cleanup; exit 1' HUP INT TERM

finish() { cleanup; tui_done; exit $?; }
# A step the rest depends on failed: say what, show the log, stop.
bail() { ok 1 "$1" "${2:-$(tail -n 15 "$log" 2>/dev/null)}"; finish; }

# Runs SQL on this test's cluster as its superuser (peer: owner to itself).
su_sql() {
    as_owner psql -X -q -tA -v ON_ERROR_STOP=1 -h "$sock" -p "$GISE_PGPORT" -d "$GISE_DBNAME" \
        -U "$owner" -c "$1" 2>>"$log"
}
# The clerk's Unix account connecting as a given database role; prints
# "who=<display name>" or the server's refusal.
clerk_psql() {
    as_clerk psql -X -q -tA -h "$sock" -p "$GISE_PGPORT" -d "$GISE_DBNAME" -U "$1" \
        -c "SELECT 'who=' || display_name FROM gise.whoami()" 2>&1
}
poll() { # poll CONDITION: true within 5 s (of the clock, however slow CONDITION is)
    deadline=$(($(date +%s) + 5))
    while ! eval "$1"; do
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        sleep 0.05
    done
}
key_frame() { # key_frame KEY...: sends keys, waits for the frame they cause
    before=$(frames)
    t send-keys -t gise "$@"
    wait_for_frame $((before + 1))
}

check '[ -x "$sshd" ] && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null' \
    "sshd and ssh are installed (make deps installs openssh-server, openssh-client)"
[ "$failed" -eq 0 ] || finish
chmod 755 "$work"   # the clerk and postgres traverse it; what is secret is 600

# 1. The clerk's account ------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
    # A leftover of an interrupted run goes first.
    if id "$clerk" >/dev/null 2>&1; then
        for p in $(pgrep -u "$clerk"); do kill -KILL "$p"; done
        userdel -r "$clerk" >/dev/null 2>&1
    fi
    getent group "$group" >/dev/null && groupdel "$group"
    made_user=1
    { groupadd "$group" && useradd -m -s /bin/sh -G "$group" "$clerk" &&
        usermod -p '*' "$clerk"; } >>"$log" 2>&1 ||
        bail "a Unix account $clerk in group $group"
    # '*': no password to log in with, yet not locked ('!'), which sshd
    # refuses even for a key when it does not use PAM.
    check '[ "$(getent shadow "$clerk" | cut -d: -f2)" = "*" ]' \
        "the clerk's Unix account $clerk has no password and is not locked"
fi

# 2. gise installed where the clerk can run it -------------------------------
installed=1
env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" install PREFIX="$prefix" >>"$log" 2>&1 ||
    bail "make install PREFIX=$prefix"
check 'as_clerk test -x "$prefix/bin/gise" &&
       as_clerk test -r "$prefix/share/locale/tr/LC_MESSAGES/gise.mo"' \
    "make install PREFIX=... installs gise and its catalogues where $clerk can reach them"

# 3. A private cluster with demo data, then peer authentication only --------
mkdir -p "$GISE_VAR" && chmod 755 "$GISE_VAR"
{ sh "$top/db/cluster.sh" start && sh "$top/db/migrate.sh" && sh "$top/db/demo/load.sh" 2000; } \
    >>"$log" 2>&1 || bail "a private cluster on socket port $GISE_PGPORT, migrated, 2000 demo citizens"
sock=$(sed -n 's/^PGHOST=//p' "$GISE_VAR/pg.env")
data="$(dirname "$sock")/data"

as_owner sh -c "cat >'$data/pg_hba.conf'" <<EOF
# TYPE  DATABASE  USER  METHOD
local   all       all   peer map=gise
EOF
as_owner sh -c "cat >'$data/pg_ident.conf'" <<EOF
# MAPNAME  SYSTEM-USERNAME  PG-USERNAME
gise       /^(.*)\$          \\1
gise       $clerk   ank_clerk1
EOF
as_owner "$bindir/pg_ctl" -D "$data" reload >>"$log" 2>&1 || bail "pg_ctl reload"
# The reload is asynchronous: it has happened once trust no longer lets the
# owner's account in as someone else.
poll 'as_owner psql -X -tA -h "$sock" -p "$GISE_PGPORT" -d "$GISE_DBNAME" -U ank_supervisor \
        -c "SELECT 1" 2>&1 | grep -q "Peer authentication failed"' ||
    bail "after pg_ctl reload, trust is gone" "$(tail -n 5 "$(dirname "$sock")/server.log")"
check '[ "$(su_sql "SELECT 1")" = 1 ]' "the cluster owner still reaches its superuser role (identity line of the map)"
# Peer authentication makes a reachable socket safe: open the way to it.
as_owner chmod 711 "$(dirname "$sock")" "$sock"
out=$(clerk_psql ank_supervisor)
check 'printf "%s" "$out" | grep -q "Peer authentication failed for user \"ank_supervisor\""' \
    "$clerk cannot connect as another role (ank_supervisor): peer authentication refuses" "$out"
out=$(clerk_psql ank_clerk1)
check '[ "$out" = "who=Ayşe Kaya" ]' "$clerk connects as ank_clerk1, mapped in pg_ident.conf, with no password" "$out"

# The citizen the clerk will look for, and an open application of theirs.
row=$(su_sql "SELECT c.national_id || '|' || c.family_name || '|' || a.number || '|' || a.id
              FROM gise.citizen c JOIN gise.application a ON a.citizen_id = c.id
              WHERE a.status = 'received' AND a.office_id = (SELECT id FROM gise.office WHERE code = 'ANK')
                AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
              ORDER BY c.id LIMIT 1")
[ -n "$row" ] || bail "the demo data has a received application at ANK"
nid=${row%%|*}; rest=${row#*|}
family=${rest%%|*}; rest=${rest#*|}
number=${rest%%|*}; app_id=${rest#*|}
app_state() { su_sql "SELECT status || ' v' || version || ' audit=' || (SELECT count(*) FROM gise.audit_log l WHERE l.application_id = a.id)
                      FROM gise.application a WHERE a.id = $app_id"; }
app_before=$(app_state)

# 4. sshd: key only, gise only ------------------------------------------------
mkdir -p "$keys" && chmod 755 "$keys"
{ ssh-keygen -q -t ed25519 -N '' -C gise-ssh-test-host -f "$keys/host_key" &&
    ssh-keygen -q -t ed25519 -N '' -C gise-ssh-test-clerk -f "$keys/client_key"; } >>"$log" 2>&1 ||
    bail "ssh-keygen"
cp "$keys/client_key.pub" "$keys/authorized_keys" && chmod 644 "$keys/authorized_keys"
# The connection settings, as a service (the clerk's own file: it names the
# role, which differs from the Unix name).
cat >"$keys/pg_service.conf" <<EOF
[gise]
host=$sock
port=$GISE_PGPORT
dbname=$GISE_DBNAME
user=ank_clerk1
application_name=$appname
EOF
chmod 644 "$keys/pg_service.conf"
: >"$trace"
[ -n "$made_user" ] && chown "$clerk" "$trace"
# The clerk's state directory, where gise keeps the drafts journal.
mkdir -p "$work/clerk-state"
[ -n "$made_user" ] && chown "$clerk" "$work/clerk-state"
drafts_dir="$work/clerk-state/gise/drafts"
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
    mkdir -p /run/sshd && chmod 755 /run/sshd && made_run_sshd=1
fi

port_free() {
    perl -MIO::Socket::INET -e 'exit !IO::Socket::INET->new(LocalAddr => "127.0.0.1",
        LocalPort => $ARGV[0], Proto => "tcp", ReuseAddr => 1, Listen => 1)' "$1"
}
write_config() {
    cat >"$keys/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
HostKey $keys/host_key
PidFile $keys/sshd.pid
AuthorizedKeysFile $keys/authorized_keys
AllowUsers $clerk
PermitRootLogin no
UsePAM no
StrictModes no

# README's block; the test's own paths.
Match $match
    AuthenticationMethods publickey
    PasswordAuthentication no
    KbdInteractiveAuthentication no
    ForceCommand $prefix/bin/gise
    DisableForwarding yes
    PermitUserRC no
    ClientAliveInterval 15
    ClientAliveCountMax 4
    SetEnv PGSERVICEFILE=$keys/pg_service.conf PGSERVICE=gise GISE_TRACE=$trace GISE_TRACE_PERSONAL=yes XDG_STATE_HOME=$work/clerk-state LANG=C.UTF-8 LC_ALL=C.UTF-8
EOF
}
port=22220
while [ $port -lt 22300 ] && [ -z "$sshd_pid" ]; do
    if port_free $port; then
        write_config $port
        "$sshd" -t -f "$keys/sshd_config" >>"$log" 2>&1 || bail "sshd -t accepts the configuration"
        rm -f "$keys/sshd.pid"
        "$sshd" -D -e -f "$keys/sshd_config" 2>>"$work/sshd.log" &
        sshd_pid=$!
        # The pid file is written once the listening socket is bound.
        if ! poll '[ -s "$keys/sshd.pid" ] || ! kill -0 $sshd_pid 2>/dev/null'; then
            bail "sshd starts" "$(cat "$work/sshd.log")"
        fi
        if ! kill -0 "$sshd_pid" 2>/dev/null; then
            wait "$sshd_pid" 2>/dev/null
            sshd_pid=
            grep -q "Address already in use" "$work/sshd.log" || bail "sshd starts" "$(cat "$work/sshd.log")"
        fi
    fi
    [ -z "$sshd_pid" ] && port=$((port + 1))
done
[ -n "$sshd_pid" ] || bail "a free port for sshd in 22220-22299"
check '[ "$(cat "$keys/sshd.pid")" = "$sshd_pid" ]' "sshd listens on 127.0.0.1:$port"

ssh_opts="-F none -p $port -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
# shellcheck disable=SC2086 # the options are words
out=$(timeout 10 ssh $ssh_opts -o PubkeyAuthentication=no "$clerk@127.0.0.1" true </dev/null 2>&1)
check 'printf "%s" "$out" | grep -q "Permission denied (publickey)\."' \
    "without the key the server refuses, and offers no other method than a key" "$out"
# shellcheck disable=SC2086
out=$(timeout 10 ssh $ssh_opts -i "$keys/client_key" -o IdentitiesOnly=yes "$clerk@127.0.0.1" id </dev/null 2>&1)
check 'printf "%s" "$out" | grep -q "Ayşe Kaya" && ! printf "%s" "$out" | grep -q "uid="' \
    "a command asked for runs gise instead (ForceCommand; line mode without a terminal)" "$out"

# 5. The clerk at work, through ssh -tt ---------------------------------------
t new-session -d -s gise -x 80 -y 24 \
    "env TERM=xterm-256color ssh $ssh_opts -tt -i '$keys/client_key' -o IdentitiesOnly=yes $clerk@127.0.0.1; echo SSH-EXITED \$?; sleep 600"
pane=$(t display -p -t gise '#{pane_pid}')
ssh_pid=
poll 'ssh_pid=$(pgrep -P "$pane" -x ssh)' || bail "the ssh client runs in tmux" "$(screen)"
# Key exchange first: up to twice the usual 5 s.
wait_for_text "Ekran: Vatandaş arama" || wait_for_text "Ekran: Vatandaş arama" ||
    bail "gise's first screen arrives over SSH" "$(screen; tail -n 5 "$work/sshd.log")"
check 'screen_row 0 | grep -q "^Ekran: Vatandaş arama .*Ayşe Kaya, memur, ANK$"' \
    "the first row names the screen and the clerk, in Turkish (the staff profile; the installed catalogue)" "$(screen_row 0)"
check 'grep -q "Accepted publickey for $clerk from 127.0.0.1" "$work/sshd.log"' \
    "sshd let $clerk in with the key" "$(tail -n 5 "$work/sshd.log")"
check '[ "$(frames)" -ge 1 ]' "gise got its environment from sshd's SetEnv (GISE_TRACE is written)"
check_focus "over SSH, at start"
sessions() { su_sql "SELECT usename || ' ' || pid FROM pg_stat_activity WHERE application_name = '$appname'"; }
poll '[ "$(sessions | wc -l)" -eq 1 ]'   # the line-mode session above may still be ending
session=$(sessions)
check 'printf "%s\n" "$session" | grep -qx "ank_clerk1 [0-9]*" && [ "$(printf "%s\n" "$session" | wc -l)" -eq 1 ]' \
    "one database session, as ank_clerk1, named $appname (the service file PGSERVICE names)" "$session"
gise_pids=$(pgrep -u "$clerk" -f "$prefix/bin/gise" | tr '\n' ' ')
check '[ -n "$gise_pids" ]' "gise runs as $clerk" "$(ps -ef | grep gise)"

# The surname first: the results list shows it.
t send-keys -t gise -l "$family"
results() { screen | grep "[0-9]\{3\}\*\{6\}[0-9][0-9] .*$family"; }
poll 'results >/dev/null'
check 'results >/dev/null' "typing the surname $family lists citizens of that name" "$(screen)"
key Escape "Esc clears the field"
t send-keys -t gise -l "$nid"
wait_for_text "1 vatandaş bulundu" || bail "the identity number finds the citizen" "$(screen)"
check_focus "the identity number typed"
key Enter "open the citizen"
wait_for_text "Ekran: Açma amacı" || bail "the purpose is asked" "$(screen)"
key Enter "the purpose: the default"
wait_for_text "Kimlik numarası: " || bail "the citizen opens" "$(screen)"
check 'screen | grep -qF "Kimlik numarası: $nid"' "the citizen is open" "$(screen)"
check 'screen | grep -qF "$number"' "with their application $number" "$(screen)"
key Enter "open the application"
wait_for_text "Ekran: Başvuru" || bail "the application opens" "$(screen)"
check 'screen | grep -qF "$number"' "the application $number is open" "$(screen)"

# Mid-edit: a withdrawal, the reason half typed.
key F9 "the action menu"
i=0
while ! screen | grep -q "^> Vatandaşın isteğiyle geri çek" && [ $i -lt 8 ]; do
    key_frame Down; i=$((i + 1))
done
check 'screen | grep -q "^> Vatandaşın isteğiyle geri çek"' "the menu offers the withdrawal" "$(screen)"
[ "$failed" -eq 0 ] || bail "on to the withdrawal" "$(screen)"
key Enter "withdraw at the citizen's request"
wait_for_text "Ekran: Geri çekme" || bail "the withdrawal form opens" "$(screen)"
keys "Vatandaş vazg" "the reason"
wait_for_text "Vatandaş vazg"
check 'screen | grep -q "Gerekçe.*Vatandaş vazg"' "a withdrawal is being written, its reason half typed" "$(screen)"
state=$(su_sql "SELECT state || CASE WHEN xact_start IS NULL THEN ', no transaction' ELSE ', transaction open' END FROM pg_stat_activity WHERE application_name = '$appname'")
check '[ "$state" = "idle, no transaction" ]' "while the clerk types, gise holds no transaction open" "$state"

# 6. The connection goes away --------------------------------------------------
kill -KILL "$ssh_pid"
gone() { [ -z "$(su_sql "SELECT pid FROM pg_stat_activity WHERE application_name = '$appname'")" ]; }
poll gone
check gone "the database session is gone, so no transaction is left open" \
    "$(su_sql "SELECT pid, state, xact_start, query FROM pg_stat_activity WHERE application_name = '$appname'")"
check '[ "$(su_sql "SELECT count(*) FROM pg_stat_activity WHERE state LIKE '"'"'idle in transaction%'"'"'")" = 0 ]' \
    "no session anywhere is idle in transaction"
poll '[ -z "$(leftovers)" ]'
check '[ -z "$(leftovers)" ]' "no process is left for $clerk (gise was: $gise_pids)" "$(leftovers | xargs -r ps -fp 2>&1)"
app_after=$(app_state)
check '[ "$app_after" = "$app_before" ]' "application $number is as it was: $app_before" "now: $app_after"
check '[ "$(su_sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app_id AND action = '"'"'withdraw'"'"'")" = 0 ]' \
    "no withdrawal of it is recorded"
check 'screen | grep -q "SSH-EXITED"' "the SSH client is gone" "$(screen | tail -n 3)"

# 7. What was typed is not lost: gise hung up and saved the draft; the
# clerk connects again and finds every character.
draft() { su_sql "SELECT fields ->> 'text' FROM gise.draft WHERE owner = 'ank_clerk1' AND kind = 'withdraw' AND target = $app_id"; }
check '[ "$(draft)" = "Vatandaş vazg" ]' "the reason half typed is in the database as the clerk's draft" "$(draft)"
check 'grep -qF "Vatandaş vazg" "$drafts_dir/ank_clerk1.journal" && [ "$(stat -c "%a %U" "$drafts_dir/ank_clerk1.journal")" = "600 $clerk" ]' \
    "and in the clerk's journal ($drafts_dir/ank_clerk1.journal, $clerk's, 0600)" "$(ls -la "$drafts_dir" 2>&1)"
t kill-session -t gise
: >"$trace"
t new-session -d -s gise -x 80 -y 24 \
    "env TERM=xterm-256color ssh $ssh_opts -tt -i '$keys/client_key' -o IdentitiesOnly=yes $clerk@127.0.0.1; echo SSH-EXITED \$?; sleep 600"
wait_for_offer || wait_for_offer ||
    bail "connected again, gise offers the draft" "$(screen)"
check 'frame_field focus | grep -qF "$number"' "connected again, gise offers the unfinished withdrawal of $number" "$(frame_field focus)"
key r "resume"
wait_for_screen Withdrawal
check '[ "$(frame_field value)" = "Vatandaş vazg" ]' "r: the withdrawal form has the reason, every character" "$(frame_field value)"
keys "eçti" "the rest of the reason"
key Down "to the button"
key Enter "withdraw"
key Enter "confirm"
wait_for_screen Application
check '[ "$(su_sql "SELECT status FROM gise.application WHERE id = $app_id")" = withdrawn ] &&
       [ "$(su_sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app_id AND action = '"'"'withdraw'"'"' AND details::text LIKE '"'"'%Vatandaş vazgeçti%'"'"'")" = 1 ]' \
    "the withdrawal is taken, with the reason typed over two connections"
check '[ -z "$(draft)" ] && ! grep -qF "Vatandaş vazg" "$drafts_dir/ank_clerk1.journal"' \
    "and the draft is gone from the database and the journal"

finish
