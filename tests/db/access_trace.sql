-- No personal data without a committed trace, and no identity-number
-- oracle (0014_access_trace.sql), tried as the wrong people. What must be
-- committed is done in other sessions (dblink, as the staff login roles),
-- which commit on their own; this session only watches and rolls back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(36);
CREATE EXTENSION IF NOT EXISTS dblink;

CREATE FUNCTION pg_temp.connect(name text, login text) RETURNS text LANGUAGE sql AS $$
    SELECT dblink_connect(name, format('host=%s port=%s dbname=%s user=%s application_name=access_trace',
        split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'),
        current_database(), login))
$$;
-- One value from a session, or the error it raised as 'ERROR <sqlstate>'.
CREATE FUNCTION pg_temp.one(conn text, sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
    SELECT t.v INTO v FROM dblink(conn, sql) AS t(v text);
    RETURN v;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || CASE WHEN SQLSTATE LIKE 'GS%' OR SQLSTATE = '40001' THEN '' ELSE ': ' || SQLERRM END;
END $$;
-- The answer to dblink_send_query, the same way.
CREATE FUNCTION pg_temp.result(conn text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
    SELECT t.v INTO v FROM dblink_get_result(conn) AS t(v text);
    PERFORM * FROM dblink_get_result(conn) AS t(v text);
    RETURN v;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || CASE WHEN SQLSTATE LIKE 'GS%' OR SQLSTATE = '40001' THEN '' ELSE ': ' || SQLERRM END;
END $$;
-- What an error shows (message, detail, hint), or '' when there was none.
CREATE FUNCTION pg_temp.error_text(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE m text; d text; h text;
BEGIN
    EXECUTE sql;
    RETURN '';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS m = MESSAGE_TEXT, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
    RETURN concat_ws(' | ', m, d, h);
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.error_text(text) TO PUBLIC;

SELECT c.id AS cit, c.national_id AS nid, gise.mask_national_id(c.national_id) AS masked
FROM gise.citizen c ORDER BY c.id OFFSET 7 LIMIT 1 \gset
SELECT coalesce(max(id), 0) AS log_before FROM gise.access_log \gset
SELECT pg_temp.connect('clerk', 'ank_clerk1'), pg_temp.connect('clerk_b', 'ank_clerk1'),
       pg_temp.connect('other', 'ank_clerk2'), pg_temp.connect('auditor', 'ank_auditor'),
       pg_temp.connect('owner', current_user) \gset

-- 1. The one-step functions release nothing any more.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT * FROM gise.citizen_open(%s, %L)', :cit, 'x'), 'GS025', NULL,
                 'the one-step citizen_open refuses');
SELECT throws_ok(format('SELECT * FROM gise.citizen_by_national_id(%L)', :'nid'), 'GS025', NULL,
                 'the one-step citizen_by_national_id refuses');

-- 2. Inside the transaction that writes the log row, nothing is released:
-- BEGIN ... ROLLBACK gets nothing, whatever it does before the rollback.
SELECT gise.citizen_open_begin(:cit, 'counter', 'test') AS own_token \gset
SELECT throws_ok(format('SELECT * FROM gise.citizen_open_release(%s)', :own_token), 'GS022', NULL,
                 'no release in the transaction that wrote the log row (BEGIN ... ROLLBACK)');
-- The streaming attack: rows would reach the client before the late error.
SELECT throws_ok($$SELECT c.national_id, c.phone, 1/(12-g) FROM generate_series(1,12) g,
                   LATERAL gise.citizen_open_release(gise.citizen_open_begin(g, 'counter', 'x')) c$$,
                 'GS022', NULL, 'a set-returning call with a late error releases nothing (FETCH_COUNT attack)');
-- No function error shows personal data.
SELECT is(concat(pg_temp.error_text(format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'nope', 'x')),
                 pg_temp.error_text(format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'counter', repeat('x', 100))),
                 pg_temp.error_text(format('SELECT gise.citizen_lookup_begin(%L, %L, %L)', :'nid', 'nope', 'x')),
                 pg_temp.error_text(format('SELECT gise.citizen_lookup_begin(%L, %L, %L)', :'nid' || '0', 'counter', 'x')),
                 pg_temp.error_text(format('SELECT * FROM gise.citizen_open_release(%s)', :own_token)),
                 pg_temp.error_text(format('SELECT * FROM gise.citizen_lookup_result(%s)', :own_token))) ~ :'nid',
          false, 'no error of the open and look-up functions contains the identity number');
RESET SESSION AUTHORIZATION;

-- 3. Rolled back, or rolled back to a savepoint: the token releases nothing.
SELECT dblink_exec('clerk', 'BEGIN') \gset
SELECT pg_temp.one('clerk', format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'counter', 'rb')) AS rb_token \gset
SELECT dblink_exec('clerk', 'ROLLBACK') \gset
SELECT is(pg_temp.one('clerk', format('SELECT national_id FROM gise.citizen_open_release(%s)', :rb_token)),
          'ERROR GS022', 'a rolled-back opening releases nothing');
SELECT dblink_exec('clerk', 'BEGIN') \gset
SELECT dblink_exec('clerk', 'SAVEPOINT s') \gset
SELECT pg_temp.one('clerk', format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'counter', 'sp')) AS sp_token \gset
SELECT dblink_exec('clerk', 'ROLLBACK TO SAVEPOINT s') \gset
SELECT dblink_exec('clerk', 'COMMIT') \gset
SELECT is(pg_temp.one('clerk', format('SELECT national_id FROM gise.citizen_open_release(%s)', :sp_token)),
          'ERROR GS022', 'an opening rolled back to a savepoint releases nothing, though its transaction committed');
SELECT is((SELECT count(*)::int FROM gise.access_log WHERE id > :log_before AND screen IN ('rb', 'sp')), 0,
          'and neither left a row (the data was never shown)');
-- A cursor over the release in the logging transaction fails at its first row.
SELECT dblink_exec('clerk', 'BEGIN') \gset
SELECT dblink_exec('clerk', format($$DECLARE cur CURSOR FOR SELECT c.national_id FROM
              gise.citizen_open_release(gise.citizen_open_begin(%s, 'counter', 'cursor')) c$$, :cit)) \gset
SELECT is(pg_temp.one('clerk', 'FETCH 1 FROM cur'), 'ERROR GS022', 'but fetching from it releases nothing');
SELECT dblink_exec('clerk', 'ROLLBACK') \gset

-- 4. Committed first: the data comes, and the row says who, why, where.
SELECT pg_temp.one('clerk', format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'enquiry', 'phone-desk')) AS token \gset
SELECT is(pg_temp.one('clerk', format('SELECT national_id FROM gise.citizen_open_release(%s)', :token)),
          :'nid', 'after the commit, step two releases the record');
SELECT is((SELECT format('%s %s %s %s %s', actor, citizen_id, purpose, screen, kind) FROM gise.access_log WHERE id = :token),
          format('ank_clerk1 %s enquiry phone-desk open', :cit), 'the committed row names who, whom, why and where');
SELECT is((SELECT pg_xact_status(xact) FROM gise.access_log WHERE id = :token), 'committed',
          'and the transaction that wrote it');
SELECT is(pg_temp.one('other', format('SELECT national_id FROM gise.citizen_open_release(%s)', :token)),
          'ERROR GS022', 'another login cannot use the token');
SELECT is(pg_temp.one('clerk_b', format('SELECT national_id FROM gise.citizen_open_release(%s)', :token)),
          :'nid', 'another session of the same login can (a retry after a lost reply)');
-- An old row does not release (written by the owner with an old time).
SELECT pg_temp.one('owner', format($$INSERT INTO gise.access_log (at, actor, citizen_id, screen, kind, purpose, office_id)
    SELECT clock_timestamp() - interval '61 seconds', 'ank_clerk1', %s, 'old', 'open', 'counter', office_id
    FROM gise.staff WHERE role_name = 'ank_clerk1' RETURNING id$$, :cit)) AS old_token \gset
SELECT is(pg_temp.one('clerk', format('SELECT national_id FROM gise.citizen_open_release(%s)', :old_token)),
          'ERROR GS022', 'a token older than 60 seconds releases nothing');

-- 5. synchronous_commit = off (any login may set it): step one turns it on
-- for its own transaction, and step two waits until the commit is on disk.
SELECT dblink_exec('clerk', 'SET synchronous_commit = off') \gset
SELECT dblink_exec('clerk', 'BEGIN') \gset
SELECT pg_temp.one('clerk', format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'counter', 'async')) AS async_token \gset
SELECT is(pg_temp.one('clerk', 'SHOW synchronous_commit'), 'on', 'step one commits synchronously whatever the session set');
SELECT dblink_exec('clerk', 'SET LOCAL synchronous_commit = off') \gset
SELECT dblink_exec('clerk', 'COMMIT') \gset
SELECT is(pg_temp.one('clerk', format('SELECT national_id FROM gise.citizen_open_release(%s)', :async_token)),
          :'nid', 'set off again before COMMIT, the release still comes once the commit is flushed');
SELECT is(gise.wal_flushed_to(pg_current_wal_insert_lsn() + 1000000000, clock_timestamp() + interval '20 ms'),
          false, 'WAL not yet flushed far enough counts as not durable');
SELECT is(gise.xact_durable(pg_current_xact_id()), false, 'an open transaction is not durable');

-- 6. No direct SELECT on personal columns for any staff role, auditors included.
SELECT is((SELECT string_agg(format('%s.%s.%s', r.rolname, c.relname, a.attname), ', ')
           FROM pg_roles r
           CROSS JOIN pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'gise'
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           WHERE r.rolname IN ('gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin',
                               'ank_clerk1', 'ank_supervisor', 'ank_auditor', 'gise_admin1')
             AND c.relkind IN ('r', 'v', 'm', 'p', 'f') AND c.relname <> 'office'
             AND a.attname IN ('national_id', 'phone', 'email', 'address', 'birth_date', 'birth_place')
             AND has_column_privilege(r.oid, c.oid, a.attnum, 'SELECT')), NULL,
          'no staff role may SELECT an identity number, contact data, address or birth data');
SET SESSION AUTHORIZATION ank_auditor;
SELECT throws_ok('SELECT national_id FROM gise.citizen LIMIT 1', '42501', NULL, 'an auditor cannot SELECT citizens');
SELECT is((SELECT national_id_masked FROM gise.citizen_masked WHERE id = :cit), :'masked',
          'an auditor reads citizens masked');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok('SELECT phone FROM gise.citizen LIMIT 1', '42501', NULL, 'nor can an administrator');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT throws_ok('SELECT address FROM gise.citizen LIMIT 1', '42501', NULL, 'nor a supervisor');
RESET SESSION AUTHORIZATION;
SELECT pg_temp.one('auditor', format('SELECT gise.citizen_open_begin(%s, %L, %L)', :cit, 'audit', 'audit')) AS aud_token \gset
SELECT is(pg_temp.one('auditor', format('SELECT national_id FROM gise.citizen_open_release(%s)', :aud_token)), :'nid',
          'an auditor opens a full record in two steps');
SELECT is((SELECT purpose FROM gise.access_log WHERE id = :aud_token AND actor = 'ank_auditor'), 'audit',
          'and that opening is logged too');

-- 7. The unmasking attack: every number that fits the mask, as fast as
-- the database answers. The limit (30 a minute) stops it; every try is logged.
SELECT pg_temp.connect('attacker', 'ist_clerk2'), pg_temp.connect('watcher', 'ist_supervisor') \gset
SELECT dblink_exec('watcher', 'LISTEN gise_office_' || (SELECT office_id FROM gise.staff WHERE role_name = 'ist_supervisor')) \gset
CREATE TEMP TABLE candidate AS
SELECT n, row_number() OVER (ORDER BY n = :'nid', n) AS k FROM (
    SELECT substr(:'nid', 1, 3) || lpad(g::text, 6, '0') || substr(:'nid', 10, 2) AS n
    FROM generate_series(0, 999999) g) x
WHERE gise.national_id_valid(n);
SELECT count(*) AS candidates FROM candidate \gset
SELECT coalesce(max(id), 0) AS before_attack FROM gise.access_log \gset
SELECT pg_temp.one('attacker', format($$SELECT count(*) FROM unnest(%L::text[]) WITH ORDINALITY c(n, k),
    LATERAL gise.citizen_lookup_begin(c.n, 'counter', 'attack') ORDER BY 1$$,
    (SELECT array_agg(n ORDER BY k) FROM candidate))) AS begun \gset
SELECT pg_temp.one('attacker', format($q$DO $do$
    DECLARE t bigint; answered integer := 0; got integer := 0; refused integer := 0; found_nid boolean := false; h record;
    BEGIN
        FOR t IN SELECT unnest(%L::bigint[]) LOOP
            BEGIN
                FOR h IN SELECT * FROM gise.citizen_lookup_result(t) LOOP
                    got := got + 1;
                    found_nid := found_nid OR h.id = %s;
                END LOOP;
                answered := answered + 1;
            EXCEPTION WHEN SQLSTATE 'GS023' THEN refused := refused + 1;
            END;
        END LOOP;
        PERFORM set_config('attack.result', format('%%s answered, %%s found, %%s refused, real one found: %%s',
                                                    answered, got, refused, CASE WHEN found_nid THEN 'yes' ELSE 'no' END), false);
    END $do$$q$, (SELECT array_agg(id ORDER BY id) FROM gise.access_log WHERE id > :before_attack AND actor = 'ist_clerk2'),
    :cit)) \gset
SELECT is(pg_temp.one('attacker', $$SELECT current_setting('attack.result')$$),
          format('30 answered, 0 found, %s refused, real one found: no', :candidates - 30),
          'the unmasking attack gets 30 tries, then only refusals, and never the real number');
SELECT is((SELECT format('%s lookup, %s refused', count(*) FILTER (WHERE kind = 'lookup'), count(*) FILTER (WHERE kind = 'lookup_refused'))
           FROM gise.access_log WHERE id > :before_attack AND actor = 'ist_clerk2'),
          format('30 lookup, %s refused', :candidates - 30), 'every try is logged');
SELECT is((SELECT string_agg(extra, ' ') FROM dblink_get_notify('watcher')),
          (SELECT format('{"kind" : "lookup_limit", "id" : %s}', min(id)) FROM gise.access_log
           WHERE id > :before_attack AND actor = 'ist_clerk2' AND kind = 'lookup_refused'),
          'the office''s supervisors are told once, with ids only');
SET SESSION AUTHORIZATION ist_auditor;
SELECT is((SELECT format('%s %s %s', access_id, actor, national_id_masked) FROM gise.lookup_refusals(max_rows => 1000) LIMIT 1),
          (SELECT format('%s ist_clerk2 %s', max(id), :'masked') FROM gise.access_log WHERE actor = 'ist_clerk2'),
          'the refusals are in the auditors'' report, newest first');
SELECT is((SELECT count(*)::int FROM gise.lookup_refusals(max_rows => 1000)), 1000, 'as many as asked for');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_clerk1;
SELECT throws_ok('SELECT * FROM gise.lookup_refusals()', '42501', NULL, 'which a clerk cannot read');
RESET SESSION AUTHORIZATION;

-- 8. Two sessions of one login cannot race past the limit.
SELECT pg_temp.connect('racer_a', 'ist_clerk1'), pg_temp.connect('racer_b', 'ist_clerk1') \gset
SELECT dblink_exec('racer_a', 'BEGIN') \gset
SELECT is(pg_temp.one('racer_a', format($$SELECT count(*) FROM generate_series(1, 30) g,
    LATERAL gise.citizen_lookup_begin(CASE WHEN g > 0 THEN %L END, 'counter', 'race')$$, :'nid')), '30',
    'one session of a login makes 30 look-ups and has not committed yet');
SELECT dblink_send_query('racer_b', format($$SELECT gise.citizen_lookup_begin(%L, 'counter', 'race')$$, :'nid')) \gset
SELECT pg_sleep(0.3) \gset
SELECT is(dblink_is_busy('racer_b'), 1, 'a second session of the same login waits for the first');
SELECT dblink_exec('racer_a', 'COMMIT') \gset
SELECT pg_temp.result('racer_b') AS racer_b_token \gset
SELECT is((SELECT kind FROM gise.access_log WHERE id = :'racer_b_token'::bigint), 'lookup_refused',
          'and then counts its 30 look-ups: refused');
SELECT pg_temp.connect('rr_a', 'ank_clerk2'), pg_temp.connect('rr_b', 'ank_clerk2') \gset
SELECT dblink_exec('rr_a', 'BEGIN') \gset
SELECT pg_temp.one('rr_a', format('SELECT gise.citizen_lookup_begin(%L, %L, %L)', :'nid', 'counter', 'rr')) \gset
SELECT dblink_exec('rr_b', 'BEGIN ISOLATION LEVEL REPEATABLE READ') \gset
SELECT pg_temp.one('rr_b', 'SELECT count(*) FROM gise.access_purpose') \gset
SELECT dblink_send_query('rr_b', format('SELECT gise.citizen_lookup_begin(%L, %L, %L)', :'nid', 'counter', 'rr')) \gset
SELECT pg_sleep(0.2) \gset
SELECT dblink_exec('rr_a', 'COMMIT') \gset
SELECT is(pg_temp.result('rr_b'), 'ERROR 40001',
          'a REPEATABLE READ session, whose snapshot misses the other''s look-up, is refused (40001)');

SELECT * FROM finish();
ROLLBACK;
