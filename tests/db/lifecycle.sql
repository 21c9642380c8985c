-- The application lifecycle, tried as the people who use it: every allowed
-- transition, every forbidden one from every state, roles, the working-day
-- deadline rule, idempotent retries and the audit rows. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(130);

-- Fixtures, as the superuser: one citizen; an application in every state.
SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT id AS low_service FROM gise.service WHERE code = 'IKAMETGAH_BELGESI' \gset
SELECT code AS plain_reason FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1 \gset
SELECT code AS supervised_reason FROM gise.rejection_reason WHERE needs_supervisor ORDER BY code LIMIT 1 \gset
CREATE TEMP TABLE state_app (status text PRIMARY KEY, id bigint);
GRANT SELECT ON state_app TO PUBLIC;
WITH s(status) AS (VALUES ('received'), ('in_review'), ('awaiting_documents'), ('lapsed'), ('escalated'),
                          ('approved'), ('rejected'), ('completed'), ('withdrawn')),
     ins AS (
    INSERT INTO gise.application (number, citizen_id, service_id, office_id, status, due_date, closed_at)
    SELECT '1999-' || lpad(row_number() OVER ()::text, 6, '0'), :citizen, :low_service, 1, s.status,
           current_date + 5,
           CASE WHEN s.status IN ('completed', 'rejected', 'lapsed', 'withdrawn') THEN now() END
    FROM s RETURNING id, status)
INSERT INTO state_app SELECT status, id FROM ins;
INSERT INTO gise.application_document (application_id, document_type_id)
SELECT a.id, sd.document_type_id FROM state_app a, gise.service_document sd WHERE sd.service_id = :low_service;

-- Working days: weekends and public holidays are skipped.
SELECT is(gise.add_working_days('2026-11-20', 1), '2026-11-23'::date, 'Friday + 1 working day is Monday');
SELECT is(gise.add_working_days('2026-10-28', 1), '2026-10-30'::date, 'Republic Day (29 October) is skipped');
SELECT is(gise.add_working_days('2026-11-23', 10), '2026-12-07'::date, '10 working days span two weekends');
SELECT ok(NOT gise.is_working_day('2026-11-22'), 'Sunday is not a working day');

SET SESSION AUTHORIZATION ank_clerk1;

-- Open: received, numbered, due by the SLA, documents listed.
SELECT gen_random_uuid() AS open_request \gset
SELECT (r).application_id AS app, (r).number AS number, (r).status AS status, (r).version AS version
FROM (SELECT gise.application_open(:'open_request', :citizen, 'IKAMETGAH_BELGESI',
                                   ARRAY['NUFUS_CUZDANI']) AS r) x \gset
SELECT is(:'status'::text, 'received', 'a new application is received');
SELECT ok(:'number' ~ ('^' || extract(year FROM now())::text || '-[0-9]{6,}$'), 'it gets a number like 2026-000123');
SELECT is((SELECT due_date FROM gise.application WHERE id = :app),
          gise.add_working_days(current_date, (SELECT sla_working_days FROM gise.service WHERE id = :low_service)),
          'its due date is the SLA in working days');
SELECT is((SELECT count(*)::int FROM gise.application_document WHERE application_id = :app),
          (SELECT count(*)::int FROM gise.service_document WHERE service_id = :low_service),
          'every document of the service is on its checklist');
SELECT is((SELECT count(*)::int FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
           WHERE application_id = :app AND received_at IS NOT NULL), 1, 'the document brought along is received');

-- The same request again changes nothing and answers the same.
SELECT is((gise.application_open(:'open_request', :citizen, 'IKAMETGAH_BELGESI', ARRAY['NUFUS_CUZDANI'])).application_id,
          :app::bigint, 'retrying the open request returns the same application');
SELECT is((SELECT count(*)::int FROM gise.application WHERE citizen_id = :citizen AND number !~ '^1999'), 1,
          'and opens nothing new');
SELECT throws_ok(format('SELECT gise.application_start_review(%L, %s, 1)', :'open_request', :app), 'GS104', NULL,
                 'a request id cannot be reused for another action');
SELECT is((SELECT count(*)::int FROM gise.application_timeline(:app)), 1, 'opening wrote one audit row');

-- Review; a stale version is a conflict that names who changed it.
SELECT lives_ok(format('SELECT gise.application_start_review(gen_random_uuid(), %s, 1)', :app), 'received → in_review');
SELECT throws_ok(format('SELECT gise.application_start_review(gen_random_uuid(), %s, 1)', :app), 'GS102', NULL,
                 'acting on an old version is refused');
SELECT throws_like(format('SELECT gise.document_mark(gen_random_uuid(), %s, 1, %L, true, true)', :app, 'NUFUS_CUZDANI'),
                   '%changed by Ayşe Kaya at%', 'the conflict names who changed it and when');
SELECT is((SELECT status FROM gise.application WHERE id = :app), 'in_review', 'the application is in review');
SELECT is((SELECT count(*)::int FROM gise.application_timeline(:app) WHERE action = 'review'), 1,
          'the review wrote its audit row');

-- Approval needs every mandatory document checked.
SELECT throws_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, 2)', :app), 'GS104', NULL,
                 'approval with unchecked mandatory documents is refused');

-- Deficiency notice: the rules that matter to the citizen.
SELECT earliest, latest FROM gise.deficiency_deadline(:app) \gset
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                        :app, '{}', :'earliest', 'note', NULL), 'GS104', NULL,
                 'a notice without missing documents is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                        :app, '{IKAMETGAH_BEYAN}', :'earliest', ' ', NULL), 'GS104', NULL,
                 'a notice without a note is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                        :app, '{NUFUS_CUZDANI}', current_date + 1, 'note', NULL), 'GS105', NULL,
                 'a deadline shorter than the service''s rule is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                        :app, '{NUFUS_CUZDANI}', :'latest'::date + 30, 'note', NULL), 'GS105', NULL,
                 'a deadline far beyond the rule is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                        :app, '{NUFUS_CUZDANI}',
                        (SELECT d FROM generate_series(:'earliest'::date, :'latest'::date, '1 day') d
                         WHERE extract(isodow FROM d) = 6 LIMIT 1), 'note', NULL), 'GS105', NULL,
                 'a deadline on a Saturday is refused');
SELECT code AS missing_doc FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
WHERE application_id = :app AND received_at IS NULL ORDER BY code LIMIT 1 \gset
SELECT lives_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, ARRAY[%L], %L, %L, %L)',
                       :app, :'missing_doc', :'earliest', 'Belgeyi getiriniz.', NULL),
                'in_review → awaiting_documents with a valid notice');
SELECT is((SELECT status FROM gise.application WHERE id = :app), 'awaiting_documents', 'the application awaits documents');
SELECT results_eq(format($q$SELECT n.deadline, n.letter_text LIKE '%%EKSİK BELGE%%', (SELECT count(*)::int FROM gise.deficiency_notice_item i WHERE i.notice_id = n.id)
                  FROM gise.deficiency_notice n WHERE n.application_id = %s$q$, :app),
                  format($q$VALUES (%L::date, true, 1)$q$, :'earliest'),
                  'the notice keeps its deadline, its letter (written by the database) and the missing document');

-- Documents arrive: back in review, the missing one received.
SELECT lives_ok(format('SELECT gise.documents_arrived(gen_random_uuid(), %s, 3)', :app), 'awaiting_documents → in_review');
SELECT ok((SELECT received_at IS NOT NULL FROM gise.application_document ad JOIN gise.document_type dt
           ON dt.id = ad.document_type_id WHERE application_id = :app AND dt.code = :'missing_doc'),
          'the missing document is now received');
SELECT ok((SELECT resolved_at IS NOT NULL FROM gise.deficiency_notice WHERE application_id = :app), 'the notice is resolved');

-- Check every mandatory document, then approve and complete.
SELECT version AS v FROM gise.application WHERE id = :app \gset
SELECT array_agg(dt.code ORDER BY dt.code) AS mandatory FROM gise.service_document sd
JOIN gise.document_type dt ON dt.id = sd.document_type_id WHERE sd.service_id = :low_service AND sd.mandatory \gset
DO $$
DECLARE
    app bigint := (SELECT max(id) FROM gise.application WHERE number !~ '^1999');
    code text;
BEGIN
    FOR code IN SELECT dt.code FROM gise.service_document sd JOIN gise.document_type dt ON dt.id = sd.document_type_id
                JOIN gise.application a ON a.service_id = sd.service_id WHERE a.id = app AND sd.mandatory LOOP
        PERFORM gise.document_mark(gen_random_uuid(), app, (SELECT version FROM gise.application WHERE id = app),
                                   code, true, true);
    END LOOP;
END $$;
SELECT is((SELECT count(*)::int FROM gise.application_document ad JOIN gise.service_document sd
           ON sd.service_id = :low_service AND sd.document_type_id = ad.document_type_id
           WHERE ad.application_id = :app AND sd.mandatory AND ad.checked_at IS NOT NULL AND ad.checked_by IS NOT NULL),
          (SELECT count(*)::int FROM gise.service_document WHERE service_id = :low_service AND mandatory),
          'every mandatory document is checked, with who checked it');
SELECT version AS v FROM gise.application WHERE id = :app \gset
SELECT lives_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s, %L)', :app, :v, 'Uygun'),
                'in_review → approved');
SELECT is((SELECT outcome || '/' || decided_by::text FROM gise.decision WHERE application_id = :app),
          'approved/' || (SELECT id FROM gise.staff WHERE role_name = 'ank_clerk1'), 'the decision names who approved');
SELECT lives_ok(format('SELECT gise.application_complete(gen_random_uuid(), %s, %s)', :app, :v + 1), 'approved → completed');
SELECT ok((SELECT closed_at IS NOT NULL AND status = 'completed' FROM gise.application WHERE id = :app),
          'a completed application is closed');
SELECT is((SELECT array_agg(action) FROM gise.application_timeline(:app)),
          ARRAY['open', 'review', 'deficiency', 'arrived'] || array_fill('document'::text, ARRAY[cardinality(:'mandatory'::text[])])
          || ARRAY['approve', 'complete'], 'each change wrote exactly one audit row, in order');

-- Rejection, escalation, withdrawal from fresh applications in review.
-- (Created by the superuser: staff may not create temporary objects, 0017.)
RESET SESSION AUTHORIZATION;
CREATE FUNCTION pg_temp.fresh(service text) RETURNS bigint LANGUAGE sql AS $$
    SELECT (gise.application_start_review(gen_random_uuid(),
            (gise.application_open(gen_random_uuid(), (SELECT min(citizen_id) FROM gise.application), service)).application_id,
            1)).application_id $$;
GRANT EXECUTE ON FUNCTION pg_temp.fresh(text) TO PUBLIC;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.fresh('IKAMETGAH_BELGESI') AS r1 \gset
SELECT throws_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, 2, %L, %L)', :r1, :'plain_reason', '  '),
                 'GS104', NULL, 'a rejection without an explanation is refused');
SELECT throws_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, 2, %L, %L)', :r1, 'XX-99', 'x'),
                 'GS106', NULL, 'a rejection with an unknown reason is refused');
SELECT throws_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, 2, %L, %L)', :r1, :'supervised_reason', 'x'),
                 'GS103', NULL, 'a clerk cannot reject alone for a reason that needs a supervisor');
SELECT lives_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, 2, %L, %L)', :r1, :'plain_reason',
                       'Belge eksik.'), 'in_review → rejected with a reason');
SELECT is((SELECT reason_code || '|' || explanation || '|' || (letter_text LIKE '%Belge eksik.%') FROM gise.decision WHERE application_id = :r1),
          :'plain_reason' || '|Belge eksik.|true', 'the rejection keeps reason, explanation and the letter the database wrote');
SELECT pg_temp.fresh('YAPI_RUHSATI') AS r2 \gset
SELECT throws_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, 2, %L, %L)', :r2, :'plain_reason', 'x'),
                 'GS103', NULL, 'a clerk cannot reject alone for a service that needs a supervisor');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, 2, %L, %L)', :r2, ' ', 'approve'),
                 'GS104', NULL, 'an escalation without a reason is refused');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, 2, %L, %L)', :r2, 'r', 'reject'),
                 'GS104', NULL, 'an escalation asking for a rejection needs a reason code');
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, 2, %L, %L, %L)', :r2,
                       'Yüksek riskli; ret öneriyorum.', 'reject', :'plain_reason'), 'in_review → escalated');
SELECT is((SELECT requested_outcome || '|' || requested_reason_code FROM gise.escalation WHERE application_id = :r2),
          'reject|' || :'plain_reason', 'the escalation records what was asked for');
SELECT pg_temp.fresh('IKAMETGAH_BELGESI') AS r3 \gset
SELECT throws_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, 2, %L)', :r3, ''),
                 'GS104', NULL, 'a withdrawal without the citizen''s reason is refused');
SELECT lives_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, 2, %L)', :r3, 'Vatandaş vazgeçti.'),
                'in_review → withdrawn at the citizen''s request');
SELECT lives_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, 3, %L)', :r2, 'Vatandaş vazgeçti.'),
                'escalated → withdrawn');

-- The other ways out: withdrawal from received, awaiting documents and
-- approved; documents marked while received and while awaiting documents.
RESET SESSION AUTHORIZATION;
CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
CREATE FUNCTION pg_temp.check_all(app bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE code text;
BEGIN
    FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                WHERE ad.application_id = app LOOP
        PERFORM gise.document_mark(gen_random_uuid(), app, pg_temp.v(app), code, true, true);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.v(bigint), pg_temp.check_all(bigint) TO PUBLIC;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT (gise.application_open(gen_random_uuid(), :citizen, 'IKAMETGAH_BELGESI')).application_id AS w1 \gset
SELECT lives_ok(format('SELECT gise.document_mark(gen_random_uuid(), %s, 1, %L, true, false)', :w1, 'NUFUS_CUZDANI'),
                'a document is marked received while the application is received');
SELECT lives_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, 2, %L)', :w1, 'Vazgeçti'),
                'received → withdrawn');
SELECT pg_temp.fresh('IKAMETGAH_BELGESI') AS w2 \gset
SELECT lives_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, ARRAY[%L], %L, %L, %L)', :w2,
                       'NUFUS_CUZDANI', (SELECT earliest FROM gise.deficiency_deadline(:w2)), 'n', NULL),
                'a second deficiency notice');
SELECT lives_ok(format('SELECT gise.document_mark(gen_random_uuid(), %s, 3, %L, true, true)', :w2, 'NUFUS_CUZDANI'),
                'a document is marked while awaiting documents');
SELECT lives_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, 4, %L)', :w2, 'Vazgeçti'),
                'awaiting_documents → withdrawn');
SELECT pg_temp.fresh('IKAMETGAH_BELGESI') AS w3 \gset
SELECT pg_temp.check_all(:w3);
SELECT lives_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :w3, pg_temp.v(:w3)), 'approve another');
SELECT lives_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, %s, %L)', :w3, pg_temp.v(:w3), 'Vazgeçti'),
                'approved → withdrawn (the service was not delivered yet)');

-- A supervisor may reject for a reason that needs one.
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT pg_temp.fresh('IKAMETGAH_BELGESI') AS r4 \gset
SELECT lives_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, 2, %L, %L)', :r4, :'supervised_reason', 'Sahte belge.'),
                'a supervisor rejects for a reason that needs a supervisor');
RESET SESSION AUTHORIZATION;

-- Every forbidden transition from every state.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format(call, gen_random_uuid(), a.id), 'GS101', NULL, format('%s: %s is refused', a.status, action))
FROM state_app a,
     (VALUES ('review', 'SELECT gise.application_start_review(%L, %s, 1)'),
             ('document', 'SELECT gise.document_mark(%L, %s, 1, ''NUFUS_CUZDANI'', true, true)'),
             ('deficiency', 'SELECT gise.deficiency_issue(%L, %s, 1, ''{NUFUS_CUZDANI}'', current_date + 30, ''n'')'),
             ('arrived', 'SELECT gise.documents_arrived(%L, %s, 1)'),
             ('approve', 'SELECT gise.application_approve(%L, %s, 1)'),
             ('reject', 'SELECT gise.application_reject(%L, %s, 1, ''GEN-01'', ''x'')'),
             ('escalate', 'SELECT gise.application_escalate(%L, %s, 1, ''r'', ''approve'')'),
             ('complete', 'SELECT gise.application_complete(%L, %s, 1)'),
             ('withdraw', 'SELECT gise.application_withdraw(%L, %s, 1, ''r'')')) AS t(action, call)
WHERE (a.status, action) NOT IN (
    ('received', 'review'), ('received', 'document'), ('received', 'withdraw'),
    ('in_review', 'document'), ('in_review', 'deficiency'), ('in_review', 'approve'), ('in_review', 'reject'),
    ('in_review', 'escalate'), ('in_review', 'withdraw'),
    ('awaiting_documents', 'document'), ('awaiting_documents', 'arrived'), ('awaiting_documents', 'withdraw'),
    ('escalated', 'withdraw'), ('approved', 'complete'), ('approved', 'withdraw'))
ORDER BY a.status, action;

-- Nothing else changes status: no direct UPDATE, and the helpers are not callable.
SELECT throws_ok(format('UPDATE gise.application SET status = %L WHERE id = %s', 'approved', :r3), '42501', NULL,
                 'a clerk cannot update an application''s status directly');
SELECT throws_ok(format('SELECT gise.application_lock(%s, 1, %L, %L)', :r3, '{withdrawn}', 'x'), '42501', NULL,
                 'a clerk cannot call the internal helpers');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
SELECT throws_ok(format('SELECT gise.application_open(gen_random_uuid(), %s, %L)', :citizen, 'IKAMETGAH_BELGESI'),
                 '42501', NULL, 'an auditor cannot open applications');
RESET SESSION AUTHORIZATION;

-- Lapse: deadlines passed; the function is safe to call again.
UPDATE gise.deficiency_notice SET resolved_at = now() WHERE resolved_at IS NULL;
INSERT INTO gise.deficiency_notice (application_id, issued_by, deadline, note, language)
SELECT id, 1, current_date - 1, 'n', 'tr' FROM state_app WHERE status = 'awaiting_documents';
SELECT is(gise.lapse_overdue(), 1, 'an application past its deficiency deadline lapses');
SELECT is(gise.lapse_overdue(), 0, 'calling it again changes nothing');
SELECT is((SELECT a.status FROM gise.application a JOIN state_app s ON s.id = a.id WHERE s.status = 'awaiting_documents'),
          'lapsed', 'it is lapsed, and closed');
SELECT is(gise.audit_verify(), NULL, 'the audit chain is intact after all of this');

SELECT * FROM finish();
ROLLBACK;
