#!/bin/sh
# The project's private PostgreSQL cluster: Unix socket only, no TCP.
#
#   db/cluster.sh start    create (first time), start, create the database,
#                          write $GISE_VAR/pg.env; idempotent
#   db/cluster.sh stop     stop it (no error when it is not running)
#   db/cluster.sh status   exit 0 when it answers
#   db/cluster.sh destroy  stop it and delete its files (wherever they are)
#
# GISE_VAR (default: var/ beside db/) holds the cluster; GISE_PGPORT (default
# 54320) names its socket. initdb and postgres refuse to run as root, so when
# invoked as root the cluster runs as the unprivileged `postgres` account; if
# that account cannot reach GISE_VAR (a clone under /root, say), the cluster's
# files live in a new /var/tmp/gise-XXXXXXXX and GISE_VAR/pg points there.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
var=${GISE_VAR:-$top/var}
port=${GISE_PGPORT:-54320}
dbname=${GISE_DBNAME:-gise}
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}

die() { echo "gise: $*" >&2; exit 1; }

[ -x "$bindir/postgres" ] || die "PostgreSQL 15 server not found in $bindir (run: make deps)"
mkdir -p "$var"
var=$(cd "$var" && pwd)

if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    as_owner() { (cd / && runuser -u "$owner" -- "$@"); }
else
    owner=$(id -un)
    as_owner() { "$@"; }
fi

pg="$var/pg"
pick_home() {
    [ -e "$pg" ] && return 0
    # A socket path is limited to 107 bytes; a deep clone gets the fallback.
    socklen=$(printf '%s' "$var/pg/run/.s.PGSQL.$port" | wc -c)
    if [ "$socklen" -le 100 ] && as_owner test -x "$var" 2>/dev/null; then
        mkdir -p "$pg"
    else
        # The owner cannot traverse a parent of $var: keep the files where it
        # can, and point $var/pg at them so that everything else is unchanged.
        # A new directory each time: a clone made again at the same path must
        # not find the files of the one before.
        elsewhere=$(mktemp -d /var/tmp/gise-XXXXXXXX)
        chmod 755 "$elsewhere"
        ln -s "$elsewhere" "$pg"
    fi
    chown "$owner" "$pg/" 2>/dev/null || true
    chmod 700 "$pg/"
}

# The owner must reach its files by a path it can traverse: the real one.
resolve() { pg=$(readlink -f "$pg" 2>/dev/null || echo "$pg"); data="$pg/data"; sock="$pg/run"; }
resolve

running() {
    as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

write_env() {
    tmp="$var/pg.env.tmp"
    {
        echo "# Written by db/cluster.sh: the private cluster's connection settings."
        echo "# Shell: set -a; . $var/pg.env; set +a"
        echo "PGHOST=$sock"
        echo "PGPORT=$port"
        echo "PGDATABASE=$dbname"
        echo "PGUSER=${GISE_DEMO_ROLE:-ank_clerk1}"
        echo "GISE_PGSUPERUSER=$owner"
    } >"$tmp"
    mv "$tmp" "$var/pg.env"
}

start() {
    pick_home
    resolve
    if [ ! -f "$data/PG_VERSION" ]; then
        as_owner mkdir -p "$data" "$sock"
        as_owner chmod 700 "$data" "$sock"
        as_owner "$bindir/initdb" -D "$data" --auth=trust --username="$owner" \
            --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu \
            --icu-locale=tr-TR >"$pg/initdb.log" 2>&1 ||
            die "initdb failed; see $pg/initdb.log"
        # Socket only, in a directory only the owner (and root) can enter.
        as_owner sh -c "cat >>'$data/postgresql.conf'" <<EOF
listen_addresses = ''
unix_socket_directories = '$sock'
port = $port
shared_buffers = 512MB
work_mem = 16MB
maintenance_work_mem = 1GB
max_wal_size = 4GB
wal_level = minimal
max_wal_senders = 0
jit = off
logging_collector = off
log_min_messages = warning
EOF
    fi
    as_owner mkdir -p "$sock"
    if ! running; then
        as_owner "$bindir/pg_ctl" -D "$data" -l "$pg/server.log" -w -t 60 start \
            >/dev/null || die "the cluster did not start; see $pg/server.log"
    fi
    psql_super() { as_owner "$bindir/psql" -X -q -h "$sock" -p "$port" -U "$owner" "$@"; }
    exists=$(psql_super -d postgres -tA -c \
        "SELECT 1 FROM pg_database WHERE datname = '$dbname'")
    if [ "$exists" != 1 ]; then
        psql_super -d postgres -c "CREATE DATABASE \"$dbname\"" ||
            die "could not create database $dbname"
    fi
    write_env
}

stop() {
    [ -e "$data/PG_VERSION" ] || return 0
    if running; then
        as_owner "$bindir/pg_ctl" -D "$data" -w -t 60 -m fast stop >/dev/null
    fi
}

destroy() {
    stop
    # The files may live elsewhere behind the var/pg link: remove both.
    [ -L "$var/pg" ] && rm -rf "$(readlink -f "$var/pg")"
    rm -rf "$var/pg" "$var/pg.env"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) running ;;
    destroy) destroy ;;
    *) echo "usage: $0 start|stop|status|destroy" >&2; exit 2 ;;
esac
