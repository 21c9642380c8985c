-- Bounded work (issue 13, point 7), tried as staff with the calls that ran
-- unbounded: each is refused with its SQLSTATE before the work (no timing
-- is measured: the refusal is the proof). Also the two office leaks
-- (GS107's message, deficiency_deadline) and TEMP / temp_file_limit.
-- Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(39);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT id AS ist_office FROM gise.office WHERE code = 'IST' \gset

-- An application of Istanbul's, in review, to try from Ankara.
SET SESSION AUTHORIZATION ist_clerk1;
SELECT (gise.application_open(gen_random_uuid(), :citizen, 'IKAMETGAH_BELGESI')).application_id AS ist_app \gset
SELECT (gise.application_start_review(gen_random_uuid(), :ist_app, 1)).version AS ist_version \gset
RESET SESSION AUTHORIZATION;
SELECT number AS ist_number FROM gise.application WHERE id = :ist_app \gset

-- What each lifecycle step says about another office's application.
CREATE FUNCTION pg_temp.gs107_messages(app bigint, v integer) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    q text;
BEGIN
    FOREACH q IN ARRAY ARRAY[
        format('SELECT gise.application_start_review(gen_random_uuid(), %s, %s)', app, v),
        format('SELECT gise.document_mark(gen_random_uuid(), %s, %s, %L, true, true)', app, v, 'NUFUS_CUZDANI'),
        format('SELECT gise.application_withdraw(gen_random_uuid(), %s, %s, %L)', app, v, 'x'),
        format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, %s, ARRAY[%L], current_date, %L)',
               app, v, 'NUFUS_CUZDANI', 'x'),
        format('SELECT gise.documents_arrived(gen_random_uuid(), %s, %s)', app, v),
        format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', app, v),
        format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', app, v, 'x', 'approve')]
    LOOP
        BEGIN
            EXECUTE q;
            RETURN NEXT 'no error: ' || q;
        EXCEPTION WHEN OTHERS THEN
            RETURN NEXT SQLSTATE || ' ' || SQLERRM;
        END;
    END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.gs107_messages(bigint, integer) TO PUBLIC;

SELECT count(*) AS requests_before FROM gise.request_log r JOIN gise.staff s ON s.id = r.staff_id
WHERE s.role_name = 'ank_clerk1' AND r.action IN ('document', 'deficiency', 'withdraw') \gset
SET SESSION AUTHORIZATION ank_clerk1;
SELECT (gise.application_open(gen_random_uuid(), :citizen, 'IKAMETGAH_BELGESI')).application_id AS ank_app \gset
SELECT (gise.application_start_review(gen_random_uuid(), :ank_app, 1)).version AS ank_version \gset

-- The calls of the issue, and their kin.
SELECT throws_ok('SELECT gise.add_working_days(current_date, 2000000000)', 'GS110', NULL,
                 'add_working_days(…, 2000000000) is refused, not counted');
SELECT throws_ok('SELECT gise.add_working_days(current_date, 3651)', 'GS110', NULL,
                 'add_working_days beyond ten years is refused');
SELECT throws_ok('SELECT gise.add_working_days(current_date, -1)', 'GS110', NULL,
                 'add_working_days with a negative count is refused');
SELECT throws_ok('SELECT gise.deadline_after(current_date, 2000000000)', 'GS110', NULL,
                 'deadline_after(…, 2000000000) is refused');
SELECT throws_ok($$SELECT * FROM gise.citizen_search(repeat('a', 1000000))$$, 'GS170', NULL,
                 'citizen_search of a million characters is refused');
SELECT throws_ok($$SELECT * FROM gise.citizen_search(repeat('a', 201))$$, 'GS170', NULL,
                 'citizen_search of 201 characters is refused');
SELECT lives_ok($$SELECT * FROM gise.citizen_search(repeat('a', 200))$$, 'citizen_search of 200 characters is answered');
SELECT throws_ok($$SELECT * FROM gise.citizen_search(repeat('ab ', 11))$$, 'GS170', NULL,
                 'citizen_search of 11 words is refused');
SELECT throws_ok($$SELECT * FROM gise.citizen_search('ali', 100000)$$, 'GS170', NULL,
                 'citizen_search of 100000 rows is refused');
SELECT throws_ok($$SELECT * FROM gise.citizen_search('ali', 0)$$, 'GS170', NULL,
                 'citizen_search of 0 rows is refused');
SELECT throws_ok(format('SELECT gise.application_open(gen_random_uuid(), %s, %L)', :citizen, repeat('X', 100000)),
                 'GS170', NULL, 'application_open with a 100000-character service code is refused');
SELECT throws_ok(format('SELECT gise.application_open(gen_random_uuid(), %s, %L, array_fill(%L::text, ARRAY[100000]))',
                        :citizen, 'IKAMETGAH_BELGESI', 'NUFUS_CUZDANI'),
                 'GS170', NULL, 'application_open with 100000 documents is refused');
SELECT throws_ok(format('SELECT gise.document_mark(gen_random_uuid(), %s, %s, %L, true, true)', :ank_app, :ank_version,
                        repeat('X', 100000)),
                 'GS170', NULL, 'document_mark with a 100000-character code is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, %s, array_fill(%L::text, ARRAY[100000]), current_date + 30, %L)',
                        :ank_app, :ank_version, 'NUFUS_CUZDANI', 'not'),
                 'GS170', NULL, 'deficiency_issue with 100000 missing documents is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, %s, ARRAY[%L], current_date + 30, %L)',
                        :ank_app, :ank_version, 'NUFUS_CUZDANI', repeat('n', 1000000)),
                 'GS170', NULL, 'deficiency_issue with a note of a million characters is refused');
SELECT throws_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, %s, %L)', :ank_app, :ank_version,
                        repeat('r', 1000000)),
                 'GS170', NULL, 'application_withdraw with a reason of a million characters is refused');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM gise.request_log r JOIN gise.staff s ON s.id = r.staff_id
           WHERE s.role_name = 'ank_clerk1' AND r.action IN ('document', 'deficiency', 'withdraw')), :requests_before,
          'the refusals came before any work (no request was even claimed)');
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok($$SELECT gise.fold_name(repeat('a', 10000000))$$, '42501', NULL,
                 'a clerk cannot call the folding rule (ten million characters took 13 s)');
SELECT throws_ok('SELECT * FROM gise.escalation_changes(array_fill(1::bigint, ARRAY[1001]))', 'GS172', NULL,
                 'escalation_changes with 1001 ids is refused');
SELECT throws_ok('SELECT * FROM gise.escalation_inbox_page(NULL, true, false, 100000)', '22023', NULL,
                 'an inbox page of 100000 rows is refused');
SELECT throws_ok(format('SELECT gise.application_letter(%s, %L)', :ank_app, repeat('k', 100000)), 'GS170', NULL,
                 'application_letter with a 100000-character kind is refused');

-- Another office's application: no number named, no deadline answered.
SELECT throws_ok(format('SELECT gise.application_start_review(gen_random_uuid(), %s, %s)', :ist_app, :ist_version),
                 'GS107', format('application %s belongs to another office', :ist_app),
                 'GS107 names the id the caller sent');
SELECT is((SELECT count(*)::int FROM pg_temp.gs107_messages(:ist_app, :ist_version) m WHERE m LIKE 'GS107 %'), 7,
          'every step on another office''s application is refused with GS107');
SELECT ok(NOT EXISTS (SELECT FROM pg_temp.gs107_messages(:ist_app, :ist_version) m WHERE m LIKE '%' || :'ist_number' || '%'),
          'and no message names its number');
SELECT throws_ok(format('SELECT * FROM gise.deficiency_deadline(%s)', :ist_app), 'GS107', NULL,
                 'deficiency_deadline refuses another office''s application');
SELECT throws_ok('SELECT * FROM gise.deficiency_deadline(-1)', 'GS106', NULL,
                 'deficiency_deadline refuses an application that does not exist');
SELECT lives_ok(format('SELECT * FROM gise.deficiency_deadline(%s)', :ank_app),
                'deficiency_deadline answers for the own office');

-- Temporary objects and files.
SELECT throws_ok('CREATE TEMP TABLE staff_scratch (x int)', '42501', NULL, 'a clerk cannot create a temporary table');
SELECT throws_ok($$SET temp_file_limit = -1$$, '42501', NULL, 'a clerk cannot lift temp_file_limit');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT throws_ok('CREATE TEMP TABLE staff_scratch (x int)', '42501', NULL, 'a supervisor cannot create a temporary table');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM pg_roles u
           WHERE u.rolcanlogin AND pg_has_role(u.oid, 'gise_clerk', 'MEMBER')
             AND NOT coalesce('temp_file_limit=64MB' = ANY (u.rolconfig), false)
             AND u.rolname IN (SELECT role_name FROM gise.staff)), 0,
          'every clerk login has temp_file_limit set');
SELECT ok(NOT has_database_privilege('public', current_database(), 'TEMPORARY'),
          'PUBLIC has no TEMPORARY on the database');

-- The four-eyes functions (0016) bound theirs too (0019), before any work.
SET SESSION AUTHORIZATION ank_supervisor;
SELECT throws_ok($$SELECT gise.application_approve(gen_random_uuid(), 1, 1, repeat('a', 4001))$$, 'GS170', NULL,
                 'an approval explanation over 4000 characters is refused by its length');
SELECT throws_ok($$SELECT gise.escalation_decide(gen_random_uuid(), 1, 1, 'approved', repeat('a', 4001))$$, 'GS170', NULL,
                 'an escalation decision comment over 4000 characters');
SELECT throws_ok($$SELECT gise.application_countersign(gen_random_uuid(), 1, 1, 'countersigned', repeat('a', 4001))$$,
                 'GS170', NULL, 'a countersignature comment over 4000 characters');
SELECT throws_ok($$SELECT gise.application_escalate(gen_random_uuid(), 1, 1, 'x', 'approve', NULL,
                   array_fill('documents_checked'::text, ARRAY[9]))$$, 'GS170', NULL, 'more than 8 waived rules');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok($$SELECT gise.application_escalate(gen_random_uuid(), 1, 1, repeat('a', 4001), 'approve')$$,
                 'GS170', NULL, 'an escalation reason over 4000 characters');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok($$SELECT gise.staff_add('nobody', repeat('a', 101), 1::smallint, 'clerk')$$, 'GS170', NULL,
                 'a staff name over 100 characters');
SELECT throws_ok($$SELECT gise.staff_set_profile('ank_clerk1', repeat('a', 101))$$, 'GS170', NULL,
                 'a staff name over 100 characters, in the profile too');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
