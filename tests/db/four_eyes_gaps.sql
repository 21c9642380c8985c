-- Four eyes without gaps (0016), tried as the wrong people: an escalated
-- approval with unchecked mandatory documents, a rule waived that may not
-- be, a supervisor approving a high-risk application alone or
-- countersigning their own, an administrator writing gise.staff, moving a
-- clerk's office or role mid-session, and a direct GRANT that only
-- gise.staff_drift() can see. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(68);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT id AS ank FROM gise.office WHERE code = 'ANK' \gset
SELECT id AS ist FROM gise.office WHERE code = 'IST' \gset
SELECT code AS reason FROM gise.rejection_reason WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1 \gset
SELECT code AS medium FROM gise.service WHERE risk_level = 'medium' AND active ORDER BY code LIMIT 1 \gset
SELECT code AS high FROM gise.service WHERE risk_level = 'high' AND active ORDER BY code LIMIT 1 \gset
SELECT id AS clerk1 FROM gise.staff WHERE role_name = 'ank_clerk1' \gset
SELECT id AS super1 FROM gise.staff WHERE role_name = 'ank_supervisor' \gset
SELECT id AS super2 FROM gise.staff WHERE role_name = 'ank_supervisor2' \gset

-- In review as whoever is signed in; `checked`: every document received and checked.
CREATE FUNCTION pg_temp.in_review(service text, citizen bigint, checked boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
    code text;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    IF checked THEN
        FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                    WHERE ad.application_id = app LOOP
            PERFORM gise.document_mark(gen_random_uuid(), app, (SELECT version FROM gise.application WHERE id = app),
                                       code, true, true);
        END LOOP;
    END IF;
    RETURN app;
END $$;
CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
CREATE FUNCTION pg_temp.status(app bigint) RETURNS text LANGUAGE sql AS
    $$ SELECT status FROM gise.application WHERE id = app $$;
GRANT EXECUTE ON FUNCTION pg_temp.in_review(text, bigint, boolean), pg_temp.v(bigint), pg_temp.status(bigint) TO PUBLIC;

-- 1. An escalated approval meets every rule a direct one does -----------------

SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:'medium', :citizen, false) AS unchecked \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :unchecked, pg_temp.v(:unchecked),
                       'Belgeler eksik ama onay istiyorum.', 'approve'),
                'a clerk escalates an application whose mandatory documents are not checked, asking for approval');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT throws_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :unchecked, pg_temp.v(:unchecked),
                        'approved', 'Onaylıyorum.'), 'GS104',
                 'every mandatory document must be received and checked before approval',
                 'the supervisor cannot approve it through the escalation: the documents rule was not waived');
SELECT is(pg_temp.status(:unchecked), 'escalated', 'it stays escalated');
SELECT is((SELECT count(*)::int FROM gise.decision WHERE application_id = :unchecked), 0, 'and no decision is written');
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :unchecked, pg_temp.v(:unchecked),
                       'denied', 'Önce belgeler kontrol edilsin.'), 'denying it is possible');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :unchecked,
                        pg_temp.v(:unchecked), 'İki imza gerekmesin.', 'approve', '{countersign_high_risk}'),
                 'GS104', 'an escalation waives only waivable approval rules', 'the four-eyes rules are never waivable');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :unchecked,
                        pg_temp.v(:unchecked), 'Kural yok.', 'approve', '{no_such_rule}'),
                 'GS104', 'an escalation waives only waivable approval rules', 'nor a rule that does not exist');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, %L, %L)', :unchecked,
                        pg_temp.v(:unchecked), 'Ret.', 'reject', :'reason', '{documents_checked}'),
                 'GS104', 'a requested rejection waives no approval rule', 'a rejection waives nothing');
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :unchecked,
                       pg_temp.v(:unchecked), 'Vatandaşın belgesi kayboldu; belge şartından muafiyet istiyorum.',
                       'approve', '{documents_checked}'),
                'the clerk escalates again, naming the documents rule as waived');
SELECT is((SELECT waives FROM gise.escalation WHERE application_id = :unchecked ORDER BY id DESC LIMIT 1),
          '{documents_checked}', 'the escalation records the rule it asks to waive');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :unchecked, pg_temp.v(:unchecked),
                       'approved', 'Muafiyet uygundur.'), 'the supervisor approves the escalation with its waiver');
SELECT is(pg_temp.status(:unchecked), 'approved', 'the application is approved');
SELECT is((SELECT waived FROM gise.decision WHERE application_id = :unchecked), '{documents_checked}',
          'the decision records what was waived');
SELECT ok((SELECT rule LIKE 'escalation % approved by a supervisor; waived: documents_checked' FROM gise.decision
           WHERE application_id = :unchecked), 'and its rule says so');
RESET SESSION AUTHORIZATION;

-- An exception waives a rule for the approval that follows, and only that rule.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:'medium', :citizen, false) AS excepted \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L, NULL, %L)', :excepted,
                       pg_temp.v(:excepted), 'Belge muafiyeti.', 'exception', '{documents_checked}'),
                'a clerk asks for an exception from the documents rule');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT pg_temp.in_review(:'medium', :citizen, false) AS plain \gset
SELECT throws_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :plain, pg_temp.v(:plain)),
                 'GS104', NULL, 'without an exception a supervisor does not approve with unchecked documents');
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :excepted, pg_temp.v(:excepted),
                       'approved', 'İstisna uygundur.'), 'the supervisor grants the exception');
SELECT is(pg_temp.status(:excepted), 'in_review', 'it goes back to review');
SELECT lives_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :excepted, pg_temp.v(:excepted)),
                'the approval that follows honours the waiver');
SELECT is((SELECT waived FROM gise.decision WHERE application_id = :excepted), '{documents_checked}',
          'and records it');
RESET SESSION AUTHORIZATION;

-- 2. A high-risk approval needs two supervisors --------------------------------

SET SESSION AUTHORIZATION ank_supervisor;
SELECT pg_temp.in_review(:'high', :citizen, true) AS alone \gset
SELECT lives_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s, %L)', :alone, pg_temp.v(:alone),
                       'Uygundur.'), 'a supervisor approves a high-risk application');
SELECT is(pg_temp.status(:alone), 'awaiting_countersign', 'it is not approved: it waits for a countersignature');
SELECT is((SELECT count(*)::int FROM gise.decision WHERE application_id = :alone), 0, 'no decision yet');
SELECT throws_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :alone, pg_temp.v(:alone),
                        'countersigned', 'Kendim imzalıyorum.'), 'GS108', 'nobody countersigns an approval they gave',
                 'the supervisor cannot countersign their own approval');
SELECT throws_ok(format('SELECT gise.application_complete(gen_random_uuid(), %s, %s)', :alone, pg_temp.v(:alone)),
                 'GS101', NULL, 'nor complete the application as if it were approved');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :alone, pg_temp.v(:alone),
                        'countersigned', 'x'), '42501', NULL, 'a clerk cannot countersign');
RESET SESSION AUTHORIZATION;
SELECT pg_temp.v(:alone) AS alone_version \gset
SET SESSION AUTHORIZATION ist_supervisor;
SELECT throws_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :alone, :alone_version,
                        'countersigned', 'x'), 'GS107', NULL,
                 'a supervisor of an office that does not countersign for it cannot');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT is((SELECT string_agg(application_number, ',') FROM gise.countersign_queue() WHERE application_id = :alone),
          (SELECT number FROM gise.application WHERE id = :alone), 'the second supervisor finds it in the countersign queue');
SELECT lives_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :alone, pg_temp.v(:alone),
                       'countersigned', 'İkinci imza: uygundur.'), 'the second supervisor countersigns');
SELECT is(pg_temp.status(:alone), 'approved', 'now it is approved');
SELECT is((SELECT decided_by || '/' || countersigned_by FROM gise.decision WHERE application_id = :alone),
          :super1 || '/' || :super2, 'the decision names both supervisors');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT count(*)::int FROM gise.countersign_queue()), 0, 'nobody finds their own approval in the queue');
RESET SESSION AUTHORIZATION;

-- Through an escalation: the one who asked does not countersign either.
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT pg_temp.in_review(:'high', :citizen, true) AS asked \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :asked, pg_temp.v(:asked),
                       'Onay istiyorum.', 'approve'), 'a supervisor escalates a high-risk application');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :asked, pg_temp.v(:asked),
                       'approved', 'Uygundur.'), 'another supervisor approves the escalation');
SELECT is(pg_temp.status(:asked), 'awaiting_countersign', 'an escalated high-risk approval waits for a countersignature too');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT throws_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :asked, pg_temp.v(:asked),
                        'countersigned', 'x'), 'GS108', 'nobody countersigns an approval they asked for',
                 'the one who asked for the approval cannot countersign it');
RESET SESSION AUTHORIZATION;
-- An office with one supervisor free names the office that countersigns for it.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok($$SELECT gise.office_set_countersign('ANK', 'IST')$$, '42501', NULL,
                 'a clerk does not choose who countersigns');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok(format('UPDATE gise.office SET countersign_office_id = %s WHERE code = %L', :ist, 'ANK'), '42501', NULL,
                 'nor does an administrator write the column directly');
SELECT lives_ok($$SELECT gise.office_set_countersign('ANK', 'IST')$$,
                'an administrator names IST as the office that countersigns for ANK');
RESET SESSION AUTHORIZATION;
SELECT ok(EXISTS (SELECT FROM gise.audit_log WHERE action = 'office_set_countersign' AND actor = 'gise_admin1'),
          'audited');
SET SESSION AUTHORIZATION ist_supervisor;
SELECT throws_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, %s, %L)', :asked, pg_temp.v(:asked),
                        'x'), 'GS107', NULL, 'the countersigning office takes no other step on it');
SELECT lives_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :asked, pg_temp.v(:asked),
                       'countersigned', 'Karşı imza.'), 'a supervisor of the named office countersigns');
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.status(:asked), 'approved', 'approved by two supervisors, neither of whom asked');
-- Past the functions, the table refuses a high-risk approval by one supervisor.
SELECT throws_ok(format($q$INSERT INTO gise.decision (application_id, outcome, explanation, decided_by)
                          VALUES (%s, 'approved', 'x', %s)$q$, :alone, :super1), 'GS108', NULL,
                 'even the owner cannot write a high-risk approval with one signature');

-- 3. Powers have one source: gise.staff -----------------------------------------

SELECT is((SELECT count(*)::int FROM information_schema.role_table_grants
           WHERE table_schema = 'gise' AND table_name = 'staff' AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
             AND grantee <> (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'gise.staff'::regclass)), 0,
          'nobody but the owner may write gise.staff');
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok($$UPDATE gise.staff SET role_group = 'supervisor' WHERE role_name = 'ank_clerk1'$$, '42501', NULL,
                 'an administrator cannot make a clerk a supervisor with UPDATE');
SELECT throws_ok(format('UPDATE gise.staff SET office_id = %s WHERE role_name = %L', :ist, 'ank_clerk1'), '42501', NULL,
                 'nor move a clerk''s office');
SELECT throws_ok($$INSERT INTO gise.staff (role_name, display_name, office_id, role_group) VALUES ('x', 'X', 1, 'admin')$$,
                 '42501', NULL, 'nor insert a staff row');
SELECT throws_ok($$SELECT gise.staff_set_role('gise_admin1', 'supervisor')$$, 'GS108', NULL,
                 'nobody changes their own staff row');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT throws_ok($$SELECT gise.staff_set_role('ank_clerk1', 'supervisor')$$, '42501', NULL,
                 'only administrators call the staff functions');
RESET SESSION AUTHORIZATION;

-- A clerk moved mid-session reads the new office at once, and nothing of the old one.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:'medium', :citizen, false) AS old_office_app \gset
SELECT pg_temp.v(:old_office_app) AS old_version \gset
SELECT is((SELECT count(*)::int FROM gise.application WHERE office_id = :ist), 0, 'a clerk of ANK reads no IST application');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT lives_ok(format('SELECT gise.staff_move(%L, %s::smallint)', 'ank_clerk1', :ist), 'an administrator moves the clerk to IST');
RESET SESSION AUTHORIZATION;
SELECT ok((SELECT details->'before'->>'office_id' = :'ank' AND details->'after'->>'office_id' = :'ist'
           FROM gise.audit_log WHERE action = 'staff_move' AND actor = 'gise_admin1' ORDER BY id DESC LIMIT 1),
          'the move is audited with what it was and what it is');
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT count(*)::int FROM gise.application WHERE office_id = :ank), 0,
          'the moved clerk reads nothing of the old office any more');
SELECT throws_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :old_office_app,
                        :old_version, 'x', 'approve'), 'GS107', NULL, 'nor acts on it');
RESET SESSION AUTHORIZATION;

-- A supervisor demoted mid-session loses the powers at the next call.
SET SESSION AUTHORIZATION gise_admin1;
SELECT lives_ok($$SELECT gise.staff_set_role('ank_supervisor2', 'clerk')$$, 'an administrator makes a supervisor a clerk');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT string_agg(r.rolname, ',' ORDER BY r.rolname) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
           WHERE m.member = 'ank_supervisor2'::regrole), 'gise_clerk', 'the group membership follows the table');
SELECT ok(EXISTS (SELECT FROM gise.audit_log WHERE action = 'staff_set_role' AND entity = 'staff' AND entity_id = :super2
                  AND details->'after'->>'role_group' = 'clerk'), 'the change is audited');
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT throws_ok('SELECT * FROM gise.countersign_queue()', '42501', NULL, 'the demoted supervisor has nothing to countersign');
RESET SESSION AUTHORIZATION;

-- A direct GRANT: no trace but in staff_drift, and no power from it.
-- (Other tests leave a role that is no staff in gise_clerk: only these roles are looked at.)
SELECT is((SELECT count(*)::int FROM gise.staff_drift() WHERE role_name IN (SELECT role_name FROM gise.staff)), 0,
          'the table and the groups agree');
GRANT gise_supervisor TO ank_clerk2;
GRANT gise_auditor TO ank_clerk2;
SET SESSION AUTHORIZATION ank_clerk2;
SELECT pg_temp.in_review(:'high', :citizen, true) AS granted \gset
SELECT throws_ok(format('SELECT gise.application_approve(gen_random_uuid(), %s, %s)', :granted, pg_temp.v(:granted)),
                 'GS103', NULL, 'a clerk with a direct GRANT of gise_supervisor still cannot approve a high-risk application');
SELECT is((SELECT count(*)::int FROM gise.application WHERE office_id = :ist), 0,
          'nor read another office with a direct GRANT of gise_auditor');
SELECT is((SELECT count(*)::int FROM gise.decision d JOIN gise.application a ON a.id = d.application_id
           WHERE a.office_id = :ist), 0, 'nor its decisions');
RESET SESSION AUTHORIZATION;
CREATE ROLE gise_test_drifter LOGIN IN ROLE gise_clerk;
REVOKE gise_clerk FROM ank_clerk1;
INSERT INTO gise.staff (role_name, display_name, office_id, role_group)
VALUES ('gise_test_ghost', 'Hayalet', :ank, 'clerk');
SET SESSION AUTHORIZATION ank_auditor;
SELECT is((SELECT string_agg(concat_ws(' ', role_name, drift, coalesce(staff_group, '-'), member_of), '; ')
           FROM gise.staff_drift() WHERE role_name IN (SELECT role_name FROM gise.staff) OR role_name = 'gise_test_drifter'),
          'ank_clerk1 missing_membership gise_clerk; '
          || 'ank_clerk2 unexpected_membership gise_clerk gise_auditor; '
          || 'ank_clerk2 unexpected_membership gise_clerk gise_supervisor; '
          || 'gise_test_drifter unexpected_membership - gise_clerk; '
          || 'gise_test_ghost no_login_role gise_clerk',
          'an auditor sees every drift: direct GRANTs, a REVOKE, a role that is not staff, a row with no role');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok('SELECT * FROM gise.staff_drift()', '42501', NULL, 'a clerk does not read the drift');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT lives_ok($$SELECT gise.staff_set_active('ank_clerk2', false)$$, 'an administrator disables a staff member');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT count(*)::int FROM pg_auth_members m WHERE m.member = 'ank_clerk2'::regrole
           AND m.roleid IN ('gise_clerk'::regrole, 'gise_supervisor'::regrole, 'gise_auditor'::regrole, 'gise_admin'::regrole)), 0,
          'which takes every staff group away, the granted ones too');
SET SESSION AUTHORIZATION ank_clerk2;
SELECT throws_ok('SELECT * FROM gise.whoami()', '42501', NULL, 'a disabled staff member can do nothing');
RESET SESSION AUTHORIZATION;

SELECT * FROM finish();
ROLLBACK;
