#!/bin/sh
# The chain under load (issue 13, point 3): pgbench at 8 clients for 10 s
# runs counter work (open an application, start its review), a third of it
# in REPEATABLE READ transactions that sit on their snapshot a while (the
# old inline chain forked and broke under exactly this), while the chainer
# runs over and over beside it. Afterwards every audit and access row is
# chained exactly once and the chain has no break.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/tap.sh"
pgbench=${PG_BINDIR:-/usr/lib/postgresql/15/bin}/pgbench
[ -x "$pgbench" ] || { echo "1..0 # SKIP pgbench is not installed ($pgbench)"; exit 0; }
work=$(mktemp -d)
clients=${GISE_LOAD_CLIENTS:-8}
seconds=${GISE_LOAD_SECONDS:-10}

# Citizens of its own (valid identity numbers, removed at the end with
# their applications), so that the other tests find the demo as it was.
range=$(sql "WITH d AS (SELECT g, ARRAY[9, 8, (g / 1000000) % 10, (g / 100000) % 10, (g / 10000) % 10,
                                      (g / 1000) % 10, (g / 100) % 10, (g / 10) % 10, g % 10] AS a
                       FROM generate_series(4242000, 4242049) g),
                  e AS (SELECT g, a, (((a[1] + a[3] + a[5] + a[7] + a[9]) * 7 - (a[2] + a[4] + a[6] + a[8])) % 10 + 10) % 10 AS d10
                        FROM d)
             INSERT INTO gise.citizen (national_id, given_name, family_name, birth_date)
             SELECT array_to_string(a, '') || d10 || ((a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7] + a[8] + a[9] + d10) % 10),
                    'Zincir', 'Yükü', DATE '1980-01-01'
             FROM e
             RETURNING id" | sort -n | sed -n '1p;$p' | tr '\n' ' ')
set -- $range
first=${1:-} last=${2:-}
[ -n "$last" ] || { echo "Bail out! could not make the test's citizens"; exit 1; }
cleanup() {
    sql "DELETE FROM gise.application_document WHERE application_id IN
             (SELECT id FROM gise.application WHERE citizen_id BETWEEN $first AND $last);
         DELETE FROM gise.application WHERE citizen_id BETWEEN $first AND $last;
         DELETE FROM gise.citizen WHERE id BETWEEN $first AND $last" >/dev/null
}
service=$(sql "SELECT code FROM gise.service WHERE risk_level = 'low' ORDER BY code LIMIT 1")
cat >"$work/counter.sql" <<EOF
\set c random($first, $last)
SELECT (gise.application_open(gen_random_uuid(), :c, '$service')).application_id AS app \gset
SELECT gise.application_start_review(gen_random_uuid(), :app, 1);
EOF
cat >"$work/forker.sql" <<EOF
\set c random($first, $last)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT count(*) FROM gise.application WHERE id > (SELECT max(id) - 10 FROM gise.application);
SELECT (gise.application_open(gen_random_uuid(), :c, '$service')).application_id AS app \gset
SELECT pg_sleep(random());
SELECT gise.application_start_review(gen_random_uuid(), :app, 1);
END;
EOF

sql 'DROP ROLE IF EXISTS gise_sealer_load; CREATE ROLE gise_sealer_load LOGIN IN ROLE gise_sealer' >/dev/null
# The chainer, as often as it can, while the load runs.
(end=$(($(date +%s) + seconds + 2))
 while [ "$(date +%s)" -lt "$end" ]; do
     PGUSER=gise_sealer_load psql -X -q -tA -c "SELECT gise.chain_pending(10000)" >/dev/null 2>>"$work/chainer.err"
     sleep 0.05
 done) &
chainer=$!
PGUSER=ank_clerk1 "$pgbench" -n -c "$clients" -j 2 -T "$seconds" -f "$work/counter.sql@2" -f "$work/forker.sql@1" \
    >"$work/pgbench.out" 2>&1
rc=$?
wait "$chainer"
check '[ "$rc" = 0 ] && grep -q "number of failed transactions: 0" "$work/pgbench.out"' \
    "pgbench ran $clients clients for $seconds s without a failed transaction" "$(cat "$work/pgbench.out")"
done_tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")
check '[ "${done_tx:-0}" -gt 50 ]' "and did real work ($done_tx transactions)"
check '[ ! -s "$work/chainer.err" ]' "the chainer ran beside it without an error" "$(cat "$work/chainer.err")"

PGUSER=gise_sealer_load psql -X -q -tA -c "SELECT gise.chain_pending(1000000)" >/dev/null
counts=$(sql "SELECT (SELECT count(*) FROM gise.audit_log) + (SELECT count(*) FROM gise.access_log) || ' ' ||
                     (SELECT count(*) FROM gise.chain) || ' ' ||
                     (SELECT count(DISTINCT (source, source_id)) FROM gise.chain)")
set -- $counts
rows=$1 chained=$2 distinct=$3
check '[ "$rows" = "$chained" ] && [ "$chained" = "$distinct" ]' "every row is chained exactly once (rows, chain rows, distinct: $counts)"
breaks=$(sql "SELECT count(*) FROM gise.audit_verify_all()")
check '[ "$breaks" = 0 ]' "and the chain has no break" "$(sql "SELECT * FROM gise.audit_verify_all() LIMIT 20")"
check '[ "$(sql "SELECT count(*) FROM (SELECT prev_hash FROM gise.chain GROUP BY 1 HAVING count(*) > 1) f")" = 0 ]' \
    "no two rows on the same head (no fork)"

sql 'DROP ROLE gise_sealer_load' >/dev/null
cleanup
rm -rf "$work"
echo "1..$n"
[ "$failed" -eq 0 ]
