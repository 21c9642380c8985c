-- Countersignatures reach the second supervisor (issue 13, point 4). A
-- high-risk approval waited in awaiting_countersign (0016) and nothing
-- told the supervisors who could give the second signature: the inbox
-- (0010, 0013) listed escalations only, and the announcements (0017) said
-- nothing of approvals. Now:
--
--   1. The inbox is one list of what waits for the reader, in pages: for a
--      supervisor, the open escalations of the office and the approvals
--      they may countersign, oldest first, each where it started waiting
--      (gise.inbox_page). Clerks' and auditors' inboxes are as before.
--   2. Each change of a countersignature (waiting, countersigned, refused,
--      cancelled) is kept (gise.countersign_change) and announced, ids
--      only, on the channels of the offices whose supervisors may
--      countersign it: the application's and the one named in its
--      office's countersign_office_id. The changes share one sequence with
--      the escalations' (0017), so a client keeps one mark and reads a
--      burst of both back in one query (gise.inbox_changes), which names
--      a countersignature only to the supervisors who may give it: never
--      the approver nor the one who asked for the approval.

-- Who may countersign --------------------------------------------------------------

-- What a countersignature says about itself in the inbox and in an
-- announcement: how long it has waited and what became of it.
ALTER TYPE gise.countersign_item
    ADD ATTRIBUTE waiting_seconds bigint,       -- since the first signature, until the answer (or now)
    ADD ATTRIBUTE decision text,                -- countersigned, refused, or NULL while it waits
    ADD ATTRIBUTE decided_by_name text,
    ADD ATTRIBUTE decided_at timestamptz,
    ADD ATTRIBUTE cancelled_at timestamptz;     -- set when the application was withdrawn

-- One definition of a countersignature as the functions below return it
-- (granted to nobody: they apply the boundaries).
CREATE VIEW gise.countersign_item_view AS
    SELECT c.id AS countersign_id, a.id AS application_id, a.number AS application_number,
           a.version AS application_version, o.code AS office_code, s.name_tr AS service_name_tr,
           s.name_en AS service_name_en, st.display_name AS approved_by_name, c.approved_at, c.explanation,
           c.waived,
           extract(epoch FROM coalesce(c.decided_at, c.cancelled_at, now()) - c.approved_at)::bigint
               AS waiting_seconds,
           c.decision, d.display_name AS decided_by_name, c.decided_at, c.cancelled_at
    FROM gise.countersign c
    JOIN gise.application a ON a.id = c.application_id
    JOIN gise.office o ON o.id = a.office_id
    JOIN gise.service s ON s.id = a.service_id
    JOIN gise.staff st ON st.id = c.approved_by
    LEFT JOIN gise.staff d ON d.id = c.decided_by;
REVOKE ALL ON gise.countersign_item_view FROM PUBLIC, gise_auditor;

-- Whether staff member `me` may countersign c, an approval of an
-- application of office `office` (application_countersign's rules, 0016):
-- the signed-in supervisor of that office or of the office that
-- countersigns for it, who neither gave the approval nor asked for it.
CREATE FUNCTION gise.may_countersign(c gise.countersign, office smallint, me integer) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
RETURN office = ANY (gise.countersign_offices())
   AND c.approved_by <> me AND c.asked_by IS DISTINCT FROM me;

-- The approvals waiting for `me`'s countersignature now (the rows of
-- gise.countersign). The inbox and the queue list these.
CREATE FUNCTION gise.countersigns_waiting_for(me gise.staff) RETURNS SETOF gise.countersign
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT c.* FROM gise.countersign c JOIN gise.application a ON a.id = c.application_id
    WHERE me.role_group = 'supervisor' AND c.decided_at IS NULL AND c.cancelled_at IS NULL
      AND a.status = 'awaiting_countersign' AND gise.may_countersign(c, a.office_id, me.id);
END;

-- The queue (0016), from the definitions above, with how long each waited.
CREATE OR REPLACE FUNCTION gise.countersign_queue() RETURNS SETOF gise.countersign_item
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    RETURN QUERY
    SELECT v.* FROM gise.countersigns_waiting_for(me) c
    JOIN gise.countersign_item_view v ON v.countersign_id = c.id
    ORDER BY c.approved_at, c.id LIMIT 500;
END
$$;

-- The inbox, one list --------------------------------------------------------------

-- Where an entry stands in an inbox (0013's key, with the kind of entry):
-- the closed first (a clerk's decided escalations, the latest first), then
-- what waits, from the oldest; escalations before countersignatures that
-- started waiting at the same moment.
CREATE TYPE gise.inbox_key AS (
    open_last    integer,           -- 0 closed, 1 waiting
    closed_desc  numeric,           -- minus the epoch of the closing; 0 while waiting
    since        timestamptz,       -- raised, or approved by the first supervisor
    kind         smallint,          -- 0 escalation, 1 countersignature
    id           bigint
);

-- No SET search_path, so that it is inlined into the page's query (see
-- gise.escalation_inbox_key, 0013).
CREATE FUNCTION gise.inbox_key(closed_at timestamptz, since timestamptz, kind smallint, id bigint)
RETURNS gise.inbox_key
LANGUAGE sql STABLE
RETURN ROW(CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END, coalesce(-extract(epoch FROM closed_at), 0),
           since, kind, id)::gise.inbox_key;

-- One page of the signed-in staff member's inbox, read from an anchor as
-- gise.escalation_inbox_page (0013) reads it; the anchor is an entry of
-- either kind ('escalation' or 'countersign', with its id). A clerk's and
-- an auditor's entries are that function's escalations; a supervisor's are
-- also the approvals they may countersign (gise.countersigns_waiting_for).
-- A supervisor's or an auditor's inbox holds only what waits, so there an
-- entry's key is where it started waiting whatever became of it since: an
-- anchor decided meanwhile keeps its place (0013 moved it before the
-- first). `countersigns` is how many of `total` are countersignatures.
CREATE FUNCTION gise.inbox_page(anchor_kind text, anchor bigint, forward boolean, inclusive boolean,
                                page_size integer)
RETURNS TABLE (kind text, escalation gise.escalation_item, countersign gise.countersign_item,
               "position" bigint, total bigint, countersigns bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    waiting_only boolean := me.role_group <> 'clerk';
    k gise.inbox_key;
BEGIN
    PERFORM gise.bound_text('anchor_kind', anchor_kind, 16);
    IF me.role_group NOT IN ('supervisor', 'auditor', 'clerk') THEN
        RAISE EXCEPTION 'the inbox is for counter staff and auditors' USING ERRCODE = 'GS103';
    END IF;
    IF page_size IS NULL OR page_size < 1 OR page_size > 200 THEN
        RAISE EXCEPTION 'a page holds 1 to 200 entries, not %', page_size USING ERRCODE = '22023';
    END IF;
    IF anchor IS NOT NULL AND anchor_kind IS DISTINCT FROM 'escalation' AND anchor_kind IS DISTINCT FROM 'countersign' THEN
        RAISE EXCEPTION 'an anchor is an escalation or a countersign, not %', coalesce(anchor_kind, 'NULL')
            USING ERRCODE = '22023';
    END IF;
    IF anchor IS NOT NULL THEN
        IF anchor_kind = 'escalation' THEN
            k := (SELECT gise.inbox_key(CASE WHEN NOT waiting_only THEN coalesce(e.decided_at, e.cancelled_at) END,
                                        e.raised_at, 0::smallint, e.id)
                  FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
                  WHERE e.id = anchor AND gise.may_read_application(a.office_id));
        ELSE
            k := (SELECT gise.inbox_key(NULL, c.approved_at, 1::smallint, c.id)
                  FROM gise.countersign c JOIN gise.application a ON a.id = c.application_id
                  WHERE c.id = anchor AND gise.may_read_application(a.office_id));
        END IF;
        IF k IS NULL THEN
            RETURN;
        END IF;
    END IF;
    RETURN QUERY
    WITH listed AS MATERIALIZED (
        SELECT 0::smallint AS kind, e.id,
               gise.inbox_key(CASE WHEN NOT waiting_only THEN coalesce(e.decided_at, e.cancelled_at) END,
                              e.raised_at, 0::smallint, e.id) AS key
        FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
        WHERE CASE me.role_group
                  WHEN 'supervisor' THEN e.decided_at IS NULL AND e.cancelled_at IS NULL
                                         AND a.office_id = me.office_id
                  WHEN 'auditor' THEN e.decided_at IS NULL AND e.cancelled_at IS NULL
                  ELSE e.raised_by = me.id
                       AND coalesce(e.decided_at, e.cancelled_at, 'infinity') > now() - interval '14 days'
              END
        UNION ALL
        SELECT 1::smallint, c.id, gise.inbox_key(NULL, c.approved_at, 1::smallint, c.id)
        FROM gise.countersigns_waiting_for(me) c),
    page AS (
        SELECT l.kind, l.id, l.key FROM listed l
        WHERE k IS NULL
           OR (forward AND (l.key > k OR (inclusive AND l.key = k)))
           OR (NOT forward AND (l.key < k OR (inclusive AND l.key = k)))
        ORDER BY CASE WHEN forward THEN l.key END, CASE WHEN NOT forward THEN l.key END DESC
        LIMIT page_size),
    counted AS (
        SELECT (SELECT count(*) FROM listed) AS total,
               (SELECT count(*) FROM listed l WHERE l.kind = 1) AS countersigns,
               (SELECT count(*) FROM listed l WHERE l.key < (SELECT p.key FROM page p ORDER BY p.key LIMIT 1))
                   AS before)
    -- Only the page's entries are read whole.
    SELECT CASE p.kind WHEN 0 THEN 'escalation' ELSE 'countersign' END,
           CASE WHEN p.kind = 0 THEN (SELECT ROW(v.*)::gise.escalation_item FROM gise.escalation_item_view v
                                      WHERE v.escalation_id = p.id) END,
           CASE WHEN p.kind = 1 THEN (SELECT ROW(w.*)::gise.countersign_item FROM gise.countersign_item_view w
                                      WHERE w.countersign_id = p.id) END,
           c.before + row_number() OVER (ORDER BY p.key), c.total, c.countersigns
    FROM page p, counted c
    ORDER BY p.key;
END
$$;

-- Announcements ------------------------------------------------------------------

-- Each change of a countersignature: it started waiting, was answered
-- (countersigned or refused) or was cancelled (the application withdrawn).
-- A pointer for the client to read back, as gise.escalation_change (0017)
-- is, numbered from the same sequence: one mark, one read for both.
CREATE TABLE gise.countersign_change (
    id              bigint PRIMARY KEY DEFAULT nextval('gise.escalation_change_id_seq'),
    countersign_id  bigint NOT NULL REFERENCES gise.countersign,
    event           text NOT NULL CONSTRAINT countersign_change_event_known
                    CHECK (event IN ('waiting', 'countersigned', 'refused', 'cancelled')),
    at              timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX countersign_change_countersign_idx ON gise.countersign_change (countersign_id);

-- The announcement carries ids only, on the channel of every office whose
-- supervisors may countersign: the application's, and the one its office
-- names to countersign for it. Each reader's gise asks the database
-- whether it is theirs to give (gise.inbox_changes).
CREATE FUNCTION gise.countersign_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    ev text;
    change_id bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        ev := 'waiting';
    ELSIF NEW.cancelled_at IS NOT NULL AND OLD.cancelled_at IS NULL THEN
        ev := 'cancelled';
    ELSIF NEW.decided_at IS NOT NULL AND OLD.decided_at IS NULL THEN
        ev := NEW.decision;
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO gise.countersign_change (countersign_id, event) VALUES (NEW.id, ev) RETURNING id INTO change_id;
    PERFORM pg_notify('gise_office_' || o.office_id,
                      json_build_object('change', change_id, 'countersign', NEW.id, 'application_id', a.id,
                                        'event', ev)::text)
    FROM gise.application a
    JOIN gise.office x ON x.id = a.office_id
    CROSS JOIN LATERAL (VALUES (x.id), (x.countersign_office_id)) o (office_id)
    WHERE a.id = NEW.application_id AND o.office_id IS NOT NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER countersign_notify AFTER INSERT OR UPDATE ON gise.countersign
    FOR EACH ROW EXECUTE FUNCTION gise.countersign_notify();

-- What the announced changes were, of escalations and countersignatures
-- alike, read back in one query for a burst (at most 1000 ids, GS172):
-- the escalation changes gise.escalation_changes confirms, and the
-- countersignature changes whose approval the reader may countersign
-- (never its approver's nor its asker's), each with the entry as it is
-- now. Made-up ids give no row.
CREATE FUNCTION gise.inbox_changes(change_ids bigint[])
RETURNS TABLE (change_id bigint, event text, escalation gise.escalation_item,
               countersign gise.countersign_item)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    -- Refused before any work, as gise.escalation_changes refuses it.
    IF coalesce(cardinality(change_ids), 0) > 1000 THEN
        RAISE EXCEPTION 'at most 1000 changes are read at once'
            USING ERRCODE = 'GS172', DETAIL = json_build_object('field', 'change_ids', 'max', '1000')::text;
    END IF;
    RETURN QUERY
    SELECT x.change_id, x.event, x.escalation, x.countersign FROM (
        SELECT c.change_id, c.event, c.item AS escalation, NULL::gise.countersign_item AS countersign
        FROM gise.escalation_changes(change_ids) c
        UNION ALL
        SELECT ch.id, ch.event, NULL::gise.escalation_item, ROW(v.*)::gise.countersign_item
        FROM gise.countersign_change ch
        JOIN gise.countersign c ON c.id = ch.countersign_id
        JOIN gise.application a ON a.id = c.application_id
        JOIN gise.countersign_item_view v ON v.countersign_id = c.id
        WHERE ch.id = ANY (change_ids) AND gise.may_countersign(c, a.office_id, me.id)) x
    ORDER BY x.change_id;
END
$$;

-- The latest change of either kind (0017 read the escalations' only).
CREATE OR REPLACE FUNCTION gise.escalation_change_mark() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN greatest((SELECT coalesce(max(c.id), 0) FROM gise.escalation_change c),
                (SELECT coalesce(max(c.id), 0) FROM gise.countersign_change c));

-- Privileges ------------------------------------------------------------------------

REVOKE ALL ON gise.countersign_change FROM PUBLIC;
GRANT SELECT ON gise.countersign_change TO gise_auditor;
REVOKE EXECUTE ON FUNCTION
    gise.may_countersign(gise.countersign, smallint, integer), gise.countersigns_waiting_for(gise.staff),
    gise.inbox_key(timestamptz, timestamptz, smallint, bigint),
    gise.inbox_page(text, bigint, boolean, boolean, integer), gise.countersign_notify(),
    gise.inbox_changes(bigint[])
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.inbox_page(text, bigint, boolean, boolean, integer), gise.inbox_changes(bigint[])
    TO gise_clerk, gise_supervisor, gise_auditor;
