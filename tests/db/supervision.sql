-- Office boundaries, tried as staff of the wrong office (and as an auditor).
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(12);

SELECT a.id AS ank_app, a.version AS ank_version FROM gise.application a JOIN gise.office o ON o.id = a.office_id
WHERE o.code = 'ANK' AND a.status = 'received' ORDER BY a.id LIMIT 1 \gset
SELECT count(*) AS ank_total FROM gise.application a JOIN gise.office o ON o.id = a.office_id WHERE o.code = 'ANK' \gset
SELECT count(*) AS all_total FROM gise.application \gset

SET SESSION AUTHORIZATION ist_clerk1;
SELECT is((SELECT count(*)::int FROM gise.application WHERE id = :ank_app), 0,
          'a clerk of another office does not see the application');
SELECT is((SELECT count(*)::int FROM gise.application_read(:ank_app)), 0,
          'nor read it through application_read');
SELECT is((SELECT count(*)::int FROM gise.application_timeline(:ank_app)), 0, 'nor its history');
SELECT throws_ok(format('SELECT gise.application_start_review(gen_random_uuid(), %s, %s)', :ank_app, :ank_version),
                 'GS107', NULL, 'nor change it');
SELECT is((SELECT count(*)::int FROM gise.application a JOIN gise.office o ON o.id = a.office_id WHERE o.code = 'ANK'), 0,
          'no application of the other office is visible at all');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT count(*)::int FROM gise.application), :ank_total::int, 'a clerk sees every application of their own office');
SELECT is((SELECT count(*)::int FROM gise.application_read(:ank_app)), 1, 'and reads it');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ist_supervisor;
SELECT throws_ok(format('SELECT gise.application_start_review(gen_random_uuid(), %s, %s)', :ank_app, :ank_version),
                 'GS107', NULL, 'a supervisor of another office cannot act on it either');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_auditor;
SELECT is((SELECT count(*)::int FROM gise.application), :all_total::int, 'an auditor sees every office');
SELECT is((SELECT count(*)::int FROM gise.application_read(:ank_app)), 1, 'and reads any application');
RESET SESSION AUTHORIZATION;

-- Administrators keep the staff list, through the audited functions (0016):
-- the text rules of its constraints still hold.
SET SESSION AUTHORIZATION gise_admin1;
SELECT lives_ok($$SELECT gise.staff_set_profile('ank_clerk1', language => 'en', screen_reader => true)$$,
                'an administrator sets a staff member''s accessibility profile');
SELECT throws_ok($$SELECT gise.staff_set_profile('ank_clerk1', display_name => E'Ay\u0007şe')$$, '23514', NULL,
                 'and the text rules still refuse a control character');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
