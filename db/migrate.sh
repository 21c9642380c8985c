#!/bin/sh
# Applies db/migrations/NNNN_name.sql in order, each in one transaction
# together with its row in public.schema_migration, so a migration is either
# applied and recorded or not applied at all. Applying twice is a no-op; a
# concurrent run fails on the version's primary key and changes nothing.
#
# Connection: libpq's environment (PGHOST, PGDATABASE, PGSERVICE, ...); with
# none set, the private cluster described by var/pg.env, as its superuser.
# GISE_MIGRATIONS names another directory of migrations (tests use it).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
migrations=${GISE_MIGRATIONS:-$here/migrations}
var=${GISE_VAR:-$here/../var}

if [ -z "${PGHOST:-}${PGSERVICE:-}${PGDATABASE:-}" ] && [ -f "$var/pg.env" ]; then
    set -a; . "$var/pg.env"; set +a
    PGUSER=$GISE_PGSUPERUSER
    export PGUSER
fi

run_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

run_psql -c "CREATE TABLE IF NOT EXISTS public.schema_migration (
    version    text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now())" 2>/dev/null ||
    run_psql -c "SELECT 1 FROM public.schema_migration LIMIT 0" >/dev/null || {
        echo "gise: cannot reach the database to migrate it" >&2; exit 1; }

applied=0
for file in "$migrations"/*.sql; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .sql)
    case "$name" in
        [0-9][0-9][0-9][0-9]_*) ;;
        *) echo "gise: $file: migration names are NNNN_name.sql" >&2; exit 1 ;;
    esac
    done_already=$(run_psql -tA -c \
        "SELECT 1 FROM public.schema_migration WHERE version = '$name'")
    [ "$done_already" = 1 ] && continue
    if ! run_psql --single-transaction \
        -c "INSERT INTO public.schema_migration (version) VALUES ('$name')" \
        -f "$file"; then
        echo "gise: migration $(basename "$file") failed; it was rolled back and the database is as it was before it" >&2
        exit 1
    fi
    applied=$((applied + 1))
    echo "gise: applied migration $name"
done
[ "$applied" -eq 0 ] && echo "gise: database schema is up to date"
exit 0
