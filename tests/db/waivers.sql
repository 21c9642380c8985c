-- Waivers the counter names and reads (0020), tried as staff: an exception
-- that waives nothing is refused whichever form of the function is called;
-- every function that reads escalations returns what each one waives; and
-- gise.application_waived says what an approval waived, to whoever reads
-- the application and to nobody else. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(24);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 OFFSET 3 \gset
SELECT code AS medium FROM gise.service WHERE risk_level = 'medium' AND active ORDER BY code LIMIT 1 \gset

-- In review as whoever is signed in, no document checked.
CREATE FUNCTION pg_temp.in_review(service text, citizen bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    RETURN app;
END $$;
CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
-- Every document of `app` received and checked.
CREATE FUNCTION pg_temp.all_checked(app bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    code text;
BEGIN
    FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                WHERE ad.application_id = app LOOP
        PERFORM gise.document_mark(gen_random_uuid(), app, pg_temp.v(app), code, true, true);
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.in_review(text, bigint), pg_temp.v(bigint), pg_temp.all_checked(bigint) TO PUBLIC;

-- 1. An exception names what it waives ---------------------------------------------

SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:'medium', :citizen) AS app \gset
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :app,
                        pg_temp.v(:app), 'İstisna.', 'exception', '{}'),
                 'GS104', 'an exception names the approval rules it waives', 'an exception waiving nothing is refused');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, NULL)', :app,
                        pg_temp.v(:app), 'İstisna.', 'exception'),
                 'GS104', 'an exception names the approval rules it waives', 'so is one waiving NULL');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :app,
                        pg_temp.v(:app), 'İstisna.', 'exception'),
                 'GS104', 'an exception names the approval rules it waives',
                 'and through the six-argument form of 0005, which waives nothing');
SELECT is((SELECT status FROM gise.application WHERE id = :app), 'in_review', 'nothing changed');
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :app,
                       pg_temp.v(:app), 'Onay.', 'approve'), 'an approval may still waive nothing');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :app, pg_temp.v(:app),
                       'denied', 'Önce belgeler.'), 'denied, back to review');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :app,
                       pg_temp.v(:app), 'Belge kayboldu.', 'exception', '{documents_checked,documents_checked}'),
                'an exception naming the documents rule is raised');
SELECT id AS esc FROM gise.escalation WHERE application_id = :app ORDER BY id DESC LIMIT 1 \gset

-- 2. Every reader returns the waivers ---------------------------------------------------

SELECT is((SELECT waives FROM gise.escalation_latest(:app)), '{documents_checked}',
          'escalation_latest returns what it waives, once');
SELECT is((SELECT waives FROM gise.escalation_get(:esc)), '{documents_checked}', 'so does escalation_get');
SELECT is((SELECT waives FROM gise.escalation_inbox() WHERE escalation_id = :esc), '{documents_checked}',
          'and the clerk''s inbox');
RESET SESSION AUTHORIZATION;
SELECT id AS change FROM gise.escalation_change WHERE escalation_id = :esc \gset
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT (p.item).waives FROM gise.escalation_inbox_page(:esc, true, true, 1) p), '{documents_checked}',
          'and the supervisor''s inbox page');
SELECT is((SELECT (c.item).waives FROM gise.escalation_changes(ARRAY[:change]::bigint[]) c),
          '{documents_checked}', 'and an announced change read back');
SELECT now() AS before_decision \gset
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :app, pg_temp.v(:app),
                       'approved', 'İstisna uygun.'), 'the supervisor grants the exception');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT waives FROM gise.escalation_news(:'before_decision'::timestamptz - interval '1 hour')
           WHERE escalation_id = :esc), '{documents_checked}', 'and the clerk''s news of the decision');

-- 3. What is not met, and what the approval waived ---------------------------------

SELECT is(gise.application_waived(:app), '{}'::text[], 'granted but not yet used: the application has waived nothing');
SELECT is(gise.application_unmet(:app), '{documents_checked}', 'its mandatory documents are not checked: the rule is not met');
SELECT pg_temp.in_review(:'medium', :citizen) AS checked \gset
SELECT pg_temp.all_checked(:checked);
SELECT is(gise.application_unmet(:checked), '{}'::text[], 'every document checked: nothing is unmet');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_clerk1;
SELECT is(gise.application_unmet(:app), NULL, 'another office learns nothing of it');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :app, pg_temp.v(:app)),
                'the supervisor approves it with its documents unchecked');
SELECT is(gise.application_waived(:app), '{documents_checked}', 'the application says what its approval waived');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
SELECT is(gise.application_waived(:app), '{documents_checked}', 'to an auditor too');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_clerk1;
SELECT is(gise.application_waived(:app), '{}'::text[], 'but not to another office');
RESET SESSION AUTHORIZATION;

-- 4. An exception raised before 0020 that waives nothing can still be decided ------------

SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:'medium', :citizen) AS old \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :old,
                       pg_temp.v(:old), 'Eski istisna.', 'exception', '{documents_checked}'), 'an exception is raised');
RESET SESSION AUTHORIZATION;
UPDATE gise.escalation SET waives = '{}' WHERE application_id = :old;   -- as an old row would be
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :old, pg_temp.v(:old),
                       'denied', 'Gerek yok.'), 'an old exception that waives nothing is still decided');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
