-- The escalation inbox and its boundaries (0010_inbox.sql), tried as each
-- role: what a supervisor, a clerk, another office and an auditor see; the
-- announcement on the office's channel; withdrawal cancelling an open
-- escalation; the rejection letter kept with a decided escalation; the
-- tables beside gise.application closed to other offices.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(22);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT code AS reason FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1 \gset
SELECT code AS risky FROM gise.service WHERE risk_level <> 'low' ORDER BY code LIMIT 1 \gset
SELECT id AS ank FROM gise.office WHERE code = 'ANK' \gset

CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
-- Opened and in review, as whoever is signed in.
CREATE FUNCTION pg_temp.in_review(service text, citizen bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    RETURN app;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.v(bigint), pg_temp.in_review(text, bigint) TO PUBLIC;

-- An office with nothing else waiting (the demo data has open escalations
-- of every age; the inbox shows the oldest 500).
UPDATE gise.escalation SET cancelled_at = now() - interval '1 hour' WHERE decided_at IS NULL AND cancelled_at IS NULL;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:'risky', :citizen) AS first \gset
SELECT pg_temp.in_review(:'risky', :citizen) AS second \gset
SELECT pg_temp.in_review(:'risky', :citizen) AS third \gset
SELECT (gise.application_escalate(gen_random_uuid(), :first, pg_temp.v(:first), 'Belge eksik ama istisna.', 'exception', NULL, '{documents_checked}')).status AS ignored \gset
SELECT (gise.application_escalate(gen_random_uuid(), :second, pg_temp.v(:second), 'Ret öneriyorum.', 'reject', :'reason')).status AS ignored \gset
SELECT (gise.application_escalate(gen_random_uuid(), :third, pg_temp.v(:third), 'Onay isteniyor.', 'approve')).status AS ignored \gset
SELECT id AS e_first FROM gise.escalation WHERE application_id = :first \gset
SELECT id AS e_second FROM gise.escalation WHERE application_id = :second \gset
SELECT id AS e_third FROM gise.escalation WHERE application_id = :third \gset
SELECT ok(EXISTS (SELECT FROM gise.escalation_inbox() WHERE escalation_id = :e_first AND decision IS NULL),
          'the clerk''s inbox lists the escalation they raised, undecided');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT count(*) FROM gise.escalation_inbox() WHERE escalation_id IN (:e_first, :e_second, :e_third)), 3::bigint,
          'the supervisor of the office sees all three');
SELECT ok((SELECT bool_and(decided_at IS NULL AND cancelled_at IS NULL AND office_id = :ank) FROM gise.escalation_inbox()),
          'the supervisor''s inbox holds only open escalations of their office');
SELECT is(ARRAY(SELECT escalation_id FROM gise.escalation_inbox() ORDER BY raised_at DESC, escalation_id DESC LIMIT 3),
          ARRAY[:e_third, :e_second, :e_first]::bigint[], 'newest last, in the order raised');
SELECT ok((SELECT bool_and(a.raised_at <= b.raised_at)
           FROM (SELECT raised_at, row_number() OVER () n FROM gise.escalation_inbox()) a
           JOIN (SELECT raised_at, row_number() OVER () n FROM gise.escalation_inbox()) b ON b.n = a.n + 1),
          'the inbox is oldest first');
SELECT ok((SELECT waiting_seconds >= 0 AND raised_by_name = 'Ayşe Kaya' AND requested_reason_code = :'reason'
           FROM gise.escalation_get(:e_second)), 'a row carries the waiting time, who raised it and what was asked');
SELECT is((SELECT gise.escalation_open_count()),
          (SELECT count(*) FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
           WHERE a.office_id = :ank AND e.decided_at IS NULL AND e.cancelled_at IS NULL),
          'the open count is the office''s');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ist_supervisor;
SELECT is((SELECT count(*) FROM gise.escalation_inbox() WHERE escalation_id IN (:e_first, :e_second, :e_third)), 0::bigint,
          'another office''s supervisor does not see them');
SELECT is((SELECT count(*) FROM gise.escalation_get(:e_first)), 0::bigint,
          'nor can read one by its number');
SELECT is((SELECT count(*) FROM gise.escalation WHERE id IN (:e_first, :e_second, :e_third)), 0::bigint,
          'nor read the escalation table around the functions');
SELECT is((SELECT count(*) FROM gise.application_document WHERE application_id = :first)
          + (SELECT count(*) FROM gise.decision d JOIN gise.escalation e USING (application_id) WHERE e.application_id = :first),
          0::bigint, 'documents and decisions of another office are invisible too');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ist_clerk1;
SELECT is((SELECT count(*) FROM gise.escalation_latest(:first)), 0::bigint,
          'a clerk of another office cannot read the escalation of an application');
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, 1, %L, %L, NULL)', :first,
                        'approved', 'x'), '42501', NULL, 'a clerk cannot decide, letter or not');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_auditor;
SELECT is((SELECT count(*) FROM gise.escalation_inbox() WHERE escalation_id IN (:e_first, :e_second, :e_third)), 3::bigint,
          'an auditor sees the open escalations');
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, 1, %L, %L, NULL)', :first, 'approved', 'x'),
                 '42501', NULL, 'an auditor cannot decide one');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok('SELECT * FROM gise.escalation_inbox()', '42501', NULL, 'an administrator has no inbox');
RESET SESSION AUTHORIZATION;

-- Withdrawal cancels the open escalation; it leaves every inbox.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT (gise.application_withdraw(gen_random_uuid(), :first, pg_temp.v(:first), 'Vatandaş vazgeçti.')).status AS ignored \gset
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT cancelled_at IS NOT NULL AND decided_at IS NULL FROM gise.escalation WHERE id = :e_first),
          'withdrawing an escalated application cancels its escalation');
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT count(*) FROM gise.escalation_inbox() WHERE escalation_id = :e_first), 0::bigint,
          'a cancelled escalation leaves the supervisor''s inbox');
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :first, pg_temp.v(:first),
                        'approved', 'geç kaldı'), 'GS101', NULL, 'and can no longer be decided');

-- The approved rejection keeps the citizen's letter; a retry keeps the first.
SELECT gen_random_uuid() AS rid \gset
SELECT (gise.escalation_decide(:'rid', :second, pg_temp.v(:second), 'approved', 'Ret yerinde.', 'MEKTUP 1')).status AS ignored \gset
SELECT (gise.escalation_decide(:'rid', :second, pg_temp.v(:second) - 1, 'approved', 'Ret yerinde.', 'MEKTUP 2')).status AS ignored \gset
SELECT is((SELECT count(*)::int FROM gise.decision WHERE application_id = :second
           AND letter_text LIKE 'KARAR: BAŞVURU REDDEDİLDİ%' AND letter_text NOT LIKE '%MEKTUP%'), 1,
          'the rejection letter is stored with the decision, once, as the database wrote it (not the caller''s)');
SELECT is((SELECT decision || '/' || decided_by_name FROM gise.escalation_get(:e_second)), 'approved/' ||
          (SELECT display_name FROM gise.staff WHERE role_name = 'ank_supervisor'), 'the decision and its author are read back');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_clerk1;
SELECT is(ARRAY(SELECT escalation_id FROM gise.escalation_news(now() - interval '1 microsecond')),
          ARRAY[:e_first, :e_second]::bigint[], 'the clerk''s news since just before: the cancelled and the decided one');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
