-- Drafts (issue 14, point 1): what a clerk types into a form is kept as
-- they type, so that a closed terminal, a dropped SSH session or a killed
-- gise loses nothing. gise keeps a journal on the clerk's machine (one
-- append per key, app/core/draft_journal.c) and saves the draft here a
-- moment after the last key, so that it follows the clerk to another
-- terminal or office machine.
--
-- What is kept: one row per staff member, step and application (for a new
-- application: per citizen), holding the form's fields as typed (free
-- text such as a rejection's explanation, and the choices made: a reason
-- code, the documents ticked), the application number to name it, when it
-- was last typed in, and the step's request id once it was sent. No
-- history: each save replaces the row.
--
-- For how long: until the step commits (the row goes in the step's own
-- transaction, by the trigger on gise.request_log below), until the clerk
-- discards it, or 14 days after it was last typed in, whichever comes
-- first. Then it is deleted: no copy, no audit row (a draft is nobody's
-- record until its step is taken). Expired drafts go at the next save of
-- their owner and at every sign-in of anyone (gise.draft_list). The
-- journal on the clerk's machine keeps to the same rules.
--
-- Who reads it: only the staff member who typed it (session_user), through
-- the functions below. No role has a privilege on the table, and
-- row-level security shows every role only its own rows even if one were
-- granted; the owner's functions filter by session_user themselves.
--
-- Refusals: GS170 (0017) for an input larger than accepted and for the
-- 51st draft of one person (DETAIL {"field": "drafts", "max": "50"});
-- GS104 for a missing kind, target or time, or names without values.

CREATE TABLE gise.draft (
    owner       name NOT NULL DEFAULT session_user,
    kind        text NOT NULL CONSTRAINT draft_kind
                CHECK (kind IN ('open', 'deficiency', 'reject', 'escalate', 'decide', 'countersign', 'withdraw')),
    target      bigint NOT NULL,      -- the application; for 'open' the citizen
    label       text NOT NULL,        -- the application number (or the service code for 'open')
    fields      jsonb NOT NULL,       -- {"text": "...", "reason": "R03", ...}
    request_id  uuid,                 -- the step's request, once sent
    typed_at    timestamptz NOT NULL, -- the last key, by the clerk's clock
    saved_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, kind, target)
);
CREATE INDEX draft_typed_at_idx ON gise.draft (typed_at);

ALTER TABLE gise.draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE gise.draft FORCE ROW LEVEL SECURITY;
CREATE POLICY draft_own ON gise.draft USING (owner = session_user) WITH CHECK (owner = session_user);
-- The schema owner's functions also reach expired drafts, to delete them
-- (a superuser owner is not bound by row-level security at all).
CREATE POLICY draft_expired ON gise.draft TO CURRENT_USER
    USING (typed_at < now() - interval '14 days');

REVOKE ALL ON gise.draft FROM PUBLIC, gise_clerk, gise_supervisor, gise_auditor, gise_admin, gise_scheduler;

-- Saves the caller's draft of step `kind` on `target`, unless a newer one
-- (another terminal's) is stored. Returns false, and deletes the draft,
-- when `request_id` names a request of the caller's that has committed:
-- the step was taken, so the draft is done with.
CREATE FUNCTION gise.draft_save(kind text, target bigint, label text, field_names text[],
                                field_values text[], typed_at timestamptz, request_id uuid DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done boolean;
BEGIN
    PERFORM gise.bound_text('kind', kind, 16);
    PERFORM gise.bound_text('label', label, 40);
    PERFORM gise.bound_texts('field_names', field_names, 16, 32);
    PERFORM gise.bound_texts('field_values', field_values, 16, 4000);
    IF kind IS NULL OR target IS NULL OR typed_at IS NULL OR label IS NULL
       OR cardinality(field_names) IS DISTINCT FROM cardinality(field_values)
       OR array_position(field_names, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'a draft needs a kind, a target, a label, a time and a value for each field'
            USING ERRCODE = 'GS104';
    END IF;
    done := request_id IS NOT NULL
            AND EXISTS (SELECT FROM gise.request_log r
                        WHERE r.request_id = draft_save.request_id AND r.staff_id = me.id AND r.result IS NOT NULL);
    -- One person's drafts are counted one save at a time.
    PERFORM pg_advisory_xact_lock(hashtext('gise.draft'), hashtext(session_user));
    DELETE FROM gise.draft d
    WHERE d.owner = session_user
      AND (d.typed_at < now() - interval '14 days'
           OR (done AND d.kind = draft_save.kind AND d.target = draft_save.target));
    IF done THEN
        RETURN false;
    END IF;
    IF NOT EXISTS (SELECT FROM gise.draft d
                   WHERE d.owner = session_user AND d.kind = draft_save.kind AND d.target = draft_save.target) THEN
        PERFORM gise.bound_count('drafts',
                                 (SELECT count(*) + 1 FROM gise.draft d WHERE d.owner = session_user), 50);
    END IF;
    INSERT INTO gise.draft AS d (owner, kind, target, label, fields, request_id, typed_at)
    VALUES (session_user, kind, target, label, jsonb_object(field_names, field_values), request_id,
            date_trunc('milliseconds', typed_at))
    ON CONFLICT ON CONSTRAINT draft_pkey DO UPDATE
        SET label = EXCLUDED.label, fields = EXCLUDED.fields, request_id = EXCLUDED.request_id,
            typed_at = EXCLUDED.typed_at, saved_at = now()
        WHERE d.typed_at <= EXCLUDED.typed_at;
    RETURN true;
END
$$;

-- The caller's drafts, newest first, one row per field (a draft's fields
-- in name order). Expired drafts, everyone's, are deleted first.
CREATE FUNCTION gise.draft_list()
RETURNS TABLE (kind text, target bigint, label text, typed_at_ms bigint, request_id uuid,
               field_name text, field_value text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    DELETE FROM gise.draft d WHERE d.typed_at < now() - interval '14 days';
    RETURN QUERY
        SELECT d.kind, d.target, d.label, (extract(epoch FROM d.typed_at) * 1000)::bigint, d.request_id,
               f.key, f.value
        FROM gise.draft d
        CROSS JOIN LATERAL jsonb_each_text(d.fields) f
        WHERE d.owner = session_user
        ORDER BY d.typed_at DESC, d.kind, d.target, f.key;
END
$$;

-- Deletes the caller's draft of step `kind` on `target` if it was typed
-- no later than `typed_before` (a newer one, typed meanwhile at another
-- terminal, stays). Returns whether one was deleted.
CREATE FUNCTION gise.draft_discard(kind text, target bigint, typed_before timestamptz)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    PERFORM gise.bound_text('kind', kind, 16);
    DELETE FROM gise.draft d
    WHERE d.owner = session_user AND d.kind = draft_discard.kind AND d.target = draft_discard.target
      AND d.typed_at <= coalesce(typed_before, 'infinity');
    RETURN FOUND;
END
$$;

-- A step that commits takes its draft with it, in the same transaction:
-- the request's staff member, its action (the draft's kind) and its
-- application (for 'open', the application's citizen).
CREATE FUNCTION gise.draft_step_done() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    app bigint := (NEW.result ->> 'application_id')::bigint;
BEGIN
    DELETE FROM gise.draft d
    WHERE d.owner = (SELECT s.role_name FROM gise.staff s WHERE s.id = NEW.staff_id)
      AND d.kind = NEW.action
      AND d.target = CASE WHEN NEW.action = 'open'
                          THEN (SELECT a.citizen_id FROM gise.application a WHERE a.id = app)
                          ELSE app END;
    RETURN NULL;
END
$$;
CREATE TRIGGER draft_step_done AFTER UPDATE OF result ON gise.request_log
    FOR EACH ROW WHEN (OLD.result IS NULL AND NEW.result IS NOT NULL)
    EXECUTE FUNCTION gise.draft_step_done();

REVOKE EXECUTE ON FUNCTION
    gise.draft_save(text, bigint, text, text[], text[], timestamptz, uuid), gise.draft_list(),
    gise.draft_discard(text, bigint, timestamptz), gise.draft_step_done()
    FROM PUBLIC;
-- Those who fill in forms: counter staff.
GRANT EXECUTE ON FUNCTION
    gise.draft_save(text, bigint, text, text[], text[], timestamptz, uuid), gise.draft_list(),
    gise.draft_discard(text, bigint, timestamptz)
    TO gise_clerk, gise_supervisor;
