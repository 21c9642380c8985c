-- Working days from data (issue 11, point 8). The public holiday calendar
-- becomes data that an administrator keeps through audited functions, with
-- half-day eves, and a record of which years are complete; a date
-- computation that needs a year nobody has loaded is refused instead of
-- answered from a calendar that may be missing its religious holidays.
--
--   GS109  no public holiday calendar is loaded for the year a date
--          computation needs; DETAIL {"year": "2029"}
--   GS110  a number of working days outside 0..3650;
--          DETAIL {"days": "<n>", "min": "0", "max": "3650"}
--
-- Half-day eves (arife). Under Law 2429 (Ulusal Bayram ve Genel Tatiller
-- Hakkında Kanun) Ramazan Bayramı and Kurban Bayramı begin at 13:00 on the
-- day before their first day, and Cumhuriyet Bayramı at 13:00 on 28 October.
-- The rule gise applies:
--   * Counting: a half-day eve is a working day (offices are open in the
--     morning). gise.is_working_day and gise.add_working_days count it, so
--     an SLA due date (the office's own target) may fall on an eve.
--   * Deadlines the citizen must meet never fall on a half-day eve. A
--     computed one (gise.deadline_after, used for the deficiency window of
--     gise.deficiency_deadline) that lands on an eve, or on any other day
--     that is not a working day, moves to the next full working day; a
--     deadline chosen by the clerk (gise.deficiency_issue) on an eve is
--     refused with GS105 like one on a weekend or a holiday.
--   gise.is_deadline_day(d) says whether d may be such a deadline.
--
-- Maintenance: gise.holiday_set, gise.holiday_remove,
-- gise.holiday_year_complete and gise.holiday_year_reopen, for
-- administrators only, each writing the audit log; nobody writes the
-- calendar tables directly any more.
--
-- Scheduling: gise.lapse_overdue() may be run by members of the NOLOGIN
-- group role gise_scheduler, which may do nothing else. The administrator
-- creates the login role the timer uses:
--     CREATE ROLE gise_lapse LOGIN IN ROLE gise_scheduler;
-- Such a role is not staff: its lapses are audited under its own role name
-- (gise.audit_log.actor is session_user) with "by": "scheduler" in the
-- details, and the application keeps its assignee.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gise_scheduler') THEN
        CREATE ROLE gise_scheduler NOLOGIN;
    END IF;
END
$$;
COMMENT ON ROLE gise_scheduler IS
    'gise: may run gise.lapse_overdue() and nothing else; for the login role of a timer';

-- The calendar ---------------------------------------------------------------

ALTER TABLE gise.holiday
    ADD COLUMN kind text NOT NULL DEFAULT 'full'
        CONSTRAINT holiday_kind_known CHECK (kind IN ('full', 'half')),
    ADD CONSTRAINT holiday_day_range CHECK (day BETWEEN DATE '2000-01-01' AND DATE '2100-12-31');
COMMENT ON COLUMN gise.holiday.kind IS
    'full: offices are closed all day; half: a half-day eve (arife), closed from 13:00';

-- A year listed here has every public holiday entered: date computations may
-- use it. Any other year is refused (GS109).
CREATE TABLE gise.holiday_year (
    year       integer PRIMARY KEY CONSTRAINT holiday_year_range CHECK (year BETWEEN 2000 AND 2100),
    loaded_by  name NOT NULL DEFAULT session_user,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);

-- The official public holidays of 2026, 2027 and 2028. Fixed dates from Law
-- 2429; Ramazan Bayramı (3 days) and Kurban Bayramı (4 days) as published in
-- the Diyanet İşleri Başkanlığı calendar of religious days (Dini Günler
-- Takvimi), each with its eve as a half day:
--   2026  Ramazan 20-22 March (eve 19 March)  Kurban 27-30 May (eve 26 May)
--   2027  Ramazan 9-11 March (eve 8 March)    Kurban 16-19 May (eve 15 May)
--   2028  Ramazan 26-28 February (eve 25 Feb) Kurban 4-7 May (eve 3 May)
-- One row per day: on 19 May 2027 Kurban Bayramı's 4th day and the 19 May
-- holiday coincide and the row names both. Rows already there (0005 loaded
-- the fixed holidays of 2026-27; an administrator may have added others)
-- are updated, not duplicated.
WITH fixed (month, dom, name, kind) AS (VALUES
    (1, 1, 'Yılbaşı', 'full'),
    (4, 23, 'Ulusal Egemenlik ve Çocuk Bayramı', 'full'),
    (5, 1, 'Emek ve Dayanışma Günü', 'full'),
    (5, 19, 'Atatürk''ü Anma, Gençlik ve Spor Bayramı', 'full'),
    (7, 15, 'Demokrasi ve Millî Birlik Günü', 'full'),
    (8, 30, 'Zafer Bayramı', 'full'),
    (10, 28, 'Cumhuriyet Bayramı arifesi', 'half'),
    (10, 29, 'Cumhuriyet Bayramı', 'full')),
religious (feast, first_day, last_day) AS (VALUES
    ('Ramazan Bayramı', DATE '2026-03-20', DATE '2026-03-22'),
    ('Kurban Bayramı',  DATE '2026-05-27', DATE '2026-05-30'),
    ('Ramazan Bayramı', DATE '2027-03-09', DATE '2027-03-11'),
    ('Kurban Bayramı',  DATE '2027-05-16', DATE '2027-05-19'),
    ('Ramazan Bayramı', DATE '2028-02-26', DATE '2028-02-28'),
    ('Kurban Bayramı',  DATE '2028-05-04', DATE '2028-05-07')),
official (day, name, kind, religious) AS (
    SELECT make_date(y, f.month, f.dom), f.name, f.kind, false
    FROM generate_series(2026, 2028) y, fixed f
    UNION ALL
    SELECT r.first_day - 1, r.feast || ' arifesi', 'half', true FROM religious r
    UNION ALL
    SELECT r.first_day + i, r.feast || ' ' || (i + 1) || '. gün', 'full', true
    FROM religious r, generate_series(0, r.last_day - r.first_day) i),
merged AS (
    SELECT day, string_agg(name, '; ' ORDER BY religious DESC, name) AS name,
           CASE WHEN bool_or(kind = 'full') THEN 'full' ELSE 'half' END AS kind
    FROM official GROUP BY day)
INSERT INTO gise.holiday (day, name, kind)
SELECT day, name, kind FROM merged
ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind;

-- Rows of these years that are not on the official list (a closure an
-- administrator entered) are kept; the migration says so.
DO $$
DECLARE
    extra text;
BEGIN
    SELECT string_agg(day::text, ', ' ORDER BY day) INTO extra FROM gise.holiday
    WHERE day BETWEEN DATE '2026-01-01' AND DATE '2028-12-31'
      AND NOT (name ~ '^(Ramazan|Kurban) Bayramı' OR (extract(month FROM day), extract(day FROM day)) IN
               ((1, 1), (4, 23), (5, 1), (5, 19), (7, 15), (8, 30), (10, 28), (10, 29)));
    IF extra IS NOT NULL THEN
        RAISE NOTICE 'gise: kept holidays not on the official 2026-2028 list: %', extra;
    END IF;
END
$$;

INSERT INTO gise.holiday_year (year) VALUES (2026), (2027), (2028) ON CONFLICT DO NOTHING;
INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
SELECT 'holiday_year_complete', 'holiday_year', y.year,
       jsonb_build_object('year', y.year, 'source', 'migration 0011_working_days',
                          'full_days', (SELECT count(*) FROM gise.holiday h
                                        WHERE extract(year FROM h.day) = y.year AND h.kind = 'full'),
                          'half_days', (SELECT count(*) FROM gise.holiday h
                                        WHERE extract(year FROM h.day) = y.year AND h.kind = 'half')),
       '\x00'
FROM gise.holiday_year y WHERE y.year IN (2026, 2027, 2028) ORDER BY y.year;

-- Working days -----------------------------------------------------------------

-- Whether d is a working day: not a weekend, not a full-day holiday (a
-- half-day eve is a working day). Refuses a day of a year whose calendar is
-- not loaded (GS109). NULL for NULL.
CREATE OR REPLACE FUNCTION gise.is_working_day(d date) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF d IS NULL THEN
        RETURN NULL;
    END IF;
    IF NOT isfinite(d) OR NOT EXISTS (SELECT FROM gise.holiday_year y
                                      WHERE y.year = extract(year FROM d)::integer) THEN
        RAISE EXCEPTION 'no public holiday calendar is loaded for year %',
                        CASE WHEN isfinite(d) THEN extract(year FROM d)::text ELSE d::text END
            USING ERRCODE = 'GS109',
                  DETAIL = json_build_object('year', CASE WHEN isfinite(d) THEN extract(year FROM d)::text
                                                          ELSE d::text END)::text;
    END IF;
    RETURN extract(isodow FROM d) < 6
       AND NOT EXISTS (SELECT FROM gise.holiday h WHERE h.day = d AND h.kind = 'full');
END
$$;

-- The date n working days after d (weekends and full holidays skipped, a
-- half-day eve counted). n is 0..3650 (GS110), checked before any counting;
-- every day looked at must have its year's calendar loaded (GS109). n = 0
-- gives d itself. NULL for a NULL d.
CREATE OR REPLACE FUNCTION gise.add_working_days(d date, n integer) RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, gise AS $$
DECLARE
    result date := d;
    left_ integer := n;
BEGIN
    IF n IS NULL OR n NOT BETWEEN 0 AND 3650 THEN
        RAISE EXCEPTION 'a number of working days must be between 0 and 3650'
            USING ERRCODE = 'GS110',
                  DETAIL = json_build_object('days', n::text, 'min', '0', 'max', '3650')::text;
    END IF;
    IF d IS NULL THEN
        RETURN NULL;
    END IF;
    WHILE left_ > 0 LOOP
        result := result + 1;
        IF gise.is_working_day(result) THEN
            left_ := left_ - 1;
        END IF;
    END LOOP;
    RETURN result;
END
$$;

-- Whether d may be a deadline the citizen must meet: a working day that is
-- not a half-day eve. GS109 like gise.is_working_day.
CREATE FUNCTION gise.is_deadline_day(d date) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, gise AS $$
BEGIN
    RETURN gise.is_working_day(d)
       AND NOT EXISTS (SELECT FROM gise.holiday h WHERE h.day = d AND h.kind = 'half');
END
$$;

-- A deadline for the citizen n working days after d: gise.add_working_days,
-- then, when that day is a half-day eve (or, for n = 0, not a working day),
-- the next full working day. GS109, GS110 as gise.add_working_days.
CREATE FUNCTION gise.deadline_after(d date, n integer) RETURNS date
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, gise AS $$
DECLARE
    result date := gise.add_working_days(d, n);
BEGIN
    WHILE NOT gise.is_deadline_day(result) LOOP
        result := result + 1;
    END LOOP;
    RETURN result;
END
$$;

-- The deficiency window (0005), now of citizen deadlines: neither end falls
-- on a half-day eve.
CREATE OR REPLACE FUNCTION gise.deficiency_deadline(application_id bigint, OUT earliest date, OUT latest date)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT gise.deadline_after(current_date, s.deficiency_working_days),
           gise.deadline_after(current_date, 2 * s.deficiency_working_days)
    FROM gise.application a JOIN gise.service s ON s.id = a.service_id
    WHERE a.id = deficiency_deadline.application_id;
END;

-- A deficiency notice (0005), unchanged but for the deadline: within the
-- window, on a full working day (not a half-day eve). GS105's DETAIL keeps
-- earliest and latest and adds why: "range", "not_working_day" or
-- "half_day_eve".
CREATE OR REPLACE FUNCTION gise.deficiency_issue(request_id uuid, application_id bigint, version integer,
                                                 missing text[], deadline date, note text, letter text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result := gise.request_claim(request_id, 'deficiency', me.id);
    a gise.application;
    rule record;
    why text;
    notice_id bigint;
BEGIN
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version, ARRAY['in_review'], 'a deficiency notice');
    IF coalesce(cardinality(missing), 0) = 0 THEN
        RAISE EXCEPTION 'a deficiency notice lists at least one missing document' USING ERRCODE = 'GS104';
    END IF;
    IF note IS NULL OR btrim(note) = '' THEN
        RAISE EXCEPTION 'a deficiency notice needs a note' USING ERRCODE = 'GS104';
    END IF;
    SELECT * INTO rule FROM gise.deficiency_deadline(a.id);
    IF deadline IS NULL OR deadline < rule.earliest OR deadline > rule.latest THEN
        why := 'range';
    ELSIF NOT gise.is_working_day(deadline) THEN
        why := 'not_working_day';
    ELSIF NOT gise.is_deadline_day(deadline) THEN
        why := 'half_day_eve';
    END IF;
    IF why = 'half_day_eve' THEN
        RAISE EXCEPTION 'the deadline % is a half-day eve: it must be a full working day from % to %',
                        deadline, rule.earliest, rule.latest
            USING ERRCODE = 'GS105',
                  DETAIL = json_build_object('earliest', rule.earliest, 'latest', rule.latest,
                                             'reason', why)::text;
    ELSIF why IS NOT NULL THEN
        RAISE EXCEPTION 'the deadline must be a working day from % to %', rule.earliest, rule.latest
            USING ERRCODE = 'GS105',
                  DETAIL = json_build_object('earliest', rule.earliest, 'latest', rule.latest,
                                             'reason', why)::text;
    END IF;
    IF EXISTS (SELECT FROM unnest(missing) m
               WHERE m NOT IN (SELECT dt.code FROM gise.application_document ad
                               JOIN gise.document_type dt ON dt.id = ad.document_type_id
                               WHERE ad.application_id = a.id)) THEN
        RAISE EXCEPTION 'a missing document is not part of this application' USING ERRCODE = 'GS106';
    END IF;
    INSERT INTO gise.deficiency_notice (application_id, issued_by, deadline, note, language, letter_text)
    SELECT a.id, me.id, deadline, note, c.preferred_language, letter
    FROM gise.citizen c WHERE c.id = a.citizen_id
    RETURNING id INTO notice_id;
    INSERT INTO gise.deficiency_notice_item (notice_id, document_type_id)
    SELECT notice_id, dt.id FROM gise.document_type dt WHERE dt.code = ANY (missing);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'awaiting_documents', 'deficiency',
        jsonb_build_object('notice', notice_id, 'missing', to_jsonb(missing), 'deadline', deadline)));
END
$$;

-- Lapses (0005), callable by a scheduler that is not staff. The audit row's
-- actor is the calling role (session_user, as for every row); its details
-- add the notice, the deadline that passed and who ran it: "scheduler" for
-- a role that is not active staff, "staff" for an administrator.
CREATE OR REPLACE FUNCTION gise.lapse_overdue() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    a gise.application;
    passed gise.deficiency_notice;
    by_ text := CASE WHEN EXISTS (SELECT FROM gise.staff s WHERE s.role_name = session_user AND s.active)
                     THEN 'staff' ELSE 'scheduler' END;
    n integer := 0;
BEGIN
    FOR a IN SELECT x.* FROM gise.application x
             WHERE x.status = 'awaiting_documents'
               AND EXISTS (SELECT FROM gise.deficiency_notice d
                           WHERE d.application_id = x.id AND d.resolved_at IS NULL
                             AND d.deadline < current_date)
             FOR UPDATE SKIP LOCKED LOOP
        SELECT * INTO passed FROM gise.deficiency_notice d
        WHERE d.application_id = a.id AND d.resolved_at IS NULL AND d.deadline < current_date
        ORDER BY d.deadline DESC, d.id DESC LIMIT 1;
        PERFORM gise.application_move(a, 'lapsed', 'lapse',
            jsonb_build_object('notice', passed.id, 'deadline', passed.deadline, 'by', by_));
        n := n + 1;
    END LOOP;
    RETURN n;
END
$$;

-- Keeping the calendar ---------------------------------------------------------

-- The caller, when an active administrator (GS001 for a role that is not
-- staff, GS103 for other staff). Internal: granted to nobody.
CREATE FUNCTION gise.require_admin() RETURNS gise.staff
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
BEGIN
    IF me.role_group <> 'admin' THEN
        RAISE EXCEPTION 'only an administrator keeps the public holiday calendar' USING ERRCODE = 'GS103';
    END IF;
    RETURN me;
END
$$;

-- Checks a calendar year (GS104 with the field in DETAIL).
CREATE FUNCTION gise.holiday_year_check(year integer) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF year IS NULL OR year NOT BETWEEN 2000 AND 2100 THEN
        RAISE EXCEPTION 'a holiday calendar year must be from 2000 to 2100'
            USING ERRCODE = 'GS104', DETAIL = json_build_object('field', 'year', 'year', year::text)::text;
    END IF;
END
$$;

-- Enters or corrects one holiday: its day, its name (one line, 1-120
-- characters) and its kind ('full', or 'half' for a half-day eve). Allowed
-- in a complete year too (a correction). Returns false, and writes nothing,
-- when the day already reads so; otherwise writes the audit row with what
-- it was before.
CREATE FUNCTION gise.holiday_set(day date, name text, kind text DEFAULT 'full') RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_admin();
    earlier gise.holiday;
BEGIN
    IF holiday_set.day IS NULL THEN
        RAISE EXCEPTION 'a holiday needs its day'
            USING ERRCODE = 'GS104', DETAIL = json_build_object('field', 'day')::text;
    END IF;
    PERFORM gise.holiday_year_check(extract(year FROM holiday_set.day)::integer);
    IF holiday_set.name IS NULL OR NOT gise.line_text_ok(holiday_set.name, 120) THEN
        RAISE EXCEPTION 'a holiday name is one line of 1 to 120 characters, without control characters or surrounding blanks'
            USING ERRCODE = 'GS104', DETAIL = json_build_object('field', 'name')::text;
    END IF;
    IF holiday_set.kind IS NULL OR holiday_set.kind NOT IN ('full', 'half') THEN
        RAISE EXCEPTION 'a holiday is full or half (a half-day eve)'
            USING ERRCODE = 'GS104', DETAIL = json_build_object('field', 'kind')::text;
    END IF;
    SELECT * INTO earlier FROM gise.holiday h WHERE h.day = holiday_set.day FOR UPDATE;
    IF FOUND AND earlier.name = holiday_set.name AND earlier.kind = holiday_set.kind THEN
        RETURN false;
    END IF;
    INSERT INTO gise.holiday AS h (day, name, kind)
    VALUES (holiday_set.day, holiday_set.name, holiday_set.kind)
    ON CONFLICT ON CONSTRAINT holiday_pkey DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind;
    INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
    VALUES ('holiday_set', 'holiday', NULL,
            jsonb_build_object('day', holiday_set.day, 'name', holiday_set.name, 'kind', holiday_set.kind,
                               'before', CASE WHEN earlier.day IS NULL THEN NULL
                                              ELSE jsonb_build_object('name', earlier.name, 'kind', earlier.kind) END),
            '\x00');
    RETURN true;
END
$$;

-- Takes a day off the calendar (GS106 when it is not on it); audited with
-- what was removed.
CREATE FUNCTION gise.holiday_remove(day date) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_admin();
    gone gise.holiday;
BEGIN
    DELETE FROM gise.holiday h WHERE h.day = holiday_remove.day RETURNING * INTO gone;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not a public holiday', coalesce(holiday_remove.day::text, 'NULL')
            USING ERRCODE = 'GS106', DETAIL = json_build_object('field', 'day')::text;
    END IF;
    INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
    VALUES ('holiday_remove', 'holiday', NULL,
            jsonb_build_object('day', gone.day, 'name', gone.name, 'kind', gone.kind), '\x00');
END
$$;

-- Declares a year's holidays fully entered, so that date computations may
-- use it. Refused (GS104) while a fixed holiday of Law 2429 is missing,
-- which catches a year nobody has started on. Returns false, and writes
-- nothing, when the year was already complete.
CREATE FUNCTION gise.holiday_year_complete(year integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_admin();
    missing date;
BEGIN
    PERFORM gise.holiday_year_check(holiday_year_complete.year);
    SELECT make_date(holiday_year_complete.year, m, d) INTO missing
    FROM (VALUES (1, 1), (4, 23), (5, 1), (5, 19), (7, 15), (8, 30), (10, 29)) f (m, d)
    WHERE NOT EXISTS (SELECT FROM gise.holiday h
                      WHERE h.day = make_date(holiday_year_complete.year, f.m, f.d) AND h.kind = 'full')
    ORDER BY 1 LIMIT 1;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'the % calendar is not complete: the public holiday on % is missing',
                        holiday_year_complete.year, missing
            USING ERRCODE = 'GS104',
                  DETAIL = json_build_object('field', 'year', 'year', holiday_year_complete.year::text,
                                             'missing', missing)::text;
    END IF;
    INSERT INTO gise.holiday_year (year) VALUES (holiday_year_complete.year) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
    VALUES ('holiday_year_complete', 'holiday_year', holiday_year_complete.year,
            jsonb_build_object('year', holiday_year_complete.year,
                               'full_days', (SELECT count(*) FROM gise.holiday h
                                             WHERE extract(year FROM h.day) = holiday_year_complete.year
                                               AND h.kind = 'full'),
                               'half_days', (SELECT count(*) FROM gise.holiday h
                                             WHERE extract(year FROM h.day) = holiday_year_complete.year
                                               AND h.kind = 'half')),
            '\x00');
    RETURN true;
END
$$;

-- Takes a year's "complete" mark back (e.g. it was set too early): date
-- computations that need the year are refused again until it is complete.
-- Returns false, and writes nothing, when it was not complete.
CREATE FUNCTION gise.holiday_year_reopen(year integer) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_admin();
BEGIN
    PERFORM gise.holiday_year_check(holiday_year_reopen.year);
    DELETE FROM gise.holiday_year y WHERE y.year = holiday_year_reopen.year;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    INSERT INTO gise.audit_log (action, entity, entity_id, details, hash)
    VALUES ('holiday_year_reopen', 'holiday_year', holiday_year_reopen.year,
            jsonb_build_object('year', holiday_year_reopen.year), '\x00');
    RETURN true;
END
$$;

-- Privileges ---------------------------------------------------------------------

-- The calendar is read by everyone on staff and written only through the
-- functions above (0005 let administrators write gise.holiday directly,
-- which bypassed the audit).
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON gise.holiday FROM gise_admin;
REVOKE ALL ON gise.holiday_year FROM PUBLIC;
GRANT SELECT ON gise.holiday_year TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;

REVOKE EXECUTE ON FUNCTION
    gise.is_deadline_day(date), gise.deadline_after(date, integer),
    gise.require_admin(), gise.holiday_year_check(integer),
    gise.holiday_set(date, text, text), gise.holiday_remove(date),
    gise.holiday_year_complete(integer), gise.holiday_year_reopen(integer)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.is_deadline_day(date), gise.deadline_after(date, integer)
    TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT EXECUTE ON FUNCTION
    gise.holiday_set(date, text, text), gise.holiday_remove(date),
    gise.holiday_year_complete(integer), gise.holiday_year_reopen(integer)
    TO gise_admin;

-- The scheduler: into the schema, and lapse_overdue, nothing else.
GRANT USAGE ON SCHEMA gise TO gise_scheduler;
GRANT EXECUTE ON FUNCTION gise.lapse_overdue() TO gise_scheduler;
