-- A step has one outcome, and letters reach paper (issue 14, points 2 and 3).
--
--   1. After a lost answer the client asks what became of its request id
--      (gise.request_outcome) before it offers anything: a step that
--      committed is reported as done and its letter printed; only one that
--      did not is sent again. The answer names the letter the step wrote:
--      every notice and decision carries the request id of the step that
--      made it (claiming a request leaves its id in the transaction's
--      gise.request_id setting; a trigger copies it on insert).
--   2. Every letter knows whether it reached paper: who printed it last and
--      when, and when the last attempt failed (gise.letter_print_result).
--      A letter is "not printed" until a print succeeds after its last
--      failure; it is listed so on its application (gise.application_letters)
--      and in the inbox of whoever has to print it (gise.letters_not_printed).
--   3. Any letter can be printed again by the staff of its office; each
--      reprint is in the audit trail before the text leaves the database
--      (gise.letter_reprint).
--
-- A letter is a deficiency notice ('deficiency') or a rejection
-- ('rejection': a decision whose outcome is rejected), with its text.
--
--   GS106  no such letter, or another office's (the same answer for both)
--   GS103  the caller's role does not print letters (auditors, administrators)

-- Which step wrote a letter, and its printing ------------------------------------

-- Letters stored before this migration were delivered by the client of the
-- day, which told the clerk when it failed: they count as printed, by whoever
-- issued them, when they were issued. A letter written by the demo loader
-- (triggers off) has no text and is no letter.
ALTER TABLE gise.deficiency_notice
    ADD COLUMN request_id uuid,
    ADD COLUMN printed_at timestamptz,
    ADD COLUMN printed_by integer REFERENCES gise.staff,
    ADD COLUMN print_failed_at timestamptz,
    ADD COLUMN print_failed_by integer REFERENCES gise.staff;
ALTER TABLE gise.decision
    ADD COLUMN request_id uuid,
    ADD COLUMN printed_at timestamptz,
    ADD COLUMN printed_by integer REFERENCES gise.staff,
    ADD COLUMN print_failed_at timestamptz,
    ADD COLUMN print_failed_by integer REFERENCES gise.staff;
UPDATE gise.deficiency_notice SET printed_at = issued_at, printed_by = issued_by WHERE letter_text IS NOT NULL;
UPDATE gise.decision SET printed_at = decided_at, printed_by = decided_by
WHERE letter_text IS NOT NULL AND outcome = 'rejected';
CREATE INDEX deficiency_notice_request_idx ON gise.deficiency_notice (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX decision_request_idx ON gise.decision (request_id) WHERE request_id IS NOT NULL;
-- The letters not printed: few, and looked for at every inbox. A letter is
-- not printed until a print succeeds; a failure sets print_failed_at and a
-- success clears it, so "not printed" is this predicate exactly.
CREATE INDEX deficiency_notice_unprinted_idx ON gise.deficiency_notice (issued_by)
    WHERE letter_text IS NOT NULL AND (printed_at IS NULL OR print_failed_at IS NOT NULL);
CREATE INDEX decision_unprinted_idx ON gise.decision (decided_by)
    WHERE letter_text IS NOT NULL AND outcome = 'rejected' AND (printed_at IS NULL OR print_failed_at IS NOT NULL);

-- A request claimed (gise.request_claim, 0005) leaves its id in the
-- transaction, for the letters the step then writes
-- (gise.letter_request_stamp). A repeated request inserts no row: it
-- writes no letter either.
CREATE FUNCTION gise.request_log_remember() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM set_config('gise.request_id', NEW.request_id::text, true);
    RETURN NULL;
END
$$;
CREATE TRIGGER request_log_remember AFTER INSERT ON gise.request_log
    FOR EACH ROW EXECUTE FUNCTION gise.request_log_remember();

-- A new notice or decision: the request of the step that writes it, and
-- nothing printed yet, whatever the inserting statement says.
CREATE FUNCTION gise.letter_request_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    NEW.request_id := nullif(current_setting('gise.request_id', true), '')::uuid;
    NEW.printed_at := NULL;
    NEW.printed_by := NULL;
    NEW.print_failed_at := NULL;
    NEW.print_failed_by := NULL;
    RETURN NEW;
END
$$;
CREATE TRIGGER deficiency_notice_request BEFORE INSERT ON gise.deficiency_notice
    FOR EACH ROW EXECUTE FUNCTION gise.letter_request_stamp();
CREATE TRIGGER decision_request BEFORE INSERT ON gise.decision
    FOR EACH ROW EXECUTE FUNCTION gise.letter_request_stamp();

-- Every letter, one row each (granted to nobody: the functions below apply
-- the boundaries). `owner` is whoever has to print it: the one whose
-- attempt failed last, else the one who issued it.
CREATE VIEW gise.letter_view AS
    SELECT 'deficiency'::text AS kind, n.id, n.application_id, a.office_id, a.number, n.issued_by AS made_by,
           n.issued_at AS made_at, n.request_id, n.letter_text, n.printed_at, n.printed_by,
           n.print_failed_at, n.print_failed_by,
           (n.printed_at IS NULL OR n.print_failed_at IS NOT NULL) AS not_printed,
           coalesce(n.print_failed_by, n.issued_by) AS owner
    FROM gise.deficiency_notice n JOIN gise.application a ON a.id = n.application_id
    WHERE n.letter_text IS NOT NULL
    UNION ALL
    SELECT 'rejection', d.id, d.application_id, a.office_id, a.number, d.decided_by, d.decided_at, d.request_id,
           d.letter_text, d.printed_at, d.printed_by, d.print_failed_at, d.print_failed_by,
           (d.printed_at IS NULL OR d.print_failed_at IS NOT NULL),
           coalesce(d.print_failed_by, d.decided_by)
    FROM gise.decision d JOIN gise.application a ON a.id = d.application_id
    WHERE d.outcome = 'rejected' AND d.letter_text IS NOT NULL;
REVOKE ALL ON gise.letter_view FROM PUBLIC;

-- The table that holds a kind of letter.
CREATE FUNCTION gise.letter_table(kind text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, gise
RETURN CASE kind WHEN 'deficiency' THEN 'deficiency_notice' WHEN 'rejection' THEN 'decision' END;

-- What a letter says of itself: on its application and in the inbox.
CREATE TYPE gise.letter_item AS (
    kind             text,          -- deficiency, rejection
    letter_id        bigint,
    application_id   bigint,
    number           text,
    made_at          timestamptz,
    made_by_name     text,
    printed_at       timestamptz,   -- the last successful print; NULL: never
    printed_by_name  text,
    print_failed_at  timestamptz,   -- the last failed attempt; NULL: none
    not_printed      boolean
);

CREATE FUNCTION gise.letter_item_of(l gise.letter_view) RETURNS gise.letter_item
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
RETURN ROW(l.kind, l.id, l.application_id, l.number, l.made_at,
           (SELECT s.display_name FROM gise.staff s WHERE s.id = l.made_by), l.printed_at,
           (SELECT s.display_name FROM gise.staff s WHERE s.id = l.printed_by), l.print_failed_at,
           l.not_printed)::gise.letter_item;

-- The letter `kind`/`letter_id` for a change by `me`: the staff of its
-- office who work the counter (clerks and supervisors). Another office's
-- letter is refused as one that does not exist.
CREATE FUNCTION gise.letter_for_change(kind text, letter_id bigint, me gise.staff) RETURNS gise.letter_view
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    l gise.letter_view;
BEGIN
    PERFORM gise.bound_text('kind', kind, 16);
    IF me.role_group NOT IN ('clerk', 'supervisor') THEN
        RAISE EXCEPTION 'only counter staff print letters' USING ERRCODE = 'GS103';
    END IF;
    SELECT * INTO l FROM gise.letter_view v
    WHERE v.kind = letter_for_change.kind AND v.id = letter_for_change.letter_id;
    IF NOT FOUND OR l.office_id IS DISTINCT FROM me.office_id THEN
        RAISE EXCEPTION 'no such letter in your office' USING ERRCODE = 'GS106',
            DETAIL = json_build_object('kind', kind, 'letter_id', letter_id)::text;
    END IF;
    RETURN l;
END
$$;

-- What became of a request ------------------------------------------------------------

-- The outcome of request `request_id` as it was committed, and the letter
-- the step wrote (with its text and whether it has been printed since); no
-- row when nothing with that id was committed (the step was not applied:
-- sending it again applies it once), or when the caller did not make it
-- (a request id is the maker's alone: nobody learns what another's did).
-- The argument is a uuid: its size is fixed, so nothing needs bounding.
CREATE FUNCTION gise.request_outcome(request_id uuid)
RETURNS TABLE (action text, application_id bigint, number text, status text, version integer,
               letter_kind text, letter_id bigint, letter_printed boolean, letter text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    RETURN QUERY
    SELECT r.action, x.application_id, x.number, x.status, x.version,
           l.kind, l.id, NOT l.not_printed, l.letter_text
    FROM gise.request_log r
    CROSS JOIN LATERAL jsonb_populate_record(NULL::gise.action_result, r.result) x
    LEFT JOIN LATERAL (SELECT v.* FROM gise.letter_view v
                       WHERE v.request_id = r.request_id AND v.application_id = x.application_id
                       ORDER BY v.id DESC LIMIT 1) l ON true
    WHERE r.request_id = request_outcome.request_id AND r.staff_id = me.id AND r.result IS NOT NULL;
END
$$;

-- Letters -----------------------------------------------------------------------------

-- The letters of an application, oldest first, within the reader's office
-- boundary (auditors read every office's); none otherwise.
CREATE FUNCTION gise.application_letters(application_id bigint) RETURNS SETOF gise.letter_item
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    RETURN QUERY
    SELECT (gise.letter_item_of(v)).* FROM gise.letter_view v
    WHERE v.application_id = application_letters.application_id AND gise.may_read_application(v.office_id)
    ORDER BY v.made_at, v.kind, v.id
    LIMIT 100;
END
$$;

-- The letters the signed-in staff member has to print, oldest first (at
-- most 100): those of their office that they issued or whose last attempt
-- they made, not printed since.
CREATE FUNCTION gise.letters_not_printed() RETURNS SETOF gise.letter_item
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    RETURN QUERY
    SELECT (gise.letter_item_of(v)).* FROM gise.letter_view v
    WHERE v.not_printed AND v.owner = me.id AND v.office_id = me.office_id
    ORDER BY v.made_at, v.kind, v.id
    LIMIT 100;
END
$$;

-- Prints a letter again: the audit trail records who asked for which
-- letter, and only then the text leaves the database.
CREATE FUNCTION gise.letter_reprint(kind text, letter_id bigint) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    l gise.letter_view := gise.letter_for_change(kind, letter_id, me);
BEGIN
    INSERT INTO gise.audit_log (action, entity, entity_id, application_id, details, hash)
    VALUES ('letter_reprint', gise.letter_table(l.kind), l.id, l.application_id,
            jsonb_build_object('letter', l.kind, 'was_printed', NOT l.not_printed), '\x00');
    RETURN l.letter_text;
END
$$;

-- What became of printing a letter (the step's own print or a reprint):
-- `printed` true when it reached the spool and the printer, false when
-- either failed. A failure leaves the letter "not printed" (with its
-- owner, whose inbox lists it) until a later print succeeds.
CREATE FUNCTION gise.letter_print_result(kind text, letter_id bigint, printed boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    l gise.letter_view := gise.letter_for_change(kind, letter_id, me);
BEGIN
    IF printed IS NULL THEN
        RAISE EXCEPTION 'say whether the letter was printed' USING ERRCODE = 'GS104';
    END IF;
    EXECUTE format('UPDATE gise.%I SET printed_at = CASE WHEN $1 THEN clock_timestamp() ELSE printed_at END, '
                   'printed_by = CASE WHEN $1 THEN $2 ELSE printed_by END, '
                   'print_failed_at = CASE WHEN $1 THEN NULL ELSE clock_timestamp() END, '
                   'print_failed_by = CASE WHEN $1 THEN NULL ELSE $2 END WHERE id = $3',
                   gise.letter_table(l.kind))
        USING printed, me.id, l.id;
END
$$;

-- Privileges ----------------------------------------------------------------------------

REVOKE EXECUTE ON FUNCTION
    gise.request_log_remember(), gise.letter_request_stamp(), gise.letter_table(text), gise.letter_item_of(gise.letter_view),
    gise.letter_for_change(text, bigint, gise.staff), gise.request_outcome(uuid),
    gise.application_letters(bigint), gise.letters_not_printed(), gise.letter_reprint(text, bigint),
    gise.letter_print_result(text, bigint, boolean)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.request_outcome(uuid), gise.letters_not_printed(),
    gise.letter_reprint(text, bigint), gise.letter_print_result(text, bigint, boolean)
    TO gise_clerk, gise_supervisor;
GRANT EXECUTE ON FUNCTION gise.application_letters(bigint) TO gise_clerk, gise_supervisor, gise_auditor;
