-- The data model of DESIGN.md: offices and staff, citizens, the service
-- catalogue, applications and everything that happens to them, and the logs.

CREATE TABLE gise.office (
    id         smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code       text NOT NULL UNIQUE CONSTRAINT office_code_format CHECK (code ~ '^[A-Z]{2,8}$'),
    name_tr    text NOT NULL CONSTRAINT office_name_tr_text CHECK (gise.line_text_ok(name_tr, 120)),
    name_en    text NOT NULL CONSTRAINT office_name_en_text CHECK (gise.line_text_ok(name_en, 120)),
    city       text NOT NULL CONSTRAINT office_city_text CHECK (gise.line_text_ok(city, 60)),
    address    text NOT NULL CONSTRAINT office_address_text CHECK (gise.line_text_ok(address, 200)),
    phone      text CONSTRAINT office_phone_format CHECK (phone ~ '^\+?[0-9 ]{7,20}$')
);

CREATE TABLE gise.staff (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role_name     name NOT NULL UNIQUE,           -- the PostgreSQL login role
    display_name  text NOT NULL CONSTRAINT staff_display_name_text CHECK (gise.line_text_ok(display_name, 100)),
    office_id     smallint NOT NULL REFERENCES gise.office,
    role_group    text NOT NULL CONSTRAINT staff_role_group_known
                  CHECK (role_group IN ('clerk', 'supervisor', 'auditor', 'admin')),
    language      text NOT NULL DEFAULT 'tr' CONSTRAINT staff_language_known CHECK (language IN ('tr', 'en')),
    -- Accessibility profile: a screen reader cannot be detected over SSH.
    screen_reader boolean NOT NULL DEFAULT false,
    no_color      boolean NOT NULL DEFAULT false,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE gise.citizen (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    national_id         text NOT NULL CONSTRAINT citizen_national_id_valid CHECK (gise.national_id_valid(national_id)),
    given_name          text NOT NULL CONSTRAINT citizen_given_name_text CHECK (gise.line_text_ok(given_name, 100)),
    family_name         text NOT NULL CONSTRAINT citizen_family_name_text CHECK (gise.line_text_ok(family_name, 100)),
    birth_date          date NOT NULL CONSTRAINT citizen_birth_date_range CHECK (birth_date >= DATE '1880-01-01'),
    birth_place         text CONSTRAINT citizen_birth_place_text CHECK (gise.line_text_ok(birth_place, 60)),
    phone               text CONSTRAINT citizen_phone_format CHECK (phone ~ '^\+?[0-9 ]{7,20}$'),
    email               text CONSTRAINT citizen_email_format CHECK (email ~ '^[^@[:space:]]{1,64}@[^@[:space:]]{1,190}$'),
    address             text CONSTRAINT citizen_address_text CHECK (gise.line_text_ok(address, 200)),
    city                text CONSTRAINT citizen_city_text CHECK (gise.line_text_ok(city, 60)),
    preferred_language  text NOT NULL DEFAULT 'tr' CONSTRAINT citizen_language_known CHECK (preferred_language IN ('tr', 'en')),
    accessibility_needs text CONSTRAINT citizen_accessibility_text CHECK (gise.line_text_ok(accessibility_needs, 200)),
    -- Search keys, derived by the database so no client can store a wrong one.
    given_key           text NOT NULL GENERATED ALWAYS AS (gise.fold_name(given_name)) STORED,
    family_key          text NOT NULL GENERATED ALWAYS AS (gise.fold_name(family_name)) STORED,
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- A name must contain something a clerk can type to find it.
    CONSTRAINT citizen_name_searchable CHECK (given_key <> '' AND family_key <> '')
);
-- The unique and search indexes are in 0003_search.sql: the demo loader
-- drops and rebuilds them around a bulk COPY.

CREATE TABLE gise.document_type (
    id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code     text NOT NULL UNIQUE CONSTRAINT document_type_code_format CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name_tr  text NOT NULL CONSTRAINT document_type_name_tr_text CHECK (gise.line_text_ok(name_tr, 120)),
    name_en  text NOT NULL CONSTRAINT document_type_name_en_text CHECK (gise.line_text_ok(name_en, 120))
);

CREATE TABLE gise.service (
    id                          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                        text NOT NULL UNIQUE CONSTRAINT service_code_format CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name_tr                     text NOT NULL CONSTRAINT service_name_tr_text CHECK (gise.line_text_ok(name_tr, 120)),
    name_en                     text NOT NULL CONSTRAINT service_name_en_text CHECK (gise.line_text_ok(name_en, 120)),
    description_tr              text NOT NULL DEFAULT '' CONSTRAINT service_description_tr_text CHECK (gise.note_text_ok(description_tr, 2000)),
    description_en              text NOT NULL DEFAULT '' CONSTRAINT service_description_en_text CHECK (gise.note_text_ok(description_en, 2000)),
    sla_working_days            smallint NOT NULL CONSTRAINT service_sla_range CHECK (sla_working_days BETWEEN 1 AND 365),
    deficiency_working_days     smallint NOT NULL DEFAULT 15 CONSTRAINT service_deficiency_range CHECK (deficiency_working_days BETWEEN 1 AND 90),
    risk_level                  text NOT NULL CONSTRAINT service_risk_known CHECK (risk_level IN ('low', 'medium', 'high')),
    fee_kurus                   integer NOT NULL DEFAULT 0 CONSTRAINT service_fee_range CHECK (fee_kurus >= 0),
    rejection_needs_supervisor  boolean NOT NULL DEFAULT false,
    exception_needs_supervisor  boolean NOT NULL DEFAULT true,
    active                      boolean NOT NULL DEFAULT true
);

CREATE TABLE gise.service_document (
    service_id        integer NOT NULL REFERENCES gise.service,
    document_type_id  integer NOT NULL REFERENCES gise.document_type,
    mandatory         boolean NOT NULL DEFAULT true,
    position          smallint NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, document_type_id)
);

CREATE TABLE gise.rejection_reason (
    code                 text PRIMARY KEY CONSTRAINT rejection_reason_code_format CHECK (code ~ '^[A-Z]{2,4}-[0-9]{2,3}$'),
    title_tr             text NOT NULL CONSTRAINT rejection_reason_title_tr_text CHECK (gise.line_text_ok(title_tr, 160)),
    title_en             text NOT NULL CONSTRAINT rejection_reason_title_en_text CHECK (gise.line_text_ok(title_en, 160)),
    law                  text NOT NULL CONSTRAINT rejection_reason_law_text CHECK (gise.line_text_ok(law, 200)),
    article              text NOT NULL CONSTRAINT rejection_reason_article_text CHECK (gise.line_text_ok(article, 60)),
    citizen_text_tr      text NOT NULL CONSTRAINT rejection_reason_text_tr CHECK (gise.note_text_ok(citizen_text_tr, 2000) AND citizen_text_tr <> ''),
    citizen_text_en      text NOT NULL CONSTRAINT rejection_reason_text_en CHECK (gise.note_text_ok(citizen_text_en, 2000) AND citizen_text_en <> ''),
    needs_supervisor     boolean NOT NULL DEFAULT false,
    active               boolean NOT NULL DEFAULT true
);

CREATE TABLE gise.application_counter (
    year  smallint PRIMARY KEY,
    last  integer NOT NULL DEFAULT 0
);

CREATE TABLE gise.application (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number        text NOT NULL CONSTRAINT application_number_format CHECK (number ~ '^[0-9]{4}-[0-9]{6,9}$'),
    citizen_id    bigint NOT NULL,
    service_id    integer NOT NULL REFERENCES gise.service,
    office_id     smallint NOT NULL REFERENCES gise.office,
    status        text NOT NULL DEFAULT 'received' CONSTRAINT application_status_known CHECK (status IN
                  ('received', 'in_review', 'awaiting_documents', 'lapsed', 'escalated',
                   'approved', 'rejected', 'completed', 'withdrawn')),
    assignee_id   integer REFERENCES gise.staff,
    received_at   timestamptz NOT NULL DEFAULT now(),
    due_date      date NOT NULL,
    closed_at     timestamptz,
    version       integer NOT NULL DEFAULT 1,
    CONSTRAINT application_closed_when_final CHECK
        ((status IN ('completed', 'rejected', 'lapsed', 'withdrawn')) = (closed_at IS NOT NULL))
);
-- Keys and the citizen foreign key are in 0003_search.sql (bulk-load friendly).

CREATE TABLE gise.application_document (
    application_id    bigint NOT NULL REFERENCES gise.application ON DELETE RESTRICT,
    document_type_id  integer NOT NULL REFERENCES gise.document_type,
    received_at       timestamptz,
    received_by       integer REFERENCES gise.staff,
    checked_at        timestamptz,
    checked_by        integer REFERENCES gise.staff,
    PRIMARY KEY (application_id, document_type_id),
    CONSTRAINT application_document_received_pair CHECK ((received_at IS NULL) = (received_by IS NULL)),
    CONSTRAINT application_document_checked_pair CHECK ((checked_at IS NULL) = (checked_by IS NULL)),
    CONSTRAINT application_document_checked_after_received CHECK (checked_at IS NULL OR received_at IS NOT NULL)
);

CREATE TABLE gise.deficiency_notice (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint NOT NULL REFERENCES gise.application,
    issued_by       integer NOT NULL REFERENCES gise.staff,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    deadline        date NOT NULL,
    note            text NOT NULL DEFAULT '' CONSTRAINT deficiency_notice_note_text CHECK (gise.note_text_ok(note, 2000)),
    language        text NOT NULL CONSTRAINT deficiency_notice_language_known CHECK (language IN ('tr', 'en')),
    letter_text     text CONSTRAINT deficiency_notice_letter_text CHECK (gise.note_text_ok(letter_text, 20000)),
    resolved_at     timestamptz
);

CREATE TABLE gise.deficiency_notice_item (
    notice_id         bigint NOT NULL REFERENCES gise.deficiency_notice,
    document_type_id  integer NOT NULL REFERENCES gise.document_type,
    PRIMARY KEY (notice_id, document_type_id)
);

CREATE TABLE gise.decision (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint NOT NULL REFERENCES gise.application,
    outcome         text NOT NULL CONSTRAINT decision_outcome_known CHECK (outcome IN ('approved', 'rejected')),
    reason_code     text REFERENCES gise.rejection_reason,
    explanation     text NOT NULL DEFAULT '' CONSTRAINT decision_explanation_text CHECK (gise.note_text_ok(explanation, 4000)),
    rule            text,             -- what allowed it, e.g. low-risk approval
    decided_by      integer NOT NULL REFERENCES gise.staff,
    decided_at      timestamptz NOT NULL DEFAULT now(),
    letter_text     text CONSTRAINT decision_letter_text CHECK (gise.note_text_ok(letter_text, 20000)),
    CONSTRAINT decision_rejection_has_reason CHECK
        (outcome <> 'rejected' OR (reason_code IS NOT NULL AND btrim(explanation) <> ''))
);

CREATE TABLE gise.escalation (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id         bigint NOT NULL REFERENCES gise.application,
    raised_by              integer NOT NULL REFERENCES gise.staff,
    raised_at              timestamptz NOT NULL DEFAULT now(),
    reason                 text NOT NULL CONSTRAINT escalation_reason_text CHECK (gise.note_text_ok(reason, 4000) AND btrim(reason) <> ''),
    requested_outcome      text NOT NULL CONSTRAINT escalation_requested_known CHECK (requested_outcome IN ('approve', 'reject', 'exception')),
    requested_reason_code  text REFERENCES gise.rejection_reason,
    decided_by             integer REFERENCES gise.staff,
    decided_at             timestamptz,
    decision               text CONSTRAINT escalation_decision_known CHECK (decision IN ('approved', 'denied')),
    comment                text CONSTRAINT escalation_comment_text CHECK (gise.note_text_ok(comment, 4000)),
    CONSTRAINT escalation_reject_has_reason CHECK (requested_outcome <> 'reject' OR requested_reason_code IS NOT NULL),
    CONSTRAINT escalation_four_eyes CHECK (decided_by IS NULL OR decided_by <> raised_by),
    CONSTRAINT escalation_decided_together CHECK
        ((decided_by IS NULL) = (decided_at IS NULL) AND (decided_by IS NULL) = (decision IS NULL)
         AND (decided_by IS NULL OR btrim(coalesce(comment, '')) <> ''))
);

-- Append-only and hash-chained: each row's hash covers the previous row's
-- hash (the time as epoch seconds, so the session's time zone cannot matter), so a removed or edited row breaks the chain (gise.audit_verify()).
CREATE TABLE gise.audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor           name NOT NULL DEFAULT session_user,
    action          text NOT NULL,
    entity          text NOT NULL,
    entity_id       bigint,
    application_id  bigint,
    details         jsonb NOT NULL DEFAULT '{}',
    prev_hash       bytea,
    hash            bytea NOT NULL
);

CREATE TABLE gise.access_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor       name NOT NULL DEFAULT session_user,
    citizen_id  bigint NOT NULL,
    screen      text NOT NULL CONSTRAINT access_log_screen_text CHECK (gise.line_text_ok(screen, 60)),
    reason      text CONSTRAINT access_log_reason_text CHECK (gise.note_text_ok(reason, 400))
);
CREATE INDEX access_log_citizen_idx ON gise.access_log (citizen_id, at);
CREATE INDEX audit_log_application_idx ON gise.audit_log (application_id, id) WHERE application_id IS NOT NULL;

CREATE FUNCTION gise.audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    -- One writer at a time extends the chain; the lock ends with the transaction.
    PERFORM pg_advisory_xact_lock(hashtext('gise.audit_log'));
    SELECT hash INTO NEW.prev_hash FROM gise.audit_log ORDER BY id DESC LIMIT 1;
    NEW.hash := sha256(convert_to(concat_ws('|', encode(NEW.prev_hash, 'hex'), extract(epoch FROM NEW.at), NEW.actor,
        NEW.action, NEW.entity, NEW.entity_id, NEW.application_id, NEW.details::text), 'UTF8'));
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON gise.audit_log
    FOR EACH ROW EXECUTE FUNCTION gise.audit_chain();

CREATE FUNCTION gise.append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'GS010';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON gise.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION gise.append_only();
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON gise.access_log
    FOR EACH STATEMENT EXECUTE FUNCTION gise.append_only();

-- Recomputes the chain; returns the id of the first row that does not match
-- (NULL when the whole log is intact).
CREATE FUNCTION gise.audit_verify() RETURNS bigint
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    r record;
    prev bytea;
BEGIN
    FOR r IN SELECT * FROM gise.audit_log ORDER BY id LOOP
        IF r.prev_hash IS DISTINCT FROM prev OR r.hash <> sha256(convert_to(concat_ws('|',
               encode(r.prev_hash, 'hex'), extract(epoch FROM r.at), r.actor, r.action, r.entity, r.entity_id,
               r.application_id, r.details::text), 'UTF8')) THEN
            RETURN r.id;
        END IF;
        prev := r.hash;
    END LOOP;
    RETURN NULL;
END
$$;
