-- Which steps the signed-in staff member may take on an application now, and
-- why a step is not allowed: the database answers, so no client keeps its
-- own copy of the lifecycle's states or of the roles' rules (issue 11).
--
-- The rules below restate what the lifecycle functions enforce (0005
-- application_lock's states and the role checks of application_approve and
-- application_reject; 0009 escalation_decide). Those functions keep their
-- own checks, messages and SQLSTATEs unchanged; tests/db/steps.sql calls
-- every step of every state for every role and proves that the answer here
-- and the lifecycle function's agree, so a rule changed on one side only
-- fails the suite.
--
-- Why a step is not allowed, as a stable code (NULL when it is allowed):
--   read_only           the role changes no applications (auditor, admin)
--   state               not possible from the application's current status
--   needs_supervisor    a clerk approving a medium- or high-risk service, or
--                       rejecting where the service reserves rejections for
--                       a supervisor: the client offers "escalate instead"
--   not_supervisor      deciding an escalation is for a supervisor
--   no_open_escalation  the application is escalated but nothing is open
--   own_escalation      nobody decides an escalation they raised
-- (A rejection reason that needs a supervisor is the caller's input, not the
-- application's state: application_reject still refuses it with GS103.)

-- What a role may do, from the staff table's role group: the one place the
-- role names are compared for the client's sake.
CREATE TYPE gise.staff_powers_row AS (
    changes_applications  boolean,   -- opens applications and takes their steps (clerks, supervisors)
    decides_escalations   boolean,   -- decides a colleague's escalation (supervisors)
    reads_every_office    boolean    -- reads the applications of every office (auditors)
);

CREATE FUNCTION gise.powers_of(me gise.staff) RETURNS gise.staff_powers_row
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, gise
RETURN ROW(me.role_group IN ('clerk', 'supervisor'), me.role_group = 'supervisor',
           me.role_group = 'auditor')::gise.staff_powers_row;

-- The signed-in staff member's powers (GS001 for a role that is not staff).
CREATE FUNCTION gise.staff_powers() RETURNS gise.staff_powers_row
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN gise.powers_of(gise.require_staff());

-- The steps in the order a client offers them, each with the states it
-- starts from (the `allowed` array each lifecycle function passes to
-- gise.application_lock).
CREATE FUNCTION gise.step_rule(OUT step text, OUT ord smallint, OUT from_status text[])
RETURNS SETOF record
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.step, v.ord::smallint, v.from_status::text[] FROM (VALUES
        ('review',     1, '{received}'),                          -- application_start_review
        ('deficiency', 2, '{in_review}'),                         -- deficiency_issue
        ('arrived',    3, '{awaiting_documents}'),                -- documents_arrived
        ('approve',    4, '{in_review}'),                         -- application_approve
        ('reject',     5, '{in_review}'),                         -- application_reject
        ('escalate',   6, '{in_review}'),                         -- application_escalate
        ('decide',     7, '{escalated}'),                         -- escalation_decide
        ('complete',   8, '{approved}'),                          -- application_complete
        ('withdraw',   9, '{received,in_review,awaiting_documents,escalated,approved}')
                                                                  -- application_withdraw
    ) AS v (step, ord, from_status)
    ORDER BY v.ord;
END;

-- Why `me` may not take `step` on `a` now: one of the codes above, or NULL
-- when the lifecycle function would let it through (given valid input).
-- Checked in the order a client wants to explain it: the role, the state,
-- then the step's own rule.
CREATE FUNCTION gise.step_refusal(a gise.application, me gise.staff, step text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    starts_from text[];
    powers gise.staff_powers_row := gise.powers_of(me);
    raiser integer;
BEGIN
    SELECT r.from_status INTO starts_from FROM gise.step_rule() r WHERE r.step = step_refusal.step;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no step %', step USING ERRCODE = 'GS106';
    END IF;
    IF NOT powers.changes_applications THEN
        RETURN 'read_only';
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
        WHERE e.application_id = a.id AND e.decided_at IS NULL ORDER BY e.id DESC LIMIT 1;
        IF NOT FOUND THEN
            RETURN 'no_open_escalation';
        END IF;
        IF raiser = me.id THEN
            RETURN 'own_escalation';
        END IF;
    ELSE
        NULL;
    END CASE;
    RETURN NULL;
END
$$;

-- The application, if the signed-in staff member may read it: GS106 when
-- there is none, GS107 when it belongs to another office (auditors read
-- every office), as the lifecycle functions answer.
CREATE FUNCTION gise.application_seen(application_id bigint) RETURNS gise.application
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    a gise.application;
BEGIN
    SELECT * INTO a FROM gise.application x WHERE x.id = application_seen.application_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % does not exist', application_id USING ERRCODE = 'GS106';
    END IF;
    IF NOT gise.may_read_application(a.office_id) THEN
        RAISE EXCEPTION 'application % belongs to another office', application_id USING ERRCODE = 'GS107';
    END IF;
    RETURN a;
END
$$;

-- Every step, in the fixed order of gise.step_rule, for the signed-in staff
-- member: allowed, or why not (a code above). The client lists the allowed
-- ones, and may list a 'needs_supervisor' one with "escalate instead".
CREATE FUNCTION gise.application_steps(application_id bigint)
RETURNS TABLE (step text, allowed boolean, why text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    a gise.application := gise.application_seen(application_steps.application_id);
BEGIN
    RETURN QUERY
    SELECT r.step, x.refusal IS NULL, x.refusal
    FROM gise.step_rule() r
    CROSS JOIN LATERAL (SELECT gise.step_refusal(a, me, r.step) AS refusal) x
    ORDER BY r.ord;
END
$$;

-- What to say when no step is allowed (none_reason NULL when one is):
--   read_only           the role changes no applications
--   own_escalation      the application waits for another supervisor to
--                       decide the signed-in supervisor's escalation
--   supervisor_decides  the application waits for a supervisor's decision
--   state               nothing is possible in this status (status says which)
-- (While withdrawal is open from "escalated", counter staff always have a
-- step there, so the two escalation answers do not occur today.)
CREATE FUNCTION gise.application_steps_summary(application_id bigint,
                                               OUT none_reason text, OUT status text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    a gise.application := gise.application_seen(application_steps_summary.application_id);
    decide text := gise.step_refusal(a, me, 'decide');
BEGIN
    status := a.status;
    IF EXISTS (SELECT FROM gise.step_rule() r WHERE gise.step_refusal(a, me, r.step) IS NULL) THEN
        none_reason := NULL;
    ELSIF NOT (gise.powers_of(me)).changes_applications THEN
        none_reason := 'read_only';
    ELSIF decide = 'own_escalation' THEN
        none_reason := 'own_escalation';
    ELSIF decide <> 'state' THEN
        none_reason := 'supervisor_decides';
    ELSE
        none_reason := 'state';
    END IF;
END
$$;

-- The helpers run only inside the functions above and are granted to nobody.
REVOKE EXECUTE ON FUNCTION gise.powers_of(gise.staff), gise.step_rule(),
    gise.step_refusal(gise.application, gise.staff, text), gise.application_seen(bigint),
    gise.staff_powers(), gise.application_steps(bigint), gise.application_steps_summary(bigint)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.staff_powers() TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT EXECUTE ON FUNCTION gise.application_steps(bigint), gise.application_steps_summary(bigint)
    TO gise_clerk, gise_supervisor, gise_auditor;
