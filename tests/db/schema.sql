-- Schema, value rules and privileges, tried against the real database.
-- Runs as the superuser inside a transaction that is rolled back; acts as
-- staff with SET SESSION AUTHORIZATION (gise checks session_user).
\set QUIET 1
BEGIN;
SELECT plan(76);

-- The whole data model is there.
SELECT has_table('gise', t, 'table gise.' || t || ' exists')
FROM unnest(ARRAY['office', 'staff', 'citizen', 'service', 'document_type', 'service_document',
                  'application', 'application_document', 'rejection_reason', 'deficiency_notice',
                  'deficiency_notice_item', 'decision', 'escalation', 'audit_log', 'access_log',
                  'holiday', 'holiday_year']) t;
SELECT has_role(r, 'group role ' || r || ' exists')
FROM unnest(ARRAY['gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin', 'gise_scheduler']) r;
SELECT is((SELECT count(*)::int FROM public.schema_migration WHERE version ~ '^[0-9]{4}_'),
          (SELECT count(*)::int FROM public.schema_migration), 'every applied migration is recorded by name');

-- Identity numbers: the checksum is the database's rule too.
SELECT ok(gise.national_id_valid('10000000146'), 'a valid identity number passes');
SELECT ok(NOT gise.national_id_valid('10000000147'), 'a wrong 11th digit fails');
SELECT ok(NOT gise.national_id_valid('10000000156'), 'a wrong 10th digit fails');
SELECT ok(NOT gise.national_id_valid('01234567890'), 'a leading zero fails');
SELECT ok(NOT gise.national_id_valid('1000000014'), 'ten digits fail');
SELECT ok(NOT gise.national_id_valid('1000000014a'), 'a letter fails');

PREPARE insert_citizen(text, text, text) AS
    INSERT INTO gise.citizen (national_id, given_name, family_name, birth_date)
    VALUES ($1, $2, $3, '1980-05-01');
SELECT throws_ok($$EXECUTE insert_citizen('10000000147', 'Ali', 'Veli')$$, '23514', NULL,
                 'a citizen with an invalid identity number is refused');
SELECT lives_ok($$EXECUTE insert_citizen('10000000146', 'Ali', 'Veli')$$,
                'a citizen with a valid identity number is stored');
SELECT throws_ok($$EXECUTE insert_citizen('10000000146', 'Ali', 'Veli')$$, '23505', NULL,
                 'the same identity number twice is refused');

-- Names: NFC only, no control or bidi characters, not blank, not too long.
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', U&'O\0308zge', 'Veli')$$, '23514', NULL,
                 'a decomposed (non-NFC) name is refused');
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', E'Ali\x1b[31m', 'Veli')$$, '23514', NULL,
                 'an escape sequence in a name is refused');
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', E'Ali\nVeli', 'Veli')$$, '23514', NULL,
                 'a line break in a name is refused');
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', U&'Ali\202Eilev', 'Veli')$$, '23514', NULL,
                 'a bidi override in a name is refused');
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', ' Ali', 'Veli')$$, '23514', NULL,
                 'a name with a leading blank is refused');
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', repeat('a', 101), 'Veli')$$, '23514', NULL,
                 'a 101-character name is refused');
SELECT throws_ok($$EXECUTE insert_citizen('10000000214', '---', 'Veli')$$, '23514', NULL,
                 'a name with nothing to search by is refused');
SELECT lives_ok($$EXECUTE insert_citizen('10000000214', 'İsmail Hakkı', 'Işıkçı-Öztürk')$$,
                'a Turkish double name with a hyphenated surname is stored');
SELECT is((SELECT given_key || '|' || family_key FROM gise.citizen WHERE national_id = '10000000214'),
          'ismail hakki|isikci ozturk', 'search keys are derived by the database');
SELECT throws_ok($$UPDATE gise.citizen SET given_key = 'x' WHERE national_id = '10000000214'$$,
                 '428C9', NULL, 'a search key cannot be written directly');
SELECT throws_ok($$INSERT INTO gise.citizen (national_id, given_name, family_name, birth_date, email)
                   VALUES ('10000000382', 'Ali', 'Veli', '1980-01-01', 'not-an-address')$$,
                 '23514', NULL, 'a malformed e-mail address is refused');

-- Applications: states and closing rules.
SELECT throws_ok($$INSERT INTO gise.application (number, citizen_id, service_id, office_id, status, due_date)
                   SELECT '2026-999999', c.id, s.id, 1, 'pending', current_date
                   FROM gise.citizen c, gise.service s LIMIT 1$$, '23514', NULL,
                 'an unknown application status is refused');
SELECT throws_ok($$INSERT INTO gise.application (number, citizen_id, service_id, office_id, status, due_date)
                   SELECT '2026-999999', c.id, s.id, 1, 'completed', current_date
                   FROM gise.citizen c, gise.service s LIMIT 1$$, '23514', NULL,
                 'a final state without a closing time is refused');
SELECT throws_ok($$INSERT INTO gise.decision (application_id, outcome, explanation, decided_by)
                   SELECT a.id, 'rejected', 'x', 1 FROM gise.application a LIMIT 1$$, '23514', NULL,
                 'a rejection without a reason code is refused');
SELECT throws_ok($$INSERT INTO gise.escalation (application_id, raised_by, reason, requested_outcome,
                                                decided_by, decided_at, decision, comment)
                   SELECT a.id, 1, 'r', 'approve', 1, now(), 'approved', 'ok' FROM gise.application a LIMIT 1$$,
                 '23514', NULL, 'nobody decides an escalation they raised');

-- Demo data: the catalogue the issue asks for, and every state.
SELECT cmp_ok((SELECT count(*)::int FROM gise.service), '>=', 8, 'at least 8 services');
SELECT cmp_ok((SELECT count(*)::int FROM gise.rejection_reason WHERE law <> '' AND article <> ''
               AND citizen_text_tr <> '' AND citizen_text_en <> ''), '>=', 12,
              'at least 12 rejection reasons with law, article and texts in both languages');
SELECT is((SELECT count(DISTINCT status)::int FROM gise.application), 9, 'applications exist in all 9 states');
SELECT is((SELECT count(*)::int FROM gise.office), 2, 'two offices');
SELECT is((SELECT array_agg(DISTINCT role_group ORDER BY role_group) FROM gise.staff
           WHERE office_id = (SELECT id FROM gise.office WHERE code = 'IST')),
          ARRAY['auditor', 'clerk', 'supervisor'], 'each office has clerks, a supervisor and an auditor');
SELECT ok((SELECT bool_and(given_name IS NFC NORMALIZED AND family_name IS NFC NORMALIZED) FROM gise.citizen),
          'every stored name is NFC');
SELECT ok((SELECT count(*) > 0 FROM gise.citizen WHERE given_name ~ ' ') AND
          (SELECT count(*) > 0 FROM gise.citizen WHERE family_name ~ '-') AND
          (SELECT count(*) > 0 FROM gise.citizen WHERE given_name || family_name ~ '[İışğçöüâ]'),
          'demo names include double names and Turkish letters');

-- Least privilege: what a clerk cannot do.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok('SELECT national_id FROM gise.citizen LIMIT 1', '42501', NULL,
                 'a clerk cannot read the citizen table directly');
SELECT throws_ok($$UPDATE gise.application SET status = 'approved'$$, '42501', NULL,
                 'a clerk cannot update application status directly');
SELECT throws_ok($$INSERT INTO gise.audit_log (action, entity, hash) VALUES ('x', 'y', '\x00')$$, '42501', NULL,
                 'a clerk cannot write the audit log');
SELECT throws_ok($$INSERT INTO gise.service (code, name_tr, name_en, sla_working_days, risk_level)
                   VALUES ('X1', 'x', 'x', 1, 'low')$$, '42501', NULL,
                 'a clerk cannot change the catalogue');
SELECT lives_ok('SELECT * FROM gise.service', 'a clerk reads the catalogue');
SELECT is((SELECT role_group FROM gise.whoami()), 'clerk', 'whoami names the clerk');
SELECT is((SELECT count(*)::int FROM (SELECT gise.citizen_open_begin(id, 'counter', 'test')
           FROM gise.citizen_search('ismail hakki isikci ozturk', 5) WHERE national_id_masked = '100******14') x), 1,
          'a clerk opens a citizen through citizen_open_begin (step two: tests/db/access_trace.sql)');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM gise.access_log a JOIN gise.citizen c ON c.id = a.citizen_id
           WHERE c.national_id = '10000000214' AND a.actor = 'ank_clerk1' AND a.screen = 'test'), 1,
          'opening a citizen wrote access_log with who and from where');

SET SESSION AUTHORIZATION ank_auditor;
SELECT lives_ok('SELECT count(*) FROM gise.citizen_masked', 'an auditor reads citizens, masked');
SELECT lives_ok('SELECT count(*) FROM gise.audit_log', 'an auditor reads the audit log');
SELECT throws_ok($$UPDATE gise.citizen SET phone = '+90 555 555 55 55'$$, '42501', NULL,
                 'an auditor changes nothing');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION gise_admin1;
SELECT lives_ok($$UPDATE gise.service SET sla_working_days = sla_working_days WHERE false$$,
                'an administrator may edit the catalogue');
SELECT throws_ok('SELECT national_id FROM gise.citizen LIMIT 1', '42501', NULL,
                 'an administrator does not read personal data directly');
RESET SESSION AUTHORIZATION;

-- A role that is not staff gets nothing, with a distinct code.
CREATE ROLE gise_test_stranger LOGIN IN ROLE gise_clerk;
SET SESSION AUTHORIZATION gise_test_stranger;
SELECT throws_ok('SELECT * FROM gise.whoami()', 'GS001', NULL, 'a role that is not staff is refused');
SELECT throws_ok($$SELECT * FROM gise.citizen_search('ali')$$, 'GS001', NULL,
                 'a role that is not staff cannot search');
RESET SESSION AUTHORIZATION;

-- The audit log is append-only and hash-chained (after commit, by the
-- chainer: 0015; tests/db/audit_chain.sql has the rest).
INSERT INTO gise.audit_log (action, entity, entity_id, details, hash) VALUES ('test', 'citizen', 1, '{"a": 1}', '\x00');
INSERT INTO gise.audit_log (action, entity, entity_id, details, hash) VALUES ('test', 'citizen', 2, '{"b": 2}', '\x00');
SELECT gise.chain_pending(1000000) \g /dev/null
SELECT is(gise.audit_verify(), NULL, 'the audit chain verifies');
SELECT ok((SELECT c2.prev_hash = c1.hash FROM gise.chain c1 JOIN gise.chain c2 ON c2.seq = c1.seq + 1
           WHERE c2.source = 'audit' AND c2.source_id = (SELECT max(id) FROM gise.audit_log)),
          'each row carries the previous row''s hash');
SELECT throws_ok('UPDATE gise.audit_log SET action = $$forged$$', 'GS010', NULL, 'audit rows cannot be updated');
SELECT throws_ok('DELETE FROM gise.audit_log', 'GS010', NULL, 'audit rows cannot be deleted');
SELECT throws_ok('TRUNCATE gise.audit_log', 'GS010', NULL, 'the audit log cannot be truncated');
SELECT throws_ok('DELETE FROM gise.access_log', 'GS010', NULL, 'access rows cannot be deleted');
-- Even past the guard (as a superuser disabling triggers), a forged row shows.
SET LOCAL session_replication_role = replica;
UPDATE gise.audit_log SET details = '{"a": 2}' WHERE id = (SELECT max(id) - 1 FROM gise.audit_log);
SET LOCAL session_replication_role = origin;
SELECT isnt(gise.audit_verify(), NULL, 'a forged audit row breaks the chain');

SELECT * FROM finish();
ROLLBACK;
