#!/bin/sh
# Encrypted or refused (gise.conf(5), tls): a Unix socket is local; a
# database over the network, loopback included, is reached with TLS and the
# server's certificate checked against its name, or not at all, unless the
# site's settings say otherwise. Tried as it happens:
#  1. a fake server on 127.0.0.1 (tests/cli/fake_pg.pl) refuses TLS and asks
#     for a password in clear text: gise refuses, says why, exits 1, and
#     neither the role nor PGPASSWORD leaves the machine (no sslmode,
#     PGSSLMODE=prefer, a conninfo with sslmode=allow);
#  2. a cluster of the test's own with TLS, its certificate signed by a CA
#     the test makes with openssl: gise connects and "where am I" says
#     encrypted (full screen and line mode); without the CA, or under a name
#     the certificate does not carry, it is refused even with
#     PGSSLMODE=require;
#  3. the site's settings relax it (tls = disable): clear text over TCP, and
#     "where am I" says it is not encrypted;
#  4. the private cluster's socket: "where am I" says local socket.
. "$(dirname "$0")/../tui/lib.sh"
export XDG_CONFIG_HOME="$work/xdg" HOME="$work/home"
unset PGSSLMODE PGSSLROOTCERT PGSERVICE PGREQUIRESSL GISE_TLS
mkdir -p "$HOME"
secret="never-send-me-$$"
gise="${GISE_BIN:-$top/gise}"

# 1. The fake server. ---------------------------------------------------------
perl "$top/tests/cli/fake_pg.pl" "$work/fake.log" &
fake=$!
i=0; while ! grep -q '^#ready' "$work/fake.log" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.01; i=$((i + 1)); done
fport=$(sed -n 's/^#ready //p' "$work/fake.log")
asked=0
for how in "no sslmode" "PGSSLMODE=prefer" "sslmode=allow in the conninfo"; do
    case $how in
        "no sslmode") out=$(PGHOST=127.0.0.1 PGPORT=$fport PGPASSWORD=$secret "$gise" --plain --lang en </dev/null 2>&1); rc=$? ;;
        PGSSLMODE=*) out=$(env "$how" PGHOST=127.0.0.1 PGPORT=$fport PGPASSWORD=$secret "$gise" --plain --lang en </dev/null 2>&1); rc=$? ;;
        *) out=$(PGPASSWORD=$secret "$gise" --plain --lang en "host=127.0.0.1 port=$fport sslmode=allow" </dev/null 2>&1); rc=$? ;;
    esac
    check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "Cannot connect to the database over the network with TLS" &&
           printf "%s" "$out" | grep -q "server does not support SSL"' \
        "$how: a server without TLS on 127.0.0.1 is refused, in words, exit status 1" "$rc: $out"
    check '[ "$(grep -c "^tls-refused" "$work/fake.log")" -gt "$asked" ]' "$how: gise asked for TLS first" "$(cat "$work/fake.log")"
    asked=$(grep -c "^tls-refused" "$work/fake.log")
    check '! grep -q "^password=" "$work/fake.log" && ! grep -q "^startup" "$work/fake.log"' \
        "$how: neither the password nor the role name reached the server" "$(cat "$work/fake.log")"
done
kill "$fake" 2>/dev/null

# 2. A cluster with TLS, a CA of the test's own. ------------------------------
certs="$work/certs"
mkdir -p "$certs"
(cd "$certs" &&
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt \
        -days 2 -subj "/CN=gise test CA" &&
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr \
        -subj "/CN=localhost" &&
    printf 'subjectAltName = IP:127.0.0.1, DNS:localhost\n' >ext &&
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile ext \
        -out server.crt) >"$work/openssl.log" 2>&1
tport=$(perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 1)->sockport')
tvar="$work/tlsdb"
cluster() { GISE_VAR="$tvar" GISE_PGPORT="$tport" GISE_DBNAME=gise_tls sh "$top/db/cluster.sh" "$@"; }
trap 'cluster destroy >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM
tsql() { (set -a; . "$tvar/pg.env"; set +a; psql -X -q -tA -v ON_ERROR_STOP=1 -U "$GISE_PGSUPERUSER" -c "$1"); }
# The schema and the demo staff: no citizens are needed to sign in.
cluster start >/dev/null &&
    GISE_VAR="$tvar" sh "$top/db/migrate.sh" --private >/dev/null &&
    (set -a; . "$tvar/pg.env"; set +a; psql -X -q -v ON_ERROR_STOP=1 -U "$GISE_PGSUPERUSER" --single-transaction \
        -f "$top/db/demo/catalogue.sql" >/dev/null)
data=$(readlink -f "$tvar/pg")/data
cp "$certs/server.crt" "$certs/server.key" "$data/"
chmod 600 "$data/server.key"
[ "$(id -u)" -eq 0 ] && chown "$(sed -n 's/^GISE_PGSUPERUSER=//p' "$tvar/pg.env")" "$data/server.crt" "$data/server.key"
(set -a; . "$tvar/pg.env"; set +a; psql -X -q -v ON_ERROR_STOP=1 -U "$GISE_PGSUPERUSER" \
    -c "ALTER SYSTEM SET listen_addresses = '127.0.0.1'" -c "ALTER SYSTEM SET ssl = on" \
    -c "ALTER SYSTEM SET ssl_cert_file = 'server.crt'" -c "ALTER SYSTEM SET ssl_key_file = 'server.key'")
cluster stop && cluster start >/dev/null
check '[ -s "$certs/server.crt" ] && [ "$(tsql "SHOW ssl")" = on ]' "the test's cluster listens on 127.0.0.1:$tport with TLS" \
    "$(cat "$work/openssl.log")"
over_tcp="PGHOST=127.0.0.1 PGPORT=$tport PGDATABASE=gise_tls PGUSER=ank_clerk1"
# What the server saw of ank_clerk1's connection: "true|TLSv1.3" or "false|".
server_saw() {
    tsql "SELECT s.ssl || '|' || coalesce(s.version, '') FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
          WHERE a.usename = 'ank_clerk1' ORDER BY a.backend_start DESC LIMIT 1"
}

export TUI_ENV="$over_tcp PGSSLROOTCERT=$certs/ca.crt"
tui_start --lang en
wait_for_text "Screen: Citizen search"
check 'screen | grep -q "Screen: Citizen search"' "with the test's CA, gise signs in over TCP" "$(screen)"
key F4 "where am I"
check 'bottom_rows 6 | grep -qF "Connection: encrypted (TLSv1.3, "' "F4 says the connection is encrypted, with protocol and cipher" \
    "$(bottom_rows 6)"
check '[ "$(server_saw)" = "true|TLSv1.3" ]' "the server agrees: TLS 1.3" "$(server_saw)"
t kill-server 2>/dev/null

out=$(printf 'w\nq\n' | env $over_tcp PGSSLROOTCERT="$certs/ca.crt" "$gise" --plain --lang en 2>&1)
check 'printf "%s" "$out" | grep -qF "Connection: encrypted (TLSv1.3, "' "line mode's where am I (w) says so too" "$out"

# PGSSLMODE=disable cannot make it clear text: gise asks for TLS anyway, and
# a clear-text connection that got through would be closed unused.
out=$(printf 'w\nq\n' | env $over_tcp PGSSLMODE=disable PGSSLROOTCERT="$certs/ca.crt" "$gise" --plain --lang en 2>&1)
check '! printf "%s" "$out" | grep -q "Connection: not encrypted" &&
       printf "%s" "$out" | grep -q "Connection: encrypted (TLSv1.3, \|answered over the network without encryption"' \
    "PGSSLMODE=disable does not make it clear text" "$out"

out=$(env $over_tcp "$gise" --plain --lang en </dev/null 2>&1); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "root certificate file"' \
    "without the CA the certificate cannot be checked: refused (verify-full, not just require)" "$rc: $out"
out=$(PGSSLMODE=require PGSSLROOTCERT="$certs/ca.crt" "$gise" --plain --lang en \
    "host=db.invalid hostaddr=127.0.0.1 port=$tport dbname=gise_tls user=ank_clerk1" </dev/null 2>&1); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "does not match host name \"db.invalid\""' \
    "a name the certificate does not carry is refused, PGSSLMODE=require notwithstanding" "$rc: $out"

# 3. The site's settings relax it. -------------------------------------------
# (--config reads only that file: the trace the terminal tests read is in it)
printf '# this site allows clear text to its database\ntls = disable\ntrace = %s\n' "$work/trace.log" >"$work/site.conf"
export TUI_ENV="$over_tcp"
tui_start --config "$work/site.conf" --lang en
wait_for_text "Screen: Citizen search"
key F4 "where am I"
check 'bottom_rows 6 | grep -qF "Connection: not encrypted; the tls setting allows it over the network."' \
    "with tls = disable, plain TCP is allowed and F4 says it is not encrypted" "$(bottom_rows 6)"
check '[ "$(server_saw)" = "false|" ]' "the server agrees: no TLS" "$(server_saw)"
t kill-server 2>/dev/null

# 4. The private cluster's socket. --------------------------------------------
out=$(printf 'w\nq\n' | "$gise" --plain --lang en 2>&1)
check 'printf "%s" "$out" | grep -qF "Connection: local socket."' "over the socket, where am I says local socket" "$out"

cluster destroy >/dev/null 2>&1
trap - EXIT
tui_done
