-- Supervision in the database: office boundaries for every lifecycle step,
-- approval by a clerk only where the service's risk allows it, and deciding
-- an escalation under four eyes.
--
--   GS107  the application belongs to another office

-- The caller's office, for staff; NULL for anyone else.
CREATE FUNCTION gise.my_office() RETURNS smallint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT office_id FROM gise.staff WHERE role_name = session_user AND active);

-- Row-level security: counter staff see the applications of their own
-- office; auditors (and the owner, for migrations and the scheduler) all.
ALTER TABLE gise.application ENABLE ROW LEVEL SECURITY;
CREATE POLICY application_own_office ON gise.application FOR SELECT
    TO gise_clerk, gise_supervisor USING (office_id = gise.my_office());
CREATE POLICY application_auditor ON gise.application FOR SELECT TO gise_auditor USING (true);
GRANT EXECUTE ON FUNCTION gise.my_office() TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;

-- Every step goes through application_lock: it now also refuses another
-- office's application (the SECURITY DEFINER functions bypass RLS, so the
-- check lives here, in one place).
CREATE OR REPLACE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
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

-- Reading follows the same boundary: another office's application does not
-- exist for counter staff; auditors read every office.
CREATE FUNCTION gise.may_read_application(office_id smallint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN EXISTS (SELECT FROM gise.staff me WHERE me.role_name = session_user AND me.active
               AND (me.role_group = 'auditor' OR me.office_id = may_read_application.office_id));

CREATE OR REPLACE FUNCTION gise.application_read(application_id bigint) RETURNS SETOF gise.application_header
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT a.id, a.number, c.id, c.given_name || ' ' || c.family_name, c.preferred_language,
           s.code, s.name_tr, s.name_en, o.code, o.name_tr, o.name_en, a.status, st.display_name,
           a.received_at, a.due_date, a.closed_at, a.version
    FROM gise.application a
    JOIN gise.citizen c ON c.id = a.citizen_id
    JOIN gise.service s ON s.id = a.service_id
    JOIN gise.office o ON o.id = a.office_id
    LEFT JOIN gise.staff st ON st.id = a.assignee_id
    WHERE a.id = application_read.application_id AND gise.may_read_application(a.office_id);
END;

CREATE OR REPLACE FUNCTION gise.application_checklist(application_id bigint) RETURNS SETOF gise.checklist_entry
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT dt.code, dt.name_tr, dt.name_en, coalesce(sd.mandatory, false),
           ad.received_at IS NOT NULL, ad.checked_at IS NOT NULL
    FROM gise.application_document ad
    JOIN gise.application a ON a.id = ad.application_id
    JOIN gise.document_type dt ON dt.id = ad.document_type_id
    LEFT JOIN gise.service_document sd ON sd.service_id = a.service_id AND sd.document_type_id = dt.id
    WHERE ad.application_id = application_checklist.application_id
      AND gise.may_read_application(a.office_id)
    ORDER BY coalesce(sd.position, 0), dt.code;
END;

CREATE OR REPLACE FUNCTION gise.application_timeline(application_id bigint) RETURNS SETOF gise.timeline_entry
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT l.at, coalesce(s.display_name, l.actor::text), l.action, l.details
    FROM gise.audit_log l LEFT JOIN gise.staff s ON s.role_name = l.actor
    WHERE l.application_id = application_timeline.application_id
      AND gise.may_read_application((SELECT a.office_id FROM gise.application a
                                     WHERE a.id = application_timeline.application_id))
    ORDER BY l.id;
END;

REVOKE EXECUTE ON FUNCTION gise.may_read_application(smallint) FROM PUBLIC;
