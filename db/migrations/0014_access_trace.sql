-- No personal data without a committed trace, and no identity-number oracle.
--
-- PostgreSQL has no autonomous transactions: a log row written in the same
-- statement that returns the data is undone by ROLLBACK, by ROLLBACK TO
-- SAVEPOINT or by a later error, after the rows have already streamed to the
-- client. So personal data is released in two steps:
--   1. citizen_open_begin / citizen_lookup_begin write the access_log row
--      (who, when, which citizen, purpose, screen, the writing transaction)
--      and return its id, nothing else;
--   2. the client commits; citizen_open_release / citizen_lookup_result
--      release the data only when that row is the caller's, recent, and its
--      transaction is committed and flushed to disk.
-- A token is usable for 60 seconds by the login that made it, as often as
-- needed: "single use" cannot be enforced (marking it used would be undone
-- by a rollback of the releasing transaction, exactly the hole this closes),
-- and a retry after a lost reply must not need a second row. Every release
-- is covered by a committed row naming the same person, citizen and purpose.
--
-- SQLSTATEs (GS0xx: citizen data):
--   GS022  the access is not traceable (yet): its log row is not committed,
--          not durable, not the caller's, or older than 60 seconds
--   GS023  too many identity-number look-ups in the last minute
--   GS024  unknown purpose, or a screen name that is not a short line
--   GS025  the one-step functions no longer release personal data

-- Why personal data is opened: one coded list, in both languages.
CREATE TABLE gise.access_purpose (
    code      text PRIMARY KEY CONSTRAINT access_purpose_code_format CHECK (code ~ '^[a-z][a-z_]{1,19}$'),
    position  smallint NOT NULL UNIQUE CONSTRAINT access_purpose_position_range CHECK (position BETWEEN 1 AND 9),
    title_tr  text NOT NULL CONSTRAINT access_purpose_title_tr_text CHECK (gise.line_text_ok(title_tr, 60)),
    title_en  text NOT NULL CONSTRAINT access_purpose_title_en_text CHECK (gise.line_text_ok(title_en, 60)),
    active    boolean NOT NULL DEFAULT true
);
INSERT INTO gise.access_purpose (code, position, title_tr, title_en) VALUES
    ('counter',    1, 'Gişede hizmet',                      'Counter service'),
    ('enquiry',    2, 'Telefon veya e-posta ile başvuru',   'Phone or e-mail enquiry'),
    ('correction', 3, 'Kayıt düzeltme',                     'Correction of records'),
    ('audit',      4, 'Denetim',                            'Audit'),
    ('legal',      5, 'Resmî talep (mahkeme, kolluk)',      'Legal request (court, police)');

-- Identity-number look-ups a staff member may make per minute, per office:
-- far above what a counter reaches, far below what unmasking needs.
ALTER TABLE gise.office ADD COLUMN lookups_per_minute smallint NOT NULL DEFAULT 30
    CONSTRAINT office_lookups_per_minute_range CHECK (lookups_per_minute BETWEEN 1 AND 600);

-- kind: 'open' (a full record), 'lookup' (by full identity number; citizen
-- NULL when nobody has it), 'lookup_refused' (over the limit). xact is the
-- transaction that wrote the row, filled by the database, never the caller.
ALTER TABLE gise.access_log
    ALTER COLUMN citizen_id DROP NOT NULL,
    ADD COLUMN kind text NOT NULL DEFAULT 'open'
        CONSTRAINT access_log_kind_known CHECK (kind IN ('open', 'lookup', 'lookup_refused')),
    ADD COLUMN purpose text CONSTRAINT access_log_purpose_fk REFERENCES gise.access_purpose,
    ADD COLUMN office_id smallint CONSTRAINT access_log_office_fk REFERENCES gise.office,
    ADD COLUMN national_id_masked text
        CONSTRAINT access_log_masked_format CHECK (national_id_masked ~ '^[0-9]{3}\*{6}[0-9]{2}$'),
    ADD COLUMN xact xid8;
-- Set after adding, so the rows already there are not rewritten.
ALTER TABLE gise.access_log ALTER COLUMN xact SET DEFAULT pg_current_xact_id();
-- Rows written before this migration have no purpose; every new one does.
ALTER TABLE gise.access_log ADD CONSTRAINT access_log_traced CHECK
    (purpose IS NOT NULL AND xact IS NOT NULL AND office_id IS NOT NULL
     AND (kind <> 'open' OR citizen_id IS NOT NULL)) NOT VALID;
CREATE INDEX access_log_actor_idx ON gise.access_log (actor, kind, at);

-- One row per staff member who looked a number up: parallel sessions of one
-- login serialise on it (see citizen_lookup_begin). Nobody reads it.
CREATE TABLE gise.lookup_gate (
    staff_id  integer PRIMARY KEY REFERENCES gise.staff,
    last_at   timestamptz NOT NULL
);
REVOKE ALL ON gise.lookup_gate FROM PUBLIC, gise_auditor;

-- True when the transaction x is committed and its commit is on disk.
-- "committed" alone is not enough: with synchronous_commit = off (any login
-- may set it, even with SET LOCAL after step one) the commit record may
-- still be in memory, and a crash would forget the log row after the data
-- had been shown. The status is committed, so the commit record was
-- inserted before now and lies below the current insert position: wait,
-- at most max_wait, until the WAL is flushed that far (the WAL writer
-- flushes asynchronous commits within a few wal_writer_delay; with
-- synchronous commit it is flushed already). The bound is above the WAL
-- writer's longest sleep (25 x wal_writer_delay = 5 s when it hibernates),
-- since the wait may be for a page another session half-filled; this is
-- rare (seen once in 4,000 opens right after a bulk load) and fails closed
-- (GS022, "open it again"), never open.
CREATE FUNCTION gise.xact_durable(x xid8, max_wait interval DEFAULT '6 seconds') RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, gise AS $$
DECLARE
    target   pg_lsn;
    deadline timestamptz := clock_timestamp() + least(max_wait, interval '10 seconds');
BEGIN
    IF x IS NULL OR pg_xact_status(x) IS DISTINCT FROM 'committed' THEN
        RETURN false;
    END IF;
    target := pg_current_wal_insert_lsn();
    RETURN gise.wal_flushed_to(target, deadline);
END
$$;

-- Waits until the WAL is flushed to `target` or `deadline` passes. The WAL
-- writer flushes asynchronous commits and completed pages, but not a page
-- half-filled by work that has not committed yet (a long batch, autovacuum):
-- if target lies on such a page and nobody commits, it would stay unflushed.
-- After 20 ms the function fills that page once with a non-transactional
-- WAL message (8 kB, no wal_level needed; nothing reads it), so the WAL
-- writer flushes it within wal_writer_delay.
CREATE FUNCTION gise.wal_flushed_to(target pg_lsn, deadline timestamptz) RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, gise AS $$
DECLARE
    nudge_at timestamptz := clock_timestamp() + interval '20 ms';
BEGIN
    WHILE pg_current_wal_flush_lsn() < target LOOP
        IF clock_timestamp() > deadline THEN
            RETURN false;
        END IF;
        IF nudge_at IS NOT NULL AND clock_timestamp() > nudge_at THEN
            PERFORM pg_logical_emit_message(false, 'gise-flush', repeat(' ', 8192));
            nudge_at := NULL;
        END IF;
        PERFORM pg_sleep(0.002);
    END LOOP;
    RETURN true;
END
$$;

-- The checks every step one makes on what the caller names.
CREATE FUNCTION gise.access_args_ok(purpose text, screen text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF purpose IS NULL OR char_length(purpose) > 20
       OR NOT EXISTS (SELECT FROM gise.access_purpose p WHERE p.code = access_args_ok.purpose AND p.active) THEN
        RAISE EXCEPTION 'the purpose of opening personal data is not one of the list' USING ERRCODE = 'GS024';
    END IF;
    IF screen IS NULL OR char_length(screen) > 60 OR NOT gise.line_text_ok(screen, 60) THEN
        RAISE EXCEPTION 'the screen name is not a short line of text' USING ERRCODE = 'GS024';
    END IF;
END
$$;

-- The session's latest token, in a setting (gise.access_token), so that a
-- client can send step two in the same round trip as step one (libpq's
-- pipeline mode, a sync between them) before it has read the token:
-- citizen_open_release(current_setting('gise.access_token')::bigint). Anyone
-- may set the setting to anything; it is only a way of naming a token, and
-- a token is checked as if it had been typed.
CREATE FUNCTION gise.remember_token(token bigint) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM set_config('gise.access_token', token::text, false);
END
$$;

-- Step one of opening a citizen's full record: writes the access_log row and
-- returns its id (the token). Any active staff member may open any citizen
-- (citizens are served at any office); the row says who, why and where.
-- It reads no personal column, so no error of it can show one.
CREATE FUNCTION gise.citizen_open_begin(citizen_id bigint, purpose text, screen text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    token bigint;
BEGIN
    PERFORM gise.access_args_ok(purpose, screen);
    IF citizen_id IS NULL OR NOT EXISTS (SELECT FROM gise.citizen c WHERE c.id = citizen_open_begin.citizen_id) THEN
        RAISE EXCEPTION 'citizen % does not exist', citizen_id USING ERRCODE = 'GS021';
    END IF;
    -- Until the end of this transaction (a SET clause on the function would
    -- end with the call): the commit that makes the row count is flushed
    -- before the client hears "COMMIT", so step two does not wait.
    PERFORM set_config('synchronous_commit', 'on', true);
    INSERT INTO gise.access_log (citizen_id, screen, kind, purpose, office_id)
    VALUES (citizen_open_begin.citizen_id, screen, 'open', purpose, me.office_id)
    RETURNING id INTO token;
    PERFORM gise.remember_token(token);
    RETURN token;
END
$$;

-- The caller's own row `token` of one of `kinds`, written within the last
-- 60 seconds by a committed and durable transaction; GS022 otherwise. The
-- same message for every case, so it tells nothing about other people's rows.
CREATE FUNCTION gise.access_row(token bigint, kinds text[]) RETURNS gise.access_log
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, gise AS $$
DECLARE
    r gise.access_log;
BEGIN
    SELECT * INTO r FROM gise.access_log l
    WHERE l.id = token AND l.actor = session_user AND l.kind = ANY (kinds);
    IF NOT FOUND OR r.at < clock_timestamp() - interval '60 seconds' OR NOT gise.xact_durable(r.xact) THEN
        RAISE EXCEPTION 'access % is not committed, not yours, or too old: open the record again', token
            USING ERRCODE = 'GS022';
    END IF;
    RETURN r;
END
$$;

-- Step two: the full record of the citizen named in the caller's committed
-- access row.
CREATE FUNCTION gise.citizen_open_release(token bigint) RETURNS SETOF gise.citizen_detail
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    r gise.access_log;
BEGIN
    PERFORM gise.require_staff();
    r := gise.access_row(token, ARRAY['open']);
    RETURN QUERY
    SELECT c.id, c.national_id, c.given_name, c.family_name, c.birth_date, c.birth_place,
           c.phone, c.email, c.address, c.city, c.preferred_language, c.accessibility_needs,
           c.version
    FROM gise.citizen c WHERE c.id = r.citizen_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'citizen % does not exist', r.citizen_id USING ERRCODE = 'GS021';
    END IF;
END
$$;

-- Step one of a look-up by full identity number. Rate-limited per staff
-- member (office.lookups_per_minute over the last minute of committed
-- look-ups). Over the limit it still writes a row, kind lookup_refused, and
-- the first refusal of a minute tells the office's supervisors live (the
-- payload is ids only: {"kind":"lookup_limit","id":<access_log id>}); step
-- two then refuses with GS023. A refusal rolled back by the caller leaves no
-- trace, but then the caller learns nothing either.
CREATE FUNCTION gise.citizen_lookup_begin(national_id text, purpose text, screen text) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me      gise.staff := gise.require_staff();
    lim     integer;
    used    integer;
    hit     bigint;
    token   bigint;
    masked  text;
BEGIN
    IF national_id IS NULL OR char_length(national_id) <> 11 OR NOT gise.national_id_valid(national_id) THEN
        RAISE EXCEPTION 'identity number is not valid' USING ERRCODE = 'GS020';
    END IF;
    PERFORM gise.access_args_ok(purpose, screen);
    masked := gise.mask_national_id(national_id);
    -- The gate: parallel sessions of one login queue on this row until the
    -- other's transaction ends (READ COMMITTED: the count below, a new
    -- statement, then sees its rows), or fail with 40001 (REPEATABLE READ,
    -- SERIALIZABLE: their snapshot could miss the other's rows). So no two
    -- sessions count the same minute at once.
    INSERT INTO gise.lookup_gate AS g (staff_id, last_at) VALUES (me.id, clock_timestamp())
    ON CONFLICT (staff_id) DO UPDATE SET last_at = EXCLUDED.last_at;
    SELECT o.lookups_per_minute INTO lim FROM gise.office o WHERE o.id = me.office_id;
    SELECT count(*) INTO used FROM gise.access_log l
    WHERE l.actor = session_user AND l.kind = 'lookup' AND l.at > clock_timestamp() - interval '1 minute';
    PERFORM set_config('synchronous_commit', 'on', true);
    IF used >= lim THEN
        INSERT INTO gise.access_log (citizen_id, screen, kind, purpose, office_id, national_id_masked)
        VALUES (NULL, screen, 'lookup_refused', purpose, me.office_id, masked)
        RETURNING id INTO token;
        PERFORM gise.remember_token(token);
        IF NOT EXISTS (SELECT FROM gise.access_log l
                       WHERE l.actor = session_user AND l.kind = 'lookup_refused' AND l.id <> token
                         AND l.at > clock_timestamp() - interval '1 minute') THEN
            PERFORM pg_notify('gise_office_' || me.office_id,
                              json_build_object('kind', 'lookup_limit', 'id', token)::text);
        END IF;
        RETURN token;
    END IF;
    SELECT c.id INTO hit FROM gise.citizen c WHERE c.national_id = citizen_lookup_begin.national_id;
    INSERT INTO gise.access_log (citizen_id, screen, kind, purpose, office_id, national_id_masked)
    VALUES (hit, screen, 'lookup', purpose, me.office_id, masked)
    RETURNING id INTO token;
    PERFORM gise.remember_token(token);
    RETURN token;
END
$$;

-- Step two of a look-up: the hit (none when nobody has the number), or
-- GS023 when step one was over the limit.
CREATE FUNCTION gise.citizen_lookup_result(token bigint) RETURNS SETOF gise.citizen_hit
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    r   gise.access_log;
    lim integer;
BEGIN
    PERFORM gise.require_staff();
    r := gise.access_row(token, ARRAY['lookup', 'lookup_refused']);
    IF r.kind = 'lookup_refused' THEN
        SELECT o.lookups_per_minute INTO lim FROM gise.office o WHERE o.id = r.office_id;
        RAISE EXCEPTION 'too many identity-number look-ups in the last minute' USING ERRCODE = 'GS023',
            DETAIL = json_build_object('limit', lim)::text;
    END IF;
    RETURN QUERY
    SELECT c.id, gise.mask_national_id(c.national_id), c.given_name, c.family_name,
           extract(year FROM c.birth_date)::integer, c.city, 0::smallint
    FROM gise.citizen c WHERE c.id = r.citizen_id;
END
$$;

-- The one-step functions released data in the statement that logged it:
-- they stay (old clients get a clear refusal) but release nothing.
CREATE OR REPLACE FUNCTION gise.citizen_open(citizen_id bigint, screen text) RETURNS SETOF gise.citizen_detail
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    RAISE EXCEPTION 'citizen_open no longer releases personal data: use citizen_open_begin, commit, then citizen_open_release'
        USING ERRCODE = 'GS025';
END
$$;
CREATE OR REPLACE FUNCTION gise.citizen_by_national_id(national_id text) RETURNS SETOF gise.citizen_hit
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    RAISE EXCEPTION 'citizen_by_national_id no longer answers: use citizen_lookup_begin, commit, then citizen_lookup_result'
        USING ERRCODE = 'GS025';
END
$$;

-- The purposes in the order a chooser shows them; `last_used` marks the
-- purpose of the caller's latest opening (the chooser's default), else the first.
CREATE FUNCTION gise.access_purposes()
RETURNS TABLE (code text, "position" smallint, title_tr text, title_en text, last_used boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    last text;
BEGIN
    PERFORM gise.require_staff();
    SELECT l.purpose INTO last FROM gise.access_log l
    WHERE l.actor = session_user AND l.kind = 'open' ORDER BY l.at DESC LIMIT 1;
    IF last IS NULL OR NOT EXISTS (SELECT FROM gise.access_purpose p WHERE p.code = last AND p.active) THEN
        SELECT p.code INTO last FROM gise.access_purpose p WHERE p.active ORDER BY p.position LIMIT 1;
    END IF;
    RETURN QUERY SELECT p.code, p.position, p.title_tr, p.title_en, p.code = last
                 FROM gise.access_purpose p WHERE p.active ORDER BY p.position;
END
$$;

-- For auditors (every office) and supervisors (their own): identity-number
-- look-ups refused over the limit, newest first, at most max_rows (1..1000).
CREATE FUNCTION gise.lookup_refusals(since timestamptz DEFAULT now() - interval '30 days',
                                     max_rows integer DEFAULT 200)
RETURNS TABLE (access_id bigint, at timestamptz, actor name, display_name text, office_code text,
               national_id_masked text, purpose text, screen text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    IF me.role_group NOT IN ('auditor', 'supervisor') THEN
        RAISE EXCEPTION 'the look-up refusals are for auditors and supervisors' USING ERRCODE = 'GS103';
    END IF;
    IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION 'max_rows is 1 to 1000' USING ERRCODE = 'GS024';
    END IF;
    RETURN QUERY
    SELECT l.id, l.at, l.actor, s.display_name, o.code, l.national_id_masked, l.purpose, l.screen
    FROM gise.access_log l
    JOIN gise.office o ON o.id = l.office_id
    LEFT JOIN gise.staff s ON s.role_name = l.actor
    WHERE l.kind = 'lookup_refused' AND l.at >= coalesce(since, '-infinity')
      AND (me.role_group = 'auditor' OR l.office_id = me.office_id)
    ORDER BY l.at DESC, l.id DESC
    LIMIT max_rows;
END
$$;

-- Auditors read the trail and masked data; the full record is a logged
-- two-step opening for them too.
REVOKE SELECT ON gise.citizen FROM gise_auditor;
CREATE VIEW gise.citizen_masked WITH (security_barrier) AS
    SELECT c.id, gise.mask_national_id(c.national_id) AS national_id_masked, c.given_name, c.family_name,
           extract(year FROM c.birth_date)::integer AS birth_year, c.city, c.preferred_language,
           c.created_at, c.updated_at
    FROM gise.citizen c;
REVOKE ALL ON gise.citizen_masked FROM PUBLIC;
GRANT SELECT ON gise.citizen_masked TO gise_auditor;

GRANT SELECT ON gise.access_purpose TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
REVOKE EXECUTE ON FUNCTION gise.xact_durable(xid8, interval), gise.wal_flushed_to(pg_lsn, timestamptz),
    gise.access_args_ok(text, text), gise.access_row(bigint, text[]), gise.remember_token(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.citizen_open_begin(bigint, text, text), gise.citizen_open_release(bigint),
    gise.citizen_lookup_begin(text, text, text), gise.citizen_lookup_result(bigint),
    gise.access_purposes()
    TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT EXECUTE ON FUNCTION gise.lookup_refusals(timestamptz, integer) TO gise_auditor, gise_supervisor;
