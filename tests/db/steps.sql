-- Which steps a role may take on an application, asked of the database
-- (0012_steps.sql, 0016), tried against the lifecycle functions themselves.
-- For every state, services of every risk, a clerk, a supervisor, the
-- supervisor who raised the escalation, a supervisor of the office that
-- countersigns for this one and an auditor, each of the ten steps is really
-- taken (inside a savepoint, undone): application_steps must call it allowed
-- exactly when the lifecycle function takes it, and give the reason whose
-- SQLSTATE the function refuses it with. Then the office boundary, the
-- summary, the staff's powers and the grants. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(286);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT id AS ank FROM gise.office WHERE code = 'ANK' \gset
SELECT id AS ist FROM gise.office WHERE code = 'IST' \gset
SELECT code AS reason FROM gise.rejection_reason WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1 \gset

-- The catalogue ties a service's risk to whether its rejections need a
-- supervisor; a fourth service separates the two rules: low risk, but
-- rejections reserved for a supervisor.
INSERT INTO gise.service (code, name_tr, name_en, sla_working_days, risk_level, rejection_needs_supervisor)
VALUES ('TEST_LOW_GUARDED', 'Deneme hizmeti', 'Test service', 5, 'low', true);
INSERT INTO gise.service_document (service_id, document_type_id, mandatory, position)
SELECT s.id, dt.id, true, 1 FROM gise.service s, gise.document_type dt
WHERE s.code = 'TEST_LOW_GUARDED' AND dt.code = 'NUFUS_CUZDANI';

-- A second supervisor of the office, to decide the first one's escalation
-- and countersign the first one's high-risk approvals.
CREATE ROLE gise_test_super2 LOGIN IN ROLE gise_supervisor;
INSERT INTO gise.staff (role_name, display_name, office_id, role_group)
VALUES ('gise_test_super2', 'Deniz Deneme', :ank, 'supervisor');
CREATE ROLE gise_test_stranger2 LOGIN IN ROLE gise_clerk;

-- One application per service and state, brought there by the lifecycle
-- functions; the label starts with the state it is in.
CREATE TEMP TABLE fx (service text, label text, id bigint, missing text, deadline date, reason text,
                      PRIMARY KEY (service, label));
CREATE TEMP TABLE seen (actor name, service text, label text, step text, ord integer, allowed boolean,
                       why text, outcome text);
GRANT ALL ON fx, seen TO PUBLIC;

-- Takes one step as whoever is signed in, with valid input, on the current version.
CREATE FUNCTION pg_temp.take(step text, app bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    f record;
    v integer;
BEGIN
    SELECT * INTO f FROM fx WHERE fx.id = app;
    SELECT a.version INTO v FROM gise.application a WHERE a.id = app;
    CASE step
    WHEN 'review' THEN
        PERFORM gise.application_start_review(gen_random_uuid(), app, v);
    WHEN 'deficiency' THEN
        PERFORM gise.deficiency_issue(gen_random_uuid(), app, v, ARRAY[f.missing], f.deadline,
                                      'Belgeyi getiriniz.');
    WHEN 'arrived' THEN
        PERFORM gise.documents_arrived(gen_random_uuid(), app, v);
    WHEN 'approve' THEN
        PERFORM gise.application_approve(gen_random_uuid(), app, v, 'Uygundur.');
    WHEN 'reject' THEN
        PERFORM gise.application_reject(gen_random_uuid(), app, v, f.reason, 'Gerekçesi yazıldı.');
    WHEN 'escalate' THEN
        PERFORM gise.application_escalate(gen_random_uuid(), app, v, 'Onay isteniyor.', 'approve');
    WHEN 'decide' THEN
        PERFORM gise.escalation_decide(gen_random_uuid(), app, v, 'denied', 'Yeniden incelensin.');
    WHEN 'countersign' THEN
        PERFORM gise.application_countersign(gen_random_uuid(), app, v, 'countersigned', 'İkinci imza.');
    WHEN 'complete' THEN
        PERFORM gise.application_complete(gen_random_uuid(), app, v);
    WHEN 'withdraw' THEN
        PERFORM gise.application_withdraw(gen_random_uuid(), app, v, 'Vatandaş vazgeçti.');
    END CASE;
    RETURN 'done';
END $$;

-- Takes it and undoes it: 'ok', or the SQLSTATE it was refused with.
CREATE FUNCTION pg_temp.outcome(step text, app bigint) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.take(step, app);
    RAISE EXCEPTION 'taken; undone' USING ERRCODE = 'ZZ000';
EXCEPTION WHEN OTHERS THEN
    RETURN CASE WHEN SQLSTATE = 'ZZ000' THEN 'ok' ELSE SQLSTATE END;
END $$;

-- What the lifecycle function must answer when application_steps says `why`:
-- a role without EXECUTE on it is refused by PostgreSQL itself.
CREATE FUNCTION pg_temp.predicted(actor name, step text, why text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE
        WHEN why IS NULL THEN 'ok'
        WHEN NOT has_function_privilege(actor, f.fn, 'EXECUTE') THEN '42501'
        ELSE CASE why WHEN 'state' THEN 'GS101' WHEN 'needs_supervisor' THEN 'GS103'
                      WHEN 'not_supervisor' THEN 'GS103' WHEN 'own_escalation' THEN 'GS108'
                      WHEN 'no_open_escalation' THEN 'GS106' WHEN 'own_approval' THEN 'GS108'
                      WHEN 'no_open_countersign' THEN 'GS106' WHEN 'other_office' THEN 'GS107'
                      ELSE 'an unknown reason: ' || why END
    END
    FROM (VALUES ('review', 'gise.application_start_review(uuid, bigint, integer)'),
                 ('deficiency', 'gise.deficiency_issue(uuid, bigint, integer, text[], date, text, text)'),
                 ('arrived', 'gise.documents_arrived(uuid, bigint, integer)'),
                 ('approve', 'gise.application_approve(uuid, bigint, integer, text, text)'),
                 ('reject', 'gise.application_reject(uuid, bigint, integer, text, text, text)'),
                 ('escalate', 'gise.application_escalate(uuid, bigint, integer, text, text, text)'),
                 ('decide', 'gise.escalation_decide(uuid, bigint, integer, text, text)'),
                 ('countersign', 'gise.application_countersign(uuid, bigint, integer, text, text)'),
                 ('complete', 'gise.application_complete(uuid, bigint, integer)'),
                 ('withdraw', 'gise.application_withdraw(uuid, bigint, integer, text)')) AS f (step, fn)
    WHERE f.step = predicted.step
$$;

-- Every document received and checked, so that approval is not refused for a missing one.
CREATE FUNCTION pg_temp.check_all(app bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE code text;
BEGIN
    FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                WHERE ad.application_id = app ORDER BY dt.code LOOP
        PERFORM gise.document_mark(gen_random_uuid(), app, (SELECT version FROM gise.application WHERE id = app),
                                   code, true, true);
    END LOOP;
    RETURN 'done';
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.take(text, bigint), pg_temp.outcome(text, bigint),
    pg_temp.predicted(name, text, text), pg_temp.check_all(bigint) TO PUBLIC;

SET SESSION AUTHORIZATION ank_clerk1;
INSERT INTO fx (service, label, id, reason)
SELECT s, l, (gise.application_open(gen_random_uuid(), :citizen, s)).application_id, :'reason'
FROM unnest(ARRAY['IKAMETGAH_BELGESI', 'TEST_LOW_GUARDED', 'KIMLIK_YENILEME', 'YAPI_RUHSATI']) s,
     unnest(ARRAY['received', 'in_review', 'awaiting_documents', 'escalated by the clerk',
                  'escalated by the supervisor', 'escalated, nothing open', 'approved', 'rejected',
                  'completed', 'withdrawn', 'lapsed']) l;
-- Waiting for a countersignature: only a high-risk service gets there.
INSERT INTO fx (service, label, id, reason)
SELECT 'YAPI_RUHSATI', l, (gise.application_open(gen_random_uuid(), :citizen, 'YAPI_RUHSATI')).application_id, :'reason'
FROM unnest(ARRAY['awaiting_countersign, first by the supervisor', 'awaiting_countersign, asked by the supervisor',
                  'awaiting_countersign, nothing open']) l;
UPDATE fx SET deadline = (SELECT d.earliest FROM gise.deficiency_deadline(fx.id) d),
              missing = (SELECT min(dt.code) FROM gise.application_document ad
                         JOIN gise.document_type dt ON dt.id = ad.document_type_id WHERE ad.application_id = fx.id);
SELECT count(pg_temp.check_all(id)) AS ignored FROM fx \gset
SELECT count(pg_temp.take('review', id)) AS ignored FROM fx WHERE label NOT IN ('received', 'withdrawn') \gset
SELECT count(pg_temp.take('deficiency', id)) AS ignored FROM fx WHERE label IN ('awaiting_documents', 'lapsed') \gset
SELECT count(pg_temp.take('escalate', id)) AS ignored FROM fx
WHERE label IN ('escalated by the clerk', 'escalated, nothing open') \gset
SELECT count(pg_temp.take('withdraw', id)) AS ignored FROM fx WHERE label = 'withdrawn' \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT count(pg_temp.take('escalate', id)) AS ignored FROM fx WHERE label = 'escalated by the supervisor' \gset
SELECT count(pg_temp.take('approve', id)) AS ignored FROM fx
WHERE label IN ('approved', 'completed', 'awaiting_countersign, first by the supervisor',
                'awaiting_countersign, nothing open') \gset
SELECT count(pg_temp.take('reject', id)) AS ignored FROM fx WHERE label = 'rejected' \gset
SELECT count(pg_temp.take('escalate', id)) AS ignored FROM fx WHERE label = 'awaiting_countersign, asked by the supervisor' \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_test_super2;
-- A high-risk approval is countersigned by the second supervisor.
SELECT count(pg_temp.take('countersign', id)) AS ignored FROM fx
WHERE label IN ('approved', 'completed') AND service = 'YAPI_RUHSATI' \gset
SELECT count(gise.escalation_decide(gen_random_uuid(), id, (SELECT version FROM gise.application a WHERE a.id = fx.id),
                                    'approved', 'Uygundur.')) AS ignored
FROM fx WHERE label = 'awaiting_countersign, asked by the supervisor' \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT count(pg_temp.take('complete', id)) AS ignored FROM fx WHERE label = 'completed' \gset
RESET SESSION AUTHORIZATION;
-- The deadline passes; and an escalated application whose escalation is
-- gone (data from before the escalation table, or mended by hand).
UPDATE gise.deficiency_notice SET deadline = current_date - 1
WHERE resolved_at IS NULL AND application_id IN (SELECT id FROM fx WHERE label = 'lapsed');
SELECT gise.lapse_overdue() AS ignored \gset
DELETE FROM gise.escalation WHERE application_id IN (SELECT id FROM fx WHERE label = 'escalated, nothing open');
UPDATE gise.countersign SET cancelled_at = now()
WHERE application_id IN (SELECT id FROM fx WHERE label = 'awaiting_countersign, nothing open');

SELECT is((SELECT count(*)::int FROM fx JOIN gise.application a ON a.id = fx.id
           WHERE a.status = substring(fx.label FROM '^[a-z_]+')), 47,
          'the 47 fixtures (4 services, 11 situations, 3 more of a high-risk one) are in the states they are named after');

-- The matrix: each actor asks, then takes every step of every fixture.
SET SESSION AUTHORIZATION ank_clerk1;
INSERT INTO seen SELECT session_user, f.service, f.label, s.step, s.ord, s.allowed, s.why, pg_temp.outcome(s.step, f.id)
FROM fx f CROSS JOIN LATERAL gise.application_steps(f.id) WITH ORDINALITY AS s (step, allowed, why, ord);
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
INSERT INTO seen SELECT session_user, f.service, f.label, s.step, s.ord, s.allowed, s.why, pg_temp.outcome(s.step, f.id)
FROM fx f CROSS JOIN LATERAL gise.application_steps(f.id) WITH ORDINALITY AS s (step, allowed, why, ord);
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_test_super2;
INSERT INTO seen SELECT session_user, f.service, f.label, s.step, s.ord, s.allowed, s.why, pg_temp.outcome(s.step, f.id)
FROM fx f CROSS JOIN LATERAL gise.application_steps(f.id) WITH ORDINALITY AS s (step, allowed, why, ord);
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
INSERT INTO seen SELECT session_user, f.service, f.label, s.step, s.ord, s.allowed, s.why, pg_temp.outcome(s.step, f.id)
FROM fx f CROSS JOIN LATERAL gise.application_steps(f.id) WITH ORDINALITY AS s (step, allowed, why, ord);
RESET SESSION AUTHORIZATION;
-- IST's supervisors countersign for ANK while the matrix runs for one of them.
UPDATE gise.office SET countersign_office_id = :ist WHERE id = :ank;
SET SESSION AUTHORIZATION ist_supervisor;
INSERT INTO seen SELECT session_user, f.service, f.label, s.step, s.ord, s.allowed, s.why, pg_temp.outcome(s.step, f.id)
FROM fx f CROSS JOIN LATERAL gise.application_steps(f.id) WITH ORDINALITY AS s (step, allowed, why, ord);
RESET SESSION AUTHORIZATION;
UPDATE gise.office SET countersign_office_id = NULL WHERE id = :ank;

-- 235 tests: what the lifecycle functions did (have) against what
-- application_steps said they would do (want), step by step.
SELECT is(string_agg(x.step || ' ' || x.outcome, ', ' ORDER BY x.ord),
          string_agg(x.step || ' ' || pg_temp.predicted(x.actor, x.step, x.why), ', ' ORDER BY x.ord),
          format('%s on %s, %s: the lifecycle functions take exactly the steps application_steps allows, '
                 'and refuse the others for its reasons', x.actor, x.service, x.label))
FROM seen x GROUP BY x.actor, x.service, x.label ORDER BY x.actor, x.service, x.label;

SELECT is((SELECT count(*)::int FROM seen), 5 * 47 * 10, 'every actor got ten steps for every fixture');
SELECT is((SELECT count(*)::int FROM (SELECT FROM seen GROUP BY actor, service, label
                                      HAVING string_agg(step, ' ' ORDER BY ord) IS DISTINCT FROM
                                             'review deficiency arrived approve reject escalate decide countersign complete withdraw') x), 0,
          'the steps always come in the same order');
SELECT is((SELECT count(*)::int FROM seen WHERE allowed IS DISTINCT FROM (why IS NULL)), 0,
          'a step is allowed exactly when it has no reason against it');
SELECT is((SELECT array_agg(DISTINCT why COLLATE "C" ORDER BY why COLLATE "C") FILTER (WHERE why IS NOT NULL) FROM seen),
          ARRAY['needs_supervisor', 'no_open_countersign', 'no_open_escalation', 'not_supervisor', 'other_office',
                'own_approval', 'own_escalation', 'read_only', 'state'],
          'the matrix meets every reason, and no other');
SELECT is((SELECT array_agg(step ORDER BY min_ord) FROM (SELECT step, min(ord) AS min_ord FROM seen GROUP BY step
                                                     HAVING bool_or(allowed) AND bool_or(NOT allowed)) x),
          ARRAY['review', 'deficiency', 'arrived', 'approve', 'reject', 'escalate', 'decide', 'countersign', 'complete',
                'withdraw'],
          'every step is allowed somewhere and refused somewhere in the matrix');
SELECT is((SELECT count(*)::int FROM seen WHERE actor = 'ank_auditor' AND why = 'read_only'), 47 * 10,
          'an auditor gets read_only for every step of every application');
SELECT is((SELECT string_agg(actor || ', ' || label || ': ' || coalesce(why, 'allowed'), '; '
                             ORDER BY actor COLLATE "C", label COLLATE "C") FROM seen
           WHERE service = 'YAPI_RUHSATI' AND label LIKE 'escalated%' AND step = 'decide'
             AND actor NOT IN ('ank_auditor', 'ist_supervisor')),
          'ank_clerk1, escalated by the clerk: not_supervisor; ank_clerk1, escalated by the supervisor: not_supervisor; '
          || 'ank_clerk1, escalated, nothing open: not_supervisor; '
          || 'ank_supervisor, escalated by the clerk: allowed; ank_supervisor, escalated by the supervisor: own_escalation; '
          || 'ank_supervisor, escalated, nothing open: no_open_escalation; '
          || 'gise_test_super2, escalated by the clerk: allowed; gise_test_super2, escalated by the supervisor: allowed; '
          || 'gise_test_super2, escalated, nothing open: no_open_escalation',
          'deciding: never a clerk, never the one who raised it, only while it is open');
SELECT is((SELECT string_agg(service || ' ' || step || ' ' || coalesce(why, 'allowed'), ', ' ORDER BY service COLLATE "C", ord) FROM seen
           WHERE actor = 'ank_clerk1' AND label = 'in_review' AND step IN ('approve', 'reject', 'escalate')),
          'IKAMETGAH_BELGESI approve allowed, IKAMETGAH_BELGESI reject allowed, IKAMETGAH_BELGESI escalate allowed, '
          || 'KIMLIK_YENILEME approve needs_supervisor, KIMLIK_YENILEME reject allowed, KIMLIK_YENILEME escalate allowed, '
          || 'TEST_LOW_GUARDED approve allowed, TEST_LOW_GUARDED reject needs_supervisor, TEST_LOW_GUARDED escalate allowed, '
          || 'YAPI_RUHSATI approve needs_supervisor, YAPI_RUHSATI reject needs_supervisor, YAPI_RUHSATI escalate allowed',
          'a clerk approves alone only low risk, rejects alone only where the service allows, and may always escalate');
SELECT is((SELECT string_agg(actor || ', ' || label || ': ' || coalesce(why, 'allowed'), '; '
                             ORDER BY actor COLLATE "C", label COLLATE "C") FROM seen
           WHERE label LIKE 'awaiting_countersign%' AND step = 'countersign' AND actor <> 'ank_auditor'),
          'ank_clerk1, awaiting_countersign, asked by the supervisor: not_supervisor; '
          || 'ank_clerk1, awaiting_countersign, first by the supervisor: not_supervisor; '
          || 'ank_clerk1, awaiting_countersign, nothing open: not_supervisor; '
          || 'ank_supervisor, awaiting_countersign, asked by the supervisor: own_approval; '
          || 'ank_supervisor, awaiting_countersign, first by the supervisor: own_approval; '
          || 'ank_supervisor, awaiting_countersign, nothing open: no_open_countersign; '
          || 'gise_test_super2, awaiting_countersign, asked by the supervisor: own_approval; '
          || 'gise_test_super2, awaiting_countersign, first by the supervisor: allowed; '
          || 'gise_test_super2, awaiting_countersign, nothing open: no_open_countersign; '
          || 'ist_supervisor, awaiting_countersign, asked by the supervisor: allowed; '
          || 'ist_supervisor, awaiting_countersign, first by the supervisor: allowed; '
          || 'ist_supervisor, awaiting_countersign, nothing open: no_open_countersign',
          'countersigning: a supervisor who neither gave nor asked for the approval, of the office or the one named for it');
SELECT is((SELECT count(*)::int FROM seen WHERE actor = 'ist_supervisor' AND step <> 'countersign' AND why = 'other_office'),
          47 * 9, 'the countersigning office takes no other step on any application');
SELECT is((SELECT string_agg(DISTINCT label, ', ') FROM seen WHERE step = 'approve' AND outcome = 'ok'
           AND service = 'YAPI_RUHSATI' AND actor = 'ank_supervisor'), 'in_review',
          'a supervisor''s approval of a high-risk service is allowed from review only (it then waits)');

-- Another office: refused as the lifecycle functions refuse it; auditors read every office.
SELECT id AS in_review FROM fx WHERE service = 'IKAMETGAH_BELGESI' AND label = 'in_review' \gset
SELECT id AS completed FROM fx WHERE service = 'IKAMETGAH_BELGESI' AND label = 'completed' \gset
SELECT id AS lapsed FROM fx WHERE service = 'YAPI_RUHSATI' AND label = 'lapsed' \gset
SELECT id AS own_escalation FROM fx WHERE service = 'YAPI_RUHSATI' AND label = 'escalated by the supervisor' \gset
SELECT max(id) + 1000 AS unknown FROM gise.application \gset
SET SESSION AUTHORIZATION ist_clerk1;
SELECT throws_ok(format('SELECT * FROM gise.application_steps(%s)', :in_review), 'GS107', NULL,
                 'a clerk of another office gets no steps: GS107');
SELECT throws_ok(format('SELECT * FROM gise.application_steps_summary(%s)', :in_review), 'GS107', NULL,
                 'nor a summary');
SELECT is(pg_temp.outcome('review', :in_review), 'GS107', 'as the lifecycle function refuses them');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_supervisor;
SELECT throws_ok(format('SELECT * FROM gise.application_steps(%s)', :own_escalation), 'GS107', NULL,
                 'a supervisor of another office gets no steps either');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format('SELECT * FROM gise.application_steps(%s)', :unknown), 'GS106', NULL,
                 'an unknown application: GS106');
SELECT throws_ok(format('SELECT * FROM gise.application_steps_summary(%s)', :unknown), 'GS106', NULL,
                 'and no summary');
SELECT is(pg_temp.outcome('withdraw', :unknown), 'GS106', 'as the lifecycle function answers');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_auditor;
SELECT is((SELECT string_agg(step || ' ' || allowed || ' ' || why, ', ' ORDER BY n)
           FROM gise.application_steps(:in_review) WITH ORDINALITY AS s (step, allowed, why, n)),
          'review false read_only, deficiency false read_only, arrived false read_only, approve false read_only, '
          || 'reject false read_only, escalate false read_only, decide false read_only, countersign false read_only, '
          || 'complete false read_only, withdraw false read_only', 'an auditor of another office reads the steps: read_only, every one');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_test_stranger2;
SELECT throws_ok(format('SELECT * FROM gise.application_steps(%s)', :in_review), 'GS001', NULL,
                 'a role that is not staff is refused');
SELECT throws_ok('SELECT * FROM gise.staff_powers()', 'GS001', NULL, 'and has no powers');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok(format('SELECT * FROM gise.application_steps(%s)', :in_review), '42501', NULL,
                 'an administrator does not read applications, nor their steps');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT array_agg(DISTINCT coalesce(gise.step_refusal(a, s, r.step), 'allowed'))
           FROM gise.application a, gise.staff s, gise.step_rule() r
           WHERE a.id = :in_review AND s.role_name = 'gise_admin1'),
          ARRAY['read_only'], 'were one to ask, every step is read_only for an administrator');
SET SESSION AUTHORIZATION ank_clerk1;
SELECT throws_ok(format($q$SELECT gise.step_refusal(a, gise.require_staff(), 'review') FROM gise.application a
                          WHERE a.id = %s$q$, :in_review), '42501', NULL, 'the helpers are not for clients');
RESET SESSION AUTHORIZATION;

-- The summary: what to say when no step is allowed.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT row(none_reason, status)::text FROM gise.application_steps_summary(:in_review)), '(,in_review)',
          'a summary is empty while a step is allowed');
SELECT is((SELECT row(none_reason, status)::text FROM gise.application_steps_summary(:completed)), '(state,completed)',
          'a completed application: nothing is possible in its state, which it names');
SELECT is((SELECT row(none_reason, status)::text FROM gise.application_steps_summary(:lapsed)), '(state,lapsed)',
          'a lapsed one too');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT row(none_reason, status)::text FROM gise.application_steps_summary(:own_escalation)), '(,escalated)',
          'a supervisor''s own escalation leaves a step (withdrawal), so no summary');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
SELECT is((SELECT row(none_reason, status)::text FROM gise.application_steps_summary(:in_review)), '(read_only,in_review)',
          'an auditor: read only');
RESET SESSION AUTHORIZATION;
-- For every actor and fixture: a summary exactly when no step is allowed.
CREATE TEMP TABLE summary_seen (actor name, id bigint, none_reason text, status text);
GRANT ALL ON summary_seen TO PUBLIC;
SET SESSION AUTHORIZATION ank_clerk1;
INSERT INTO summary_seen SELECT session_user, f.id, s.* FROM fx f, gise.application_steps_summary(f.id) s;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
INSERT INTO summary_seen SELECT session_user, f.id, s.* FROM fx f, gise.application_steps_summary(f.id) s;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_test_super2;
INSERT INTO summary_seen SELECT session_user, f.id, s.* FROM fx f, gise.application_steps_summary(f.id) s;
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
INSERT INTO summary_seen SELECT session_user, f.id, s.* FROM fx f, gise.application_steps_summary(f.id) s;
RESET SESSION AUTHORIZATION;
UPDATE gise.office SET countersign_office_id = :ist WHERE id = :ank;
SET SESSION AUTHORIZATION ist_supervisor;
INSERT INTO summary_seen SELECT session_user, f.id, s.* FROM fx f, gise.application_steps_summary(f.id) s;
RESET SESSION AUTHORIZATION;
UPDATE gise.office SET countersign_office_id = NULL WHERE id = :ank;
SELECT is((SELECT count(*)::int FROM summary_seen m JOIN fx f ON f.id = m.id JOIN gise.application a ON a.id = m.id
           WHERE (m.none_reason IS NULL) = (SELECT bool_or(allowed) FROM seen x
                                            WHERE x.actor = m.actor AND x.service = f.service AND x.label = f.label)
             AND m.status = a.status), 5 * 47,
          'for every actor and fixture, a summary comes exactly when no step is allowed, with the status');
SELECT is((SELECT array_agg(DISTINCT (m.actor || ' ' || coalesce(m.none_reason, '-')) COLLATE "C"
                     ORDER BY (m.actor || ' ' || coalesce(m.none_reason, '-')) COLLATE "C")
           FROM summary_seen m),
          ARRAY['ank_auditor read_only', 'ank_clerk1 -', 'ank_clerk1 state', 'ank_supervisor -', 'ank_supervisor state',
                'gise_test_super2 -', 'gise_test_super2 state', 'ist_supervisor -', 'ist_supervisor other_office'],
          'counter staff are told "state" for closed applications, auditors "read_only", '
          || 'the countersigning office "other_office"');

-- The staff's powers, so the client compares no role names.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT row(p.*)::text FROM gise.staff_powers() p), '(t,f,f)', 'a clerk changes applications');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((SELECT row(p.*)::text FROM gise.staff_powers() p), '(t,t,f)', 'a supervisor also decides escalations');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_auditor;
SELECT is((SELECT row(p.*)::text FROM gise.staff_powers() p), '(f,f,t)', 'an auditor reads every office');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT is((SELECT row(p.*)::text FROM gise.staff_powers() p), '(f,f,f)', 'an administrator does none of these');
SELECT is((SELECT string_agg(attname, ' ' ORDER BY attnum) FROM pg_attribute
           WHERE attrelid = 'gise.staff_powers_row'::regclass AND attnum > 0),
          'changes_applications decides_escalations reads_every_office', 'the powers are named');
RESET SESSION AUTHORIZATION;

-- Like the other read functions: stable, run as the owner with a fixed
-- search path, executable by the staff who read applications and nobody else.
SELECT is((SELECT string_agg(p.proname || ' ' || p.provolatile::text || ' ' || p.prosecdef || ' ' || array_to_string(p.proconfig, ';'),
                             ', ' ORDER BY p.proname)
           FROM pg_proc p WHERE p.pronamespace = 'gise'::regnamespace
             AND p.proname IN ('application_steps', 'application_steps_summary', 'staff_powers')),
          'application_steps s true search_path=pg_catalog, gise, application_steps_summary s true search_path=pg_catalog, gise, '
          || 'staff_powers s true search_path=pg_catalog, gise',
          'stable, security definer, with a fixed search path');
SELECT is((SELECT count(*)::int FROM pg_proc p LEFT JOIN LATERAL aclexplode(p.proacl) acl ON true
           WHERE p.pronamespace = 'gise'::regnamespace
             AND p.proname IN ('application_steps', 'application_steps_summary', 'staff_powers', 'step_refusal',
                               'step_rule', 'powers_of', 'application_seen')
             AND (p.proacl IS NULL OR acl.grantee = 0)), 0, 'PUBLIC executes none of the new functions');
SELECT function_privs_are('gise', 'application_steps', ARRAY['bigint'], r, CASE WHEN r = 'gise_admin' THEN '{}'::text[] ELSE ARRAY['EXECUTE'] END,
                          'application_steps: ' || r)
FROM unnest(ARRAY['gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin']) r;
SELECT function_privs_are('gise', 'application_steps_summary', ARRAY['bigint'], r, CASE WHEN r = 'gise_admin' THEN '{}'::text[] ELSE ARRAY['EXECUTE'] END,
                          'application_steps_summary: ' || r)
FROM unnest(ARRAY['gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin']) r;
SELECT function_privs_are('gise', 'staff_powers', '{}'::text[], r, ARRAY['EXECUTE'], 'staff_powers: ' || r)
FROM unnest(ARRAY['gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin']) r;

SELECT * FROM finish();
ROLLBACK;
