-- Keys, search indexes, the name-token dictionary, who-am-I, and the citizen
-- look-ups. Clerks never read gise.citizen directly: search returns a masked
-- identity number, and full personal data comes only through citizen_open(),
-- which writes access_log in the same statement.

-- Indexes a bulk load wants to drop and rebuild; one definition serves the
-- migration and the demo loader (db/demo/load.sh).
CREATE FUNCTION gise.bulk_indexes(create_them boolean) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    IF create_them THEN
        ALTER TABLE gise.citizen ADD CONSTRAINT citizen_national_id_key UNIQUE (national_id);
        CREATE INDEX citizen_given_family_idx ON gise.citizen ((given_key || ' ' || family_key) text_pattern_ops);
        CREATE INDEX citizen_family_given_idx ON gise.citizen ((family_key || ' ' || given_key) text_pattern_ops);
        CREATE INDEX citizen_tokens_idx ON gise.citizen USING gin (string_to_array(given_key || ' ' || family_key, ' '));
        ALTER TABLE gise.application ADD CONSTRAINT application_number_key UNIQUE (number);
        ALTER TABLE gise.application ADD CONSTRAINT application_citizen_fk
            FOREIGN KEY (citizen_id) REFERENCES gise.citizen;
        CREATE INDEX application_citizen_idx ON gise.application (citizen_id, received_at);
        CREATE INDEX application_office_status_idx ON gise.application (office_id, status);
    ELSE
        ALTER TABLE gise.application DROP CONSTRAINT IF EXISTS application_citizen_fk;
        ALTER TABLE gise.application DROP CONSTRAINT IF EXISTS application_number_key;
        DROP INDEX IF EXISTS gise.application_citizen_idx, gise.application_office_status_idx,
            gise.citizen_given_family_idx, gise.citizen_family_given_idx, gise.citizen_tokens_idx;
        ALTER TABLE gise.citizen DROP CONSTRAINT IF EXISTS citizen_national_id_key;
    END IF;
END
$$;
DO $$ BEGIN PERFORM gise.bulk_indexes(true); END $$;

-- Every distinct folded name token, for typo correction (trigram similarity
-- on a table of thousands, not on millions of citizens) and for expanding the
-- last, half-typed token. Tokens are only ever added here; rebuild recounts.
CREATE TABLE gise.name_token (
    token     text COLLATE "C" PRIMARY KEY,
    citizens  integer NOT NULL DEFAULT 1
);
CREATE INDEX name_token_trgm_idx ON gise.name_token USING gin (token gin_trgm_ops);

CREATE FUNCTION gise.name_token_add() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    INSERT INTO gise.name_token (token)
    SELECT DISTINCT t FROM new_rows, unnest(string_to_array(given_key || ' ' || family_key, ' ')) t
    ON CONFLICT (token) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER citizen_name_token_insert AFTER INSERT ON gise.citizen
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gise.name_token_add();
CREATE TRIGGER citizen_name_token_update AFTER UPDATE ON gise.citizen
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gise.name_token_add();

CREATE FUNCTION gise.name_token_rebuild() RETURNS void
LANGUAGE sql SET search_path = pg_catalog, gise
BEGIN ATOMIC
    DELETE FROM gise.name_token;
    INSERT INTO gise.name_token (token, citizens)
    SELECT t, count(*) FROM gise.citizen, unnest(string_to_array(given_key || ' ' || family_key, ' ')) t
    GROUP BY t;
END;

-- Who is signed in. Raises GS001 for a role that is not active staff, so
-- every SECURITY DEFINER function below starts by calling it.
CREATE FUNCTION gise.require_staff() RETURNS gise.staff
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff;
BEGIN
    SELECT * INTO me FROM gise.staff WHERE role_name = session_user AND active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'database role "%" is not an active gise staff member', session_user
            USING ERRCODE = 'GS001';
    END IF;
    RETURN me;
END
$$;

CREATE TYPE gise.whoami_row AS (
    staff_id       integer,
    role_name      name,
    display_name   text,
    role_group     text,
    office_code    text,
    office_name_tr text,
    office_name_en text,
    language       text,
    screen_reader  boolean,
    no_color       boolean
);

CREATE FUNCTION gise.whoami() RETURNS gise.whoami_row
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT s.id, s.role_name, s.display_name, s.role_group, o.code, o.name_tr, o.name_en,
           s.language, s.screen_reader, s.no_color
    FROM (SELECT (gise.require_staff()).*) s JOIN gise.office o ON o.id = s.office_id;
END;

CREATE FUNCTION gise.mask_national_id(n text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN substr(n, 1, 3) || '******' || substr(n, 10, 2);

CREATE TYPE gise.citizen_hit AS (
    id                  bigint,
    national_id_masked  text,
    given_name          text,
    family_name         text,
    birth_year          integer,
    city                text,
    match_rank          smallint   -- 0 exact, 1 prefix, 2 tokens in any order, 3 typo-tolerant
);

CREATE FUNCTION gise.citizen_by_national_id(national_id text) RETURNS SETOF gise.citizen_hit
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    IF national_id IS NULL OR NOT gise.national_id_valid(national_id) THEN
        RAISE EXCEPTION 'identity number is not valid' USING ERRCODE = 'GS020';
    END IF;
    RETURN QUERY
    SELECT c.id, gise.mask_national_id(c.national_id), c.given_name, c.family_name,
           extract(year FROM c.birth_date)::integer, c.city, 0::smallint
    FROM gise.citizen c WHERE c.national_id = citizen_by_national_id.national_id;
END
$$;

-- Rows of one tier, in display order, skipping ids already returned.
-- Prefix ranges use text_pattern_ops (byte order): every key starting with q
-- lies in [q, q || U+10FFFF), and folded names never contain U+10FFFF.
CREATE FUNCTION gise.citizen_prefix_ids(q text, lim integer, seen bigint[])
RETURNS TABLE (id bigint, exact boolean)
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT h.id, bool_or(h.exact) FROM (
        (SELECT c.id, (c.given_key || ' ' || c.family_key) = q AS exact
         FROM gise.citizen c
         WHERE (c.given_key || ' ' || c.family_key) ~>=~ q
           AND (c.given_key || ' ' || c.family_key) ~<~ (q || U&'\+10FFFF')
           AND c.id <> ALL (seen)
         ORDER BY (c.given_key || ' ' || c.family_key) USING ~<~
         LIMIT lim)
        UNION ALL
        (SELECT c.id, (c.family_key || ' ' || c.given_key) = q
         FROM gise.citizen c
         WHERE (c.family_key || ' ' || c.given_key) ~>=~ q
           AND (c.family_key || ' ' || c.given_key) ~<~ (q || U&'\+10FFFF')
           AND c.id <> ALL (seen)
         ORDER BY (c.family_key || ' ' || c.given_key) USING ~<~
         LIMIT lim)
    ) h GROUP BY h.id;
END;

-- Citizens having every token of `required` and at least one of `flex`.
CREATE FUNCTION gise.citizen_token_ids(required text[], flex text[], lim integer, seen bigint[])
RETURNS TABLE (id bigint)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF lim <= 0 OR flex IS NULL THEN
        RETURN;
    END IF;
    -- Two statements, not one with an OR: "@> '{}'" would scan the whole index.
    IF cardinality(required) = 0 THEN
        RETURN QUERY
        SELECT c.id FROM gise.citizen c
        WHERE string_to_array(c.given_key || ' ' || c.family_key, ' ') && flex
          AND c.id <> ALL (seen)
        ORDER BY c.family_key, c.given_key, c.id LIMIT lim;
    ELSE
        RETURN QUERY
        SELECT c.id FROM gise.citizen c
        WHERE string_to_array(c.given_key || ' ' || c.family_key, ' ') @> required
          AND string_to_array(c.given_key || ' ' || c.family_key, ' ') && flex
          AND c.id <> ALL (seen)
        ORDER BY c.family_key, c.given_key, c.id LIMIT lim;
    END IF;
END
$$;

CREATE FUNCTION gise.citizen_hits(ids bigint[], ranks smallint[]) RETURNS SETOF gise.citizen_hit
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT c.id, gise.mask_national_id(c.national_id), c.given_name, c.family_name,
           extract(year FROM c.birth_date)::integer, c.city, r.rank
    FROM unnest(ids, ranks) AS r(id, rank) JOIN gise.citizen c ON c.id = r.id
    ORDER BY r.rank, c.family_key, c.given_key, c.id;
END;

CREATE FUNCTION gise.citizen_search(query text, max_rows integer DEFAULT 50)
RETURNS SETOF gise.citizen_hit
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise, public AS $$
DECLARE
    q        text := gise.fold_name(coalesce(query, ''));
    lim      integer := least(greatest(coalesce(max_rows, 50), 1), 500);
    seen     bigint[] := '{}';
    ranks    smallint[] := '{}';
    toks     text[];
    last_tok text;
    required text[];
    flex     text[];
    fixes    text[];
    best     text[];
    unknown  boolean := false;
    t        text;
    i        integer;
BEGIN
    PERFORM gise.require_staff();
    IF q = '' THEN
        RETURN;
    END IF;

    -- Tiers 0 and 1: the whole query is the start of "given family" or of
    -- "family given"; exact matches first.
    SELECT coalesce(array_agg(p.id ORDER BY NOT p.exact), '{}'),
           coalesce(array_agg(CASE WHEN p.exact THEN 0 ELSE 1 END::smallint ORDER BY NOT p.exact), '{}')
      INTO seen, ranks FROM gise.citizen_prefix_ids(q, lim, seen) p;

    -- Tier 2: every token present in any order (a double given name may be
    -- typed without its second part); the last token may be half-typed.
    toks := string_to_array(q, ' ');
    last_tok := toks[array_length(toks, 1)];
    required := toks[1:array_length(toks, 1) - 1];
    IF cardinality(seen) < lim THEN
        SELECT array_agg(n.token ORDER BY n.citizens DESC) INTO flex
        FROM (SELECT token, citizens FROM gise.name_token
              WHERE token >= last_tok AND token < last_tok || U&'\+10FFFF'
              ORDER BY citizens DESC LIMIT 64) n;
        IF flex IS NOT NULL AND (cardinality(toks) > 1 OR cardinality(seen) = 0) THEN
            SELECT seen || coalesce(array_agg(x.id), '{}'),
                   ranks || coalesce(array_agg(2::smallint), '{}')
              INTO seen, ranks
            FROM gise.citizen_token_ids(required, flex, lim - cardinality(seen), seen) x;
        END IF;
    END IF;

    -- Tier 3: tokens the dictionary does not know are replaced by the most
    -- similar known ones (trigram similarity), then tiers 1 and 2 again.
    IF cardinality(seen) < lim THEN
        best := '{}';
        FOR i IN 1 .. cardinality(toks) LOOP
            t := toks[i];
            IF i = cardinality(toks) THEN
                -- flex (its prefix expansion) stays as it is when it has one.
                fixes := CASE WHEN flex IS NULL THEN NULL ELSE ARRAY[t] END;
            ELSE
                SELECT CASE WHEN EXISTS (SELECT FROM gise.name_token WHERE token = t)
                            THEN ARRAY[t] END INTO fixes;
            END IF;
            IF fixes IS NULL THEN
                unknown := true;
                SELECT array_agg(n.token ORDER BY n.sim DESC, n.citizens DESC) INTO fixes
                FROM (SELECT token, citizens, similarity(token, t) AS sim FROM gise.name_token
                      WHERE token % t ORDER BY similarity(token, t) DESC, citizens DESC LIMIT 3) n;
                IF fixes IS NULL THEN
                    RETURN QUERY SELECT * FROM gise.citizen_hits(seen, ranks) LIMIT lim;
                    RETURN;
                END IF;
            END IF;
            best := best || fixes[1];
            IF i = cardinality(toks) AND flex IS NULL THEN
                flex := fixes;
            END IF;
        END LOOP;
        IF unknown THEN
            SELECT seen || coalesce(array_agg(p.id), '{}'),
                   ranks || coalesce(array_agg(3::smallint), '{}')
              INTO seen, ranks
            FROM gise.citizen_prefix_ids(array_to_string(best, ' '), lim - cardinality(seen), seen) p;
            IF cardinality(seen) < lim THEN
                SELECT seen || coalesce(array_agg(x.id), '{}'),
                       ranks || coalesce(array_agg(3::smallint), '{}')
                  INTO seen, ranks
                FROM gise.citizen_token_ids(best[1:cardinality(best) - 1], flex,
                                             lim - cardinality(seen), seen) x;
            END IF;
        END IF;
    END IF;

    -- Tier 1 looked in two orders, up to lim each: keep the best lim.
    RETURN QUERY SELECT * FROM gise.citizen_hits(seen, ranks) LIMIT lim;
END
$$;

CREATE TYPE gise.citizen_detail AS (
    id                  bigint,
    national_id         text,
    given_name          text,
    family_name         text,
    birth_date          date,
    birth_place         text,
    phone               text,
    email               text,
    address             text,
    city                text,
    preferred_language  text,
    accessibility_needs text,
    version             integer
);

-- Full personal data of one citizen; the opening is written to access_log
-- in the same transaction, so there is no way to read without a trace.
CREATE FUNCTION gise.citizen_open(citizen_id bigint, screen text) RETURNS SETOF gise.citizen_detail
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    d gise.citizen_detail;
BEGIN
    PERFORM gise.require_staff();
    SELECT c.id, c.national_id, c.given_name, c.family_name, c.birth_date, c.birth_place,
           c.phone, c.email, c.address, c.city, c.preferred_language, c.accessibility_needs,
           c.version
      INTO d FROM gise.citizen c WHERE c.id = citizen_open.citizen_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'citizen % does not exist', citizen_open.citizen_id USING ERRCODE = 'GS021';
    END IF;
    INSERT INTO gise.access_log (citizen_id, screen) VALUES (d.id, citizen_open.screen);
    RETURN NEXT d;
END
$$;

CREATE TYPE gise.application_summary AS (
    id               bigint,
    number           text,
    service_code     text,
    service_name_tr  text,
    service_name_en  text,
    status           text,
    office_code      text,
    received_at      timestamptz,
    due_date         date,
    closed_at        timestamptz
);

-- Runs with the caller's rights, so office boundaries (row-level security)
-- decide which of the citizen's applications the caller sees.
CREATE FUNCTION gise.citizen_applications(citizen_id bigint) RETURNS SETOF gise.application_summary
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT a.id, a.number, s.code, s.name_tr, s.name_en, a.status, o.code,
           a.received_at, a.due_date, a.closed_at
    FROM gise.application a
    JOIN gise.service s ON s.id = a.service_id
    JOIN gise.office o ON o.id = a.office_id
    WHERE a.citizen_id = citizen_applications.citizen_id
    ORDER BY a.received_at DESC, a.id DESC;
END;
