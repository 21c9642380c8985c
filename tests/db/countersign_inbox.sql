-- Countersignatures reach the second supervisor (0021): an approval
-- waiting for a countersignature is in the inbox and the queue of the
-- supervisors who may give it (the office's, the countersigning office's)
-- and of nobody else (not its approver, not the one who asked for it, not
-- another office, a clerk or an auditor); its changes are kept and read
-- back only by them; the inbox of both kinds pages as 0013's did, and an
-- anchor answered meanwhile keeps its place. Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(58);

SELECT id AS citizen FROM gise.citizen ORDER BY id LIMIT 1 OFFSET 3 \gset
SELECT id AS ank FROM gise.office WHERE code = 'ANK' \gset
SELECT code AS high FROM gise.service WHERE risk_level = 'high' AND active ORDER BY code LIMIT 1 \gset
SELECT code AS risky FROM gise.service WHERE risk_level <> 'low' AND active ORDER BY code LIMIT 1 \gset
SELECT id AS super1 FROM gise.staff WHERE role_name = 'ank_supervisor' \gset
SELECT id AS super2 FROM gise.staff WHERE role_name = 'ank_supervisor2' \gset

CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
-- In review as whoever is signed in, every document received and checked.
CREATE FUNCTION pg_temp.in_review(service text, citizen bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
    code text;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    FOR code IN SELECT dt.code FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
                WHERE ad.application_id = app LOOP
        PERFORM gise.document_mark(gen_random_uuid(), app, pg_temp.v(app), code, true, true);
    END LOOP;
    RETURN app;
END $$;
-- Approved by whoever is signed in (a supervisor): high risk, it waits.
CREATE FUNCTION pg_temp.approved(service text, citizen bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    app bigint := pg_temp.in_review(service, citizen);
BEGIN
    PERFORM gise.application_approve(gen_random_uuid(), app, pg_temp.v(app), 'Belgeler tam.');
    RETURN app;
END $$;
-- The countersignature waiting on an application.
CREATE FUNCTION pg_temp.cs(app bigint) RETURNS bigint LANGUAGE sql AS
    $$ SELECT max(id) FROM gise.countersign WHERE application_id = app $$;
-- The application numbers the signed-in staff member finds waiting for
-- their countersignature: in the queue, and in the inbox.
CREATE FUNCTION pg_temp.queued(app bigint) RETURNS boolean LANGUAGE sql AS
    $$ SELECT EXISTS (SELECT FROM gise.countersign_queue() q WHERE q.application_id = app) $$;
-- Walks the reader's inbox a page at a time from one end to the other, as
-- tests/db/inbox_paging.sql does: the entries ('kind:id') in list order,
-- and whether every row's position and total agreed with the walk.
CREATE FUNCTION pg_temp.walk(forward boolean, OUT entries text[], OUT places_agree boolean) LANGUAGE plpgsql AS $$
DECLARE
    anchor_kind text;
    anchor bigint;
    page text[];
    places bigint[];
    totals bigint[];
    pages integer := 0;
BEGIN
    entries := '{}'; places_agree := true;
    LOOP
        SELECT array_agg(p.kind || ':' || coalesce((p.escalation).escalation_id, (p.countersign).countersign_id)
                         ORDER BY p.position),
               array_agg(p.position ORDER BY p.position), array_agg(DISTINCT p.total)
          INTO page, places, totals
          FROM gise.inbox_page(anchor_kind, anchor, forward, false, 20) p;
        EXIT WHEN page IS NULL OR pages > 10000;
        pages := pages + 1;
        IF forward THEN
            places_agree := places_agree AND places[1] = cardinality(entries) + 1;
            entries := entries || page;
            anchor_kind := split_part(page[cardinality(page)], ':', 1);
            anchor := split_part(page[cardinality(page)], ':', 2)::bigint;
        ELSE
            places_agree := places_agree AND places[cardinality(places)] = totals[1] - cardinality(entries);
            entries := page || entries;
            anchor_kind := split_part(page[1], ':', 1);
            anchor := split_part(page[1], ':', 2)::bigint;
        END IF;
        places_agree := places_agree AND cardinality(totals) = 1
            AND places = ARRAY(SELECT generate_series(places[1], places[1] + cardinality(page) - 1));
    END LOOP;
END $$;
CREATE FUNCTION pg_temp.page(kind text, anchor bigint, forward boolean, inclusive boolean) RETURNS text[] LANGUAGE sql AS
    $$ SELECT coalesce(array_agg(p.kind || ':' || coalesce((p.escalation).escalation_id, (p.countersign).countersign_id)
                                 ORDER BY p.position), '{}')
       FROM gise.inbox_page(kind, anchor, forward, inclusive, 20) p $$;
CREATE FUNCTION pg_temp.in_inbox(app bigint) RETURNS boolean LANGUAGE sql AS
    $$ SELECT EXISTS (SELECT FROM pg_temp.walk(true) w, unnest(w.entries) e WHERE e = 'countersign:' || pg_temp.cs(app)) $$;
GRANT EXECUTE ON FUNCTION pg_temp.v(bigint), pg_temp.in_review(text, bigint), pg_temp.approved(text, bigint),
    pg_temp.cs(bigint), pg_temp.queued(bigint), pg_temp.in_inbox(bigint), pg_temp.walk(boolean),
    pg_temp.page(text, bigint, boolean, boolean) TO PUBLIC;
-- What every reader's inbox should hold, worked out from the tables: the
-- office's open escalations (a supervisor's) and the approvals waiting
-- that `reader` neither gave nor asked for, of the offices they
-- countersign for, in the order they started waiting.
CREATE FUNCTION pg_temp.expected(reader integer) RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(x.entry ORDER BY x.since, x.kind, x.id) FROM (
        SELECT 'escalation:' || e.id AS entry, e.raised_at AS since, 0 AS kind, e.id
        FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
        WHERE e.decided_at IS NULL AND e.cancelled_at IS NULL
          AND a.office_id = (SELECT office_id FROM gise.staff WHERE id = reader)
        UNION ALL
        SELECT 'countersign:' || c.id, c.approved_at, 1, c.id
        FROM gise.countersign c JOIN gise.application a ON a.id = c.application_id JOIN gise.office o ON o.id = a.office_id
        WHERE c.decided_at IS NULL AND c.cancelled_at IS NULL AND a.status = 'awaiting_countersign'
          AND c.approved_by <> reader AND c.asked_by IS DISTINCT FROM reader
          AND (SELECT office_id FROM gise.staff WHERE id = reader) IN (o.id, o.countersign_office_id)) x $$;
GRANT EXECUTE ON FUNCTION pg_temp.expected(integer) TO PUBLIC;

-- 1. The approval of one supervisor reaches the other ----------------------------

SET SESSION AUTHORIZATION ank_supervisor;
SELECT pg_temp.approved(:'high', :citizen) AS first \gset
RESET SESSION AUTHORIZATION;
SELECT pg_temp.cs(:first) AS first_cs \gset
SELECT is((SELECT string_agg(event, ',') FROM gise.countersign_change WHERE countersign_id = :first_cs), 'waiting',
          'the approval starting to wait is kept as a change');
SELECT cmp_ok(gise.escalation_change_mark(), '>=', (SELECT max(id) FROM gise.countersign_change),
              'and the change mark covers it');
SELECT max(id) AS first_change FROM gise.countersign_change \gset
SELECT ok(NOT EXISTS (SELECT FROM gise.escalation_change WHERE id = :first_change),
          'numbered apart from every escalation change: one sequence for both');

SET SESSION AUTHORIZATION ank_supervisor2;
SELECT ok(pg_temp.queued(:first), 'the second supervisor of the office finds it in the countersign queue');
SELECT is((SELECT format('%s|%s|%s', application_number, approved_by_name, waiting_seconds >= 0 AND decision IS NULL)
           FROM gise.countersign_queue() WHERE application_id = :first),
          (SELECT number || '|Zeynep Çelik|t' FROM gise.application WHERE id = :first),
          'with its number, its approver and how long it has waited');
SELECT ok(pg_temp.in_inbox(:first), 'and in the inbox');
SELECT is((SELECT (p.countersign).application_number FROM gise.inbox_page('countersign', :first_cs, true, true, 1) p),
          (SELECT number FROM gise.application WHERE id = :first), 'the inbox reads from a countersignature as anchor');
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:first_change]::bigint[])), 1,
          'and reads its change back');
SELECT is((SELECT event || ' ' || (countersign).application_number FROM gise.inbox_changes(ARRAY[:first_change]::bigint[])),
          (SELECT 'waiting ' || number FROM gise.application WHERE id = :first), 'as the approval waiting');
SELECT is((SELECT DISTINCT countersigns FROM gise.inbox_page(NULL, NULL, true, false, 20)),
          (SELECT count(*) FROM gise.countersign_queue()), 'the inbox says how many of its entries are countersignatures');
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION ank_supervisor;
SELECT ok(NOT pg_temp.queued(:first), 'the supervisor who approved it does not find it in the queue');
SELECT ok(NOT pg_temp.in_inbox(:first), 'nor in the inbox');
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:first_change]::bigint[])), 0,
          'nor reads its change back: they are not told');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_supervisor;
SELECT ok(NOT pg_temp.queued(:first) AND NOT pg_temp.in_inbox(:first),
          'a supervisor of an office that does not countersign for it finds it nowhere');
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:first_change]::bigint[])), 0, 'nor reads its change');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:first_change]::bigint[])), 0,
          'a clerk of the office reads no countersignature change');
SELECT ok(NOT EXISTS (SELECT FROM pg_temp.walk(true) w, unnest(w.entries) e WHERE e LIKE 'countersign:%'),
          'and has none in the inbox');
SELECT throws_ok('SELECT * FROM gise.countersign_queue()', '42501', NULL, 'nor a queue');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_auditor;
SELECT ok(NOT EXISTS (SELECT FROM pg_temp.walk(true) w, unnest(w.entries) e WHERE e LIKE 'countersign:%'),
          'an auditor has no countersignature in the inbox');
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:first_change]::bigint[])), 0,
          'nor reads its change');
RESET SESSION AUTHORIZATION;

-- 2. Asked for through an escalation: neither the asker nor the approver --------

SET SESSION AUTHORIZATION ank_supervisor2;
SELECT pg_temp.in_review(:'high', :citizen) AS asked \gset
SELECT lives_ok(format('SELECT gise.application_escalate(gen_random_uuid(), %s, %s, %L, %L)', :asked, pg_temp.v(:asked),
                       'Onay istiyorum.', 'approve'), 'the second supervisor asks for the approval of another');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :asked, pg_temp.v(:asked),
                       'approved', 'Uygundur.'), 'the first approves it: it waits for a countersignature');
SELECT ok(NOT pg_temp.queued(:asked), 'the approver does not find it');
RESET SESSION AUTHORIZATION;
SELECT max(id) AS asked_change FROM gise.countersign_change \gset
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT ok(NOT pg_temp.queued(:asked) AND NOT pg_temp.in_inbox(:asked), 'nor does the supervisor who asked for it');
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:asked_change]::bigint[])), 0,
          'who is not told either');
RESET SESSION AUTHORIZATION;

-- 3. The office that countersigns for another ----------------------------------

SET SESSION AUTHORIZATION gise_admin1;
SELECT lives_ok($$SELECT gise.office_set_countersign('ANK', 'IST')$$, 'ANK names IST to countersign for it');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_supervisor;
SELECT ok(pg_temp.queued(:first) AND pg_temp.queued(:asked),
          'a supervisor of IST finds both approvals waiting in ANK in the queue');
SELECT ok(pg_temp.in_inbox(:first) AND pg_temp.in_inbox(:asked), 'and in the inbox');
SELECT is((SELECT count(*)::int FROM gise.inbox_changes(ARRAY[:first_change, :asked_change]::bigint[])), 2,
          'and reads their changes back');
SELECT is((pg_temp.walk(true)).entries, pg_temp.expected((SELECT id FROM gise.staff WHERE role_name = 'ist_supervisor')),
          'their inbox: IST''s open escalations and ANK''s approvals, in the order they started waiting');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_supervisor2;
SELECT ok(pg_temp.queued(:asked), 'so does the other supervisor of IST');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT ok(pg_temp.queued(:first) AND NOT pg_temp.queued(:asked),
          'ANK''s second supervisor still may countersign the first, still not the one they asked for');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT ok(NOT pg_temp.queued(:first) AND NOT pg_temp.queued(:asked), 'the approver still finds neither');
RESET SESSION AUTHORIZATION;

-- 4. One list in pages ------------------------------------------------------------

-- More of both, so that countersignatures fall within the pages.
SET SESSION AUTHORIZATION ank_supervisor;
SELECT count(pg_temp.approved(:'high', :citizen)) AS more FROM generate_series(1, 3) \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_clerk1;
SELECT count(gise.application_escalate(gen_random_uuid(), app, pg_temp.v(app), 'Sayfa sınaması.', 'approve')) AS more
FROM (SELECT pg_temp.in_review(:'risky', :citizen) AS app FROM generate_series(1, 25)) x \gset
RESET SESSION AUTHORIZATION;
CREATE TEMP TABLE walked AS SELECT * FROM pg_temp.walk(true) WITH NO DATA;
ALTER TABLE walked ADD COLUMN forward boolean;
GRANT SELECT, INSERT ON walked TO PUBLIC;
SET SESSION AUTHORIZATION ank_supervisor2;
INSERT INTO walked SELECT w.*, true FROM pg_temp.walk(true) w;
INSERT INTO walked SELECT w.*, false FROM pg_temp.walk(false) w;
SELECT is((SELECT entries FROM walked WHERE forward), pg_temp.expected(:super2),
          'page after page: the office''s open escalations and the approvals to countersign, oldest first, once each');
SELECT is((SELECT entries FROM walked WHERE NOT forward), pg_temp.expected(:super2),
          'the same from the newest back');
SELECT ok((SELECT bool_and(places_agree) FROM walked), 'every row''s position and total agree with the walk');
SELECT is((SELECT DISTINCT total FROM gise.inbox_page(NULL, NULL, true, false, 20)),
          (SELECT cardinality(pg_temp.expected(:super2))::bigint), 'the total counts both kinds');
SELECT is((SELECT DISTINCT countersigns FROM gise.inbox_page(NULL, NULL, true, false, 20)), 4::bigint,
          'of which four are countersignatures (not the one they asked for)');
RESET SESSION AUTHORIZATION;

-- Keyset, not OFFSET, with either kind as the anchor: an entry answered
-- meanwhile still marks its place, in the middle of the list as at its end.
SELECT (SELECT entries FROM walked WHERE forward) AS listed \gset
SELECT split_part((:'listed'::text[])[20], ':', 2) AS middle \gset
SELECT (SELECT a.id FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id WHERE e.id = :middle) AS middle_app \gset
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT pg_temp.page('escalation', :middle, true, false) AS after_middle \gset
SELECT lives_ok(format('SELECT gise.escalation_decide(gen_random_uuid(), %s, %s, %L, %L)', :middle_app,
                       pg_temp.v(:middle_app), 'denied', 'Sayfa sınaması.'), 'the 20th entry, an escalation, is decided');
SELECT is(pg_temp.page('escalation', :middle, true, false), :'after_middle'::text[],
          'the page read on from it is the same: it did not move to the start of the list');
SELECT pg_temp.page('countersign', :first_cs, true, false) AS after_first \gset
SELECT pg_temp.page('countersign', :first_cs, false, false) AS before_first \gset
SELECT lives_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :first,
                       pg_temp.v(:first), 'countersigned', 'Uygundur.'), 'the second supervisor countersigns the first');
SELECT ok(NOT pg_temp.queued(:first) AND NOT pg_temp.in_inbox(:first), 'it leaves the queue and the inbox');
SELECT is(pg_temp.page('countersign', :first_cs, true, false), :'after_first'::text[],
          'the page after it is the same');
SELECT is(pg_temp.page('countersign', :first_cs, false, false), :'before_first'::text[], 'and the page before it');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT string_agg(event, ',' ORDER BY id) FROM gise.countersign_change WHERE countersign_id = :first_cs),
          'waiting,countersigned', 'the countersignature is kept as a change');

-- Refused and withdrawn: changes too, and gone from the inbox.
SET SESSION AUTHORIZATION ist_supervisor;
SELECT lives_ok(format('SELECT gise.application_countersign(gen_random_uuid(), %s, %s, %L, %L)', :asked,
                       pg_temp.v(:asked), 'refused', 'Eksik var.'), 'IST refuses the other');
SELECT ok(NOT pg_temp.queued(:asked) AND NOT pg_temp.in_inbox(:asked), 'it leaves IST''s inbox');
RESET SESSION AUTHORIZATION;
SELECT (SELECT max(c.application_id) FROM gise.countersign c WHERE c.decided_at IS NULL AND c.cancelled_at IS NULL) AS last \gset
SET SESSION AUTHORIZATION ank_supervisor;
SELECT lives_ok(format('SELECT gise.application_withdraw(gen_random_uuid(), %s, %s, %L)', :last, pg_temp.v(:last),
                       'Vatandaş vazgeçti.'), 'another is withdrawn while it waits');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT string_agg(ch.event, ',' ORDER BY ch.id) FROM gise.countersign_change ch
           JOIN gise.countersign c ON c.id = ch.countersign_id WHERE c.application_id IN (:asked, :last)),
          'waiting,waiting,refused,cancelled', 'refused and cancelled are kept as changes');
SET SESSION AUTHORIZATION ank_supervisor2;
SELECT ok(NOT pg_temp.in_inbox(:last), 'the withdrawn one leaves the inbox');
RESET SESSION AUTHORIZATION;

-- 5. The boundaries ---------------------------------------------------------------

SET SESSION AUTHORIZATION ank_supervisor2;
SELECT throws_ok($$SELECT * FROM gise.inbox_page('letter', 1, true, false, 20)$$, '22023', NULL,
                 'an anchor is an escalation or a countersignature');
SELECT throws_ok(format('SELECT * FROM gise.inbox_page(%L, 1, true, false, 20)', repeat('x', 100)), 'GS170', NULL,
                 'named in at most 16 characters');
SELECT throws_ok($$SELECT * FROM gise.inbox_page(NULL, NULL, true, false, 100000)$$, '22023', NULL,
                 'a page is at most 200 rows');
SELECT throws_ok(format('SELECT * FROM gise.inbox_changes(%L)', (SELECT array_agg(g) FROM generate_series(1, 1001) g)),
                 'GS172', NULL, 'at most 1000 changes are read at once');
SELECT throws_ok('SELECT * FROM gise.countersign_change', '42501', NULL, 'staff do not read the changes directly');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ist_clerk1;
SELECT is(pg_temp.page('countersign', :first_cs, true, true), '{}'::text[],
          'a countersignature of another office as anchor gives nothing');
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION gise_admin1;
SELECT throws_ok('SELECT * FROM gise.inbox_page(NULL, NULL, true, false, 20)', '42501', NULL,
                 'an administrator has no inbox');
RESET SESSION AUTHORIZATION;
SELECT ok(NOT has_function_privilege('ank_supervisor', 'gise.may_countersign(gise.countersign, smallint, integer)', 'EXECUTE')
          AND NOT has_function_privilege('ank_supervisor', 'gise.countersigns_waiting_for(gise.staff)', 'EXECUTE')
          AND NOT has_function_privilege('ank_supervisor', 'gise.inbox_key(timestamptz, timestamptz, smallint, bigint)', 'EXECUTE'),
          'the helpers are granted to nobody');

SELECT * FROM finish();
ROLLBACK;
