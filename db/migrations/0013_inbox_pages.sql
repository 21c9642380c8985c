-- The inbox in pages (issue 12, point 6). gise.escalation_inbox (0010)
-- stopped at the oldest 500, so the escalation just announced to a
-- supervisor with 1,262 waiting could not be opened from it. A page is
-- read from an anchor, an escalation of the list, in the list's order
-- (keyset pagination): a page does not shift when escalations arrive or
-- leave before it, as an OFFSET would, and each row carries its position
-- in the whole list and the list's length, read in the same snapshot, so
-- the screen can say "Escalations 21-40 of 1,262".

-- Where an escalation stands in every inbox, whoever reads it: the closed
-- (decided or cancelled) first, the latest closed first, then the open
-- ones, oldest first. A supervisor's and an auditor's inbox hold only open
-- ones, so for them it is (raised_at, id); a clerk's holds both.
CREATE TYPE gise.escalation_inbox_key AS (
    open_last    integer,           -- 0 closed, 1 open
    closed_desc  numeric,           -- minus the epoch of the closing; 0 while open
    raised_at    timestamptz,
    id           bigint
);

CREATE FUNCTION gise.escalation_inbox_key(decided_at timestamptz, cancelled_at timestamptz,
                                          raised_at timestamptz, id bigint)
RETURNS gise.escalation_inbox_key
-- No SET search_path, so that it is inlined into the page's query: its
-- body is bound when it is created (RETURN), so the caller's path cannot
-- change what it calls.
LANGUAGE sql STABLE
RETURN ROW(CASE WHEN coalesce(decided_at, cancelled_at) IS NULL THEN 1 ELSE 0 END,
           coalesce(-extract(epoch FROM coalesce(decided_at, cancelled_at)), 0),
           raised_at, id)::gise.escalation_inbox_key;

-- One page of the signed-in staff member's inbox (the same rows, for the
-- same roles, as gise.escalation_inbox), in the list's order:
--   anchor NULL, forward:      the first page_size rows (the oldest);
--   anchor NULL, not forward:  the last page_size rows (the newest);
--   forward:      the rows after the anchor (inclusive: from it);
--   not forward:  the last page_size rows before the anchor (inclusive:
--                 up to and with it), still in the list's order.
-- The anchor need not be in the list any more (decided meanwhile): its
-- place in the order is enough. An anchor the reader may not see (another
-- office's) gives no rows, as gise.escalation_get does. `position` is the
-- row's place in the whole list (1 is the first), `total` the list's
-- length.
CREATE FUNCTION gise.escalation_inbox_page(anchor bigint, forward boolean, inclusive boolean,
                                           page_size integer)
RETURNS TABLE (item gise.escalation_item, "position" bigint, total bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    k gise.escalation_inbox_key;
BEGIN
    IF me.role_group NOT IN ('supervisor', 'auditor', 'clerk') THEN
        RAISE EXCEPTION 'the inbox is for counter staff and auditors' USING ERRCODE = 'GS103';
    END IF;
    IF page_size IS NULL OR page_size < 1 OR page_size > 200 THEN
        RAISE EXCEPTION 'a page holds 1 to 200 escalations, not %', page_size USING ERRCODE = '22023';
    END IF;
    IF anchor IS NOT NULL THEN
        k := (SELECT gise.escalation_inbox_key(e.decided_at, e.cancelled_at, e.raised_at, e.id)
              FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
              WHERE e.id = anchor AND gise.may_read_application(a.office_id));
        IF k IS NULL THEN
            RETURN;
        END IF;
    END IF;
    RETURN QUERY
    WITH listed AS MATERIALIZED (
        SELECT e.id, gise.escalation_inbox_key(e.decided_at, e.cancelled_at, e.raised_at, e.id) AS key
        FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
        WHERE CASE me.role_group
                  WHEN 'supervisor' THEN e.decided_at IS NULL AND e.cancelled_at IS NULL
                                         AND a.office_id = me.office_id
                  WHEN 'auditor' THEN e.decided_at IS NULL AND e.cancelled_at IS NULL
                  ELSE e.raised_by = me.id
                       AND coalesce(e.decided_at, e.cancelled_at, 'infinity') > now() - interval '14 days'
              END),
    page AS (
        SELECT l.id, l.key FROM listed l
        WHERE k IS NULL
           OR (forward AND (l.key > k OR (inclusive AND l.key = k)))
           OR (NOT forward AND (l.key < k OR (inclusive AND l.key = k)))
        ORDER BY CASE WHEN forward THEN l.key END, CASE WHEN NOT forward THEN l.key END DESC
        LIMIT page_size),
    counted AS (
        SELECT (SELECT count(*) FROM listed) AS total,
               (SELECT count(*) FROM listed l WHERE l.key < (SELECT p.key FROM page p ORDER BY p.key LIMIT 1))
                   AS before)
    -- Only the page's rows are read whole.
    SELECT ROW(v.*)::gise.escalation_item, c.before + row_number() OVER (ORDER BY p.key), c.total
    FROM page p JOIN gise.escalation_item_view v ON v.escalation_id = p.id, counted c
    ORDER BY p.key;
END
$$;

-- The key is a helper of the page and granted to nobody.
REVOKE EXECUTE ON FUNCTION gise.escalation_inbox_key(timestamptz, timestamptz, timestamptz, bigint),
    gise.escalation_inbox_page(bigint, boolean, boolean, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.escalation_inbox_page(bigint, boolean, boolean, integer)
    TO gise_clerk, gise_supervisor, gise_auditor;
