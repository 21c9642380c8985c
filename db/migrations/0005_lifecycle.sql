-- The application lifecycle as SQL functions: the only way to change an
-- application. Each one checks the current state, the caller's role and the
-- row version (optimistic locking), writes the audit log in the same
-- transaction, and refuses anything else with a distinct SQLSTATE:
--
--   GS101  not allowed in the application's current state
--   GS102  someone else changed the application (message names who and when)
--   GS103  the caller's role may not do this (e.g. a rejection that needs a supervisor)
--   GS104  required input missing (documents, reason, explanation, note)
--   GS105  a deadline outside the rules
--   GS106  unknown application, service, document or reason
--   GS107  the application belongs to another office
--
-- Every write takes a request id chosen by the client: the same request
-- applied twice changes nothing the second time and returns the first answer.

CREATE TABLE gise.holiday (
    day   date PRIMARY KEY,
    name  text NOT NULL CONSTRAINT holiday_name_text CHECK (gise.line_text_ok(name, 120))
);

-- Public holidays of 2026 and 2027 (fixed-date ones; religious holidays move
-- every year and are entered by the administrator).
INSERT INTO gise.holiday (day, name) VALUES
    ('2026-01-01', 'Yılbaşı'), ('2026-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı'),
    ('2026-05-01', 'Emek ve Dayanışma Günü'), ('2026-05-19', 'Atatürk''ü Anma, Gençlik ve Spor Bayramı'),
    ('2026-07-15', 'Demokrasi ve Millî Birlik Günü'), ('2026-08-30', 'Zafer Bayramı'),
    ('2026-10-29', 'Cumhuriyet Bayramı'),
    ('2027-01-01', 'Yılbaşı'), ('2027-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı'),
    ('2027-05-01', 'Emek ve Dayanışma Günü'), ('2027-05-19', 'Atatürk''ü Anma, Gençlik ve Spor Bayramı'),
    ('2027-07-15', 'Demokrasi ve Millî Birlik Günü'), ('2027-08-30', 'Zafer Bayramı'),
    ('2027-10-29', 'Cumhuriyet Bayramı');

CREATE FUNCTION gise.is_working_day(d date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, gise
RETURN extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT FROM gise.holiday h WHERE h.day = d);

-- The date n working days after d (weekends and holidays skipped).
CREATE FUNCTION gise.add_working_days(d date, n integer) RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, gise AS $$
DECLARE
    result date := d;
    left_ integer := n;
BEGIN
    WHILE left_ > 0 LOOP
        result := result + 1;
        IF gise.is_working_day(result) THEN
            left_ := left_ - 1;
        END IF;
    END LOOP;
    RETURN result;
END
$$;

CREATE TABLE gise.request_log (
    request_id  uuid PRIMARY KEY,
    staff_id    integer NOT NULL REFERENCES gise.staff,
    action      text NOT NULL,
    result      jsonb,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE gise.action_result AS (
    application_id  bigint,
    number          text,
    status          text,
    version         integer
);

-- Idempotency: claims the request id for this call. Returns NULL when the
-- call is new, or the stored result of the earlier call with this id (a
-- concurrent duplicate waits for the first to commit).
CREATE FUNCTION gise.request_claim(request_id uuid, action text, staff_id integer)
RETURNS gise.action_result
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    stored jsonb;
    earlier text;
BEGIN
    IF request_id IS NULL THEN
        RAISE EXCEPTION 'a request id is required' USING ERRCODE = 'GS104';
    END IF;
    INSERT INTO gise.request_log (request_id, staff_id, action)
    VALUES (request_claim.request_id, request_claim.staff_id, request_claim.action)
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
        RETURN NULL;
    END IF;
    SELECT r.result, r.action INTO stored, earlier FROM gise.request_log r
    WHERE r.request_id = request_claim.request_id;
    IF earlier <> request_claim.action THEN
        RAISE EXCEPTION 'request id % was already used for %', request_id, earlier USING ERRCODE = 'GS104';
    END IF;
    RETURN jsonb_populate_record(NULL::gise.action_result, stored);
END
$$;

CREATE FUNCTION gise.request_finish(request_id uuid, result gise.action_result)
RETURNS gise.action_result
LANGUAGE sql SET search_path = pg_catalog, gise
BEGIN ATOMIC
    UPDATE gise.request_log SET result = to_jsonb(request_finish.result)
    WHERE request_log.request_id = request_finish.request_id;
    SELECT request_finish.result;
END;

-- The caller's office, for staff; NULL for anyone else.
CREATE FUNCTION gise.my_office() RETURNS smallint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT office_id FROM gise.staff WHERE role_name = session_user AND active);

-- Reading follows the same boundary: another office's application does not
-- exist for counter staff; auditors read every office.
CREATE FUNCTION gise.may_read_application(office_id smallint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN EXISTS (SELECT FROM gise.staff me WHERE me.role_name = session_user AND me.active
               AND (me.role_group = 'auditor' OR me.office_id = may_read_application.office_id));

-- Locks the application, checks its office, version and state. The conflict
-- message names who changed it last and when, so the second clerk knows. The
-- SECURITY DEFINER steps bypass row-level security, so the office check
-- lives here, in the one path every step takes.
CREATE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
                                                 allowed text[], action text)
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
    IF a.office_id IS DISTINCT FROM gise.my_office() THEN
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

-- Applies a status change, bumps the version, writes the audit row.
CREATE FUNCTION gise.application_move(a gise.application, new_status text, action text,
                                      details jsonb)
RETURNS gise.action_result
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    r gise.action_result;
BEGIN
    UPDATE gise.application x
    SET status = new_status,
        version = x.version + 1,
        closed_at = CASE WHEN new_status IN ('completed', 'rejected', 'lapsed', 'withdrawn')
                         THEN now() END,
        assignee_id = coalesce(x.assignee_id, (SELECT id FROM gise.staff WHERE role_name = session_user))
    WHERE x.id = a.id
    RETURNING x.id, x.number, x.status, x.version INTO r;
    INSERT INTO gise.audit_log (action, entity, entity_id, application_id, details, hash)
    VALUES (action, 'application', a.id, a.id,
            coalesce(details, '{}') || jsonb_build_object('from', a.status, 'to', new_status), '\x00');
    RETURN r;
END
$$;

-- New application: the citizen, the service, which documents came with it.
CREATE FUNCTION gise.application_open(request_id uuid, citizen_id bigint, service_code text,
                                      documents_received text[] DEFAULT '{}')
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'open', me.id);
    svc gise.service;
    y smallint := extract(year FROM now() AT TIME ZONE 'Europe/Istanbul');
    n integer;
    app_id bigint;
    r gise.action_result;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    IF me.role_group NOT IN ('clerk', 'supervisor') THEN
        RAISE EXCEPTION 'only counter staff open applications' USING ERRCODE = 'GS103';
    END IF;
    SELECT * INTO svc FROM gise.service s WHERE s.code = service_code AND s.active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'service % does not exist', service_code USING ERRCODE = 'GS106';
    END IF;
    IF NOT EXISTS (SELECT FROM gise.citizen c WHERE c.id = application_open.citizen_id) THEN
        RAISE EXCEPTION 'citizen % does not exist', citizen_id USING ERRCODE = 'GS106';
    END IF;
    IF EXISTS (SELECT FROM unnest(documents_received) d
               WHERE d NOT IN (SELECT dt.code FROM gise.service_document sd
                               JOIN gise.document_type dt ON dt.id = sd.document_type_id
                               WHERE sd.service_id = svc.id)) THEN
        RAISE EXCEPTION 'a received document is not one this service asks for' USING ERRCODE = 'GS106';
    END IF;
    INSERT INTO gise.application_counter AS c (year, last) VALUES (y, 1)
    ON CONFLICT (year) DO UPDATE SET last = c.last + 1
    RETURNING last INTO n;
    INSERT INTO gise.application (number, citizen_id, service_id, office_id, status, assignee_id, due_date)
    VALUES (y || '-' || lpad(n::text, greatest(6, length(n::text)), '0'), citizen_id, svc.id,
            me.office_id, 'received', me.id, gise.add_working_days(current_date, svc.sla_working_days))
    RETURNING id INTO app_id;
    INSERT INTO gise.application_document (application_id, document_type_id, received_at, received_by)
    SELECT app_id, sd.document_type_id,
           CASE WHEN dt.code = ANY (documents_received) THEN now() END,
           CASE WHEN dt.code = ANY (documents_received) THEN me.id END
    FROM gise.service_document sd JOIN gise.document_type dt ON dt.id = sd.document_type_id
    WHERE sd.service_id = svc.id;
    INSERT INTO gise.audit_log (action, entity, entity_id, application_id, details, hash)
    VALUES ('open', 'application', app_id, app_id,
            jsonb_build_object('service', svc.code, 'received', to_jsonb(documents_received)), '\x00');
    SELECT a.id, a.number, a.status, a.version INTO r FROM gise.application a WHERE a.id = app_id;
    RETURN gise.request_finish(request_id, r);
END
$$;

-- Marks a document received and/or checked (a checked one is received).
CREATE FUNCTION gise.document_mark(request_id uuid, application_id bigint, version integer,
                                   document_code text, received boolean, checked boolean)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'document', me.id);
    a gise.application;
    doc_id integer;
    r gise.action_result;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version,
                               ARRAY['received', 'in_review', 'awaiting_documents'], 'marking a document');
    SELECT ad.document_type_id INTO doc_id
    FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
    WHERE ad.application_id = a.id AND dt.code = document_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'document % is not part of application %', document_code, a.number
            USING ERRCODE = 'GS106';
    END IF;
    UPDATE gise.application_document ad
    SET received_at = CASE WHEN received OR checked THEN coalesce(ad.received_at, now()) END,
        received_by = CASE WHEN received OR checked THEN coalesce(ad.received_by, me.id) END,
        checked_at = CASE WHEN checked THEN coalesce(ad.checked_at, now()) END,
        checked_by = CASE WHEN checked THEN coalesce(ad.checked_by, me.id) END
    WHERE ad.application_id = a.id AND ad.document_type_id = doc_id;
    r := gise.application_move(a, a.status, 'document',
                               jsonb_build_object('document', document_code, 'received', received,
                                                  'checked', checked));
    RETURN gise.request_finish(request_id, r);
END
$$;

CREATE FUNCTION gise.application_start_review(request_id uuid, application_id bigint, version integer)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'review', me.id);
    a gise.application;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['received'], 'starting the review');
    RETURN gise.request_finish(request_id, gise.application_move(a, 'in_review', 'review', NULL));
END
$$;

-- The default deadline of a deficiency notice, and the latest one allowed.
CREATE FUNCTION gise.deficiency_deadline(application_id bigint, OUT earliest date, OUT latest date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT gise.add_working_days(current_date, s.deficiency_working_days),
           gise.add_working_days(current_date, 2 * s.deficiency_working_days)
    FROM gise.application a JOIN gise.service s ON s.id = a.service_id
    WHERE a.id = deficiency_deadline.application_id;
END;

-- A deficiency notice: at least one missing document, a deadline within
-- the service's rule (never shorter than it, at most twice as long, on a
-- working day), a note, and the letter as delivered.
CREATE FUNCTION gise.deficiency_issue(request_id uuid, application_id bigint, version integer,
                                      missing text[], deadline date, note text, letter text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'deficiency', me.id);
    a gise.application;
    rule record;
    notice_id bigint;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['in_review'], 'a deficiency notice');
    IF coalesce(cardinality(missing), 0) = 0 THEN
        RAISE EXCEPTION 'a deficiency notice lists at least one missing document' USING ERRCODE = 'GS104';
    END IF;
    IF note IS NULL OR btrim(note) = '' THEN
        RAISE EXCEPTION 'a deficiency notice needs a note' USING ERRCODE = 'GS104';
    END IF;
    SELECT * INTO rule FROM gise.deficiency_deadline(a.id);
    IF deadline IS NULL OR deadline < rule.earliest OR deadline > rule.latest
       OR NOT gise.is_working_day(deadline) THEN
        RAISE EXCEPTION 'the deadline must be a working day from % to %', rule.earliest, rule.latest
            USING ERRCODE = 'GS105',
                  DETAIL = json_build_object('earliest', rule.earliest, 'latest', rule.latest)::text;
    END IF;
    IF EXISTS (SELECT FROM unnest(missing) m
               WHERE m NOT IN (SELECT dt.code FROM gise.application_document ad
                               JOIN gise.document_type dt ON dt.id = ad.document_type_id
                               WHERE ad.application_id = a.id)) THEN
        RAISE EXCEPTION 'a missing document is not part of this application' USING ERRCODE = 'GS106';
    END IF;
    INSERT INTO gise.deficiency_notice (application_id, issued_by, deadline, note, language, letter_text)
    SELECT a.id, me.id, deadline, note, c.preferred_language, letter
    FROM gise.citizen c WHERE c.id = a.citizen_id
    RETURNING id INTO notice_id;
    INSERT INTO gise.deficiency_notice_item (notice_id, document_type_id)
    SELECT notice_id, dt.id FROM gise.document_type dt WHERE dt.code = ANY (missing);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'awaiting_documents', 'deficiency',
        jsonb_build_object('notice', notice_id, 'missing', to_jsonb(missing), 'deadline', deadline)));
END
$$;

-- The missing documents came: they are marked received, back to review.
CREATE FUNCTION gise.documents_arrived(request_id uuid, application_id bigint, version integer)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'arrived', me.id);
    a gise.application;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['awaiting_documents'], 'documents arriving');
    UPDATE gise.application_document ad SET received_at = now(), received_by = me.id
    FROM gise.deficiency_notice n JOIN gise.deficiency_notice_item i ON i.notice_id = n.id
    WHERE n.application_id = a.id AND n.resolved_at IS NULL
      AND ad.application_id = a.id AND ad.document_type_id = i.document_type_id
      AND ad.received_at IS NULL;
    UPDATE gise.deficiency_notice SET resolved_at = now()
    WHERE deficiency_notice.application_id = a.id AND resolved_at IS NULL;
    RETURN gise.request_finish(request_id, gise.application_move(a, 'in_review', 'arrived', NULL));
END
$$;

-- Approval: every mandatory document received and checked. A clerk approves
-- alone only a low-risk service (the rule is recorded in the decision);
-- anything riskier goes to a supervisor.
CREATE FUNCTION gise.application_approve(request_id uuid, application_id bigint, version integer,
                                                    explanation text DEFAULT '', letter text DEFAULT NULL)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'approve', me.id);
    a gise.application;
    risk text;
    rule text;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['in_review'], 'approval');
    IF EXISTS (SELECT FROM gise.application_document ad
               JOIN gise.service_document sd ON sd.service_id = a.service_id
                                             AND sd.document_type_id = ad.document_type_id
               WHERE ad.application_id = a.id AND sd.mandatory AND ad.checked_at IS NULL) THEN
        RAISE EXCEPTION 'every mandatory document must be received and checked before approval'
            USING ERRCODE = 'GS104';
    END IF;
    SELECT s.risk_level INTO risk FROM gise.service s WHERE s.id = a.service_id;
    IF me.role_group = 'supervisor' THEN
        rule := 'supervisor';
    ELSIF risk = 'low' THEN
        rule := 'low risk: every mandatory document checked';
    ELSE
        RAISE EXCEPTION 'approving a % risk service needs a supervisor: escalate the application', risk
            USING ERRCODE = 'GS103';
    END IF;
    INSERT INTO gise.decision (application_id, outcome, explanation, rule, decided_by, letter_text)
    VALUES (a.id, 'approved', coalesce(explanation, ''), rule, me.id, letter);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'approved', 'approve',
        jsonb_build_object('rule', rule)));
END
$$;

-- Rejection: a reason from the catalogue and a written explanation. A
-- reason or a service flagged "needs supervisor" is not for a clerk alone.
CREATE FUNCTION gise.application_reject(request_id uuid, application_id bigint, version integer,
                                        reason_code text, explanation text, letter text DEFAULT NULL)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'reject', me.id);
    a gise.application;
    reason gise.rejection_reason;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['in_review'], 'rejection');
    SELECT * INTO reason FROM gise.rejection_reason rr WHERE rr.code = reason_code AND rr.active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'rejection reason % does not exist', reason_code USING ERRCODE = 'GS106';
    END IF;
    IF explanation IS NULL OR btrim(explanation) = '' THEN
        RAISE EXCEPTION 'a rejection needs a written explanation' USING ERRCODE = 'GS104';
    END IF;
    IF me.role_group = 'clerk' AND (reason.needs_supervisor OR
        (SELECT s.rejection_needs_supervisor FROM gise.service s WHERE s.id = a.service_id)) THEN
        RAISE EXCEPTION 'this rejection needs a supervisor: escalate the application'
            USING ERRCODE = 'GS103';
    END IF;
    INSERT INTO gise.decision (application_id, outcome, reason_code, explanation, decided_by, letter_text)
    VALUES (a.id, 'rejected', reason.code, explanation, me.id, letter);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'rejected', 'reject',
        jsonb_build_object('reason', reason.code)));
END
$$;

CREATE FUNCTION gise.application_complete(request_id uuid, application_id bigint, version integer)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'complete', me.id);
    a gise.application;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['approved'], 'completion');
    RETURN gise.request_finish(request_id, gise.application_move(a, 'completed', 'complete', NULL));
END
$$;

-- Withdrawal at the citizen's request, from any open state, with a reason.
CREATE FUNCTION gise.application_withdraw(request_id uuid, application_id bigint, version integer,
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
                               ARRAY['received', 'in_review', 'awaiting_documents', 'escalated', 'approved'],
                               'withdrawal');
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'a withdrawal needs the citizen''s reason' USING ERRCODE = 'GS104';
    END IF;
    RETURN gise.request_finish(request_id, gise.application_move(a, 'withdrawn', 'withdraw',
        jsonb_build_object('reason', reason)));
END
$$;

-- Applications whose deficiency deadline has passed become lapsed. Any
-- scheduler may call it as often as it likes: a second call finds nothing.
CREATE FUNCTION gise.lapse_overdue() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    a gise.application;
    n integer := 0;
BEGIN
    FOR a IN SELECT x.* FROM gise.application x
             WHERE x.status = 'awaiting_documents'
               AND EXISTS (SELECT FROM gise.deficiency_notice d
                           WHERE d.application_id = x.id AND d.resolved_at IS NULL
                             AND d.deadline < current_date)
             FOR UPDATE SKIP LOCKED LOOP
        PERFORM gise.application_move(a, 'lapsed', 'lapse', NULL);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

-- Escalation to a supervisor: a reason and the outcome asked for. (Deciding
-- it, four-eyes, comes with the supervisors' functions.)
CREATE FUNCTION gise.application_escalate(request_id uuid, application_id bigint, version integer,
                                          reason text, requested_outcome text,
                                          requested_reason_code text DEFAULT NULL)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'escalate', me.id);
    a gise.application;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
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
    INSERT INTO gise.escalation (application_id, raised_by, reason, requested_outcome, requested_reason_code)
    VALUES (a.id, me.id, reason, requested_outcome, requested_reason_code);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'escalated', 'escalate',
        jsonb_build_object('requested', requested_outcome, 'reason_code', requested_reason_code)));
END
$$;

-- The history of one application, from the audit log, oldest first: what
-- the application screen shows as its timeline.
CREATE TYPE gise.timeline_entry AS (
    at        timestamptz,
    actor     text,        -- the staff member's name (or the role, for a scheduler)
    action    text,        -- open, review, document, deficiency, arrived, approve, ...
    details   jsonb
);

CREATE FUNCTION gise.application_timeline(application_id bigint) RETURNS SETOF gise.timeline_entry
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT l.at, coalesce(s.display_name, l.actor::text), l.action, l.details
    FROM gise.audit_log l LEFT JOIN gise.staff s ON s.role_name = l.actor
    WHERE l.application_id = application_timeline.application_id
      AND gise.may_read_application((SELECT a.office_id FROM gise.application a
                                     WHERE a.id = application_timeline.application_id))
    ORDER BY l.id;
END;

-- PostgreSQL lets PUBLIC execute new functions, and a per-schema default
-- (0004) cannot take that away: revoke it here, and for the future globally
-- for the role that runs migrations. The helpers (request_claim,
-- application_lock, application_move) run only inside the SECURITY DEFINER
-- functions and are granted to nobody.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA gise FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT SELECT ON gise.holiday TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT INSERT, UPDATE, DELETE ON gise.holiday TO gise_admin;
GRANT SELECT ON gise.request_log TO gise_auditor;
GRANT EXECUTE ON FUNCTION gise.is_working_day(date), gise.add_working_days(date, integer)
    TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT EXECUTE ON FUNCTION
    gise.deficiency_deadline(bigint),
    gise.application_open(uuid, bigint, text, text[]),
    gise.document_mark(uuid, bigint, integer, text, boolean, boolean),
    gise.application_start_review(uuid, bigint, integer),
    gise.deficiency_issue(uuid, bigint, integer, text[], date, text, text),
    gise.documents_arrived(uuid, bigint, integer),
    gise.application_approve(uuid, bigint, integer, text, text),
    gise.application_reject(uuid, bigint, integer, text, text, text),
    gise.application_escalate(uuid, bigint, integer, text, text, text),
    gise.application_complete(uuid, bigint, integer),
    gise.application_withdraw(uuid, bigint, integer, text),
    gise.application_timeline(bigint)
    TO gise_clerk, gise_supervisor;
GRANT EXECUTE ON FUNCTION gise.application_timeline(bigint) TO gise_auditor;
GRANT EXECUTE ON FUNCTION gise.lapse_overdue() TO gise_admin;
GRANT EXECUTE ON FUNCTION gise.my_office() TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
