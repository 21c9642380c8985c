-- Drafts (0022): what a clerk types into a form, kept under their own
-- row-level security. Only the staff member who typed a draft reads it:
-- not another clerk, not the supervisor, not the auditor, not a role
-- outside staff, and nobody by reading the table (refused; and were a
-- read ever granted, row-level security still shows only the reader's
-- own rows). Every input is bounded (GS170), a person keeps at most 50, a
-- step that commits takes its draft with it in its own transaction, and
-- a draft not typed in for 14 days is gone. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(46);

SELECT id AS citizen FROM gise.citizen c WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
ORDER BY id LIMIT 1 \gset
SELECT id AS citizen2 FROM gise.citizen c WHERE NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id)
ORDER BY id LIMIT 1 OFFSET 1 \gset
SELECT code AS reason FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1 \gset
CREATE ROLE gise_test_outsider LOGIN;   -- PUBLIC only: no staff row, no group
GRANT USAGE ON SCHEMA gise TO gise_test_outsider;   -- so what refuses it is the draft's own guard

-- An application of ank_clerk1's, in review, to reject.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT (gise.application_open(gen_random_uuid(), :citizen, 'IKAMETGAH_BELGESI')).application_id AS app \gset
SELECT (gise.application_start_review(gen_random_uuid(), :app, 1)).version AS version \gset
SELECT ok(gise.draft_save('reject', :app, '2026-000001', ARRAY['reason', 'text'],
                          ARRAY[:'reason', 'The identity card "expired" in 2023; \ and more.'], now()),
          'a clerk saves a draft of a rejection');
SELECT is((SELECT string_agg(field_name || '=' || field_value, '|' ORDER BY field_name) FROM gise.draft_list()),
          'reason=' || :'reason' || '|text=The identity card "expired" in 2023; \ and more.',
          'and reads it back whole, quotes and backslashes as typed');
SELECT is((SELECT count(DISTINCT (kind, target))::int FROM gise.draft_list()), 1, 'one draft');
SELECT throws_ok('SELECT count(*) FROM gise.draft', '42501', NULL, 'the clerk cannot read the table itself');
SELECT throws_ok('DELETE FROM gise.draft', '42501', NULL, 'nor delete from it directly');
SELECT throws_ok($$INSERT INTO gise.draft (kind, target, label, fields, typed_at)
                   VALUES ('withdraw', 1, 'x', '{}', now())$$, '42501', NULL, 'nor write to it directly');
RESET SESSION AUTHORIZATION;

-- Nobody else sees it.
SET SESSION AUTHORIZATION ank_clerk2;
SELECT is((SELECT count(*)::int FROM gise.draft_list()), 0, 'another clerk of the same office sees no draft of hers');
SELECT ok(NOT gise.draft_discard('reject', :app, now()), 'nor discards it');
SELECT throws_ok('SELECT count(*) FROM gise.draft', '42501', NULL, 'nor reads the table');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT count(*)::int FROM gise.draft_list()), 0, 'her supervisor sees none');
SELECT throws_ok('SELECT count(*) FROM gise.draft', '42501', NULL, 'nor reads the table');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
SELECT throws_ok('SELECT * FROM gise.draft_list()', '42501', NULL, 'an auditor may not even list drafts');
SELECT throws_ok('SELECT count(*) FROM gise.draft', '42501', NULL, 'nor read the table (auditors read every other table)');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_test_outsider;
SELECT throws_ok('SELECT * FROM gise.draft_list()', '42501', NULL, 'a role outside staff (PUBLIC) may not list drafts');
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, 'x', '{}', '{}', now())$$, '42501', NULL, 'nor save one');
SELECT throws_ok('SELECT count(*) FROM gise.draft', '42501', NULL, 'nor read the table');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT owner::text FROM gise.draft WHERE target = :app), 'ank_clerk1', 'the draft is stored as ank_clerk1''s');

-- Row-level security holds even if a read were granted.
GRANT SELECT ON gise.draft TO gise_auditor, gise_clerk, gise_test_outsider;
SET SESSION AUTHORIZATION ank_auditor;
SELECT is((SELECT count(*)::int FROM gise.draft), 0, 'granted a read, the auditor still sees no draft');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk2;
SELECT is((SELECT count(*)::int FROM gise.draft), 0, 'nor another clerk');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_test_outsider;
SELECT is((SELECT count(*)::int FROM gise.draft), 0, 'nor the outsider');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT count(*)::int FROM gise.draft), 1, 'the clerk herself sees her own');
RESET SESSION AUTHORIZATION;
REVOKE SELECT ON gise.draft FROM gise_auditor, gise_clerk, gise_test_outsider;

-- Bounds: each refused before any work, with GS170.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, 'x', ARRAY['text'], ARRAY[repeat('a', 4001)], now())$$,
                 'GS170', NULL, 'a field of 4001 characters is refused');
SELECT lives_ok($$SELECT gise.draft_save('reject', 1, 'x', ARRAY['text'], ARRAY[repeat('ş', 4000)], now())$$,
                'a field of 4000 characters (8000 bytes) is kept');
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, 'x', ARRAY['text'], ARRAY[repeat('a', 1000000)], now())$$,
                 'GS170', NULL, 'a field of a million characters is refused');
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, 'x', array_fill('f'::text, ARRAY[17]), array_fill('v'::text, ARRAY[17]), now())$$,
                 'GS170', NULL, '17 fields are refused');
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, 'x', ARRAY[repeat('n', 33)], ARRAY['v'], now())$$,
                 'GS170', NULL, 'a field name of 33 characters is refused');
SELECT throws_ok($$SELECT gise.draft_save(repeat('k', 17), 1, 'x', '{}', '{}', now())$$,
                 'GS170', NULL, 'a kind of 17 characters is refused');
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, repeat('l', 41), '{}', '{}', now())$$,
                 'GS170', NULL, 'a label of 41 characters is refused');
SELECT throws_ok($$SELECT gise.draft_discard(repeat('k', 100000), 1, now())$$,
                 'GS170', NULL, 'draft_discard with a kind of 100000 characters is refused');
SELECT throws_ok($$SELECT gise.draft_save('reject', 1, 'x', ARRAY['a', 'b'], ARRAY['v'], now())$$,
                 'GS104', NULL, 'names without values are refused');
SELECT throws_ok($$SELECT gise.draft_save('rewrite', 1, 'x', ARRAY['text'], ARRAY['v'], now())$$,
                 '23514', NULL, 'a kind that is no step is refused');
SELECT lives_ok($$SELECT gise.draft_discard('reject', 1, now())$$, 'the long one is discarded');

-- At most 50 per person.
SELECT lives_ok($$SELECT gise.draft_save('withdraw', n, 'x', ARRAY['text'], ARRAY['n'], now())
                  FROM generate_series(1001, 1049) n$$, '49 more drafts: 50 in all');
SELECT throws_ok($$SELECT gise.draft_save('withdraw', 2000, 'x', ARRAY['text'], ARRAY['n'], now())$$,
                 'GS170', NULL, 'the 51st is refused');
SELECT ok(gise.draft_save('withdraw', 1001, 'x', ARRAY['text'], ARRAY['typed on'], now()),
          'one of the 50 is still saved as it is typed');
SELECT ok(gise.draft_discard('withdraw', 1002, now()), 'one discarded');
SELECT ok(gise.draft_save('withdraw', 2000, 'x', ARRAY['text'], ARRAY['n'], now()), 'makes room for another');
SELECT lives_ok($$SELECT gise.draft_discard('withdraw', n, now()) FROM generate_series(1000, 2000) n$$, 'and they are discarded');

-- The newer copy wins: one typed earlier at another terminal does not
-- overwrite it; a discard of an older one leaves a newer one.
SELECT gise.draft_save('reject', :app, '2026-000001', ARRAY['reason', 'text'], ARRAY[:'reason', 'older'],
                       now() - interval '1 hour') AS saved \gset
SELECT is((SELECT field_value FROM gise.draft_list() WHERE target = :app AND field_name = 'text'),
          'The identity card "expired" in 2023; \ and more.', 'an older save does not overwrite a newer draft');
SELECT ok(NOT gise.draft_discard('reject', :app, now() - interval '1 hour'),
          'a discard of what was typed an hour ago leaves what was typed since');

-- A step that commits takes its draft with it; a save naming that request
-- afterwards (a late save from a lost answer) is refused as done.
SELECT gen_random_uuid() AS rid \gset
SELECT status AS rejected FROM gise.application_reject(:'rid', :app, :version, :'reason', 'The identity card expired.') \gset
SELECT is((SELECT count(*)::int FROM gise.draft_list() WHERE target = :app), 0,
          'the rejection committed: its draft is gone, in the same transaction');
SELECT ok(NOT gise.draft_save('reject', :app, '2026-000001', ARRAY['text'], ARRAY['late'], now(), :'rid'),
          'a save of the draft naming the committed request is refused as done');
SELECT is((SELECT count(*)::int FROM gise.draft_list()), 0, 'and stores nothing');
-- A new application: the draft is the citizen's.
SELECT gise.draft_save('open', :citizen2, 'IKAMETGAH_BELGESI', ARRAY['service'], ARRAY['IKAMETGAH_BELGESI'], now())
    AS saved \gset
SELECT (gise.application_open(gen_random_uuid(), :citizen2, 'IKAMETGAH_BELGESI')).application_id AS opened \gset
SELECT is((SELECT count(*)::int FROM gise.draft_list()), 0, 'opening the application takes the citizen''s draft with it');
RESET SESSION AUTHORIZATION;

-- 14 days without a key: gone, whoever signs in next.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT gise.draft_save('withdraw', 3000, 'x', ARRAY['text'], ARRAY['stale'], now() - interval '15 days') AS saved \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_clerk1;
SELECT is((SELECT count(*)::int FROM gise.draft_list()), 0, 'another clerk signs in');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM gise.draft WHERE typed_at < now() - interval '14 days'), 0,
          'and the draft of 15 days ago is deleted');

SELECT * FROM finish();
ROLLBACK;
