#!/bin/sh
# Migrations: applying twice is a no-op; a failing one is rolled back whole
# and named; a role that may not migrate hears the server's reason and the
# way out, and `make db`'s --private migrates as the owner whatever the
# shell's PG* says. Runs against the harness's database as its superuser.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGUSER="$GISE_TEST_SUPERUSER"
n=0
check() { n=$((n + 1)); if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
q() { psql -X -q -tA -c "$1"; }

echo "1..12"
before=$(q "SELECT count(*) FROM public.schema_migration")
out=$(sh "$top/db/migrate.sh" 2>&1); rc=$?
check '[ $rc -eq 0 ]' "a second run succeeds"
check 'echo "$out" | grep -q "up to date"' "a second run says the schema is up to date"
check '[ "$(q "SELECT count(*) FROM public.schema_migration")" = "$before" ]' "a second run applies nothing"

cp "$top"/db/migrations/*.sql "$work/"
cat >"$work/9999_broken.sql" <<'SQL'
CREATE TABLE gise.half_done (id integer);
INSERT INTO gise.half_done VALUES (1);
SELECT 1 / 0;
SQL
out=$(GISE_MIGRATIONS="$work" sh "$top/db/migrate.sh" 2>&1); rc=$?
check '[ $rc -ne 0 ]' "a failing migration fails the run"
check 'echo "$out" | grep -q "9999_broken.sql failed"' "the message names the file that failed"
check '[ "$(q "SELECT to_regclass('"'"'gise.half_done'"'"') IS NULL")" = t ]' "nothing the failing file did remains"
check '[ "$(q "SELECT count(*) FROM public.schema_migration WHERE version = '"'"'9999_broken'"'"'")" = 0 ]' \
    "the failing migration is not recorded"

# A shell that sourced pg.env for psql is the demo clerk: plain migrate.sh
# says the server's reason, the role and where it came from, and the fix.
out=$(PGUSER=ank_clerk1 sh "$top/db/migrate.sh" 2>&1); rc=$?
check '[ $rc -ne 0 ] && ! echo "$out" | grep -q "cannot reach"' "as the clerk: refused, and not called unreachable" "$out"
check 'echo "$out" | grep -q "permission denied for schema public"' "the server's own reason is shown" "$out"
check 'echo "$out" | grep -q "as role \"ank_clerk1\" (from the environment)" && echo "$out" | grep -q "make db"' \
    "it names the role, where it came from, and the way out" "$out"
# --private (what make db runs) ignores the clerk's environment, even a
# service and options that would lead elsewhere.
out=$(PGUSER=ank_clerk1 PGSERVICE=nowhere PGOPTIONS="-c search_path=nowhere" sh "$top/db/migrate.sh" --private 2>&1); rc=$?
check '[ $rc -eq 0 ] && echo "$out" | grep -q "up to date"' "--private migrates as the owner whatever PG* says" "$rc: $out"
out=$(PGPORT=1 PGUSER=ank_clerk1 sh "$top/db/migrate.sh" 2>&1); rc=$?
check '[ $rc -ne 0 ] && echo "$out" | grep -q "No such file or directory" && echo "$out" | grep -q "check that the database is running"' \
    "a database that is not there: libpq's reason, and what to check" "$out"
