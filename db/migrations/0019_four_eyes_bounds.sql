-- Bounds (0017's GS170, checked before any work) on the inputs of the
-- functions 0016 wrote while 0017 was written beside it: explanations and
-- comments 4000 characters, codes 16, at most 8 waived rules, a staff name
-- 100. The bodies are 0016's, unchanged but for the first lines.

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
    PERFORM gise.bound_text('explanation', explanation, 4000);
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

CREATE OR REPLACE FUNCTION gise.application_escalate(request_id uuid, application_id bigint, version integer,
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
    PERFORM gise.bound_text('reason', reason, 4000);
    PERFORM gise.bound_text('requested_outcome', requested_outcome, 16);
    PERFORM gise.bound_text('requested_reason_code', requested_reason_code, 16);
    PERFORM gise.bound_texts('waives', waives, 8, 32);
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
    PERFORM gise.bound_text('decision', decision, 16);
    PERFORM gise.bound_text('comment', comment, 4000);
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

CREATE OR REPLACE FUNCTION gise.application_countersign(request_id uuid, application_id bigint, version integer,
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
    PERFORM gise.bound_text('decision', decision, 16);
    PERFORM gise.bound_text('comment', comment, 4000);
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

CREATE OR REPLACE FUNCTION gise.staff_add(role_name name, display_name text, office_id smallint, role_group text,
                               language text DEFAULT 'tr')
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    s gise.staff;
BEGIN
    PERFORM gise.bound_text('display_name', display_name, 100);
    PERFORM gise.bound_text('role_group', role_group, 16);
    PERFORM gise.bound_text('language', language, 2);
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

CREATE OR REPLACE FUNCTION gise.staff_set_profile(role_name name, display_name text DEFAULT NULL, language text DEFAULT NULL,
                                       screen_reader boolean DEFAULT NULL, no_color boolean DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff_admin();
    before gise.staff;
    after gise.staff;
BEGIN
    PERFORM gise.bound_text('display_name', display_name, 100);
    PERFORM gise.bound_text('language', language, 2);
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
