#!/bin/sh
# Fills the private database with demo data: the catalogue, offices and staff
# (db/demo/catalogue.sql), N citizens and, for a third of them
# (GISE_DEMO_APP_EVERY), an application in one of the states of the
# lifecycle with the story that state implies: its documents, notices,
# escalations, countersignatures and decisions, and the audit and access
# rows the steps wrote, chained as the chainer chains them. build/gen_demo
# writes all of it (db/demo/story.c, db/demo/trail.c) and COPY loads it,
# in one transaction. The stories end before today (GISE_DEMO_TODAY, a
# YYYY-MM-DD in Europe/Istanbul, overrides it).
#
#   db/demo/load.sh [N]
#
# Idempotent: when the database already holds the demo for this N it says so
# and does nothing; a different N replaces the demo citizens. With no N, an
# existing demo is kept, and a database without one gets 100,000 citizens. Indexes are
# dropped before COPY and built after it (gise.bulk_indexes), so 10 million
# citizens load in minutes.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
var=${GISE_VAR:-$top/var}
n=${1:-}
seed=${GISE_DEMO_SEED:-20261123}
# One application for every Nth citizen (1: every citizen, for benchmarks).
every=${GISE_DEMO_APP_EVERY:-3}

case "$n" in
    *[!0-9]*) echo "gise: N must be a whole number, not '$n'" >&2; exit 2 ;;
esac
[ -f "$var/pg.env" ] || { echo "gise: no $var/pg.env; run: make db" >&2; exit 1; }
set -a; . "$var/pg.env"; set +a
PGUSER=$GISE_PGSUPERUSER
export PGUSER

run_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

run_psql --single-transaction -f "$top/db/demo/catalogue.sql"

current=$(run_psql -tA -c "SELECT obj_description('gise.citizen'::regclass, 'pg_class')")
if [ -z "$n" ]; then
    case "$current" in
        "demo: "*) echo "gise: keeping the loaded ${current#demo: } (make db N=... replaces it)"; exit 0 ;;
        *) n=100000 ;;
    esac
fi
marker="demo: $n citizens, seed $seed, an application for every $every"
if [ "$current" = "$marker" ]; then
    echo "gise: demo data already loaded ($n citizens)"
    exit 0
fi

echo "gise: loading $n demo citizens..."
start=$(date +%s)
today=${GISE_DEMO_TODAY:-$(TZ=Europe/Istanbul date +%Y-%m-%d)}
work=$(mktemp -d "${TMPDIR:-/tmp}/gise-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
tab=$(printf '\t')

# The world the stories play in, as the database has it. Who handles and
# who decides, which services a clerk may approve (low risk:
# gise.application_approve), which approvals wait for a countersignature
# (high risk: gise.approval_sign) and which a clerk may reject
# (gise.application_reject) are the database's answers, not gen_demo's.
run_psql -tA -F "$tab" >"$work/world.tsv" <<'SQL'
SELECT 'office', id FROM gise.office ORDER BY id;
SELECT 'staff', id, role_name, office_id, CASE role_group WHEN 'supervisor' THEN 'decides' ELSE 'handles' END
FROM gise.staff WHERE active AND role_group IN ('clerk', 'supervisor') ORDER BY id;
SELECT 'service', id, code, sla_working_days, deficiency_working_days, risk_level = 'low', risk_level = 'high',
       NOT rejection_needs_supervisor
FROM gise.service WHERE active ORDER BY id;
SELECT 'document', sd.service_id, sd.document_type_id, dt.code, sd.mandatory
FROM gise.service_document sd JOIN gise.document_type dt ON dt.id = sd.document_type_id
JOIN gise.service s ON s.id = sd.service_id
WHERE s.active ORDER BY sd.service_id, sd.position, sd.document_type_id;
SELECT 'reason', code, needs_supervisor FROM gise.rejection_reason WHERE active ORDER BY code;
SELECT 'holiday', day, kind = 'full' FROM gise.holiday ORDER BY day;
SELECT 'purpose', code FROM gise.access_purpose WHERE active ORDER BY position LIMIT 1;
SQL

run_psql <<SQL
BEGIN;
-- Triggers off for the bulk load (the name-token dictionary is rebuilt at
-- the end; the logs' append-only guard must let the old demo go).
SET LOCAL session_replication_role = replica;
SET LOCAL maintenance_work_mem = '1GB';
SELECT gise.bulk_indexes(false) \\g /dev/null
-- The trail's secondary indexes and unique constraints go too, and are
-- built again after the load from their own definitions: tens of millions
-- of rows inserted one by one into a btree ordered by hash or by citizen
-- cost many times a build by sorting.
CREATE TEMP TABLE demo_rebuild ON COMMIT DROP AS
SELECT c.conrelid::regclass::text AS tbl, c.conname::text AS name, true AS is_constraint,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS statement
FROM pg_constraint c
WHERE c.conrelid = ANY (ARRAY['gise.audit_log', 'gise.access_log', 'gise.chain']::regclass[]) AND c.contype = 'u'
UNION ALL
SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, false, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY (ARRAY['gise.audit_log', 'gise.access_log', 'gise.chain']::regclass[]) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO \$\$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM demo_rebuild LOOP
        IF r.is_constraint THEN
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.name);
        ELSE
            EXECUTE format('DROP INDEX %s', r.name);
        END IF;
    END LOOP;
END
\$\$;
TRUNCATE gise.countersign_change, gise.countersign, gise.application_document, gise.deficiency_notice_item, gise.deficiency_notice,
    gise.decision, gise.escalation_change, gise.escalation, gise.application, gise.application_counter,
    gise.citizen, gise.name_token, gise.audit_log, gise.access_log, gise.chain RESTART IDENTITY;
-- A new demo is a new trail: the chain starts again (and so must the seals).
UPDATE gise.chain_state SET low_water = 0, candidate = NULL, candidate_at = NULL;
-- The access rows name the transaction that wrote them (access_log.xact):
-- this one, which their hashes cover. Every table was emptied in this
-- transaction, so COPY writes its rows frozen: no vacuum needed after.
SELECT pg_current_xact_id() AS demo_xact \\gset
\\setenv GISE_DEMO_XACT :demo_xact
\\copy gise.citizen (id, national_id, given_name, family_name, birth_date, birth_place, phone, email, address, city, preferred_language, accessibility_needs) FROM PROGRAM '"$top/build/gen_demo" $n $seed --every $every --today $today --world "$work/world.tsv" --out "$work"' WITH (FREEZE)
\\copy gise.application (id, number, citizen_id, service_id, office_id, status, assignee_id, received_at, due_date, closed_at, version) FROM '$work/application.tsv' WITH (FREEZE)
\\copy gise.application_counter (year, last) FROM '$work/application_counter.tsv' WITH (FREEZE)
\\copy gise.application_document (application_id, document_type_id, received_at, received_by, checked_at, checked_by) FROM '$work/document.tsv' WITH (FREEZE)
\\copy gise.deficiency_notice (id, application_id, issued_by, issued_at, deadline, note, language, resolved_at) FROM '$work/notice.tsv' WITH (FREEZE)
\\copy gise.deficiency_notice_item (notice_id, document_type_id) FROM '$work/notice_item.tsv' WITH (FREEZE)
\\copy gise.escalation (id, application_id, raised_by, raised_at, reason, requested_outcome, requested_reason_code, decided_by, decided_at, decision, comment, cancelled_at, waives) FROM '$work/escalation.tsv' WITH (FREEZE)
\\copy gise.countersign (id, application_id, approved_by, approved_at, explanation, rule, escalation_id, asked_by, waived, decided_by, decided_at, decision, comment, cancelled_at) FROM '$work/countersign.tsv' WITH (FREEZE)
\\copy gise.decision (id, application_id, outcome, reason_code, explanation, rule, decided_by, decided_at, waived, countersigned_by) FROM '$work/decision.tsv' WITH (FREEZE)
\\copy gise.audit_log (id, at, actor, action, entity, entity_id, application_id, details) FROM '$work/audit.tsv' WITH (FREEZE)
\\copy gise.access_log (id, at, actor, citizen_id, screen, kind, purpose, office_id, xact) FROM '$work/access.tsv' WITH (FREEZE)
\\copy gise.chain (seq, source, source_id, row_hash, prev_hash, hash) FROM '$work/chain.bin' WITH (FORMAT binary, FREEZE)

-- The ids were given by gen_demo: the identities go on after them.
SELECT setval(pg_get_serial_sequence('gise.' || t, 'id'), greatest(m, 1), m IS NOT NULL)
FROM (VALUES ('citizen', (SELECT max(id) FROM gise.citizen)), ('application', (SELECT max(id) FROM gise.application)),
             ('deficiency_notice', (SELECT max(id) FROM gise.deficiency_notice)),
             ('decision', (SELECT max(id) FROM gise.decision)), ('escalation', (SELECT max(id) FROM gise.escalation)),
             ('countersign', (SELECT max(id) FROM gise.countersign)), ('audit_log', (SELECT max(id) FROM gise.audit_log)),
             ('access_log', (SELECT max(id) FROM gise.access_log))) AS v(t, m) \\g /dev/null
-- Every demo row is chained: the chainer starts after them.
UPDATE gise.chain_state s SET low_water = coalesce(CASE s.source WHEN 'audit' THEN (SELECT max(id) FROM gise.audit_log)
                                                                ELSE (SELECT max(id) FROM gise.access_log) END, 0);

SET LOCAL session_replication_role = origin;
SELECT gise.bulk_indexes(true) \\g /dev/null
DO \$\$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT statement FROM demo_rebuild LOOP
        EXECUTE r.statement;
    END LOOP;
END
\$\$;
SELECT gise.name_token_rebuild() \\g /dev/null
COMMENT ON TABLE gise.citizen IS '$marker';

-- gen_demo hashed the rows itself; the database must agree. A sample (all
-- of a small demo) is hashed here as gise.chain_pending and gise audit
-- verify hash it: a column added to audit_log or access_log that gen_demo
-- does not write stops the load here rather than break the chain.
SET LOCAL "TimeZone" = 'UTC';
DO \$\$
DECLARE
    total bigint := (SELECT count(*) FROM gise.chain);
    bad bigint;
BEGIN
    SELECT count(*) INTO bad
    FROM (SELECT generate_series(1, total, greatest(1, total / 20000)) AS seq
          UNION SELECT total UNION SELECT min(seq) FROM gise.chain WHERE source = 'access') s
    JOIN gise.chain c ON c.seq = s.seq
    LEFT JOIN gise.chain p ON p.seq = c.seq - 1
    LEFT JOIN gise.audit_log a ON c.source = 'audit' AND a.id = c.source_id
    LEFT JOIN gise.access_log x ON c.source = 'access' AND x.id = c.source_id
    WHERE c.row_hash IS DISTINCT FROM sha256(gise.chain_row_text(c.source,
                                     CASE c.source WHEN 'audit' THEN to_jsonb(a) ELSE to_jsonb(x) END))
       OR c.prev_hash IS DISTINCT FROM coalesce(p.hash, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
       OR c.hash IS DISTINCT FROM sha256(c.prev_hash || int8send(c.seq) || c.row_hash);
    IF bad > 0 THEN
        RAISE EXCEPTION 'gen_demo chained % of the rows checked unlike the database: does audit_log or access_log have a column gen_demo does not write?', bad;
    END IF;
END
\$\$;
RESET "TimeZone";
-- The rows this transaction wrote itself (schema changes), by the chainer.
SELECT gise.chain_pending(1000000) \\g /dev/null
COMMIT;
VACUUM (ANALYZE) gise.citizen, gise.application, gise.name_token;
ANALYZE gise.application_document, gise.deficiency_notice, gise.decision, gise.escalation, gise.countersign,
    gise.audit_log, gise.access_log, gise.chain;
SQL
end=$(date +%s)
echo "gise: loaded $n demo citizens ($(cat "$work/summary.txt")) in $((end - start)) s"
