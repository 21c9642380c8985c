-- Four eyes, tried with psql as the wrong people: risk-based approval by a
-- clerk, escalations decided only by another supervisor of the same office,
-- the requested outcome applied in the same transaction.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(17);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT code AS reason FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1 \gset
SELECT code AS risky FROM gise.service WHERE risk_level <> 'low' ORDER BY code LIMIT 1 \gset
SELECT code AS safe FROM gise.service WHERE risk_level = 'low' ORDER BY code LIMIT 1 \gset

-- In review, every document checked, as whoever is signed in.
CREATE FUNCTION pg_temp.ready(service text, citizen bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
    code text;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                WHERE ad.application_id = app LOOP
        PERFORM gise.document_mark(gen_random_uuid(), app, (SELECT version FROM gise.application WHERE id = app),
                                   code, true, true);
    END LOOP;
    RETURN app;
END $$;
CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
GRANT EXECUTE ON FUNCTION pg_temp.ready(text, bigint), pg_temp.v(bigint) TO PUBLIC;

SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.ready(:'safe', :citizen) AS low \gset
SELECT lives_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :low, pg_temp.v(:low)),
                'a clerk approves a low-risk service alone');
SELECT is((SELECT rule FROM gise.decision WHERE application_id = :low), 'low risk: every mandatory document checked',
          'the rule that allowed it is recorded in the decision');
SELECT pg_temp.ready(:'risky', :citizen) AS high \gset
SELECT throws_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :high, pg_temp.v(:high)),
                 'GS103', NULL, 'a clerk cannot approve a riskier service alone');
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :high, pg_temp.v(:high),
                       'Riskli hizmet, onay isteniyor.', 'approve'), 'the clerk escalates it');
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :high, pg_temp.v(:high),
                        'approved', 'kendi kendime'), '42501', NULL, 'a clerk cannot decide an escalation');
SELECT pg_temp.ready(:'risky', :citizen) AS high2 \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, %L)', :high2, pg_temp.v(:high2),
                       'Ret öneriyorum.', 'reject', :'reason'), 'the clerk escalates another, asking for a rejection');
SELECT pg_temp.v(:high) AS high_version \gset
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ist_supervisor;
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :high, :high_version,
                        'approved', 'x'), 'GS107', NULL, 'a supervisor of another office cannot decide it');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_supervisor;
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :high, pg_temp.v(:high),
                        'approved', ' '), 'GS104', NULL, 'a decision needs a comment');
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :high, pg_temp.v(:high),
                       'approved', 'Belgeler tam, uygundur.'), 'the supervisor of the office approves the escalation');
SELECT is((SELECT status FROM gise.application WHERE id = :high), 'approved', 'the requested approval happened with it');
SELECT ok((SELECT rule LIKE 'escalation % approved by a supervisor' AND decided_by =
                  (SELECT id FROM gise.staff WHERE role_name = 'ank_supervisor') FROM gise.decision WHERE application_id = :high),
          'the decision names the supervisor and the escalation');
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :high2, pg_temp.v(:high2),
                       'approved', 'Ret yerinde.'), 'the supervisor approves the requested rejection');
SELECT is((SELECT status || '/' || (SELECT reason_code FROM gise.decision WHERE application_id = :high2)
           FROM gise.application WHERE id = :high2), 'rejected/' || :'reason', 'it is rejected with the requested reason');
-- The supervisor's own escalation is for someone else to decide.
SELECT pg_temp.ready(:'risky', :citizen) AS own \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :own, pg_temp.v(:own),
                       'İstisna gerekiyor.', 'exception', '{documents_checked}'), 'a supervisor raises an escalation');
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :own, pg_temp.v(:own),
                        'approved', 'kendi onayım'), 'GS108', NULL, 'nobody decides an escalation they raised');
RESET SESSION AUTHORIZATION;
-- Even past the functions, the table refuses it.
SELECT throws_ok(format($q$UPDATE gise.escalation SET decided_by = raised_by, decided_at = now(), decision = 'approved',
                          comment = 'x' WHERE application_id = %s$q$, :own), '23514', NULL,
                 'the table itself refuses a decision by the one who raised it');
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :own, pg_temp.v(:own),
                        'denied', 'x'), '42501', NULL, 'and a clerk cannot decide it either');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
