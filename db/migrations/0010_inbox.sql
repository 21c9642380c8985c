-- The escalation inbox: what each role sees of escalations, live (LISTEN
-- gise_office_<id>, announced by 0009's trigger), and what happens to an
-- open escalation when its application closes another way (withdrawal).
-- Also the office boundary for the tables beside gise.application, which
-- counter staff could otherwise read across offices.

-- An escalation whose application was withdrawn is neither approved nor
-- denied: it is cancelled, and leaves every inbox.
ALTER TABLE gise.escalation ADD COLUMN cancelled_at timestamptz;
ALTER TABLE gise.escalation ADD CONSTRAINT escalation_cancelled_undecided
    CHECK (cancelled_at IS NULL OR decided_at IS NULL);

CREATE INDEX escalation_open_idx ON gise.escalation (raised_at, id)
    WHERE decided_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX escalation_raised_by_idx ON gise.escalation (raised_by, raised_at);

-- Any path out of "escalated" other than a decision (today: withdrawal)
-- cancels the open escalation; a decision has already closed it.
CREATE FUNCTION gise.escalation_cancel_on_leave() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    UPDATE gise.escalation e SET cancelled_at = now()
    WHERE e.application_id = NEW.id AND e.decided_at IS NULL AND e.cancelled_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER application_leaves_escalated AFTER UPDATE OF status ON gise.application
    FOR EACH ROW WHEN (OLD.status = 'escalated' AND NEW.status <> 'escalated')
    EXECUTE FUNCTION gise.escalation_cancel_on_leave();

-- The announcement carries no personal data (anyone may LISTEN on any
-- channel): ids, the application number, the event and who raised and
-- decided it. Clients read the rest through gise.escalation_get, which
-- applies the office boundary.
CREATE OR REPLACE FUNCTION gise.escalation_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM pg_notify('gise_office_' || a.office_id,
                      json_build_object('escalation', NEW.id, 'application', a.number,
                                        'application_id', a.id,
                                        'event', CASE WHEN NEW.cancelled_at IS NOT NULL THEN 'cancelled'
                                                      WHEN NEW.decided_at IS NULL THEN 'raised'
                                                      ELSE 'decided' END,
                                        'raised_by', NEW.raised_by, 'decided_by', NEW.decided_by,
                                        'decision', NEW.decision)::text)
    FROM gise.application a WHERE a.id = NEW.application_id;
    RETURN NULL;
END
$$;

CREATE TYPE gise.escalation_item AS (
    escalation_id          bigint,
    application_id         bigint,
    application_number     text,
    application_version    integer,
    application_status     text,
    office_id              smallint,
    service_name_tr        text,
    service_name_en        text,
    raised_by_id           integer,
    raised_by_name         text,
    raised_at              timestamptz,
    waiting_seconds        bigint,          -- until the decision, or until now
    requested_outcome      text,            -- approve, reject, exception
    requested_reason_code  text,
    reason                 text,
    decided_by_name        text,
    decided_at             timestamptz,
    decision               text,            -- approved, denied, or NULL
    comment                text,
    cancelled_at           timestamptz
);

-- One definition of an inbox row, used only by the functions below (it is
-- granted to nobody: they apply each role's boundary).
CREATE VIEW gise.escalation_item_view AS
    SELECT e.id AS escalation_id, a.id AS application_id, a.number AS application_number,
           a.version AS application_version, a.status AS application_status, a.office_id,
           s.name_tr AS service_name_tr, s.name_en AS service_name_en,
           e.raised_by AS raised_by_id, r.display_name AS raised_by_name, e.raised_at,
           extract(epoch FROM coalesce(e.decided_at, e.cancelled_at, now()) - e.raised_at)::bigint
               AS waiting_seconds,
           e.requested_outcome, e.requested_reason_code, e.reason,
           d.display_name AS decided_by_name, e.decided_at, e.decision, e.comment, e.cancelled_at
    FROM gise.escalation e
    JOIN gise.application a ON a.id = e.application_id
    JOIN gise.service s ON s.id = a.service_id
    JOIN gise.staff r ON r.id = e.raised_by
    LEFT JOIN gise.staff d ON d.id = e.decided_by;
REVOKE ALL ON gise.escalation_item_view FROM PUBLIC, gise_auditor;

-- F6. A supervisor: the open escalations of their office, oldest first. A
-- clerk: the escalations they raised that were closed in the last 14 days,
-- newest decision first (what they have to act on), then the open ones. An auditor: every office's open escalations. At most 500;
-- gise.escalation_open_count says how many there are in all.
CREATE FUNCTION gise.escalation_inbox() RETURNS SETOF gise.escalation_item
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    IF me.role_group = 'supervisor' THEN
        RETURN QUERY SELECT v.* FROM gise.escalation_item_view v
            WHERE v.decided_at IS NULL AND v.cancelled_at IS NULL AND v.office_id = me.office_id
            ORDER BY v.raised_at, v.escalation_id LIMIT 500;
    ELSIF me.role_group = 'auditor' THEN
        RETURN QUERY SELECT v.* FROM gise.escalation_item_view v
            WHERE v.decided_at IS NULL AND v.cancelled_at IS NULL
            ORDER BY v.raised_at, v.escalation_id LIMIT 500;
    ELSIF me.role_group = 'clerk' THEN
        RETURN QUERY SELECT v.* FROM gise.escalation_item_view v
            WHERE v.raised_by_id = me.id
              AND coalesce(v.decided_at, v.cancelled_at, 'infinity') > now() - interval '14 days'
            ORDER BY (v.decided_at IS NULL AND v.cancelled_at IS NULL),
                     coalesce(v.decided_at, v.cancelled_at) DESC, v.raised_at, v.escalation_id
            LIMIT 500;
    ELSE
        RAISE EXCEPTION 'the inbox is for counter staff and auditors' USING ERRCODE = 'GS103';
    END IF;
END
$$;

-- How many open escalations the inbox's role sees (the list stops at 500).
CREATE FUNCTION gise.escalation_open_count() RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    RETURN (SELECT count(*) FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
            WHERE e.decided_at IS NULL AND e.cancelled_at IS NULL
              AND (me.role_group = 'auditor'
                   OR (me.role_group = 'supervisor' AND a.office_id = me.office_id)
                   OR (me.role_group = 'clerk' AND e.raised_by = me.id)));
END
$$;

-- One escalation, within the reader's office boundary (nothing otherwise).
CREATE FUNCTION gise.escalation_get(escalation_id bigint) RETURNS SETOF gise.escalation_item
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.* FROM gise.escalation_item_view v
    WHERE v.escalation_id = escalation_get.escalation_id AND gise.may_read_application(v.office_id);
END;

-- The latest escalation of an application (open or closed), for the
-- application screen: who raised it, what they asked for, what came of it.
CREATE FUNCTION gise.escalation_latest(application_id bigint) RETURNS SETOF gise.escalation_item
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.* FROM gise.escalation_item_view v
    WHERE v.application_id = escalation_latest.application_id AND gise.may_read_application(v.office_id)
    ORDER BY v.raised_at DESC, v.escalation_id DESC LIMIT 1;
END;

-- What a clerk missed while disconnected: their escalations decided or
-- cancelled after `since` (the server time of their last look).
CREATE FUNCTION gise.escalation_news(since timestamptz) RETURNS SETOF gise.escalation_item
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.* FROM gise.escalation_item_view v
    WHERE v.raised_by_id = (gise.require_staff()).id
      AND coalesce(v.decided_at, v.cancelled_at) > escalation_news.since
    ORDER BY coalesce(v.decided_at, v.cancelled_at), v.escalation_id;
END;

-- Deciding with the letter the citizen receives when the approved request
-- was a rejection (the supervisor's screen writes it in the citizen's
-- language). A retry returns the first answer and keeps the first letter.
CREATE FUNCTION gise.escalation_decide(request_id uuid, application_id bigint, version integer,
                                       decision text, comment text, letter text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    result gise.action_result := gise.escalation_decide(request_id, application_id, version,
                                                         decision, comment);
BEGIN
    UPDATE gise.decision d SET letter_text = letter
    WHERE d.id = (SELECT max(x.id) FROM gise.decision x WHERE x.application_id = escalation_decide.application_id)
      AND d.outcome = 'rejected' AND d.letter_text IS NULL AND letter IS NOT NULL
      AND d.decided_by = (gise.require_staff()).id;
    RETURN result;
END
$$;

-- The tables beside gise.application follow its office boundary for plain
-- reads (the policy's subquery sees only the applications the reader's own
-- policy on gise.application lets through).
ALTER TABLE gise.application_document ENABLE ROW LEVEL SECURITY;
ALTER TABLE gise.deficiency_notice ENABLE ROW LEVEL SECURITY;
ALTER TABLE gise.deficiency_notice_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE gise.decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE gise.escalation ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_office ON gise.application_document FOR SELECT TO gise_clerk, gise_supervisor
    USING (EXISTS (SELECT FROM gise.application a WHERE a.id = application_id));
CREATE POLICY own_office ON gise.deficiency_notice FOR SELECT TO gise_clerk, gise_supervisor
    USING (EXISTS (SELECT FROM gise.application a WHERE a.id = application_id));
CREATE POLICY own_office ON gise.deficiency_notice_item FOR SELECT TO gise_clerk, gise_supervisor
    USING (EXISTS (SELECT FROM gise.deficiency_notice n WHERE n.id = notice_id));
CREATE POLICY own_office ON gise.decision FOR SELECT TO gise_clerk, gise_supervisor
    USING (EXISTS (SELECT FROM gise.application a WHERE a.id = application_id));
CREATE POLICY own_office ON gise.escalation FOR SELECT TO gise_clerk, gise_supervisor
    USING (EXISTS (SELECT FROM gise.application a WHERE a.id = application_id));
CREATE POLICY auditor ON gise.application_document FOR SELECT TO gise_auditor USING (true);
CREATE POLICY auditor ON gise.deficiency_notice FOR SELECT TO gise_auditor USING (true);
CREATE POLICY auditor ON gise.deficiency_notice_item FOR SELECT TO gise_auditor USING (true);
CREATE POLICY auditor ON gise.decision FOR SELECT TO gise_auditor USING (true);
CREATE POLICY auditor ON gise.escalation FOR SELECT TO gise_auditor USING (true);

GRANT EXECUTE ON FUNCTION gise.escalation_inbox(), gise.escalation_open_count(),
    gise.escalation_get(bigint), gise.escalation_latest(bigint)
    TO gise_clerk, gise_supervisor, gise_auditor;
GRANT EXECUTE ON FUNCTION gise.escalation_news(timestamptz) TO gise_clerk, gise_supervisor;
GRANT EXECUTE ON FUNCTION gise.escalation_decide(uuid, bigint, integer, text, text, text)
    TO gise_supervisor;

-- Administrators keep the staff list and the catalogue (0004), whose CHECK
-- constraints call the text rules; since 0005 revoked EXECUTE from PUBLIC
-- they could not, so every INSERT or UPDATE of theirs failed.
GRANT EXECUTE ON FUNCTION gise.line_text_ok(text, integer), gise.note_text_ok(text, integer)
    TO gise_admin;
