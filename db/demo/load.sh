#!/bin/sh
# Fills the private database with demo data: the catalogue, offices and staff
# (db/demo/catalogue.sql), N citizens (build/gen_demo, loaded with COPY) and
# applications in every state for a third of them (GISE_DEMO_APP_EVERY).
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
run_psql <<SQL
BEGIN;
-- Triggers off for the bulk load (the name-token dictionary is rebuilt at
-- the end; the logs' append-only guard must let the old demo go).
SET LOCAL session_replication_role = replica;
SET LOCAL maintenance_work_mem = '1GB';
SELECT gise.bulk_indexes(false) \\g /dev/null
TRUNCATE gise.countersign_change, gise.countersign, gise.application_document, gise.deficiency_notice_item, gise.deficiency_notice,
    gise.decision, gise.escalation_change, gise.escalation, gise.application, gise.application_counter,
    gise.citizen, gise.name_token, gise.audit_log, gise.access_log, gise.chain RESTART IDENTITY;
-- A new demo is a new trail: the chain starts again (and so must the seals).
UPDATE gise.chain_state SET low_water = 0, candidate = NULL, candidate_at = NULL;
\\copy gise.citizen (national_id, given_name, family_name, birth_date, birth_place, phone, email, address, city, preferred_language, accessibility_needs) FROM PROGRAM '"$top/build/gen_demo" $n $seed'

-- Applications for every third citizen, in every state of the lifecycle.
-- Pseudo-random but repeatable: derived from hashes of the ids.
CREATE TEMP TABLE demo_app ON COMMIT DROP AS
SELECT c.id AS citizen_id,
       s.id AS service_id,
       s.sla_working_days,
       s.deficiency_working_days,
       1 + (abs(hashint8(c.id * 7)) % 2)::smallint AS office_id,
       (ARRAY['received', 'in_review', 'in_review', 'awaiting_documents', 'lapsed',
              'escalated', 'approved', 'approved', 'rejected', 'completed', 'completed',
              'completed', 'withdrawn'])[1 + abs(hashint8(c.id * 11)) % 13] AS status,
       timestamptz '2026-11-20 09:00+03' - (abs(hashint8(c.id * 13)) % (400 * 24 * 60)) * interval '1 minute' AS received_at
FROM gise.citizen c
JOIN LATERAL (SELECT id, sla_working_days, deficiency_working_days FROM gise.service
              ORDER BY id OFFSET abs(hashint8(c.id * 5)) % (SELECT count(*) FROM gise.service) LIMIT 1) s ON true
WHERE c.id % $every = 0;

INSERT INTO gise.application (number, citizen_id, service_id, office_id, status, assignee_id,
                              received_at, due_date, closed_at)
SELECT to_char(received_at, 'YYYY') || '-' || lpad(n::text, greatest(6, length(n::text)), '0'),
       citizen_id, service_id, office_id, status,
       CASE WHEN status = 'received' THEN NULL ELSE
           (SELECT st.id FROM gise.staff st WHERE st.office_id = d.office_id AND st.role_group = 'clerk'
            ORDER BY st.id OFFSET abs(hashint8(citizen_id * 17)) % 2 LIMIT 1) END,
       received_at,
       (received_at + (sla_working_days * 7 / 5 + 1) * interval '1 day')::date,
       CASE WHEN status IN ('completed', 'rejected', 'lapsed', 'withdrawn')
            THEN received_at + (1 + abs(hashint8(citizen_id * 19)) % 30) * interval '1 day' END
FROM (SELECT *, row_number() OVER (PARTITION BY to_char(received_at, 'YYYY')
                                    ORDER BY received_at, citizen_id) AS n
      FROM demo_app) d;

INSERT INTO gise.application_counter (year, last)
SELECT split_part(number, '-', 1)::smallint, max(split_part(number, '-', 2)::integer)
FROM gise.application GROUP BY 1;

INSERT INTO gise.decision (application_id, outcome, reason_code, explanation, decided_by, decided_at)
SELECT a.id,
       CASE WHEN a.status = 'rejected' THEN 'rejected' ELSE 'approved' END,
       CASE WHEN a.status = 'rejected' THEN
           (SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor
            ORDER BY code OFFSET abs(hashint8(a.id * 23)) % (SELECT count(*) FROM gise.rejection_reason WHERE NOT needs_supervisor) LIMIT 1) END,
       CASE WHEN a.status = 'rejected' THEN 'Başvuru incelendi; gerekçe vatandaşa açıklandı.' ELSE '' END,
       a.assignee_id,
       coalesce(a.closed_at, a.received_at + interval '2 days')
FROM gise.application a WHERE a.status IN ('approved', 'rejected', 'completed');

INSERT INTO gise.deficiency_notice (application_id, issued_by, issued_at, deadline, note, language)
SELECT a.id, a.assignee_id, a.received_at + interval '1 day',
       (a.received_at + interval '1 day' + (d.deficiency_working_days * 7 / 5) * interval '1 day')::date,
       'Eksik belgeler tamamlanmalıdır.', c.preferred_language
FROM gise.application a JOIN demo_app d ON d.citizen_id = a.citizen_id
JOIN gise.citizen c ON c.id = a.citizen_id
WHERE a.status IN ('awaiting_documents', 'lapsed');

-- Checklists: what a state implies. Received applications have the first
-- document only; decided ones have every document checked; the others have
-- their documents received and the mandatory ones checked, except the one a
-- deficiency notice asks for.
INSERT INTO gise.application_document (application_id, document_type_id, received_at, received_by,
                                       checked_at, checked_by)
SELECT a.id, sd.document_type_id,
       CASE WHEN a.status <> 'received' OR sd.position = first.position THEN a.received_at END,
       CASE WHEN a.status <> 'received' OR sd.position = first.position THEN coalesce(a.assignee_id, st.id) END,
       CASE WHEN a.status IN ('approved', 'completed', 'rejected', 'escalated', 'in_review', 'withdrawn')
                 AND (sd.mandatory OR a.status IN ('approved', 'completed')) THEN a.received_at + interval '1 day' END,
       CASE WHEN a.status IN ('approved', 'completed', 'rejected', 'escalated', 'in_review', 'withdrawn')
                 AND (sd.mandatory OR a.status IN ('approved', 'completed')) THEN coalesce(a.assignee_id, st.id) END
FROM gise.application a
JOIN gise.service_document sd ON sd.service_id = a.service_id
JOIN LATERAL (SELECT id FROM gise.staff WHERE office_id = a.office_id AND role_group = 'clerk'
              ORDER BY id LIMIT 1) st ON true
JOIN LATERAL (SELECT min(x.position) AS position FROM gise.service_document x
              WHERE x.service_id = a.service_id) first ON true
WHERE NOT (a.status IN ('awaiting_documents', 'lapsed') AND sd.mandatory AND sd.position =
           (SELECT min(x.position) FROM gise.service_document x WHERE x.service_id = a.service_id AND x.mandatory));

INSERT INTO gise.deficiency_notice_item (notice_id, document_type_id)
SELECT n.id, sd.document_type_id
FROM gise.deficiency_notice n JOIN gise.application a ON a.id = n.application_id
JOIN LATERAL (SELECT document_type_id FROM gise.service_document
              WHERE service_id = a.service_id AND mandatory ORDER BY position LIMIT 1) sd ON true;

INSERT INTO gise.escalation (application_id, raised_by, raised_at, reason, requested_outcome)
SELECT a.id, a.assignee_id, a.received_at + interval '3 days',
       'Belgeler eksiksiz ancak hizmet yüksek riskli; onay isteniyor.', 'approve'
FROM gise.application a WHERE a.status = 'escalated';

SET LOCAL session_replication_role = origin;
SELECT gise.bulk_indexes(true) \\g /dev/null
SELECT gise.name_token_rebuild() \\g /dev/null
COMMENT ON TABLE gise.citizen IS '$marker';
COMMIT;
VACUUM (ANALYZE) gise.citizen, gise.application, gise.name_token;
SQL
end=$(date +%s)
echo "gise: loaded $n demo citizens in $((end - start)) s"
