-- Waivers the counter can name and read (issue 13, point 4, client side).
-- 0016 let an escalation name the approval rules it asks to waive; the
-- client never named one, and nothing it reads said what was waived. This
-- migration:
--
--   1. refuses an exception that waives no rule: an exception is the
--      request to waive a rule (an approved one only sends the application
--      back to review with its waivers recorded), so one that names none
--      would change nothing but look like a granted exception;
--   2. gives every escalation row the client reads (inbox, one escalation,
--      the latest of an application, news, announced changes) the rules it
--      asks to waive;
--   3. says what an application's approval waived (gise.application_waived)
--      and which waivable rules it does not meet now
--      (gise.application_unmet), so that asking for an approval offers to
--      waive what the supervisor's approval would otherwise be refused
--      for. The rule is checked in one place still: gise.approval_check
--      asks gise.approval_unmet.
--
-- An exception that waives nothing raised before this migration stays as
-- it is and can still be decided: the refusal is a trigger on INSERT, not
-- a constraint the table's old rows would fail on their next UPDATE.

-- 1. An exception names what it waives -------------------------------------------

-- Checked when the row is written, by whatever writes it (the function of
-- 0016/0019, its six-argument form of 0005, the owner), after the
-- function's own checks of what may be waived. On INSERT only: an
-- exception raised before this migration is still decided (an UPDATE).
CREATE FUNCTION gise.escalation_exception_waives() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    IF NEW.requested_outcome = 'exception' AND coalesce(cardinality(NEW.waives), 0) = 0 THEN
        RAISE EXCEPTION 'an exception names the approval rules it waives' USING ERRCODE = 'GS104',
            DETAIL = json_build_object('waivable', (SELECT array_agg(r.code ORDER BY r.code) FROM gise.approval_rule r
                                                    WHERE r.waivable))::text;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER escalation_exception_waives BEFORE INSERT ON gise.escalation
    FOR EACH ROW EXECUTE FUNCTION gise.escalation_exception_waives();
REVOKE EXECUTE ON FUNCTION gise.escalation_exception_waives() FROM PUBLIC;

-- 2. Escalation rows carry their waivers -------------------------------------------

-- Appended last, so every reader that names its columns reads on unchanged.
ALTER TYPE gise.escalation_item ADD ATTRIBUTE waives text[];

CREATE OR REPLACE VIEW gise.escalation_item_view AS
    SELECT e.id AS escalation_id, a.id AS application_id, a.number AS application_number,
           a.version AS application_version, a.status AS application_status, a.office_id,
           s.name_tr AS service_name_tr, s.name_en AS service_name_en,
           e.raised_by AS raised_by_id, r.display_name AS raised_by_name, e.raised_at,
           extract(epoch FROM coalesce(e.decided_at, e.cancelled_at, now()) - e.raised_at)::bigint
               AS waiting_seconds,
           e.requested_outcome, e.requested_reason_code, e.reason,
           d.display_name AS decided_by_name, e.decided_at, e.decision, e.comment, e.cancelled_at,
           e.waives
    FROM gise.escalation e
    JOIN gise.application a ON a.id = e.application_id
    JOIN gise.service s ON s.id = a.service_id
    JOIN gise.staff r ON r.id = e.raised_by
    LEFT JOIN gise.staff d ON d.id = e.decided_by;

-- The SQL-standard bodies of 0010 expanded "v.*" when they were created:
-- made again, they return the new column too. (The PL/pgSQL readers,
-- escalation_inbox, escalation_inbox_page and escalation_changes, expand
-- it when they run.)
CREATE OR REPLACE FUNCTION gise.escalation_get(escalation_id bigint) RETURNS SETOF gise.escalation_item
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.* FROM gise.escalation_item_view v
    WHERE v.escalation_id = escalation_get.escalation_id AND gise.may_read_application(v.office_id);
END;

CREATE OR REPLACE FUNCTION gise.escalation_latest(application_id bigint) RETURNS SETOF gise.escalation_item
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.* FROM gise.escalation_item_view v
    WHERE v.application_id = escalation_latest.application_id AND gise.may_read_application(v.office_id)
    ORDER BY v.raised_at DESC, v.escalation_id DESC LIMIT 1;
END;

CREATE OR REPLACE FUNCTION gise.escalation_news(since timestamptz) RETURNS SETOF gise.escalation_item
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT v.* FROM gise.escalation_item_view v
    WHERE v.raised_by_id = (gise.require_staff()).id
      AND coalesce(v.decided_at, v.cancelled_at) > escalation_news.since
    ORDER BY coalesce(v.decided_at, v.cancelled_at), v.escalation_id;
END;

-- 3. What an approval waived ----------------------------------------------------------

-- The approval rules the approval of an application waived (codes of
-- gise.approval_rule, sorted): its approval decision's, or, while a
-- high-risk approval waits for its countersignature, the first
-- signature's (what the countersigner is asked to sign too). Empty when it
-- has no approval or waived nothing, and for an application the reader
-- may not see (row-level security reads the rows).
CREATE FUNCTION gise.application_waived(application_id bigint) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
RETURN coalesce(
    (SELECT d.waived FROM gise.decision d
     WHERE d.application_id = application_waived.application_id AND d.outcome = 'approved'
     ORDER BY d.id DESC LIMIT 1),
    (SELECT c.waived FROM gise.countersign c
     WHERE c.application_id = application_waived.application_id AND c.decided_at IS NULL AND c.cancelled_at IS NULL
     ORDER BY c.id DESC LIMIT 1),
    '{}');

REVOKE EXECUTE ON FUNCTION gise.application_waived(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.application_waived(bigint) TO gise_clerk, gise_supervisor, gise_auditor;

-- 4. What an approval now would not meet -----------------------------------------

-- The waivable approval rules application `a` does not meet now (codes,
-- sorted): what an approval would be refused for unless an approved
-- escalation waived it. Today "every mandatory document received and
-- checked". Not read from gise.approval_rule: a row missing there must not
-- make a rule pass.
CREATE FUNCTION gise.approval_unmet(a gise.application) RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
RETURN CASE WHEN EXISTS (SELECT FROM gise.application_document ad
                         JOIN gise.service_document sd ON sd.service_id = a.service_id
                                                       AND sd.document_type_id = ad.document_type_id
                         WHERE ad.application_id = a.id AND sd.mandatory AND ad.checked_at IS NULL)
            THEN ARRAY['documents_checked'] ELSE '{}'::text[] END;

-- 0016's check, from the one list of what is not met.
CREATE OR REPLACE FUNCTION gise.approval_check(a gise.application, waived text[]) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF 'documents_checked' = ANY (gise.approval_unmet(a)) AND NOT 'documents_checked' = ANY (waived) THEN
        RAISE EXCEPTION 'every mandatory document must be received and checked before approval'
            USING ERRCODE = 'GS104';
    END IF;
END
$$;

-- gise.approval_unmet of an application the reader may see; NULL otherwise.
CREATE FUNCTION gise.application_unmet(application_id bigint) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT gise.approval_unmet(a) FROM gise.application a
        WHERE a.id = application_unmet.application_id AND gise.may_read_application(a.office_id));

REVOKE EXECUTE ON FUNCTION gise.approval_unmet(gise.application), gise.application_unmet(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.application_unmet(bigint) TO gise_clerk, gise_supervisor, gise_auditor;
