-- Four eyes without gaps (issue 13, point 4). Tried as an attacker with a
-- staff login, the rules of 0005/0009 had holes: an approval through an
-- escalation skipped "every mandatory document checked"; a supervisor
-- approved a high-risk application alone; an administrator could UPDATE
-- gise.staff (role group, office) and the clerk then approved or read what
-- the table never gave them, with no trace. This migration closes them:
--
--   1. Approval rules are a coded list (gise.approval_rule). An escalation
--      names the rules it asks to waive; only waivable ones may be named;
--      the supervisor's decision and the approval record what was waived,
--      and every other rule is checked whichever way the approval comes.
--   2. A high-risk approval needs two distinct supervisors: the first
--      approval leaves the application awaiting_countersign; the
--      countersignature (never by the first approver, nor by the one who
--      asked for the approval) approves it. An office with one supervisor
--      names the office whose supervisors countersign for it
--      (gise.office.countersign_office_id).
--   3. A staff member's powers have one source, gise.staff: nobody but the
--      owner writes it; administrators change it through the audited
--      functions below, which also derive the PostgreSQL group membership.
--      gise.staff_drift() lists every difference between the two (a direct
--      GRANT leaves no other trace). Row-level security and every function
--      read the staff table, never the group membership, so a role that is
--      a member of the wrong group gains nothing from it.
--
-- SQLSTATEs added to the list in 0005:
--   GS108  now also: nobody countersigns an approval they gave or asked for,
--          and nobody changes their own staff row

-- 1. The approval rules ------------------------------------------------------

CREATE TABLE gise.approval_rule (
    code      text PRIMARY KEY CONSTRAINT approval_rule_code_format CHECK (code ~ '^[a-z][a-z_]{1,39}$'),
    title_tr  text NOT NULL CONSTRAINT approval_rule_title_tr_text CHECK (gise.line_text_ok(title_tr, 160)),
    title_en  text NOT NULL CONSTRAINT approval_rule_title_en_text CHECK (gise.line_text_ok(title_en, 160)),
    -- Whether a supervisor may waive it through an escalation. The rules of
    -- who signs are never waivable: they are the four eyes themselves.
    waivable  boolean NOT NULL
);
INSERT INTO gise.approval_rule (code, title_tr, title_en, waivable) VALUES
    ('documents_checked', 'Zorunlu belgelerin tamamı alındı ve kontrol edildi',
     'Every mandatory document received and checked', true),
    ('supervisor_for_risk', 'Düşük riskli olmayan hizmeti süpervizör onaylar',
     'A service above low risk is approved by a supervisor', false),
    ('countersign_high_risk', 'Yüksek riskli hizmetin onayını ikinci bir süpervizör imzalar',
     'A high-risk approval is countersigned by a second supervisor', false);

-- What an escalation asks to waive, and what an approval waived. Only the
-- functions write these columns (no table grants), and they accept only
-- waivable codes of gise.approval_rule.
ALTER TABLE gise.escalation ADD COLUMN waives text[] NOT NULL DEFAULT '{}';
ALTER TABLE gise.escalation ADD CONSTRAINT escalation_waives_not_for_rejection
    CHECK (requested_outcome <> 'reject' OR waives = '{}');
ALTER TABLE gise.decision ADD COLUMN waived text[] NOT NULL DEFAULT '{}';
ALTER TABLE gise.decision ADD COLUMN countersigned_by integer REFERENCES gise.staff;
ALTER TABLE gise.decision ADD CONSTRAINT decision_countersigned_by_another
    CHECK (countersigned_by IS NULL OR countersigned_by <> decided_by);

-- 2. Countersignatures ---------------------------------------------------------

ALTER TABLE gise.office ADD COLUMN countersign_office_id smallint REFERENCES gise.office;
ALTER TABLE gise.office ADD CONSTRAINT office_countersign_elsewhere
    CHECK (countersign_office_id IS DISTINCT FROM id);

ALTER TABLE gise.application DROP CONSTRAINT application_status_known;
ALTER TABLE gise.application ADD CONSTRAINT application_status_known CHECK (status IN
    ('received', 'in_review', 'awaiting_documents', 'lapsed', 'escalated', 'awaiting_countersign',
     'approved', 'rejected', 'completed', 'withdrawn'));

-- The first signature of a high-risk approval, waiting for the second.
CREATE TABLE gise.countersign (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint NOT NULL REFERENCES gise.application,
    approved_by     integer NOT NULL REFERENCES gise.staff,
    approved_at     timestamptz NOT NULL DEFAULT now(),
    explanation     text NOT NULL DEFAULT '' CONSTRAINT countersign_explanation_text CHECK (gise.note_text_ok(explanation, 4000)),
    rule            text NOT NULL,
    escalation_id   bigint REFERENCES gise.escalation,
    asked_by        integer REFERENCES gise.staff,     -- who raised the escalation, if any
    waived          text[] NOT NULL DEFAULT '{}',
    decided_by      integer REFERENCES gise.staff,
    decided_at      timestamptz,
    decision        text CONSTRAINT countersign_decision_known CHECK (decision IN ('countersigned', 'refused')),
    comment         text CONSTRAINT countersign_comment_text CHECK (gise.note_text_ok(comment, 4000)),
    cancelled_at    timestamptz,
    CONSTRAINT countersign_four_eyes CHECK
        (decided_by IS NULL OR (decided_by <> approved_by AND decided_by IS DISTINCT FROM asked_by)),
    CONSTRAINT countersign_decided_together CHECK
        ((decided_by IS NULL) = (decided_at IS NULL) AND (decided_by IS NULL) = (decision IS NULL)
         AND (decided_by IS NULL OR btrim(coalesce(comment, '')) <> '')),
    CONSTRAINT countersign_cancelled_undecided CHECK (cancelled_at IS NULL OR decided_at IS NULL)
);
CREATE INDEX countersign_open_idx ON gise.countersign (application_id)
    WHERE decided_at IS NULL AND cancelled_at IS NULL;
CREATE TRIGGER countersign_append_only BEFORE DELETE OR TRUNCATE ON gise.countersign
    FOR EACH STATEMENT EXECUTE FUNCTION gise.append_only();

-- What row-level security needs of the signed-in staff member, from the
-- staff table: their office when they are active counter staff (clerk or
-- supervisor), and whether they are an active auditor. NULL and false for
-- anyone else, whatever groups their role is a member of.
CREATE FUNCTION gise.my_counter_office() RETURNS smallint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT s.office_id FROM gise.staff s WHERE s.role_name = session_user AND s.active
        AND s.role_group IN ('clerk', 'supervisor'));

CREATE FUNCTION gise.i_am_auditor() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN EXISTS (SELECT FROM gise.staff s WHERE s.role_name = session_user AND s.active
               AND s.role_group = 'auditor');

-- The offices whose high-risk approvals the signed-in staff member may
-- countersign: as an active supervisor, their own and every office that
-- names theirs. Empty for anyone else.
CREATE FUNCTION gise.countersign_offices() RETURNS smallint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT coalesce(array_agg(o.id), '{}') FROM gise.office o JOIN gise.staff me
            ON me.role_name = session_user AND me.active AND me.role_group = 'supervisor'
        WHERE o.id = me.office_id OR o.countersign_office_id = me.office_id);

-- The offices whose applications the signed-in counter staff member reads:
-- their own, and for a supervisor those they countersign for. One array,
-- so that row-level security is one index condition (an OR of two was a
-- filter over every row of the index, 2-3 times slower).
CREATE FUNCTION gise.my_read_offices() RETURNS smallint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT CASE WHEN gise.my_counter_office() IS NULL THEN '{}'::smallint[]
                    ELSE array_append(array_remove(gise.countersign_offices(), gise.my_counter_office()),
                                      gise.my_counter_office()) END);

-- Who reads an application, from the staff table alone: counter staff of
-- its office, supervisors who countersign for its office, auditors. (0005
-- let any active staff row of the office through, whatever its group.)
CREATE OR REPLACE FUNCTION gise.may_read_application(office_id smallint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN EXISTS (SELECT FROM gise.staff me WHERE me.role_name = session_user AND me.active
               AND (me.role_group = 'auditor'
                    OR (me.role_group IN ('clerk', 'supervisor') AND me.office_id = may_read_application.office_id)))
    OR may_read_application.office_id = ANY (gise.countersign_offices());

-- Row-level security from the staff table, not from the group a role is a
-- member of: a clerk given gise_auditor by a direct GRANT still reads only
-- their office. The sub-selects run once per query (an InitPlan).
ALTER POLICY application_own_office ON gise.application
    USING (office_id = ANY ((SELECT gise.my_read_offices())::smallint[]));
ALTER POLICY application_auditor ON gise.application
    USING ((SELECT gise.i_am_auditor()));
ALTER POLICY auditor ON gise.application_document USING ((SELECT gise.i_am_auditor()));
ALTER POLICY auditor ON gise.deficiency_notice USING ((SELECT gise.i_am_auditor()));
ALTER POLICY auditor ON gise.deficiency_notice_item USING ((SELECT gise.i_am_auditor()));
ALTER POLICY auditor ON gise.decision USING ((SELECT gise.i_am_auditor()));
ALTER POLICY auditor ON gise.escalation USING ((SELECT gise.i_am_auditor()));

ALTER TABLE gise.countersign ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_office ON gise.countersign FOR SELECT TO gise_clerk, gise_supervisor
    USING (EXISTS (SELECT FROM gise.application a WHERE a.id = application_id));
CREATE POLICY auditor ON gise.countersign FOR SELECT TO gise_auditor
    USING ((SELECT gise.i_am_auditor()));

-- Locks the application as 0005's application_lock does; a countersigner
-- may be a supervisor of the office that countersigns for the
-- application's office.
CREATE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
                                      allowed text[], action text, countersigning boolean)
RETURNS gise.application
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    a gise.application;
    who text;
    at_ timestamptz;
BEGIN
    SELECT * INTO a FROM gise.application x WHERE x.id = application_lock.application_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % does not exist', application_id USING ERRCODE = 'GS106';
    END IF;
    IF a.office_id IS DISTINCT FROM gise.my_office()
       AND NOT (countersigning AND a.office_id = ANY (gise.countersign_offices())) THEN
        RAISE EXCEPTION 'application % belongs to another office', a.number USING ERRCODE = 'GS107';
    END IF;
    IF expected_version IS DISTINCT FROM a.version THEN
        SELECT coalesce(s.display_name, l.actor), l.at INTO who, at_
        FROM gise.audit_log l LEFT JOIN gise.staff s ON s.role_name = l.actor
        WHERE l.application_id = a.id ORDER BY l.id DESC LIMIT 1;
        RAISE EXCEPTION 'application % was changed by % at %', a.number, coalesce(who, '?'),
            coalesce(to_char(at_ AT TIME ZONE 'Europe/Istanbul', 'DD.MM.YYYY HH24:MI'), '?')
            USING ERRCODE = 'GS102',
                  DETAIL = json_build_object('who', who, 'at', at_, 'status', a.status,
                                             'version', a.version)::text;
    END IF;
    IF NOT a.status = ANY (allowed) THEN
        RAISE EXCEPTION 'application % is %: % is not possible now', a.number, a.status, action
            USING ERRCODE = 'GS101', DETAIL = json_build_object('status', a.status)::text;
    END IF;
    RETURN a;
END
$$;

CREATE OR REPLACE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
                                                 allowed text[], action text)
RETURNS gise.application
LANGUAGE sql SET search_path = pg_catalog, gise
RETURN gise.application_lock(application_id, expected_version, allowed, action, false);

-- The rules an approval of `a` waives: those an approved escalation of it
-- named (an exception decided earlier, or the escalation being decided).
CREATE FUNCTION gise.approval_waivers(application_id bigint) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
RETURN (SELECT coalesce(array_agg(DISTINCT w ORDER BY w), '{}')
        FROM gise.escalation e, unnest(e.waives) w
        WHERE e.application_id = approval_waivers.application_id AND e.decision = 'approved');

-- Every rule of an approval that is about the application, not about who
-- signs, checked unless waived: today "every mandatory document received
-- and checked" (GS104 otherwise).
CREATE FUNCTION gise.approval_check(a gise.application, waived text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF NOT 'documents_checked' = ANY (waived)
       AND EXISTS (SELECT FROM gise.application_document ad
                   JOIN gise.service_document sd ON sd.service_id = a.service_id
                                                 AND sd.document_type_id = ad.document_type_id
                   WHERE ad.application_id = a.id AND sd.mandatory AND ad.checked_at IS NULL) THEN
        RAISE EXCEPTION 'every mandatory document must be received and checked before approval'
            USING ERRCODE = 'GS104';
    END IF;
END
$$;

-- The approval signed by `me` (the rules already checked): a high-risk
-- service waits for a countersignature, anything else is approved now.
CREATE FUNCTION gise.approval_sign(a gise.application, me gise.staff, explanation text, letter text,
                                   rule text, waived text[], escalation_id bigint, asked_by integer,
                                   action text, details jsonb)
RETURNS gise.action_result
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    cs_id bigint;
BEGIN
    IF (SELECT s.risk_level FROM gise.service s WHERE s.id = a.service_id) = 'high' THEN
        INSERT INTO gise.countersign (application_id, approved_by, explanation, rule, escalation_id,
                                      asked_by, waived)
        VALUES (a.id, me.id, coalesce(explanation, ''), rule, escalation_id, asked_by, waived)
        RETURNING id INTO cs_id;
        RETURN gise.application_move(a, 'awaiting_countersign', action,
            coalesce(details, '{}') || jsonb_build_object('rule', rule, 'waived', to_jsonb(waived),
                                                          'countersign', cs_id));
    END IF;
    INSERT INTO gise.decision (application_id, outcome, explanation, rule, decided_by, letter_text, waived)
    VALUES (a.id, 'approved', coalesce(explanation, ''), rule, me.id, letter, waived);
    RETURN gise.application_move(a, 'approved', action,
        coalesce(details, '{}') || jsonb_build_object('rule', rule, 'waived', to_jsonb(waived)));
END
$$;

-- A direct approval (0005), with the rules from one place: every rule
-- checked unless an approved exception waived it; a clerk approves alone
-- only a low-risk service; a high-risk one waits for a countersignature.
CREATE OR REPLACE FUNCTION gise.application_approve(request_id uuid, application_id bigint, version integer,
                                                    explanation text DEFAULT '', letter text DEFAULT NULL)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'approve', me.id);
    a gise.application;
    risk text;
    rule text;
    waived text[];
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['in_review'], 'approval');
    waived := gise.approval_waivers(a.id);
    PERFORM gise.approval_check(a, waived);
    SELECT s.risk_level INTO risk FROM gise.service s WHERE s.id = a.service_id;
    IF me.role_group = 'supervisor' THEN
        rule := 'supervisor';
    ELSIF risk = 'low' THEN
        rule := 'low risk: every mandatory document checked';
    ELSE
        RAISE EXCEPTION 'approving a % risk service needs a supervisor: escalate the application', risk
            USING ERRCODE = 'GS103';
    END IF;
    IF waived <> '{}' THEN
        rule := rule || '; waived by an approved exception: ' || array_to_string(waived, ', ');
    END IF;
    RETURN gise.request_finish(request_id,
        gise.approval_sign(a, me, explanation, letter, rule, waived, NULL, NULL, 'approve', NULL));
END
$$;

-- Escalation naming the rules it asks to waive (codes of gise.approval_rule
-- that are waivable; none for a requested rejection).
CREATE FUNCTION gise.application_escalate(request_id uuid, application_id bigint, version integer,
                                          reason text, requested_outcome text,
                                          requested_reason_code text, waives text[])
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'escalate', me.id);
    a gise.application;
    asked text[] := coalesce(waives, '{}');
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    IF cardinality(asked) > 8 THEN
        RAISE EXCEPTION 'an escalation waives at most 8 rules' USING ERRCODE = 'GS104';
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['in_review'], 'escalation');
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'an escalation needs a reason' USING ERRCODE = 'GS104';
    END IF;
    IF requested_outcome IS NULL OR requested_outcome NOT IN ('approve', 'reject', 'exception') THEN
        RAISE EXCEPTION 'the requested outcome is approve, reject or exception' USING ERRCODE = 'GS104';
    END IF;
    IF requested_outcome = 'reject' AND NOT EXISTS
           (SELECT FROM gise.rejection_reason rr WHERE rr.code = requested_reason_code AND rr.active) THEN
        RAISE EXCEPTION 'a requested rejection needs a reason from the catalogue' USING ERRCODE = 'GS104';
    END IF;
    IF requested_outcome = 'reject' AND asked <> '{}' THEN
        RAISE EXCEPTION 'a requested rejection waives no approval rule' USING ERRCODE = 'GS104';
    END IF;
    IF EXISTS (SELECT FROM unnest(asked) w
               WHERE w IS NULL OR NOT EXISTS (SELECT FROM gise.approval_rule r WHERE r.code = w AND r.waivable)) THEN
        RAISE EXCEPTION 'an escalation waives only waivable approval rules' USING ERRCODE = 'GS104',
            DETAIL = json_build_object('waivable', (SELECT array_agg(r.code ORDER BY r.code) FROM gise.approval_rule r
                                                    WHERE r.waivable))::text;
    END IF;
    asked := ARRAY(SELECT DISTINCT w FROM unnest(asked) w ORDER BY w);
    INSERT INTO gise.escalation (application_id, raised_by, reason, requested_outcome, requested_reason_code, waives)
    VALUES (a.id, me.id, reason, requested_outcome, requested_reason_code, asked);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'escalated', 'escalate',
        jsonb_build_object('requested', requested_outcome, 'reason_code', requested_reason_code,
                           'waives', to_jsonb(asked))));
END
$$;

-- 0005's form, waiving nothing.
CREATE OR REPLACE FUNCTION gise.application_escalate(request_id uuid, application_id bigint, version integer,
                                                     reason text, requested_outcome text,
                                                     requested_reason_code text DEFAULT NULL)
RETURNS gise.action_result
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN gise.application_escalate(request_id, application_id, version, reason, requested_outcome,
                                 requested_reason_code, '{}'::text[]);

-- Deciding an escalation (0009). Approved, the requested outcome is checked
-- against every rule a direct one is, except those the escalation waives:
-- an approval needs every mandatory document checked unless waived, and a
-- high-risk one then waits for a countersignature; a rejection needs its
-- reason still in the catalogue; an exception goes back to review with its
-- waivers recorded, for the approval that follows.
CREATE OR REPLACE FUNCTION gise.escalation_decide(request_id uuid, application_id bigint, version integer,
                                                  decision text, comment text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'decide', me.id);
    a gise.application;
    e gise.escalation;
    waived text[];
    rule text;
    r gise.action_result;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    IF me.role_group <> 'supervisor' THEN
        RAISE EXCEPTION 'only a supervisor decides an escalation' USING ERRCODE = 'GS103';
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['escalated'], 'deciding the escalation');
    SELECT * INTO e FROM gise.escalation x
    WHERE x.application_id = a.id AND x.decided_at IS NULL AND x.cancelled_at IS NULL
    ORDER BY x.id DESC LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % has no open escalation', a.number USING ERRCODE = 'GS106';
    END IF;
    IF e.raised_by = me.id THEN
        RAISE EXCEPTION 'nobody decides an escalation they raised' USING ERRCODE = 'GS108';
    END IF;
    IF escalation_decide.decision IS NULL OR escalation_decide.decision NOT IN ('approved', 'denied') THEN
        RAISE EXCEPTION 'the decision is approved or denied' USING ERRCODE = 'GS104';
    END IF;
    IF comment IS NULL OR btrim(comment) = '' THEN
        RAISE EXCEPTION 'deciding an escalation needs a comment' USING ERRCODE = 'GS104';
    END IF;
    UPDATE gise.escalation x SET decided_by = me.id, decided_at = now(),
        decision = escalation_decide.decision, comment = escalation_decide.comment
    WHERE x.id = e.id;
    IF escalation_decide.decision = 'approved' AND e.requested_outcome = 'approve' THEN
        -- The waivers of this escalation (now approved) and of earlier approved exceptions.
        waived := gise.approval_waivers(a.id);
        PERFORM gise.approval_check(a, waived);
        rule := 'escalation ' || e.id || ' approved by a supervisor';
        IF waived <> '{}' THEN
            rule := rule || '; waived: ' || array_to_string(waived, ', ');
        END IF;
        r := gise.approval_sign(a, me, comment, NULL, rule, waived, e.id, e.raised_by, 'decide',
            jsonb_build_object('escalation', e.id, 'decision', escalation_decide.decision,
                               'requested', e.requested_outcome));
    ELSIF escalation_decide.decision = 'approved' AND e.requested_outcome = 'reject' THEN
        IF NOT EXISTS (SELECT FROM gise.rejection_reason rr WHERE rr.code = e.requested_reason_code AND rr.active) THEN
            RAISE EXCEPTION 'rejection reason % does not exist', e.requested_reason_code USING ERRCODE = 'GS106';
        END IF;
        INSERT INTO gise.decision (application_id, outcome, reason_code, explanation, rule, decided_by)
        VALUES (a.id, 'rejected', e.requested_reason_code, e.reason || E'\n' || comment,
                'escalation ' || e.id || ' approved by a supervisor', me.id);
        r := gise.application_move(a, 'rejected', 'decide',
            jsonb_build_object('escalation', e.id, 'decision', escalation_decide.decision,
                               'requested', e.requested_outcome));
    ELSE
        r := gise.application_move(a, 'in_review', 'decide',
            jsonb_build_object('escalation', e.id, 'decision', escalation_decide.decision,
                               'requested', e.requested_outcome,
                               'waives', CASE WHEN escalation_decide.decision = 'approved' THEN to_jsonb(e.waives) END));
    END IF;
    RETURN gise.request_finish(request_id, r);
END
$$;

-- The second signature of a high-risk approval: a supervisor of the
-- application's office or of the office that countersigns for it, who
-- neither gave the first signature nor asked for the approval.
-- "countersigned" approves the application (one decision, both names);
-- "refused" sends it back to review. A comment is required.
CREATE FUNCTION gise.application_countersign(request_id uuid, application_id bigint, version integer,
                                             decision text, comment text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'countersign', me.id);
    a gise.application;
    c gise.countersign;
    r gise.action_result;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    IF me.role_group <> 'supervisor' THEN
        RAISE EXCEPTION 'only a supervisor countersigns an approval' USING ERRCODE = 'GS103';
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['awaiting_countersign'], 'countersigning', true);
    SELECT * INTO c FROM gise.countersign x
    WHERE x.application_id = a.id AND x.decided_at IS NULL AND x.cancelled_at IS NULL
    ORDER BY x.id DESC LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % has no approval waiting for a countersignature', a.number
            USING ERRCODE = 'GS106';
    END IF;
    IF c.approved_by = me.id THEN
        RAISE EXCEPTION 'nobody countersigns an approval they gave' USING ERRCODE = 'GS108';
    END IF;
    IF c.asked_by = me.id THEN
        RAISE EXCEPTION 'nobody countersigns an approval they asked for' USING ERRCODE = 'GS108';
    END IF;
    IF application_countersign.decision IS NULL OR application_countersign.decision NOT IN ('countersigned', 'refused') THEN
        RAISE EXCEPTION 'the answer is countersigned or refused' USING ERRCODE = 'GS104';
    END IF;
    IF comment IS NULL OR btrim(comment) = '' THEN
        RAISE EXCEPTION 'countersigning needs a comment' USING ERRCODE = 'GS104';
    END IF;
    UPDATE gise.countersign x SET decided_by = me.id, decided_at = now(),
        decision = application_countersign.decision, comment = application_countersign.comment
    WHERE x.id = c.id;
    IF application_countersign.decision = 'countersigned' THEN
        -- Nothing the rules look at changes while it waits; checked again all the same.
        PERFORM gise.approval_check(a, c.waived);
        INSERT INTO gise.decision (application_id, outcome, explanation, rule, decided_by, countersigned_by, waived)
        VALUES (a.id, 'approved', c.explanation, c.rule || '; countersigned', c.approved_by, me.id, c.waived);
        r := gise.application_move(a, 'approved', 'countersign',
            jsonb_build_object('countersign', c.id, 'decision', application_countersign.decision,
                               'approved_by', c.approved_by));
    ELSE
        r := gise.application_move(a, 'in_review', 'countersign',
            jsonb_build_object('countersign', c.id, 'decision', application_countersign.decision,
                               'approved_by', c.approved_by));
    END IF;
    RETURN gise.request_finish(request_id, r);
END
$$;

-- Withdrawal (0005) also from awaiting_countersign.
CREATE OR REPLACE FUNCTION gise.application_withdraw(request_id uuid, application_id bigint, version integer,
                                                     reason text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'withdraw', me.id);
    a gise.application;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version,
                               ARRAY['received', 'in_review', 'awaiting_documents', 'escalated',
                                     'awaiting_countersign', 'approved'],
                               'withdrawal');
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'a withdrawal needs the citizen''s reason' USING ERRCODE = 'GS104';
    END IF;
    RETURN gise.request_finish(request_id, gise.application_move(a, 'withdrawn', 'withdraw',
        jsonb_build_object('reason', reason)));
END
$$;

-- Leaving awaiting_countersign other than by a countersignature (today:
-- withdrawal) cancels the waiting signature, as for escalations (0010).
CREATE FUNCTION gise.countersign_cancel_on_leave() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    UPDATE gise.countersign c SET cancelled_at = now()
    WHERE c.application_id = NEW.id AND c.decided_at IS NULL AND c.cancelled_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER application_leaves_countersign AFTER UPDATE OF status ON gise.application
    FOR EACH ROW WHEN (OLD.status = 'awaiting_countersign' AND NEW.status <> 'awaiting_countersign')
    EXECUTE FUNCTION gise.countersign_cancel_on_leave();

-- The last line of defence, whatever function writes the decision: a
-- high-risk approval names two distinct active supervisors.
CREATE FUNCTION gise.decision_four_eyes() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    IF NEW.outcome = 'approved'
       AND (SELECT s.risk_level FROM gise.application a JOIN gise.service s ON s.id = a.service_id
            WHERE a.id = NEW.application_id) = 'high'
       AND (NEW.countersigned_by IS NULL OR NEW.countersigned_by = NEW.decided_by
            OR (SELECT count(*) FROM gise.staff s
                WHERE s.id IN (NEW.decided_by, NEW.countersigned_by) AND s.active
                  AND s.role_group = 'supervisor') <> 2) THEN
        RAISE EXCEPTION 'a high-risk approval needs two distinct supervisors' USING ERRCODE = 'GS108';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER decision_four_eyes BEFORE INSERT OR UPDATE OF outcome, decided_by, countersigned_by
    ON gise.decision FOR EACH ROW EXECUTE FUNCTION gise.decision_four_eyes();

-- The approvals the signed-in supervisor may countersign now, oldest
-- first (at most 500): their office's and those of the offices that name
-- theirs, except the ones they gave or asked for.
CREATE TYPE gise.countersign_item AS (
    countersign_id       bigint,
    application_id       bigint,
    application_number   text,
    application_version  integer,
    office_code          text,
    service_name_tr      text,
    service_name_en      text,
    approved_by_name     text,
    approved_at          timestamptz,
    explanation          text,
    waived               text[]
);

CREATE FUNCTION gise.countersign_queue() RETURNS SETOF gise.countersign_item
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    IF me.role_group <> 'supervisor' THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT c.id, a.id, a.number, a.version, o.code, s.name_tr, s.name_en, st.display_name, c.approved_at,
           c.explanation, c.waived
    FROM gise.countersign c
    JOIN gise.application a ON a.id = c.application_id
    JOIN gise.office o ON o.id = a.office_id
    JOIN gise.service s ON s.id = a.service_id
    JOIN gise.staff st ON st.id = c.approved_by
    WHERE c.decided_at IS NULL AND c.cancelled_at IS NULL AND a.status = 'awaiting_countersign'
      AND a.office_id = ANY (gise.countersign_offices())
      AND c.approved_by <> me.id AND c.asked_by IS DISTINCT FROM me.id
    ORDER BY c.approved_at, c.id LIMIT 500;
END
$$;

-- Steps (0012): the countersignature is a step, and the rules above are
-- restated for application_steps. New reasons:
--   own_approval        nobody countersigns an approval they gave or asked for
--   no_open_countersign awaiting a countersignature that is not there
--   other_office        a countersigner from another office takes no other step
CREATE OR REPLACE FUNCTION gise.step_rule(OUT step text, OUT ord smallint, OUT from_status text[])
RETURNS SETOF record
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.step, v.ord::smallint, v.from_status::text[] FROM (VALUES
        ('review',      1, '{received}'),                         -- application_start_review
        ('deficiency',  2, '{in_review}'),                        -- deficiency_issue
        ('arrived',     3, '{awaiting_documents}'),               -- documents_arrived
        ('approve',     4, '{in_review}'),                        -- application_approve
        ('reject',      5, '{in_review}'),                        -- application_reject
        ('escalate',    6, '{in_review}'),                        -- application_escalate
        ('decide',      7, '{escalated}'),                        -- escalation_decide
        ('countersign', 8, '{awaiting_countersign}'),             -- application_countersign
        ('complete',    9, '{approved}'),                         -- application_complete
        ('withdraw',   10, '{received,in_review,awaiting_documents,escalated,awaiting_countersign,approved}')
                                                                  -- application_withdraw
    ) AS v (step, ord, from_status)
    ORDER BY v.ord;
END;

CREATE OR REPLACE FUNCTION gise.step_refusal(a gise.application, me gise.staff, step text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    starts_from text[];
    powers gise.staff_powers_row := gise.powers_of(me);
    raiser integer;
    c gise.countersign;
BEGIN
    SELECT r.from_status INTO starts_from FROM gise.step_rule() r WHERE r.step = step_refusal.step;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no step %', step USING ERRCODE = 'GS106';
    END IF;
    IF NOT powers.changes_applications THEN
        RETURN 'read_only';
    END IF;
    -- A countersigner of another office reads the application to countersign it, nothing else.
    IF a.office_id IS DISTINCT FROM me.office_id AND step <> 'countersign' THEN
        RETURN 'other_office';
    END IF;
    IF NOT a.status = ANY (starts_from) THEN
        RETURN 'state';
    END IF;
    CASE step
    WHEN 'approve' THEN
        -- application_approve: a clerk approves alone only a low-risk service.
        IF me.role_group <> 'supervisor'
           AND (SELECT s.risk_level FROM gise.service s WHERE s.id = a.service_id) <> 'low' THEN
            RETURN 'needs_supervisor';
        END IF;
    WHEN 'reject' THEN
        -- application_reject: a service flagged "needs supervisor" is not for a clerk alone.
        IF me.role_group = 'clerk'
           AND (SELECT s.rejection_needs_supervisor FROM gise.service s WHERE s.id = a.service_id) THEN
            RETURN 'needs_supervisor';
        END IF;
    WHEN 'decide' THEN
        -- escalation_decide: a supervisor, an open escalation, raised by someone else.
        IF NOT powers.decides_escalations THEN
            RETURN 'not_supervisor';
        END IF;
        SELECT e.raised_by INTO raiser FROM gise.escalation e
        WHERE e.application_id = a.id AND e.decided_at IS NULL AND e.cancelled_at IS NULL
        ORDER BY e.id DESC LIMIT 1;
        IF NOT FOUND THEN
            RETURN 'no_open_escalation';
        END IF;
        IF raiser = me.id THEN
            RETURN 'own_escalation';
        END IF;
    WHEN 'countersign' THEN
        -- application_countersign: a supervisor (of the office or of the one that
        -- countersigns for it), an open first signature, given and asked for by others.
        IF NOT powers.decides_escalations THEN
            RETURN 'not_supervisor';
        END IF;
        IF NOT a.office_id = ANY (gise.countersign_offices()) THEN
            RETURN 'other_office';
        END IF;
        SELECT * INTO c FROM gise.countersign x
        WHERE x.application_id = a.id AND x.decided_at IS NULL AND x.cancelled_at IS NULL
        ORDER BY x.id DESC LIMIT 1;
        IF NOT FOUND THEN
            RETURN 'no_open_countersign';
        END IF;
        IF c.approved_by = me.id OR c.asked_by = me.id THEN
            RETURN 'own_approval';
        END IF;
    ELSE
        NULL;
    END CASE;
    RETURN NULL;
END
$$;

-- The summary (0012) with three more answers: own_approval (the
-- application waits for another supervisor to countersign the signed-in
-- one's approval), supervisor_countersigns (it waits for a supervisor's
-- countersignature), other_office (a countersigner of another office, with
-- nothing to countersign here). While withdrawal is open from
-- awaiting_countersign, the office's own staff always have a step there.
CREATE OR REPLACE FUNCTION gise.application_steps_summary(application_id bigint,
                                                          OUT none_reason text, OUT status text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    a gise.application := gise.application_seen(application_steps_summary.application_id);
    decide text := gise.step_refusal(a, me, 'decide');
    countersign text := gise.step_refusal(a, me, 'countersign');
BEGIN
    status := a.status;
    IF EXISTS (SELECT FROM gise.step_rule() r WHERE gise.step_refusal(a, me, r.step) IS NULL) THEN
        none_reason := NULL;
    ELSIF NOT (gise.powers_of(me)).changes_applications THEN
        none_reason := 'read_only';
    ELSIF decide = 'other_office' THEN
        none_reason := 'other_office';
    ELSIF decide = 'own_escalation' THEN
        none_reason := 'own_escalation';
    ELSIF countersign = 'own_approval' THEN
        none_reason := 'own_approval';
    ELSIF decide <> 'state' THEN
        none_reason := 'supervisor_decides';
    ELSIF countersign <> 'state' THEN
        none_reason := 'supervisor_countersigns';
    ELSE
        none_reason := 'state';
    END IF;
END
$$;

-- 3. One source of a staff member's powers -----------------------------------

-- Nobody writes gise.staff but its owner; administrators go through the
-- functions below. Every role's direct grant is revoked, whoever made it.
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN SELECT DISTINCT CASE WHEN acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS grantee
             FROM pg_class c, aclexplode(c.relacl) acl LEFT JOIN pg_roles r ON r.oid = acl.grantee
             WHERE c.oid = 'gise.staff'::regclass AND acl.grantee <> c.relowner
               AND acl.privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER')
    LOOP
        EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON gise.staff FROM %s',
                       g.grantee);
    END LOOP;
END
$$;
-- Who countersigns for an office is a power too: set through
-- gise.office_set_countersign, the other columns as before.
REVOKE INSERT, UPDATE ON gise.office FROM gise_admin;
GRANT INSERT (code, name_tr, name_en, city, address, phone),
      UPDATE (code, name_tr, name_en, city, address, phone) ON gise.office TO gise_admin;

-- The caller, an active administrator by the staff table (GS103 otherwise).
CREATE FUNCTION gise.require_staff_admin() RETURNS gise.staff
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    IF me.role_group <> 'admin' THEN
        RAISE EXCEPTION 'only an administrator keeps the staff list' USING ERRCODE = 'GS103';
    END IF;
    RETURN me;
END
$$;

-- The staff row of role `who`, locked, for a change by `me`: GS106 when
-- there is none, GS108 when it is the caller's own (nobody gives themselves
-- powers, nor takes an administrator's last witness away).
CREATE FUNCTION gise.staff_for_change(who name, me gise.staff) RETURNS gise.staff
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    s gise.staff;
BEGIN
    SELECT * INTO s FROM gise.staff x WHERE x.role_name = who FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not on the staff list', coalesce(who::text, 'NULL') USING ERRCODE = 'GS106';
    END IF;
    IF s.id = me.id THEN
        RAISE EXCEPTION 'nobody changes their own staff row' USING ERRCODE = 'GS108';
    END IF;
    RETURN s;
END
$$;

-- Makes the PostgreSQL group membership of `who` what the staff table
-- says: an active row is a member of gise_<role_group> and of no other
-- staff group; an inactive one, or a role with no row, of none.
CREATE FUNCTION gise.staff_sync_membership(who name) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    want text := (SELECT 'gise_' || s.role_group FROM gise.staff s WHERE s.role_name = who AND s.active);
    grp text;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles r WHERE r.rolname = who) THEN
        RETURN;
    END IF;
    FOREACH grp IN ARRAY ARRAY['gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin'] LOOP
        IF grp IS NOT DISTINCT FROM want THEN
            IF NOT EXISTS (SELECT FROM pg_auth_members m WHERE m.roleid = grp::regrole AND m.member = who::regrole) THEN
                EXECUTE format('GRANT %I TO %I', grp, who);
            END IF;
        ELSIF EXISTS (SELECT FROM pg_auth_members m WHERE m.roleid = grp::regrole AND m.member = who::regrole) THEN
            EXECUTE format('REVOKE %I FROM %I', grp, who);
        END IF;
    END LOOP;
END
$$;

-- Writes the audit row of a staff change: what it was and what it is.
CREATE FUNCTION gise.staff_audit(action text, before gise.staff, after gise.staff) RETURNS void
LANGUAGE sql SET search_path = pg_catalog, gise
BEGIN ATOMIC
    INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
    VALUES (staff_audit.action, 'staff', coalesce(staff_audit.after.id, staff_audit.before.id),
            jsonb_build_object('role_name', coalesce(staff_audit.after.role_name, staff_audit.before.role_name),
                               'before', CASE WHEN staff_audit.before.id IS NULL THEN NULL
                                              ELSE to_jsonb(staff_audit.before) - 'created_at' END,
                               'after', to_jsonb(staff_audit.after) - 'created_at'),
            '\x00');
END;

-- A new staff member: an existing PostgreSQL login role (the DBA creates
-- it; gise does not make logins), not a superuser nor one of the group
-- roles, not yet on the list. Returns the staff id.
CREATE FUNCTION gise.staff_add(role_name name, display_name text, office_id smallint, role_group text,
                               language text DEFAULT 'tr')
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    s gise.staff;
BEGIN
    IF role_group IS NULL OR role_group NOT IN ('clerk', 'supervisor', 'auditor', 'admin') THEN
        RAISE EXCEPTION 'a role group is clerk, supervisor, auditor or admin' USING ERRCODE = 'GS104';
    END IF;
    IF display_name IS NULL OR NOT gise.line_text_ok(display_name, 100) THEN
        RAISE EXCEPTION 'a staff name is one line of 1 to 100 characters' USING ERRCODE = 'GS104';
    END IF;
    IF language IS NULL OR language NOT IN ('tr', 'en') THEN
        RAISE EXCEPTION 'a staff language is tr or en' USING ERRCODE = 'GS104';
    END IF;
    IF NOT EXISTS (SELECT FROM gise.office o WHERE o.id = staff_add.office_id) THEN
        RAISE EXCEPTION 'office % does not exist', office_id USING ERRCODE = 'GS106';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles r WHERE r.rolname = staff_add.role_name AND r.rolcanlogin
                   AND NOT r.rolsuper AND r.rolname NOT LIKE 'gise\_%') THEN
        RAISE EXCEPTION 'role % is not a login role that may become staff', role_name USING ERRCODE = 'GS106';
    END IF;
    INSERT INTO gise.staff (role_name, display_name, office_id, role_group, language)
    VALUES (staff_add.role_name, staff_add.display_name, staff_add.office_id, staff_add.role_group,
            staff_add.language)
    ON CONFLICT DO NOTHING
    RETURNING * INTO s;
    IF s.id IS NULL THEN
        RAISE EXCEPTION '% is already on the staff list', role_name USING ERRCODE = 'GS104';
    END IF;
    PERFORM gise.staff_sync_membership(s.role_name);
    PERFORM gise.staff_audit('staff_add', NULL, s);
    RETURN s.id;
END
$$;

-- A new role group for a staff member (never one's own).
CREATE FUNCTION gise.staff_set_role(role_name name, role_group text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    before gise.staff := gise.staff_for_change(role_name, me);
    after gise.staff;
BEGIN
    IF role_group IS NULL OR role_group NOT IN ('clerk', 'supervisor', 'auditor', 'admin') THEN
        RAISE EXCEPTION 'a role group is clerk, supervisor, auditor or admin' USING ERRCODE = 'GS104';
    END IF;
    UPDATE gise.staff s SET role_group = staff_set_role.role_group WHERE s.id = before.id RETURNING * INTO after;
    PERFORM gise.staff_sync_membership(after.role_name);
    PERFORM gise.staff_audit('staff_set_role', before, after);
END
$$;

-- Moves a staff member to another office (never oneself).
CREATE FUNCTION gise.staff_move(role_name name, office_id smallint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    before gise.staff := gise.staff_for_change(role_name, me);
    after gise.staff;
BEGIN
    IF NOT EXISTS (SELECT FROM gise.office o WHERE o.id = staff_move.office_id) THEN
        RAISE EXCEPTION 'office % does not exist', coalesce(office_id::text, 'NULL') USING ERRCODE = 'GS106';
    END IF;
    UPDATE gise.staff s SET office_id = staff_move.office_id WHERE s.id = before.id RETURNING * INTO after;
    PERFORM gise.staff_audit('staff_move', before, after);
END
$$;

-- Disables (active false: no powers, no group) or enables a staff member.
CREATE FUNCTION gise.staff_set_active(role_name name, active boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    before gise.staff := gise.staff_for_change(role_name, me);
    after gise.staff;
BEGIN
    IF active IS NULL THEN
        RAISE EXCEPTION 'active is true or false' USING ERRCODE = 'GS104';
    END IF;
    UPDATE gise.staff s SET active = staff_set_active.active WHERE s.id = before.id RETURNING * INTO after;
    PERFORM gise.staff_sync_membership(after.role_name);
    PERFORM gise.staff_audit(CASE WHEN active THEN 'staff_enable' ELSE 'staff_disable' END, before, after);
END
$$;

-- The profile that gives no powers: name, language, accessibility. NULL
-- keeps a value. An administrator may set their own.
CREATE FUNCTION gise.staff_set_profile(role_name name, display_name text DEFAULT NULL, language text DEFAULT NULL,
                                       screen_reader boolean DEFAULT NULL, no_color boolean DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    before gise.staff;
    after gise.staff;
BEGIN
    SELECT * INTO before FROM gise.staff x WHERE x.role_name = staff_set_profile.role_name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not on the staff list', coalesce(role_name::text, 'NULL') USING ERRCODE = 'GS106';
    END IF;
    IF display_name IS NOT NULL AND char_length(display_name) > 100 THEN
        RAISE EXCEPTION 'a staff name is one line of 1 to 100 characters' USING ERRCODE = 'GS104';
    END IF;
    UPDATE gise.staff s SET display_name = coalesce(staff_set_profile.display_name, s.display_name),
                            language = coalesce(staff_set_profile.language, s.language),
                            screen_reader = coalesce(staff_set_profile.screen_reader, s.screen_reader),
                            no_color = coalesce(staff_set_profile.no_color, s.no_color)
    WHERE s.id = before.id RETURNING * INTO after;
    PERFORM gise.staff_audit('staff_set_profile', before, after);
END
$$;

-- Names the office whose supervisors countersign for `office_code` (NULL:
-- its own supervisors only).
CREATE FUNCTION gise.office_set_countersign(office_code text, countersign_office_code text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    o gise.office;
    other smallint;
BEGIN
    SELECT * INTO o FROM gise.office x WHERE x.code = office_code FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'office % does not exist', coalesce(office_code, 'NULL') USING ERRCODE = 'GS106';
    END IF;
    IF countersign_office_code IS NOT NULL THEN
        SELECT x.id INTO other FROM gise.office x WHERE x.code = countersign_office_code;
        IF NOT FOUND OR other = o.id THEN
            RAISE EXCEPTION 'office % cannot countersign for %', countersign_office_code, office_code
                USING ERRCODE = 'GS106';
        END IF;
    END IF;
    UPDATE gise.office x SET countersign_office_id = other WHERE x.id = o.id;
    INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
    VALUES ('office_set_countersign', 'office', o.id,
            jsonb_build_object('office', o.code, 'before', o.countersign_office_id, 'after', other), '\x00');
END
$$;

-- Every difference between the staff table and the PostgreSQL group
-- membership (direct or through other roles) of the four staff groups:
--   missing_membership     an active staff row whose role is not in its group
--   unexpected_membership  a role in a staff group the table does not give it
--                          (another group, an inactive row, or no row at all)
--   no_login_role          a staff row whose PostgreSQL role does not exist
-- Superusers are left out: they have every power whatever their groups.
-- Empty when the two agree. For `gise audit verify`.
CREATE FUNCTION gise.staff_drift()
RETURNS TABLE (role_name name, drift text, staff_group text, member_of text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    WITH grp (rolname) AS (VALUES ('gise_clerk'::name), ('gise_supervisor'), ('gise_auditor'), ('gise_admin')),
    expected AS (
        SELECT s.role_name, 'gise_' || s.role_group AS want FROM gise.staff s WHERE s.active),
    actual AS (
        SELECT r.rolname, g.rolname AS grp
        FROM pg_roles r CROSS JOIN grp g
        WHERE NOT r.rolsuper AND r.rolname NOT IN (SELECT rolname FROM grp)
          AND pg_has_role(r.oid, g.rolname, 'MEMBER'))
    SELECT x.role_name, x.drift, x.staff_group, x.member_of FROM (
        SELECT e.role_name, 'missing_membership' AS drift, e.want AS staff_group, NULL::text AS member_of
        FROM expected e
        WHERE EXISTS (SELECT FROM pg_roles r WHERE r.rolname = e.role_name)
          AND NOT EXISTS (SELECT FROM actual a WHERE a.rolname = e.role_name AND a.grp = e.want)
        UNION ALL
        SELECT a.rolname, 'unexpected_membership',
               (SELECT 'gise_' || s.role_group || CASE WHEN s.active THEN '' ELSE ' (inactive)' END
                FROM gise.staff s WHERE s.role_name = a.rolname),
               a.grp::text
        FROM actual a
        WHERE NOT EXISTS (SELECT FROM expected e WHERE e.role_name = a.rolname AND e.want = a.grp)
        UNION ALL
        SELECT s.role_name, 'no_login_role', 'gise_' || s.role_group, NULL
        FROM gise.staff s WHERE NOT EXISTS (SELECT FROM pg_roles r WHERE r.rolname = s.role_name)
    ) x
    ORDER BY x.role_name, x.drift, x.member_of;
END;

-- Privileges --------------------------------------------------------------------

REVOKE ALL ON gise.approval_rule, gise.countersign FROM PUBLIC;
GRANT SELECT ON gise.approval_rule TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT SELECT ON gise.countersign TO gise_clerk, gise_supervisor, gise_auditor;

REVOKE EXECUTE ON FUNCTION
    gise.my_counter_office(), gise.i_am_auditor(), gise.countersign_offices(), gise.my_read_offices(),
    gise.application_lock(bigint, integer, text[], text, boolean),
    gise.application_lock(bigint, integer, text[], text),
    gise.approval_waivers(bigint), gise.approval_check(gise.application, text[]),
    gise.approval_sign(gise.application, gise.staff, text, text, text, text[], bigint, integer, text, jsonb),
    gise.application_escalate(uuid, bigint, integer, text, text, text, text[]),
    gise.application_countersign(uuid, bigint, integer, text, text),
    gise.countersign_cancel_on_leave(), gise.decision_four_eyes(),
    gise.countersign_queue(),
    gise.require_staff_admin(), gise.staff_for_change(name, gise.staff), gise.staff_sync_membership(name),
    gise.staff_audit(text, gise.staff, gise.staff),
    gise.staff_add(name, text, smallint, text, text), gise.staff_set_role(name, text),
    gise.staff_move(name, smallint), gise.staff_set_active(name, boolean),
    gise.staff_set_profile(name, text, text, boolean, boolean),
    gise.office_set_countersign(text, text), gise.staff_drift()
    FROM PUBLIC;
-- Row-level security calls these as the reader.
GRANT EXECUTE ON FUNCTION gise.my_counter_office(), gise.i_am_auditor(), gise.countersign_offices(), gise.my_read_offices()
    TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT EXECUTE ON FUNCTION
    gise.application_escalate(uuid, bigint, integer, text, text, text, text[])
    TO gise_clerk, gise_supervisor;
GRANT EXECUTE ON FUNCTION gise.application_countersign(uuid, bigint, integer, text, text),
    gise.countersign_queue() TO gise_supervisor;
GRANT EXECUTE ON FUNCTION
    gise.staff_add(name, text, smallint, text, text), gise.staff_set_role(name, text),
    gise.staff_move(name, smallint), gise.staff_set_active(name, boolean),
    gise.staff_set_profile(name, text, text, boolean, boolean),
    gise.office_set_countersign(text, text)
    TO gise_admin;
GRANT EXECUTE ON FUNCTION gise.staff_drift() TO gise_auditor, gise_admin;
