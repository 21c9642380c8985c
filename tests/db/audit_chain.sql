-- The audit trail proves itself (issue 13, point 3): rows are chained after
-- commit, in commit order, by the one chainer; no writer can fork the chain;
-- gise.audit_verify_all() lists every break; staff and catalogue changes
-- are audited in the same chain. Tampering as the owner against the seals
-- outside the database is tests/cli/audit_seal.t; load is
-- tests/db/audit_chain_load.t.
\set QUIET 1
\set ON_ERROR_STOP 1
CREATE EXTENSION IF NOT EXISTS dblink;
BEGIN;
SELECT plan(28);

-- Everything so far is chained and intact.
SELECT gise.chain_pending(1000000) \g /dev/null
SELECT is((SELECT count(*) FROM gise.audit_verify_all()), 0::bigint, 'the chain starts intact');
SELECT is(gise.chain_pending(), 0, 'a second run finds nothing to chain');

-- Writers only insert: no chain row until the chainer runs, then one each.
SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT code AS safe FROM gise.service WHERE risk_level = 'low' ORDER BY code LIMIT 1 \gset
SET SESSION AUTHORIZATION ank_clerk1;
SELECT (gise.application_open(gen_random_uuid(), :citizen, :'safe')).application_id AS app \gset
SELECT throws_ok('SELECT gise.chain_pending()', '42501', NULL, 'a clerk cannot run the chainer');
SELECT throws_ok($$INSERT INTO gise.chain VALUES (1000000, 'audit', 1, '\x00', '\x00', '\x00')$$, '42501', NULL,
                 'a clerk cannot write the chain');
SELECT throws_ok('SELECT * FROM gise.chain LIMIT 1', '42501', NULL, 'a clerk cannot read the chain');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*) FROM gise.chain c JOIN gise.audit_log a ON c.source = 'audit' AND a.id = c.source_id
           WHERE a.application_id = :app), 0::bigint, 'the writer chained nothing itself');
SELECT ok((SELECT hash IS NULL AND prev_hash IS NULL FROM gise.audit_log WHERE application_id = :app),
          'and left no inline hash behind');
SELECT ok(gise.chain_pending() >= 1, 'the chainer chains it');
SELECT is((SELECT count(*) FROM gise.chain c JOIN gise.audit_log a ON c.source = 'audit' AND a.id = c.source_id
           WHERE a.application_id = :app), 1::bigint, 'once');

-- The sealer's group may chain and read the chain, nothing else.
SET ROLE gise_sealer;
SELECT lives_ok('SELECT gise.chain_pending()', 'the sealer runs the chainer');
SELECT throws_ok('DELETE FROM gise.chain', '42501', NULL, 'but cannot delete from the chain');
SELECT throws_ok($$INSERT INTO gise.audit_log (action, entity) VALUES ('x', 'y')$$, '42501', NULL,
                 'nor write the audit log');
SELECT throws_ok('SELECT national_id FROM gise.citizen LIMIT 1', '42501', NULL, 'nor read citizens');
RESET ROLE;

-- Commit order, not id order: a row that commits later with a smaller id is
-- chained after the rows that committed before it, and never skipped.
SELECT dblink_connect('late', format('host=%s port=%s dbname=%s',
       split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'), current_database()))
       \g /dev/null
SELECT dblink_exec('late', 'BEGIN') \g /dev/null
SELECT id AS late FROM dblink('late', $$INSERT INTO gise.audit_log (action, entity, hash)
                                       VALUES ('test_late', 'test', '\x00') RETURNING id$$) AS t(id bigint) \gset
SELECT dblink_connect('early', format('host=%s port=%s dbname=%s',
       split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'), current_database()))
       \g /dev/null
SELECT id AS early FROM dblink('early', $$INSERT INTO gise.audit_log (action, entity) VALUES ('test_early', 'test')
                                         RETURNING id$$) AS t(id bigint) \gset
SELECT ok(:early > :late, 'the early commit has the larger id');
SELECT gise.chain_pending() \g /dev/null
SELECT gise.chain_pending() \g /dev/null
SELECT is((SELECT count(*) FROM gise.chain WHERE source = 'audit' AND source_id = :early), 1::bigint,
          'the committed row is chained at once');
SELECT is((SELECT count(*) FROM gise.chain WHERE source = 'audit' AND source_id = :late), 0::bigint,
          'the open one is not');
SELECT ok((SELECT low_water < :late FROM gise.chain_state WHERE source = 'audit'),
          'the low water stays below a row whose transaction is still open');
SELECT dblink_exec('late', 'COMMIT') \g /dev/null
SELECT gise.chain_pending() \g /dev/null
SELECT ok((SELECT seq FROM gise.chain WHERE source = 'audit' AND source_id = :late) >
          (SELECT seq FROM gise.chain WHERE source = 'audit' AND source_id = :early),
          'the late commit is chained after the early one, though its id is smaller');
SELECT dblink_disconnect('late') \g /dev/null
SELECT dblink_disconnect('early') \g /dev/null

-- A fork needs two chain rows on the same head; the chain refuses the
-- second even from the owner, and no writer can make one: the chainer
-- itself refuses to run where its snapshot could be stale.
SELECT seq AS head, hash AS head_hash FROM gise.chain ORDER BY seq DESC LIMIT 1 \gset
SELECT throws_ok(format($$INSERT INTO gise.chain (seq, source, source_id, row_hash, prev_hash, hash)
                          VALUES (%s, 'audit', -1, '\x00', (SELECT prev_hash FROM gise.chain WHERE seq = %s), '\x00')$$,
                        :head + 1, :head), '23505', NULL, 'a second row on the same prev_hash is refused (no fork)');
SELECT dblink_connect('rr', format('host=%s port=%s dbname=%s',
       split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'), current_database()))
       \g /dev/null
SELECT dblink_exec('rr', 'BEGIN ISOLATION LEVEL REPEATABLE READ') \g /dev/null
-- This test holds the chainer's lock: wait a while, not forever.
SELECT dblink_exec('rr', 'SET lock_timeout = ''5s''') \g /dev/null
SELECT is((SELECT code FROM dblink('rr', $$SELECT 'ok'::text FROM gise.chain_pending()$$, false) AS t(code text)),
          NULL, 'the chainer does not run in REPEATABLE READ') ;
SELECT is(dblink_error_message('rr') ~ 'READ COMMITTED', true, 'it says why (GS150)');
SELECT dblink_disconnect('rr') \g /dev/null

-- Staff and catalogue changes are audited in the same chain, whoever makes
-- them: who, what, old and new.
UPDATE gise.staff SET role_group = 'supervisor' WHERE role_name = 'ank_clerk1';
SELECT ok((SELECT details -> 'old' ->> 'role_group' = 'clerk' AND details -> 'new' ->> 'role_group' = 'supervisor'
                  AND details -> 'changed' = '["role_group"]' AND actor = session_user
           FROM gise.audit_log WHERE action = 'staff_update' ORDER BY id DESC LIMIT 1),
          'a staff change is audited: who, old and new, which column');
UPDATE gise.office SET phone = '+90 312 000 00 00' WHERE code = 'ANK';
UPDATE gise.service SET risk_level = 'low' WHERE code = :'safe';
UPDATE gise.rejection_reason SET needs_supervisor = NOT needs_supervisor
 WHERE code = (SELECT min(code) FROM gise.rejection_reason);
UPDATE gise.document_type SET name_en = name_en || ' (x)' WHERE id = (SELECT min(id) FROM gise.document_type);
DELETE FROM gise.service_document WHERE (service_id, document_type_id) =
       (SELECT service_id, document_type_id FROM gise.service_document ORDER BY 1, 2 LIMIT 1);
SELECT is((SELECT array_agg(DISTINCT action ORDER BY action) FROM gise.audit_log
           WHERE action IN ('office_update', 'service_update', 'rejection_reason_update', 'document_type_update',
                            'service_document_delete')),
          ARRAY['document_type_update', 'office_update', 'rejection_reason_update', 'service_document_delete',
                'service_update'],
          'office, service, reason and document changes are audited');
SELECT ok(gise.chain_pending() >= 6, 'and chained');

-- Tampering as the owner: every break is listed, not only the first.
ALTER TABLE gise.audit_log DISABLE TRIGGER audit_log_append_only;
SELECT ok((SELECT details ->> 'statement' ~ 'DISABLE TRIGGER audit_log_append_only' FROM gise.audit_log
           WHERE action = 'schema_change' ORDER BY id DESC LIMIT 1),
          'disabling the append-only trigger leaves its own audit row');
ALTER TABLE gise.chain DISABLE TRIGGER chain_append_only;
SELECT min(source_id) AS a1, max(source_id) AS a2 FROM gise.chain WHERE source = 'audit' \gset
UPDATE gise.audit_log SET details = details || '{"x": 1}' WHERE id = :a1;
DELETE FROM gise.audit_log WHERE id = :a2;
SELECT seq AS mid FROM gise.chain ORDER BY seq OFFSET 3 LIMIT 1 \gset
DELETE FROM gise.chain WHERE seq = :mid;
SELECT ok((SELECT array_agg(kind) FROM gise.audit_verify_all()) @> ARRAY['gap', 'link', 'row_changed', 'row_missing'],
          'a rewritten row, a deleted row and a removed chain link are each reported');
SELECT count(*) AS breaks FROM gise.audit_verify_all() \gset
SET SESSION AUTHORIZATION ank_auditor;
SELECT is((SELECT count(*) FROM gise.audit_verify_all()), :breaks::bigint, 'an auditor sees the same breaks');
SELECT ok(gise.audit_verify() IS NOT NULL, 'the old single answer names the first');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
