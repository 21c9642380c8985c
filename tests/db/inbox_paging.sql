-- The inbox in pages (0013_inbox_pages.sql): walked page by page from
-- either end, the pages are disjoint and cover the whole inbox in its
-- order; every row knows its place and the inbox's length; the newest is
-- on the last page, and a new escalation joins at the end; a page read
-- on from an anchor does not shift when an older escalation leaves (as an
-- OFFSET would); the boundaries of 0010 hold (office, own escalations,
-- who may call it at all).
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(25);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 \gset
SELECT code AS risky FROM gise.service WHERE risk_level <> 'low' ORDER BY code LIMIT 1 \gset
SELECT id AS ank FROM gise.office WHERE code = 'ANK' \gset

CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
-- An application opened, reviewed and escalated by whoever is signed in;
-- its escalation's id.
CREATE FUNCTION pg_temp.escalated(service text, citizen bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    PERFORM gise.application_escalate(gen_random_uuid(), app, 2, 'Sayfa sınaması.', 'approve');
    RETURN (SELECT e.id FROM gise.escalation e WHERE e.application_id = app);
END $$;

-- Walks the signed-in reader's inbox a page at a time from one end to the
-- other, each page read on from the last row of the one before (forward)
-- or the first (backward): the escalations in list order, how many pages,
-- the largest page, and whether every row's position and total agreed
-- with the walk.
CREATE FUNCTION pg_temp.walk(forward boolean, OUT ids bigint[], OUT pages integer, OUT largest integer,
                             OUT places_agree boolean) LANGUAGE plpgsql AS $$
DECLARE
    anchor bigint;
    page bigint[];
    places bigint[];
    totals bigint[];
BEGIN
    ids := '{}'; pages := 0; largest := 0; places_agree := true;
    LOOP
        SELECT array_agg((p.item).escalation_id ORDER BY p.position), array_agg(p.position ORDER BY p.position),
               array_agg(DISTINCT p.total)
          INTO page, places, totals
          FROM gise.escalation_inbox_page(anchor, forward, false, 20) p;
        EXIT WHEN page IS NULL OR pages > 10000;
        pages := pages + 1;
        largest := greatest(largest, cardinality(page));
        IF forward THEN
            places_agree := places_agree AND places[1] = cardinality(ids) + 1;
            ids := ids || page;
            anchor := page[cardinality(page)];
        ELSE
            places_agree := places_agree AND places[cardinality(places)] = totals[1] - cardinality(ids);
            ids := page || ids;
            anchor := page[1];
        END IF;
        places_agree := places_agree AND cardinality(totals) = 1
            AND places = ARRAY(SELECT generate_series(places[1], places[1] + cardinality(page) - 1));
    END LOOP;
END $$;
CREATE FUNCTION pg_temp.page(anchor bigint, forward boolean, inclusive boolean) RETURNS bigint[] LANGUAGE sql AS
    $$ SELECT coalesce(array_agg((p.item).escalation_id ORDER BY p.position), '{}')
       FROM gise.escalation_inbox_page(anchor, forward, inclusive, 20) p $$;
CREATE FUNCTION pg_temp.places(anchor bigint, forward boolean, inclusive boolean) RETURNS bigint[] LANGUAGE sql AS
    $$ SELECT coalesce(array_agg(p.position ORDER BY p.position), '{}')
       FROM gise.escalation_inbox_page(anchor, forward, inclusive, 20) p $$;
GRANT EXECUTE ON FUNCTION pg_temp.v(bigint), pg_temp.escalated(text, bigint), pg_temp.walk(boolean),
    pg_temp.page(bigint, boolean, boolean), pg_temp.places(bigint, boolean, boolean) TO PUBLIC;

-- Well over two pages of our own on top of the demo's: raised in one
-- transaction, they share one raised_at, so the pages also have to split
-- a run of equal times by id.
-- (The table is the superuser's: staff may not create temporary objects, 0017.)
CREATE TEMP TABLE mine (id bigint);
GRANT SELECT, INSERT ON mine TO PUBLIC;
SET SESSION AUTHORIZATION ank_clerk1;
INSERT INTO mine SELECT pg_temp.escalated(:'risky', :citizen) FROM generate_series(1, 45);
RESET SESSION AUTHORIZATION;
GRANT SELECT ON mine TO PUBLIC;
-- The office's open escalations as the table has them, oldest first.
CREATE TEMP TABLE expected AS
    SELECT array_agg(e.id ORDER BY e.raised_at, e.id) AS ids, count(*) AS n
    FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
    WHERE a.office_id = :ank AND e.decided_at IS NULL AND e.cancelled_at IS NULL;
GRANT SELECT ON expected TO PUBLIC;

CREATE TEMP TABLE forward AS SELECT * FROM pg_temp.walk(true) WITH NO DATA;
CREATE TEMP TABLE backward AS SELECT * FROM pg_temp.walk(false) WITH NO DATA;
GRANT SELECT, INSERT ON forward, backward TO PUBLIC;
SET SESSION AUTHORIZATION ank_supervisor;
INSERT INTO forward SELECT * FROM pg_temp.walk(true);
INSERT INTO backward SELECT * FROM pg_temp.walk(false);
SELECT cmp_ok((SELECT n FROM expected), '>', 40::bigint, 'the office has more than two pages of open escalations');
SELECT is((SELECT ids FROM forward), (SELECT ids FROM expected),
          'page after page from the oldest: every open escalation of the office, oldest first, once');
SELECT is((SELECT cardinality(ids) FROM forward), (SELECT count(DISTINCT x)::integer FROM forward, unnest(ids) x),
          'the pages are disjoint');
SELECT is((SELECT pages FROM forward), (SELECT ((n + 19) / 20)::integer FROM expected), 'in 20 rows a page');
SELECT is((SELECT largest FROM forward), 20, 'no page holds more than 20');
SELECT ok((SELECT places_agree FROM forward), 'every row''s position is its place in the walk, beside the same total');
SELECT is((SELECT ids FROM backward), (SELECT ids FROM expected),
          'page before page from the newest: the same escalations in the same order');
SELECT ok((SELECT places_agree FROM backward), 'and the positions count from the end as well');
SELECT is((SELECT DISTINCT total FROM gise.escalation_inbox_page(NULL, true, false, 20)), (SELECT n FROM expected),
          'the total is the number of open escalations of the office');
SELECT is((SELECT DISTINCT total FROM gise.escalation_inbox_page(NULL, true, false, 20)), gise.escalation_open_count(),
          'and the count the inbox had before (0010)');
SELECT is(pg_temp.page(NULL, false, false), (SELECT ids[n - 19:n] FROM expected),
          'the last page is the newest 20, oldest first');
SELECT is((pg_temp.page(NULL, false, false))[20], (SELECT max(id) FROM mine), 'and the newest ends it');

-- A new escalation joins at the end, and the page after the newest we had
-- is exactly that one.
SELECT (pg_temp.page(NULL, false, false))[20] AS newest \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk2;
SELECT pg_temp.escalated(:'risky', :citizen) AS new_one \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is((pg_temp.page(NULL, false, false))[20], :new_one::bigint, 'a new escalation is last, on the last page');
SELECT is(pg_temp.page(:newest, true, false), ARRAY[:new_one]::bigint[], 'the page after the newest before holds only it');
SELECT is((SELECT DISTINCT total FROM gise.escalation_inbox_page(NULL, false, false, 20)), (SELECT n + 1 FROM expected),
          'and the total grew by one');
SELECT is((pg_temp.page(:new_one, false, true))[20], :new_one::bigint,
          'the page through an escalation ends with it (the one just announced)');

-- Keyset, not OFFSET: the oldest escalation leaves; the second page read
-- on from the same anchor keeps its rows, one place earlier each.
SELECT (expected.ids)[20] AS page_one_end, (expected.ids)[1] AS oldest FROM expected \gset
SELECT pg_temp.page(:page_one_end, true, false) AS second_ids,
       pg_temp.places(:page_one_end, true, false) AS second_places \gset
RESET SESSION AUTHORIZATION;
UPDATE gise.escalation SET cancelled_at = now() WHERE id = :oldest;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT is(pg_temp.page(:page_one_end, true, false), :'second_ids'::bigint[],
          'an older escalation leaving does not shift the page read on from its anchor');
SELECT is(pg_temp.places(:page_one_end, true, false), ARRAY(SELECT x - 1 FROM unnest(:'second_places'::bigint[]) x),
          'its rows'' positions each move up by one');
SELECT is(pg_temp.page(:oldest, true, true), (SELECT ids[2:21] FROM expected),
          'an anchor that has left the inbox still marks its place');
RESET SESSION AUTHORIZATION;

-- The boundaries.
SET SESSION AUTHORIZATION ist_supervisor;
SELECT is(pg_temp.page(:page_one_end, true, false) || pg_temp.page(:page_one_end, false, false), '{}'::bigint[],
          'an anchor of another office gives their supervisor nothing (not even where it stands)');
SELECT ok(NOT EXISTS (SELECT FROM pg_temp.walk(true) w, unnest(w.ids) x WHERE x IN (SELECT id FROM mine)),
          'nor do their pages hold any of ours');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk2;
SELECT is((SELECT ids FROM pg_temp.walk(true)),
          ARRAY(SELECT escalation_id FROM gise.escalation_inbox()),
          'a clerk''s pages: their own, decided lately first, then open, as 0010 lists them');
SELECT throws_ok('SELECT * FROM gise.escalation_inbox_page(NULL, true, false, 100000)', '22023', NULL,
                 'a page is at most 200 rows');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok('SELECT * FROM gise.escalation_inbox_page(NULL, true, false, 20)', '42501', NULL,
                 'an administrator has no inbox');
RESET SESSION AUTHORIZATION;
SELECT ok(NOT has_function_privilege('ank_supervisor',
                                     'gise.escalation_inbox_key(timestamptz, timestamptz, timestamptz, bigint)', 'EXECUTE'),
          'the key is a helper of the page, granted to nobody');

SELECT * FROM finish();
ROLLBACK;
