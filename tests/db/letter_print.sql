-- A step has one outcome, and letters reach paper (issue 14, points 2 and 3;
-- 0023_step_outcome_letters.sql): what became of a request is told to the
-- one who made it only; every letter knows whether it was printed, and by
-- whom; a reprint is audited before its text leaves the database; another
-- office neither sees nor prints. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(32);

SELECT id AS citizen FROM gise.citizen c
WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id) ORDER BY id LIMIT 1 \gset
SELECT id AS citizen2 FROM gise.citizen c
WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id) ORDER BY id LIMIT 1 OFFSET 1 \gset
SELECT code AS reason FROM gise.rejection_reason WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1 \gset
SELECT gen_random_uuid() AS open_id, gen_random_uuid() AS reject_id, gen_random_uuid() AS refused_id,
       gen_random_uuid() AS notice_id \gset

-- 1. What became of a request.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT application_id AS app FROM gise.application_open(:'open_id', :citizen, 'IKAMETGAH_BELGESI') \gset
SELECT gise.application_start_review(gen_random_uuid(), :app, 1) \gset
-- A refused step commits nothing: a rejection without an explanation.
SELECT throws_ok(format('SELECT gise.application_reject(%L, %s, 2, %L, %L)', :'refused_id', :app, :'reason', ''),
                 NULL, 'a rejection without an explanation is refused');
SELECT is((SELECT count(*)::int FROM gise.request_outcome(:'refused_id')), 0,
          'a refused request has no outcome: sending it again applies it once');
SELECT is((SELECT count(*)::int FROM gise.request_outcome(gen_random_uuid())), 0, 'nor has a request never made');
SELECT lives_ok(format('SELECT gise.application_reject(%L, %s, 2, %L, %L)', :'reject_id', :app, :'reason',
                       'The address is not in our district.'), 'the rejection is applied');
SELECT results_eq(format('SELECT action, status, letter_kind, letter_printed FROM gise.request_outcome(%L)', :'reject_id'),
                  $$VALUES ('reject', 'rejected', 'rejection', false)$$,
                  'its outcome: rejected, with a rejection letter not printed yet');
SELECT is((SELECT letter FROM gise.request_outcome(:'reject_id')),
          (SELECT letter_text FROM gise.decision WHERE application_id = :app),
          'the letter told is the one stored');
SELECT is((SELECT number FROM gise.request_outcome(:'open_id')), (SELECT number FROM gise.application WHERE id = :app),
          'the opening tells the new application''s number');
SELECT is((SELECT letter_kind FROM gise.request_outcome(:'open_id')), NULL, 'and names no letter');
SELECT letter_id AS rejection FROM gise.request_outcome(:'reject_id') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk2;
SELECT is((SELECT count(*)::int FROM gise.request_outcome(:'reject_id')), 0,
          'a colleague learns nothing of another''s request');
RESET SESSION AUTHORIZATION;

-- 2. Not printed until printed; a failure is the one who tried's to print.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT results_eq(format('SELECT kind, not_printed FROM gise.application_letters(%s)', :app),
                  $$VALUES ('rejection', true)$$, 'the application lists its letter as not printed');
SELECT is((SELECT count(*)::int FROM gise.letters_not_printed() WHERE letter_id = :rejection), 1,
          'and the clerk who rejected it has it to print');
SELECT lives_ok(format('SELECT gise.letter_print_result(%L, %s, false)', 'rejection', :rejection),
                'a failed print is recorded');
SELECT ok((SELECT not_printed AND print_failed_at IS NOT NULL FROM gise.application_letters(:app)),
          'the letter stays not printed, with when printing failed');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk2;
SELECT is((SELECT count(*)::int FROM gise.letters_not_printed() WHERE letter_id = :rejection), 0,
          'it is not a colleague''s to print');
RESET SESSION AUTHORIZATION;

-- 3. A reprint: audited first, then printed.
SELECT count(*) AS audit_before FROM gise.audit_log WHERE action = 'letter_reprint' \gset
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is(gise.letter_reprint('rejection', :rejection),
          (SELECT letter_text FROM gise.decision WHERE id = :rejection), 'a reprint gives the stored letter');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT concat_ws(' ', actor, entity, entity_id, application_id, details ->> 'letter')
           FROM gise.audit_log WHERE action = 'letter_reprint' ORDER BY id DESC LIMIT 1),
          concat_ws(' ', 'ank_clerk1', 'decision', :rejection, :app, 'rejection'),
          'the audit trail names who reprinted which letter of which application');
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT action FROM gise.application_timeline(:app) ORDER BY at DESC LIMIT 1), 'letter_reprint',
          'the reprint is in the application''s history');
SELECT lives_ok(format('SELECT gise.letter_print_result(%L, %s, true)', 'rejection', :rejection),
                'the reprint reached paper');
SELECT results_eq(format('SELECT not_printed, printed_by_name, print_failed_at FROM gise.application_letters(%s)', :app),
                  $$VALUES (false, 'Ayşe Kaya', NULL::timestamptz)$$, 'printed now, by whom; the failure is gone');
SELECT is((SELECT count(*)::int FROM gise.letters_not_printed() WHERE letter_id = :rejection), 0,
          'and it left the clerk''s inbox');
SELECT is((SELECT letter_printed FROM gise.request_outcome(:'reject_id')), true,
          'the request''s outcome says its letter is printed');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT printed_at IS NOT NULL AND printed_by = (SELECT id FROM gise.staff WHERE role_name = 'ank_clerk1')
           FROM gise.decision WHERE id = :rejection), 'the decision records who printed it and when');

-- 4. Another office neither sees nor prints.
SET SESSION AUTHORIZATION ist_clerk1;
SELECT is((SELECT count(*)::int FROM gise.application_letters(:app)), 0, 'another office lists none of its letters');
SELECT is((SELECT count(*)::int FROM gise.decision WHERE id = :rejection), 0, 'nor reads the decision''s print state');
SELECT throws_ok(format('SELECT gise.letter_reprint(%L, %s)', 'rejection', :rejection), 'GS106',
                 'no such letter in your office', 'another office cannot reprint it');
SELECT throws_ok(format('SELECT gise.letter_print_result(%L, %s, true)', 'rejection', :rejection), 'GS106',
                 'no such letter in your office', 'nor mark it printed');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM gise.audit_log WHERE action = 'letter_reprint'), :audit_before + 1,
          'the refused reprints left no audit row');
SET SESSION AUTHORIZATION ank_auditor;
SELECT throws_ok(format('SELECT gise.letter_reprint(%L, %s)', 'rejection', :rejection), '42501', NULL,
                 'an auditor reads letters but does not print them');
SELECT is((SELECT count(*)::int FROM gise.application_letters(:app)), 1, 'an auditor sees where it stands');
RESET SESSION AUTHORIZATION;

-- 5. Bounds, and a deficiency notice's letter.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT gise.letter_reprint(%L, %s)', repeat('x', 17), :rejection), 'GS170', NULL,
                 'a kind longer than any is refused before any work');
SELECT application_id AS app2 FROM gise.application_open(gen_random_uuid(), :citizen2, 'IKAMETGAH_BELGESI') \gset
SELECT gise.application_start_review(gen_random_uuid(), :app2, 1) \gset
SELECT earliest FROM gise.deficiency_deadline(:app2) \gset
SELECT lives_ok(format('SELECT gise.deficiency_issue(%L, %s, 2, ARRAY[%L], %L, %L)', :'notice_id', :app2,
                       'NUFUS_CUZDANI', :'earliest', 'Belgeyi getiriniz.'), 'a deficiency notice is issued');
SELECT results_eq(format('SELECT letter_kind, letter_printed FROM gise.request_outcome(%L)', :'notice_id'),
                  $$VALUES ('deficiency', false)$$, 'its request names its letter, not printed yet');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
