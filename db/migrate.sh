#!/bin/sh
# Applies db/migrations/NNNN_name.sql in order, each in one transaction
# together with its row in public.schema_migration, so a migration is either
# applied and recorded or not applied at all. Applying twice is a no-op; a
# concurrent run fails on the version's primary key and changes nothing.
#
#   db/migrate.sh             libpq's environment (PGHOST, PGDATABASE,
#                             PGSERVICE, ...); with none set, the private
#                             cluster described by var/pg.env, as its owner
#   db/migrate.sh --private   the private cluster ($GISE_VAR/pg.env, else
#                             var/pg.env) as its owner, whatever PG* says:
#                             `make db` from a shell that sourced pg.env for
#                             psql (and so is the clerk) still migrates
#
# GISE_MIGRATIONS names another directory of migrations (tests use it).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
migrations=${GISE_MIGRATIONS:-$here/migrations}
var=${GISE_VAR:-$here/../var}

private=no
case "${1:-}" in
    --private) private=yes ;;
    "") ;;
    *) echo "usage: $0 [--private]" >&2; exit 2 ;;
esac

# The private cluster's owner, and nothing of the caller's connection.
use_private_cluster() {
    [ -f "$var/pg.env" ] || { echo "gise: no $var/pg.env; start the cluster first: sh db/cluster.sh start" >&2; exit 1; }
    for name in $(env | sed -n 's/^\(PG[A-Z_]*\)=.*/\1/p'); do
        unset "$name"
    done
    set -a; . "$var/pg.env"; set +a
    PGUSER=$GISE_PGSUPERUSER
    export PGUSER
    how="the private cluster's owner ($var/pg.env)"
}

how="the environment"
if [ "$private" = yes ]; then
    use_private_cluster
elif [ -z "${PGHOST:-}${PGSERVICE:-}${PGDATABASE:-}" ] && [ -f "$var/pg.env" ]; then
    use_private_cluster
fi

run_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# Says why the database could not be migrated: the server's own words, the
# role and where it came from, and the way out when it is a permission.
cannot_migrate() {
    role=${PGUSER:-$(id -un)}
    echo "gise: cannot migrate the database as role \"$role\" (from $how):" >&2
    printf '%s\n' "$1" | grep -v '^LOCATION:\|^LINE [0-9]*:\|^ *\^ *$' | sed 's/^/    /' >&2
    if printf '%s\n' "$1" | grep -q '42501\|must be owner'; then
        if [ -n "${PGUSER:-}" ] && [ "$how" = "the environment" ]; then
            echo "gise: migrations run as the schema's owner, and PGUSER=$PGUSER is not it (a shell that sourced var/pg.env for psql is the demo clerk). For the private cluster run: make db (it connects as the owner), or: unset PGUSER PGHOST PGPORT PGDATABASE. Elsewhere set PGUSER to the owner." >&2
        else
            echo "gise: migrations run as the schema's owner; connect as that role (PGUSER)." >&2
        fi
    else
        echo "gise: check that the database is running and that PGHOST, PGPORT, PGDATABASE or PGSERVICE name it; for the private cluster run: make db" >&2
    fi
    exit 1
}

# A role that may not create the table may still find it made (and then
# fails later, on a migration, with its name); the first problem is the one
# to tell.
problem=$(run_psql -v VERBOSITY=verbose -c "CREATE TABLE IF NOT EXISTS public.schema_migration (
    version    text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now())" 2>&1 >/dev/null) ||
    run_psql -c "SELECT 1 FROM public.schema_migration LIMIT 0" >/dev/null 2>&1 ||
    cannot_migrate "$problem"

# What is applied already, asked once; the pending ones then run in one
# psql (a psql start costs more than most migrations), each in a
# transaction of its own with its row, and DISCARD ALL between them so that
# none sees what the one before left in the session. A concurrent run still
# fails on the version's primary key.
done_before=" $(run_psql -tA -c "SELECT version FROM public.schema_migration" | tr '\n' ' ') "
script=""
for file in "$migrations"/*.sql; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .sql)
    case "$name" in
        [0-9][0-9][0-9][0-9]_*) ;;
        *) echo "gise: $file: migration names are NNNN_name.sql" >&2; exit 1 ;;
    esac
    case "$done_before" in *" $name "*) continue ;; esac
    quoted=$(printf '%s' "$file" | sed "s/'/''/g")
    script="$script
BEGIN;
INSERT INTO public.schema_migration (version) VALUES ('$name');
\\i '$quoted'
COMMIT;
DISCARD ALL;
\\echo gise: applied migration $name"
done
if [ -z "$script" ]; then
    echo "gise: database schema is up to date"
    exit 0
fi
if ! printf '%s\n' "$script" | run_psql; then
    # The one that failed: the first not recorded (its transaction rolled back).
    done_now=" $(run_psql -tA -c "SELECT version FROM public.schema_migration" | tr '\n' ' ') "
    for file in "$migrations"/*.sql; do
        name=$(basename "$file" .sql)
        case "$done_now" in *" $name "*) continue ;; esac
        echo "gise: migration $(basename "$file") failed; it was rolled back and the database is as it was before it" >&2
        exit 1
    done
    echo "gise: the migrations failed" >&2
    exit 1
fi
exit 0
