-- Reading an application as the counter sees it: the header (with the
-- citizen's name and letter language, which clerks cannot read from the
-- citizen table) and the document checklist.

CREATE TYPE gise.application_header AS (
    id                bigint,
    number            text,
    citizen_id        bigint,
    citizen_name      text,
    citizen_language  text,
    service_code      text,
    service_name_tr   text,
    service_name_en   text,
    office_code       text,
    office_name_tr    text,
    office_name_en    text,
    status            text,
    assignee          text,
    received_at       timestamptz,
    due_date          date,
    closed_at         timestamptz,
    version           integer
);

CREATE FUNCTION gise.application_read(application_id bigint) RETURNS SETOF gise.application_header
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

CREATE TYPE gise.checklist_entry AS (
    code       text,
    name_tr    text,
    name_en    text,
    mandatory  boolean,
    received   boolean,
    checked    boolean
);

CREATE FUNCTION gise.application_checklist(application_id bigint) RETURNS SETOF gise.checklist_entry
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

REVOKE EXECUTE ON FUNCTION gise.application_read(bigint), gise.application_checklist(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.application_read(bigint), gise.application_checklist(bigint)
    TO gise_clerk, gise_supervisor, gise_auditor;
