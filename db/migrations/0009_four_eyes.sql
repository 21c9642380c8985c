-- Four eyes: what a clerk may not approve alone (0005, application_approve)
-- goes to a supervisor of the same office, who is never the one who raised
-- the escalation.
--
--   GS108  nobody decides an escalation they raised

-- A supervisor of the application's office decides an open escalation.
-- Approved: the requested outcome happens in the same transaction (approve,
-- reject with the requested reason, or an exception: back to review with
-- the exception recorded). Denied: back to review. A comment is required.
CREATE FUNCTION gise.escalation_decide(request_id uuid, application_id bigint, version integer,
                                       decision text, comment text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'decide', me.id);
    a gise.application;
    e gise.escalation;
    next_status text;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    IF me.role_group <> 'supervisor' THEN
        RAISE EXCEPTION 'only a supervisor decides an escalation' USING ERRCODE = 'GS103';
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['escalated'], 'deciding the escalation');
    SELECT * INTO e FROM gise.escalation x
    WHERE x.application_id = a.id AND x.decided_at IS NULL ORDER BY x.id DESC LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % has no open escalation', a.number USING ERRCODE = 'GS106';
    END IF;
    IF e.raised_by = me.id THEN
        RAISE EXCEPTION 'nobody decides an escalation they raised' USING ERRCODE = 'GS108';
    END IF;
    IF decision IS NULL OR decision NOT IN ('approved', 'denied') THEN
        RAISE EXCEPTION 'the decision is approved or denied' USING ERRCODE = 'GS104';
    END IF;
    IF comment IS NULL OR btrim(comment) = '' THEN
        RAISE EXCEPTION 'deciding an escalation needs a comment' USING ERRCODE = 'GS104';
    END IF;
    UPDATE gise.escalation x SET decided_by = me.id, decided_at = now(),
        decision = escalation_decide.decision, comment = escalation_decide.comment
    WHERE x.id = e.id;
    next_status := 'in_review';
    IF decision = 'approved' AND e.requested_outcome = 'approve' THEN
        next_status := 'approved';
        INSERT INTO gise.decision (application_id, outcome, explanation, rule, decided_by)
        VALUES (a.id, 'approved', comment, 'escalation ' || e.id || ' approved by a supervisor', me.id);
    ELSIF decision = 'approved' AND e.requested_outcome = 'reject' THEN
        next_status := 'rejected';
        INSERT INTO gise.decision (application_id, outcome, reason_code, explanation, rule, decided_by)
        VALUES (a.id, 'rejected', e.requested_reason_code, e.reason || E'\n' || comment,
                'escalation ' || e.id || ' approved by a supervisor', me.id);
    END IF;
    RETURN gise.request_finish(request_id, gise.application_move(a, next_status, 'decide',
        jsonb_build_object('escalation', e.id, 'decision', decision, 'requested', e.requested_outcome)));
END
$$;

-- The live inbox (LISTEN gise_office_<id>): every new or decided
-- escalation is announced to its office, in the same transaction.
CREATE FUNCTION gise.escalation_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM pg_notify('gise_office_' || a.office_id,
                      json_build_object('escalation', NEW.id, 'application', a.number,
                                        'event', CASE WHEN NEW.decided_at IS NULL THEN 'raised' ELSE 'decided' END,
                                        'raised_by', NEW.raised_by, 'decision', NEW.decision)::text)
    FROM gise.application a WHERE a.id = NEW.application_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER escalation_announce AFTER INSERT OR UPDATE ON gise.escalation
    FOR EACH ROW EXECUTE FUNCTION gise.escalation_notify();

REVOKE EXECUTE ON FUNCTION gise.escalation_decide(uuid, bigint, integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.escalation_decide(uuid, bigint, integer, text, text) TO gise_supervisor;
