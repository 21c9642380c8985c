-- An audit trail that proves itself (issue 13, point 3, and the auditing of
-- staff and catalogue changes of point 4).
--
-- Until now every audit_log insert extended a hash chain under an advisory
-- lock: each writer held it until commit (one lock for every counter), a
-- REPEATABLE READ writer chained to a head it could not see (two rows with
-- the same prev_hash), rows committed out of id order so the chain broke
-- under load, and the owner could rehash everything undetected.
--
-- Now writers only insert rows. One chainer, gise.chain_pending(), run by
-- the sealer (`gise audit seal`, as a member of gise_sealer), appends the
-- committed rows that are not chained yet to gise.chain, in the order it
-- sees them commit; it is serialised by an advisory lock that no writer ever
-- takes. Each chain row holds
--     row_hash = sha256(source || ' ' || jsonb_strip_nulls(to_jsonb(row))::text)
--     hash     = sha256(prev_hash || int8send(seq) || row_hash)
-- (prev_hash of seq 1: 32 zero bytes; to_jsonb with TimeZone UTC). The
-- whole row is hashed, so columns other migrations add are covered; nulls
-- are stripped so that a column added later with no default does not change
-- the hash of the rows before it (a column added WITH a default does: add
-- such a column without one, then fill it).
-- The sealer signs the head with a key the database owner cannot read and
-- writes the seal outside the database; `gise audit verify` checks the chain
-- against those seals. gise.audit_verify_all() is the in-database check
-- (every break, not the first): it finds accidents and careless tampering,
-- but only the seals find an owner who rehashes everything.
--
--   GS150  gise.chain_pending() outside READ COMMITTED: it relies on a new
--          snapshot per statement, so it could skip a row otherwise
--   GS151  gise.chain_pending(max_rows) outside 1..1000000;
--          DETAIL {"max_rows": "<n>", "min": "1", "max": "1000000"}

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gise_sealer') THEN
        CREATE ROLE gise_sealer NOLOGIN;
    END IF;
END
$$;
COMMENT ON ROLE gise_sealer IS
    'gise: chains and seals the audit trail (gise.chain_pending); for the login role of the sealer account';

-- Writers no longer chain: the old trigger function now only clears the
-- columns callers still fill (hash = '\x00'), so no row claims a hash that
-- nothing checks. No lock, no read of other rows.
CREATE OR REPLACE FUNCTION gise.audit_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
END
$$;
ALTER TABLE gise.audit_log ALTER COLUMN hash DROP NOT NULL;
COMMENT ON COLUMN gise.audit_log.hash IS 'before 0015: the inline chain; since then NULL (see gise.chain)';
COMMENT ON COLUMN gise.audit_log.prev_hash IS 'before 0015: the inline chain; since then NULL (see gise.chain)';

CREATE TABLE gise.chain (
    seq         bigint PRIMARY KEY CONSTRAINT chain_seq_positive CHECK (seq > 0),
    source      text NOT NULL CONSTRAINT chain_source_known CHECK (source IN ('audit', 'access')),
    source_id   bigint NOT NULL,
    row_hash    bytea NOT NULL,
    prev_hash   bytea NOT NULL,
    hash        bytea NOT NULL,
    chained_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- A row is chained once: the marker the chainer's anti-join looks for.
    CONSTRAINT chain_row_once UNIQUE (source, source_id),
    -- A fork is two rows on the same head: refused whoever writes.
    CONSTRAINT chain_no_fork UNIQUE (prev_hash)
);
COMMENT ON TABLE gise.chain IS
    'gise: the hash chain over audit_log and access_log in commit order; appended by gise.chain_pending() only';
CREATE TRIGGER chain_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON gise.chain
    FOR EACH STATEMENT EXECUTE FUNCTION gise.append_only();

-- Per source: every id <= low_water is chained or will never exist (its
-- transaction rolled back). `candidate` is the highest id seen at
-- `candidate_at`; it becomes the low water once no transaction that began
-- before candidate_at is still open. Only a shortcut for the scan: the
-- anti-join above low_water is what finds rows.
CREATE TABLE gise.chain_state (
    source        text PRIMARY KEY CONSTRAINT chain_state_source_known CHECK (source IN ('audit', 'access')),
    low_water     bigint NOT NULL DEFAULT 0,
    candidate     bigint,
    candidate_at  timestamptz
);
INSERT INTO gise.chain_state (source) VALUES ('audit'), ('access');

-- The hashed text of one source row (see the top of this file).
CREATE FUNCTION gise.chain_row_text(source text, content jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
    SELECT convert_to(source || ' ' || jsonb_strip_nulls(content)::text, 'UTF8')
$$;

-- The one chainer. Appends every committed, not yet chained row of
-- audit_log and access_log (at most max_rows per call) to gise.chain and
-- returns how many it chained; call it until it returns less than max_rows.
-- Owner's rights (SECURITY DEFINER): members of gise_sealer run it. The
-- advisory lock serialises chainers only; writers never take it.
CREATE FUNCTION gise.chain_pending(max_rows integer DEFAULT 10000) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, gise SET "TimeZone" = 'UTC' AS $$
DECLARE
    head_seq   bigint;
    head_hash  bytea;
    st         gise.chain_state;
    advance    boolean;
    r          record;
    done       integer := 0;
    seqs       bigint[];
    ids        bigint[];
    rhs        bytea[];
    prevs      bytea[];
    hashes     bytea[];
    this_src   integer;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'the chainer runs in READ COMMITTED only' USING ERRCODE = 'GS150';
    END IF;
    IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 1000000 THEN
        RAISE EXCEPTION 'max_rows out of range' USING ERRCODE = 'GS151',
            DETAIL = json_build_object('max_rows', coalesce(max_rows::text, ''), 'min', '1', 'max', '1000000')::text;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('gise.chain'));

    SELECT c.seq, c.hash INTO head_seq, head_hash FROM gise.chain c ORDER BY c.seq DESC LIMIT 1;
    head_seq := coalesce(head_seq, 0);
    head_hash := coalesce(head_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);

    FOR st IN SELECT * FROM gise.chain_state ORDER BY source DESC LOOP   -- 'audit' before 'access'
        -- Read before the scan below takes its snapshot: a transaction that
        -- is over now is visible to the scan. The activity view is cached
        -- for the transaction; a caller's earlier look must not count.
        PERFORM pg_stat_clear_snapshot();
        -- Only an owner that sees every session's transaction may judge
        -- (a superuser, or a member of pg_read_all_stats); any other keeps
        -- the low water where it is, which costs time, never a row.
        advance := st.candidate_at IS NOT NULL
            AND (pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')
                 OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user))
            AND NOT EXISTS (SELECT FROM pg_stat_activity a
                            WHERE a.pid <> pg_backend_pid() AND a.xact_start <= st.candidate_at
                              AND a.backend_type <> 'autovacuum worker')
            AND NOT EXISTS (SELECT FROM pg_prepared_xacts);
        -- The row hashes set-based; the links one by one (each needs the
        -- one before); the rows in one INSERT.
        this_src := 0;
        seqs := '{}'; ids := '{}'; rhs := '{}'; prevs := '{}'; hashes := '{}';
        FOR r IN EXECUTE format(
            'SELECT s.id, sha256(gise.chain_row_text($2, to_jsonb(s))) AS rh FROM gise.%I s
              WHERE s.id > $1 AND NOT EXISTS (SELECT FROM gise.chain c WHERE c.source = $2 AND c.source_id = s.id)
              ORDER BY s.id LIMIT $3',
            CASE st.source WHEN 'audit' THEN 'audit_log' ELSE 'access_log' END)
            USING st.low_water, st.source, max_rows - done
        LOOP
            this_src := this_src + 1;
            head_seq := head_seq + 1;
            seqs[this_src] := head_seq;
            ids[this_src] := r.id;
            rhs[this_src] := r.rh;
            prevs[this_src] := head_hash;
            head_hash := sha256(head_hash || int8send(head_seq) || r.rh);
            hashes[this_src] := head_hash;
        END LOOP;
        INSERT INTO gise.chain (seq, source, source_id, row_hash, prev_hash, hash)
        SELECT u.seq, st.source, u.id, u.rh, u.prev, u.hash
        FROM unnest(seqs, ids, rhs, prevs, hashes) AS u(seq, id, rh, prev, hash);
        done := done + this_src;
        IF done >= max_rows THEN
            EXIT;   -- the rest next call; the watermark waits for a full pass
        END IF;
        EXECUTE format('SELECT max(id) FROM gise.%I',
                       CASE st.source WHEN 'audit' THEN 'audit_log' ELSE 'access_log' END)
            INTO r;
        UPDATE gise.chain_state s
           SET low_water = CASE WHEN advance THEN greatest(s.low_water, s.candidate) ELSE s.low_water END,
               candidate = coalesce(r.max, s.low_water),
               candidate_at = clock_timestamp()
         WHERE s.source = st.source;
    END LOOP;
    RETURN done;
END
$$;

-- Every break of the chain as stored in the database, in seq order: a gap
-- in seq, a row whose prev_hash is not the hash before it, a hash that does
-- not follow from its parts, a chained row that is gone or changed, and a
-- row below the low water that is not chained. Each break is reported once
-- (the check goes on from the stored hash), so one rewritten row is one
-- row here. Rows after the last seal and a rehash by the owner need the
-- seals: `gise audit verify`.
CREATE FUNCTION gise.audit_verify_all()
RETURNS TABLE (seq bigint, kind text, detail text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, gise SET "TimeZone" = 'UTC' AS $$
DECLARE
    c           record;
    prev_seq    bigint := 0;
    prev_hash   bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
BEGIN
    FOR c IN
        SELECT ch.*, CASE ch.source WHEN 'audit' THEN to_jsonb(a) ELSE to_jsonb(x) END AS content
        FROM gise.chain ch
        LEFT JOIN gise.audit_log a ON ch.source = 'audit' AND a.id = ch.source_id
        LEFT JOIN gise.access_log x ON ch.source = 'access' AND x.id = ch.source_id
        ORDER BY ch.seq
    LOOP
        IF c.seq <> prev_seq + 1 THEN
            seq := c.seq; kind := 'gap';
            detail := format('chain rows %s to %s are missing', prev_seq + 1, c.seq - 1);
            RETURN NEXT;
        END IF;
        IF c.prev_hash <> prev_hash THEN
            seq := c.seq; kind := 'link';
            detail := 'prev_hash is not the hash of the row before';
            RETURN NEXT;
        END IF;
        IF c.hash <> sha256(c.prev_hash || int8send(c.seq) || c.row_hash) THEN
            seq := c.seq; kind := 'hash';
            detail := 'hash does not follow from prev_hash, seq and row_hash';
            RETURN NEXT;
        END IF;
        IF c.content IS NULL THEN
            seq := c.seq; kind := 'row_missing';
            detail := format('%s row %s is gone', c.source, c.source_id);
            RETURN NEXT;
        ELSIF sha256(gise.chain_row_text(c.source, c.content)) <> c.row_hash THEN
            seq := c.seq; kind := 'row_changed';
            detail := format('%s row %s differs from what was chained', c.source, c.source_id);
            RETURN NEXT;
        END IF;
        prev_seq := c.seq;
        prev_hash := c.hash;
    END LOOP;
    RETURN QUERY
        SELECT NULL::bigint, 'unchained', format('audit row %s is below the low water but not chained', a.id)
        FROM gise.audit_log a
        WHERE a.id <= (SELECT low_water FROM gise.chain_state WHERE source = 'audit')
          AND NOT EXISTS (SELECT FROM gise.chain ch WHERE ch.source = 'audit' AND ch.source_id = a.id)
        UNION ALL
        SELECT NULL::bigint, 'unchained', format('access row %s is below the low water but not chained', x.id)
        FROM gise.access_log x
        WHERE x.id <= (SELECT low_water FROM gise.chain_state WHERE source = 'access')
          AND NOT EXISTS (SELECT FROM gise.chain ch WHERE ch.source = 'access' AND ch.source_id = x.id);
END
$$;

-- The old single answer, kept for its callers: the seq of the first break,
-- NULL when there is none.
CREATE OR REPLACE FUNCTION gise.audit_verify() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
    SELECT min(v.seq) FROM gise.audit_verify_all() v
$$;

-- Changes to staff, offices, services and the document and rejection-reason
-- catalogues, audited in the same chain: who (actor, session_user), what
-- (table, operation, key), the old and new row and which columns changed.
-- Owner's rights: an administrator changes these tables but may not write
-- the audit log. TG_ARGV names the key columns.
CREATE FUNCTION gise.audit_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    o        jsonb;
    n        jsonb;
    k        jsonb := '{}';
    changed  jsonb;
    i        integer;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO gise.audit_log (action, entity, details)
        VALUES (TG_TABLE_NAME || '_truncate', TG_TABLE_NAME, jsonb_build_object('op', 'truncate'));
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
    FOR i IN 0 .. TG_NARGS - 1 LOOP
        k := k || jsonb_build_object(TG_ARGV[i], coalesce(n, o) -> TG_ARGV[i]);
    END LOOP;
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(jsonb_agg(key ORDER BY key), '[]') INTO changed
        FROM jsonb_object_keys(n) key WHERE n -> key IS DISTINCT FROM o -> key;
    END IF;
    INSERT INTO gise.audit_log (action, entity, entity_id, details)
    VALUES (TG_TABLE_NAME || '_' || lower(TG_OP), TG_TABLE_NAME,
            CASE WHEN jsonb_typeof(k -> 'id') = 'number' THEN (k ->> 'id')::bigint END,
            jsonb_build_object('op', lower(TG_OP), 'key', k, 'old', o, 'new', n, 'changed', changed));
    RETURN NULL;
END
$$;

CREATE TRIGGER staff_audit AFTER INSERT OR UPDATE OR DELETE ON gise.staff
    FOR EACH ROW EXECUTE FUNCTION gise.audit_change('id', 'role_name');
CREATE TRIGGER office_audit AFTER INSERT OR UPDATE OR DELETE ON gise.office
    FOR EACH ROW EXECUTE FUNCTION gise.audit_change('id', 'code');
CREATE TRIGGER service_audit AFTER INSERT OR UPDATE OR DELETE ON gise.service
    FOR EACH ROW EXECUTE FUNCTION gise.audit_change('id', 'code');
CREATE TRIGGER document_type_audit AFTER INSERT OR UPDATE OR DELETE ON gise.document_type
    FOR EACH ROW EXECUTE FUNCTION gise.audit_change('id', 'code');
CREATE TRIGGER service_document_audit AFTER INSERT OR UPDATE OR DELETE ON gise.service_document
    FOR EACH ROW EXECUTE FUNCTION gise.audit_change('service_id', 'document_type_id');
CREATE TRIGGER rejection_reason_audit AFTER INSERT OR UPDATE OR DELETE ON gise.rejection_reason
    FOR EACH ROW EXECUTE FUNCTION gise.audit_change('code');
CREATE TRIGGER staff_audit_truncate AFTER TRUNCATE ON gise.staff
    FOR EACH STATEMENT EXECUTE FUNCTION gise.audit_change();
CREATE TRIGGER office_audit_truncate AFTER TRUNCATE ON gise.office
    FOR EACH STATEMENT EXECUTE FUNCTION gise.audit_change();
CREATE TRIGGER service_audit_truncate AFTER TRUNCATE ON gise.service
    FOR EACH STATEMENT EXECUTE FUNCTION gise.audit_change();
CREATE TRIGGER document_type_audit_truncate AFTER TRUNCATE ON gise.document_type
    FOR EACH STATEMENT EXECUTE FUNCTION gise.audit_change();
CREATE TRIGGER service_document_audit_truncate AFTER TRUNCATE ON gise.service_document
    FOR EACH STATEMENT EXECUTE FUNCTION gise.audit_change();
CREATE TRIGGER rejection_reason_audit_truncate AFTER TRUNCATE ON gise.rejection_reason
    FOR EACH STATEMENT EXECUTE FUNCTION gise.audit_change();

-- Schema changes in gise, such as the owner disabling a trigger to rewrite
-- the log, leave a row in the same chain: the command, the object, the
-- statement. (An owner who first disables this event trigger leaves no such
-- row; what they then rewrite the seals still show.)
CREATE FUNCTION gise.audit_ddl() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE schema_name = 'gise' LOOP
        INSERT INTO gise.audit_log (action, entity, details)
        VALUES ('schema_change', 'schema',
                jsonb_build_object('command', r.command_tag, 'object', r.object_identity,
                                   'statement', left(current_query(), 2000)));
    END LOOP;
END
$$;
CREATE EVENT TRIGGER gise_audit_ddl ON ddl_command_end EXECUTE FUNCTION gise.audit_ddl();

-- Grants. The chain is read by auditors (and the sealer, for its
-- continuity check); written by the chainer alone.
REVOKE ALL ON gise.chain, gise.chain_state FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION gise.chain_pending(integer), gise.audit_verify_all(),
    gise.audit_change(), gise.audit_ddl(), gise.chain_row_text(text, jsonb) FROM PUBLIC;
GRANT SELECT ON gise.chain, gise.chain_state TO gise_auditor, gise_sealer;
GRANT USAGE ON SCHEMA gise TO gise_sealer;
GRANT EXECUTE ON FUNCTION gise.chain_pending(integer) TO gise_sealer;
GRANT EXECUTE ON FUNCTION gise.audit_verify_all() TO gise_auditor, gise_sealer;
GRANT EXECUTE ON FUNCTION gise.audit_verify() TO gise_sealer;
