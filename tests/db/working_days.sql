-- Working days from data (0011): the 2026-2028 calendar as loaded, counting
-- across a Bayram, the half-day eve rule, the refusals for a year nobody
-- loaded (GS109) and for an absurd number of days (GS110), the audited
-- administrator functions, and the scheduler role that lapses overdue
-- applications. Runs as the superuser, acts as staff with SET SESSION
-- AUTHORIZATION; rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
-- Without its guards a date computation could loop for ever: fail instead.
SET LOCAL statement_timeout = '20s';
SELECT plan(97);

-- The SQLSTATE and DETAIL a statement fails with (NULLs when it succeeds).
CREATE FUNCTION pg_temp.failure(statement text, OUT state text, OUT detail jsonb)
LANGUAGE plpgsql AS $$
DECLARE
    d text;
BEGIN
    EXECUTE statement;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL;
    detail := nullif(d, '')::jsonb;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.failure(text) TO PUBLIC;

-- The calendar: every public holiday and eve of 2026-2028, written out
-- here by hand from Law 2429 and the Diyanet calendar, not derived.
SELECT set_eq($$SELECT day, kind FROM gise.holiday WHERE day BETWEEN '2026-01-01' AND '2028-12-31'$$,
    $$VALUES ('2026-01-01'::date, 'full'), ('2026-03-19', 'half'), ('2026-03-20', 'full'), ('2026-03-21', 'full'),
             ('2026-03-22', 'full'), ('2026-04-23', 'full'), ('2026-05-01', 'full'), ('2026-05-19', 'full'),
             ('2026-05-26', 'half'), ('2026-05-27', 'full'), ('2026-05-28', 'full'), ('2026-05-29', 'full'),
             ('2026-05-30', 'full'), ('2026-07-15', 'full'), ('2026-08-30', 'full'), ('2026-10-28', 'half'),
             ('2026-10-29', 'full'),
             ('2027-01-01', 'full'), ('2027-03-08', 'half'), ('2027-03-09', 'full'), ('2027-03-10', 'full'),
             ('2027-03-11', 'full'), ('2027-04-23', 'full'), ('2027-05-01', 'full'), ('2027-05-15', 'half'),
             ('2027-05-16', 'full'), ('2027-05-17', 'full'), ('2027-05-18', 'full'), ('2027-05-19', 'full'),
             ('2027-07-15', 'full'), ('2027-08-30', 'full'), ('2027-10-28', 'half'), ('2027-10-29', 'full'),
             ('2028-01-01', 'full'), ('2028-02-25', 'half'), ('2028-02-26', 'full'), ('2028-02-27', 'full'),
             ('2028-02-28', 'full'), ('2028-04-23', 'full'), ('2028-05-01', 'full'), ('2028-05-03', 'half'),
             ('2028-05-04', 'full'), ('2028-05-05', 'full'), ('2028-05-06', 'full'), ('2028-05-07', 'full'),
             ('2028-05-19', 'full'), ('2028-07-15', 'full'), ('2028-08-30', 'full'), ('2028-10-28', 'half'),
             ('2028-10-29', 'full')$$,
    'every public holiday and half-day eve of 2026-2028, and nothing else');
SELECT results_eq($$SELECT extract(year FROM day)::int, count(*) FILTER (WHERE kind = 'full')::int,
                           count(*) FILTER (WHERE kind = 'half')::int
                    FROM gise.holiday WHERE day BETWEEN '2026-01-01' AND '2028-12-31' GROUP BY 1 ORDER BY 1$$,
                  $$VALUES (2026, 14, 3), (2027, 13, 3), (2028, 14, 3)$$,
                  'full days and half-day eves per year (in 2027 the 19 May holiday is Kurban Bayramı''s 4th day)');
SELECT results_eq('SELECT year FROM gise.holiday_year WHERE year BETWEEN 2026 AND 2028 ORDER BY year',
                  ARRAY[2026, 2027, 2028], 'the years 2026-2028 are marked complete');
SELECT is((SELECT name FROM gise.holiday WHERE day = '2026-03-20'), 'Ramazan Bayramı 1. gün', 'the first day of Ramazan Bayramı 2026');
SELECT is((SELECT name FROM gise.holiday WHERE day = '2028-05-03'), 'Kurban Bayramı arifesi', 'the eve of Kurban Bayramı 2028');
SELECT is((SELECT name FROM gise.holiday WHERE day = '2027-05-19'),
          'Kurban Bayramı 4. gün; Atatürk''ü Anma, Gençlik ve Spor Bayramı', 'a day that is two holidays names both');
SELECT is((SELECT name || '/' || kind FROM gise.holiday WHERE day = '2026-10-29'), 'Cumhuriyet Bayramı/full',
          'a row 0005 loaded is kept, now with its kind');
SELECT is((SELECT count(*)::int FROM gise.holiday WHERE kind = 'half' AND name NOT LIKE '%arifesi'), 0,
          'every half day is an eve');

-- Counting: weekends and full holidays are skipped, a half-day eve counts.
SELECT ok(gise.is_working_day('2026-03-19'), 'the eve of Ramazan Bayramı is a working day (open in the morning)');
SELECT ok(NOT gise.is_working_day('2026-03-20'), 'the first day of Ramazan Bayramı is not');
SELECT ok(gise.is_working_day('2026-10-28') AND NOT gise.is_working_day('2026-10-29'),
          '28 October is a working day, Republic Day is not');
SELECT is(gise.add_working_days('2026-03-18', 1), '2026-03-19'::date, 'an SLA day may be an eve');
SELECT is(gise.add_working_days('2026-03-18', 2), '2026-03-23'::date, 'Ramazan Bayramı and its weekend are skipped');
SELECT is(gise.add_working_days('2026-05-22', 3), '2026-06-01'::date,
          'Friday + 3 across Kurban Bayramı: Monday, the eve, then Monday 1 June');
SELECT is(gise.add_working_days('2027-03-05', 2), '2027-03-12'::date, 'across Ramazan Bayramı 2027');
SELECT is(gise.add_working_days('2028-05-02', 2), '2028-05-08'::date, 'across Kurban Bayramı 2028');
SELECT is(gise.add_working_days('2027-12-31', 1), '2028-01-03'::date, 'across a new year');
SELECT is(gise.add_working_days('2026-05-23', 0), '2026-05-23'::date, 'zero working days is the day itself');
SELECT is(gise.add_working_days(NULL, 5), NULL::date, 'no day, no answer (not an endless loop)');
SELECT lives_ok($$SELECT gise.add_working_days(current_date, max(sla_working_days)),
                         gise.deadline_after(current_date, 2 * max(deficiency_working_days))
                  FROM gise.service$$, 'every service''s SLA and deficiency window from today is in the calendar');

-- Citizen deadlines never fall on a half-day eve.
SELECT ok(NOT gise.is_deadline_day('2026-03-19') AND NOT gise.is_deadline_day('2027-10-28')
          AND gise.is_deadline_day('2026-03-18') AND NOT gise.is_deadline_day('2026-03-21'),
          'an eve, a weekend or a holiday is no deadline day; an ordinary working day is');
SELECT is(gise.deadline_after('2026-03-17', 2), '2026-03-23'::date, 'a computed deadline on an eve moves past the Bayram');
SELECT is(gise.deadline_after('2026-05-22', 2), '2026-06-01'::date, 'and past Kurban Bayramı');
SELECT is(gise.deadline_after('2026-10-26', 2), '2026-10-30'::date, 'and past Republic Day');
SELECT is(gise.deadline_after('2026-11-20', 1), '2026-11-23'::date, 'an ordinary one stays');
SELECT is((SELECT count(*)::int
           FROM generate_series(DATE '2026-01-01', DATE '2027-12-31', '1 day') d, (VALUES (1), (2), (15)) n (n)
           WHERE NOT gise.is_deadline_day(gise.deadline_after(d::date, n))
              OR gise.deadline_after(d::date, n) < gise.add_working_days(d::date, n)
              OR (gise.deadline_after(d::date, n) <> gise.add_working_days(d::date, n)
                  AND gise.is_deadline_day(gise.add_working_days(d::date, n)))), 0,
          'from every day of 2026-27: a computed deadline is a full working day, moved only off an eve');

-- The deficiency window and a chosen deadline, through the clerk's functions.
-- The service's window is set (as the superuser) so that it contains an eve.
SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT n AS window_days, e AS eve FROM generate_series(1, 90) n
CROSS JOIN LATERAL (SELECT h.day AS e FROM gise.holiday h
                    WHERE h.kind = 'half' AND extract(isodow FROM h.day) < 6
                      AND h.day > gise.add_working_days(current_date, n)
                      AND h.day <= gise.add_working_days(current_date, 2 * n)
                    ORDER BY h.day LIMIT 1) x
ORDER BY n LIMIT 1 \gset
UPDATE gise.service SET deficiency_working_days = :window_days WHERE code = 'IKAMETGAH_BELGESI';
CREATE FUNCTION pg_temp.fresh() RETURNS bigint LANGUAGE sql AS $$
    SELECT (gise.application_start_review(gen_random_uuid(),
            (gise.application_open(gen_random_uuid(), (SELECT min(citizen_id) FROM gise.application),
                                   'IKAMETGAH_BELGESI')).application_id, 1)).application_id $$;
GRANT EXECUTE ON FUNCTION pg_temp.fresh() TO PUBLIC;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.fresh() AS app \gset
SELECT earliest, latest FROM gise.deficiency_deadline(:app) \gset
SELECT ok(gise.is_deadline_day(:'earliest') AND gise.is_deadline_day(:'latest')
          AND :'earliest' = gise.deadline_after(current_date, :window_days)
          AND :'latest' = gise.deadline_after(current_date, 2 * :window_days),
          'the deficiency window runs between two computed citizen deadlines');
SELECT ok(:'eve'::date > :'earliest'::date AND :'eve'::date <= :'latest'::date AND gise.is_working_day(:'eve'),
          'the window contains a half-day eve that is a working day');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                        :app, '{NUFUS_CUZDANI}', :'eve', 'Belgeyi getiriniz.', NULL),
                 'GS105', NULL, 'a deadline chosen on a half-day eve is refused');
SELECT is((pg_temp.failure(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                                  :app, '{NUFUS_CUZDANI}', :'eve', 'n', NULL))).detail,
          jsonb_build_object('earliest', :'earliest', 'latest', :'latest', 'reason', 'half_day_eve'),
          'its DETAIL gives the window and the reason');
SELECT is((pg_temp.failure(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                                  :app, '{NUFUS_CUZDANI}', :'latest'::date + 40, 'n', NULL))).detail ->> 'reason',
          'range', 'a deadline outside the window says so');
SELECT lives_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)',
                       :app, '{NUFUS_CUZDANI}', gise.deadline_after(:'eve', 1), 'Belgeyi getiriniz.', NULL),
                'the next full working day after the eve is accepted');
RESET SESSION AUTHORIZATION;

-- A year nobody loaded is refused, never guessed.
SELECT throws_ok($$SELECT gise.is_working_day('2029-01-02')$$, 'GS109',
                 'no public holiday calendar is loaded for year 2029', 'is_working_day in 2029 is refused');
SELECT is((pg_temp.failure($$SELECT gise.is_working_day('2029-01-02')$$)).detail, '{"year": "2029"}'::jsonb,
          'its DETAIL names the year');
SELECT throws_ok($$SELECT gise.is_working_day('2029-01-06')$$, 'GS109', NULL, 'even a Saturday of 2029');
SELECT throws_ok($$SELECT gise.is_working_day('2025-12-31')$$, 'GS109', NULL, 'and a day of 2025');
SELECT throws_ok($$SELECT gise.add_working_days('2028-12-29', 1)$$, 'GS109',
                 'no public holiday calendar is loaded for year 2029', 'counting into 2029 is refused');
SELECT throws_ok($$SELECT gise.add_working_days('infinity', 1)$$, 'GS109', NULL, 'counting from infinity is refused');
SELECT throws_ok($$SELECT gise.deadline_after('2028-12-30', 0)$$, 'GS109', NULL,
                 'a deadline that would move from the last weekend of 2028 into 2029 is refused');
SELECT throws_ok($$SELECT gise.is_deadline_day('2029-03-01')$$, 'GS109', NULL, 'is_deadline_day in 2029 is refused');

-- An absurd number of days is refused before any counting.
SELECT throws_ok($$SELECT gise.add_working_days(current_date, 2000000000)$$, 'GS110',
                 'a number of working days must be between 0 and 3650', 'two billion working days are refused');
SELECT is((pg_temp.failure($$SELECT gise.add_working_days(current_date, 3651)$$)).detail,
          '{"days": "3651", "min": "0", "max": "3650"}'::jsonb, 'its DETAIL gives the number and the bounds');
SELECT throws_ok($$SELECT gise.add_working_days(current_date, -1)$$, 'GS110', NULL, 'a negative number is refused');
SELECT throws_ok($$SELECT gise.add_working_days(current_date, NULL)$$, 'GS110', NULL, 'no number is refused');
SELECT throws_ok($$SELECT gise.deadline_after(current_date, 4000)$$, 'GS110', NULL, 'deadline_after is bounded too');
SELECT throws_ok($$SELECT gise.add_working_days('2026-01-01', 3650)$$, 'GS109', NULL,
                 '3650 is allowed, and then meets the end of the calendar');

-- The administrator keeps the calendar through audited functions only.
SELECT coalesce(max(id), 0) AS audit_before FROM gise.audit_log \gset
SET SESSION AUTHORIZATION gise_admin1;
SELECT is(gise.holiday_set('2029-01-01', 'Yılbaşı', 'full'), true, 'an administrator enters a holiday of 2029');
SELECT is(gise.holiday_set('2029-01-01', 'Yılbaşı', 'full'), false, 'entering it again changes nothing');
SELECT is(gise.holiday_set('2029-01-01', 'Yeni Yıl', 'full'), true, 'and corrects its name');
SELECT throws_ok($$SELECT gise.holiday_set('2029-04-23', ' Çocuk Bayramı', 'full')$$, 'GS104', NULL,
                 'a name with a leading blank is refused');
SELECT throws_ok($$SELECT gise.holiday_set('2029-04-23', E'Çocuk\nBayramı', 'full')$$, 'GS104', NULL,
                 'a name over two lines is refused');
SELECT throws_ok($$SELECT gise.holiday_set('2029-04-23', 'Çocuk Bayramı', 'quarter')$$, 'GS104', NULL,
                 'an unknown kind is refused');
SELECT throws_ok($$SELECT gise.holiday_set('1999-04-23', 'Çocuk Bayramı', 'full')$$, 'GS104', NULL,
                 'a year before 2000 is refused');
SELECT throws_ok($$SELECT gise.holiday_set(NULL, 'Çocuk Bayramı', 'full')$$, 'GS104', NULL, 'a holiday needs its day');
SELECT throws_ok('SELECT gise.holiday_year_complete(2029)', 'GS104',
                 'the 2029 calendar is not complete: the public holiday on 2029-04-23 is missing',
                 'a year without its fixed holidays cannot be marked complete');
SELECT lives_ok($$SELECT gise.holiday_set(d, 'Resmî tatil') FROM unnest('{2029-04-23,2029-05-01,2029-05-19,
                  2029-07-15,2029-08-30,2029-10-29}'::date[]) d$$, 'the other fixed holidays of 2029 are entered');
SELECT lives_ok($$SELECT gise.holiday_set('2029-10-28', 'Cumhuriyet Bayramı arifesi', 'half')$$, 'and an eve');
SELECT is(gise.holiday_year_complete(2029), true, 'then 2029 is marked complete');
SELECT is(gise.holiday_year_complete(2029), false, 'marking it again changes nothing');
SELECT ok(gise.is_working_day('2029-01-02') AND NOT gise.is_working_day('2029-01-01'),
          'and days of 2029 can be counted');
SELECT lives_ok($$SELECT gise.holiday_remove('2029-07-15')$$, 'a holiday is removed');
SELECT throws_ok($$SELECT gise.holiday_remove('2029-07-16')$$, 'GS106', NULL, 'a day that is no holiday cannot be');
SELECT is(gise.holiday_year_reopen(2029), true, 'a year''s complete mark is taken back');
SELECT throws_ok($$SELECT gise.is_working_day('2029-01-02')$$, 'GS109', NULL, 'and 2029 is refused again');
SELECT is(gise.holiday_year_reopen(2029), false, 'taking it back again changes nothing');
SELECT throws_ok($$INSERT INTO gise.holiday (day, name) VALUES ('2029-02-14', 'Ramazan Bayramı 1. gün')$$,
                 '42501', NULL, 'an administrator cannot insert into gise.holiday directly (it would not be audited)');
SELECT throws_ok($$UPDATE gise.holiday SET kind = 'full' WHERE day = '2026-03-19'$$, '42501', NULL, 'nor update it');
SELECT throws_ok($$DELETE FROM gise.holiday WHERE day = '2026-03-20'$$, '42501', NULL, 'nor delete from it');
SELECT throws_ok($$INSERT INTO gise.holiday_year (year) VALUES (2030)$$, '42501', NULL,
                 'nor mark a year complete directly');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format($$SELECT actor::text COLLATE "default", action, entity, details ->> 'day', details ->> 'name', details #>> '{before,name}'
                           FROM gise.audit_log WHERE id > %s AND action = 'holiday_set' AND details ->> 'day' = '2029-01-01'
                           ORDER BY id$$, :audit_before),
                  $$VALUES ('gise_admin1', 'holiday_set', 'holiday', '2029-01-01', 'Yılbaşı', NULL),
                           ('gise_admin1', 'holiday_set', 'holiday', '2029-01-01', 'Yeni Yıl', 'Yılbaşı')$$,
                  'each change of a holiday wrote one audit row with who, what and what it was before');
SELECT results_eq(format($$SELECT action, entity_id::int FROM gise.audit_log
                           WHERE id > %s AND action LIKE 'holiday_%%' AND action <> 'holiday_set' ORDER BY id$$,
                         :audit_before),
                  $$VALUES ('holiday_year_complete', 2029), ('holiday_remove', NULL), ('holiday_year_reopen', 2029)$$,
                  'completing, removing and reopening wrote one audit row each; refusals and no-ops none');
SELECT is((SELECT details ->> 'name' FROM gise.audit_log WHERE id > :audit_before AND action = 'holiday_remove'),
          'Resmî tatil', 'the removal keeps what was removed');

SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok($$SELECT gise.holiday_set('2029-01-01', 'Yılbaşı', 'full')$$, '42501', NULL,
                 'a clerk cannot enter a holiday');
SELECT throws_ok($$SELECT gise.holiday_remove('2026-01-01')$$, '42501', NULL, 'nor remove one');
SELECT throws_ok('SELECT gise.holiday_year_complete(2029)', '42501', NULL, 'nor mark a year complete');
SELECT throws_ok($$INSERT INTO gise.holiday (day, name) VALUES ('2029-01-01', 'Yılbaşı')$$, '42501', NULL,
                 'nor write the table');
SELECT is((SELECT count(*)::int FROM gise.holiday h JOIN gise.holiday_year y ON y.year = extract(year FROM h.day)
           WHERE y.year = 2027), 16, 'a clerk reads the calendar and which years are complete');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
SELECT throws_ok($$SELECT gise.holiday_set('2029-01-01', 'Yılbaşı', 'full')$$, '42501', NULL,
                 'an auditor cannot enter a holiday either');
RESET SESSION AUTHORIZATION;

-- The scheduler: a login role in gise_scheduler, not staff, lapses what is
-- overdue and can do nothing else.
SELECT ok((SELECT NOT rolcanlogin FROM pg_roles WHERE rolname = 'gise_scheduler'), 'gise_scheduler is a group role (NOLOGIN)');
SELECT is((SELECT array_agg(p.oid::regprocedure::text) FROM pg_proc p
           WHERE p.pronamespace = 'gise'::regnamespace AND has_function_privilege('gise_scheduler', p.oid, 'EXECUTE')),
          ARRAY['gise.lapse_overdue()'], 'the only gise function it may execute is lapse_overdue');
SELECT is((SELECT count(*)::int FROM pg_class c WHERE c.relnamespace = 'gise'::regnamespace
           AND c.relkind IN ('r', 'v', 'm', 'p', 'S')
           AND has_table_privilege('gise_scheduler', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')), 0,
          'and it has no table of gise');
CREATE ROLE gise_test_lapse LOGIN IN ROLE gise_scheduler;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.fresh() AS overdue \gset
SELECT lives_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)', :overdue,
                       '{NUFUS_CUZDANI}', (SELECT earliest FROM gise.deficiency_deadline(:overdue)), 'n', NULL),
                'an application awaits documents');
RESET SESSION AUTHORIZATION;
-- Only ours is overdue: the demo's open notices are resolved, ours moved
-- into the past.
UPDATE gise.deficiency_notice SET resolved_at = now() WHERE resolved_at IS NULL AND application_id <> :overdue;
UPDATE gise.deficiency_notice SET deadline = current_date - 1 WHERE application_id = :overdue;
SELECT assignee_id AS assignee FROM gise.application WHERE id = :overdue \gset
SELECT coalesce(max(id), 0) AS audit_before FROM gise.audit_log \gset
SET SESSION AUTHORIZATION gise_test_lapse;
SELECT is(gise.lapse_overdue(), 1, 'the scheduler lapses the overdue application');
SELECT is(gise.lapse_overdue(), 0, 'calling it again changes nothing');
SELECT throws_ok('SELECT count(*) FROM gise.application', '42501', NULL, 'the scheduler reads no applications');
SELECT throws_ok($$SELECT gise.is_working_day('2026-12-01')$$, '42501', NULL, 'nor calls anything else');
SELECT throws_ok($$SELECT gise.holiday_set('2029-01-01', 'Yılbaşı', 'full')$$, '42501', NULL, 'nor keeps the calendar');
SELECT throws_ok('SELECT * FROM gise.whoami()', '42501', NULL, 'nor passes for staff');
RESET SESSION AUTHORIZATION;
SELECT results_eq(format('SELECT status, closed_at IS NOT NULL, assignee_id FROM gise.application WHERE id = %s', :overdue),
                  format('VALUES (%L, true, %s)', 'lapsed', :assignee),
                  'the application is lapsed and closed, and keeps its assignee');
SELECT results_eq(format($$SELECT actor::text COLLATE "default", action, details ->> 'by', details ->> 'deadline', details ->> 'from'
                           FROM gise.audit_log WHERE id > %s ORDER BY id$$, :audit_before),
                  format($$VALUES ('gise_test_lapse', 'lapse', 'scheduler', %L, 'awaiting_documents')$$, current_date - 1),
                  'one audit row, by the scheduler''s role, with the deadline that passed');
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT actor FROM gise.application_timeline(:overdue) WHERE action = 'lapse'), 'gise_test_lapse',
          'the clerk''s timeline names the scheduler''s role');
RESET SESSION AUTHORIZATION;

-- Every path that computes a date refuses when the calendar ahead is missing.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.fresh() AS late \gset
RESET SESSION AUTHORIZATION;
DELETE FROM gise.holiday_year WHERE year >= extract(year FROM current_date);
SELECT count(*) AS apps_before FROM gise.application \gset
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT gise.application_open(gen_random_uuid(), %s, %L)', :citizen, 'IKAMETGAH_BELGESI'),
                 'GS109', NULL, 'opening an application (its due date) is refused');
SELECT throws_ok(format('SELECT * FROM gise.deficiency_deadline(%s)', :late), 'GS109', NULL,
                 'the deficiency window is refused');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, 2, %L, %L, %L, %L)', :late,
                        '{NUFUS_CUZDANI}', current_date + 20, 'n', NULL), 'GS109', NULL,
                 'a deficiency notice is refused');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM gise.application), :apps_before::bigint, 'and nothing was opened');
SELECT is((SELECT status FROM gise.application WHERE id = :late), 'in_review', 'nor changed');
INSERT INTO gise.holiday_year (year) SELECT y FROM generate_series(2026, 2028) y
WHERE y >= extract(year FROM current_date);

SELECT is(gise.audit_verify(), NULL, 'the audit chain is intact after all of this');

SELECT * FROM finish();
ROLLBACK;
