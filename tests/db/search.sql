-- Citizen search as a clerk sees it, on the demo data plus a few citizens
-- with names chosen for the case at hand (rolled back at the end).
\set QUIET 1
BEGIN;
SELECT plan(22);

INSERT INTO gise.citizen (national_id, given_name, family_name, birth_date, city) VALUES
    ('10000000146', 'Ayşe', 'Zümrütoğlu', '1984-03-02', 'Ankara'),
    ('10000000214', 'Ayşe Nur', 'Zümrütoğlu', '1990-07-15', 'İzmir'),
    ('10000000382', 'Işıl', 'Zümrütoğlu', '1975-01-20', 'Muğla'),
    ('10000000450', 'İlkay', 'Zümrütoğlu', '1966-11-30', 'Iğdır'),
    ('10000000528', 'Ali Can', 'Zümrütoğlu', '2001-02-03', 'Bursa'),
    ('10000000696', 'Ali', 'Zümrütoğlu Canan', '1999-09-09', 'Bursa'),
    ('10000000764', 'Ayşe', 'Öztürk', '1970-04-04', 'Rize');

-- (Created by the superuser: staff may not create temporary objects, 0017;
-- nor call the folding rule directly, so the test folds as the owner.)
CREATE FUNCTION pg_temp.fold(s text) RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT gise.fold_name(s) $$;
GRANT EXECUTE ON FUNCTION pg_temp.fold(text) TO PUBLIC;
CREATE FUNCTION pg_temp.hit_names(q text) RETURNS text[] LANGUAGE sql AS
    $$ SELECT array_agg(given_name || ' ' || family_name || ':' || match_rank) FROM gise.citizen_search(q, 50) $$;
CREATE FUNCTION pg_temp.rank_of(q text, nid_masked text, full_name text) RETURNS smallint LANGUAGE sql AS
    $$ SELECT min(match_rank) FROM gise.citizen_search(q, 50)
       WHERE national_id_masked = nid_masked AND given_name || ' ' || family_name = full_name $$;
GRANT EXECUTE ON FUNCTION pg_temp.hit_names(text), pg_temp.rank_of(text, text, text) TO PUBLIC;
SET SESSION AUTHORIZATION ank_clerk1;

-- Turkish letters typed without them, in any case.
SELECT is(pg_temp.rank_of('isil zumrutoglu', '100******82', 'Işıl Zümrütoğlu'), 0::smallint,
          'isil zumrutoglu finds Işıl Zümrütoğlu as an exact match');
SELECT is(pg_temp.rank_of('ISIL ZÜMRÜTOĞLU', '100******82', 'Işıl Zümrütoğlu'), 0::smallint,
          'upper case with some Turkish letters finds the same');
SELECT is(pg_temp.rank_of('ilkay zum', '100******50', 'İlkay Zümrütoğlu'), 1::smallint,
          'ilkay (for İlkay) with a half-typed surname is a prefix match');
SELECT ok((SELECT count(*) > 0 AND bool_and(pg_temp.fold(given_name || ' ' || family_name) ~ '(^| )isik')
           FROM gise.citizen_search('isik', 50)),
          'isik finds only names with a word starting Işık/IŞIK/İşık');
SELECT ok((SELECT count(*) > 0 FROM gise.citizen_search('isik', 50) WHERE given_name ~ 'Işık' OR family_name ~ 'Işık'),
          'isik finds a Işık');

-- Either order: family name first is how many clerks type.
SELECT is(pg_temp.rank_of('ozturk ay', '100******64', 'Ayşe Öztürk'), 1::smallint,
          'ozturk ay finds Öztürk Ayşe as a prefix match');
SELECT is(pg_temp.rank_of('zumrutoglu ayse', '100******46', 'Ayşe Zümrütoğlu'), 0::smallint,
          'family name first, whole: an exact match');

-- Exact before prefix before the rest.
SELECT is((SELECT given_name || ' ' || family_name FROM gise.citizen_search('ali can zumrutoglu', 50) LIMIT 1),
          'Ali Can Zümrütoğlu', 'the exact match comes first');
SELECT ok((SELECT bool_and(r1 <= r2) FROM (
               SELECT match_rank AS r1, lead(match_rank) OVER () AS r2 FROM gise.citizen_search('ayse', 50)) x
           WHERE r2 IS NOT NULL), 'ranks never decrease down the list');

-- A double given name typed without its second part: every word, any order.
SELECT is(pg_temp.rank_of('ayse zumrutoglu', '100******14', 'Ayşe Nur Zümrütoğlu'), 2::smallint,
          'ayse zumrutoglu finds Ayşe Nur Zümrütoğlu (words in any order)');
SELECT is(pg_temp.rank_of('nur zumrut', '100******14', 'Ayşe Nur Zümrütoğlu'), 2::smallint,
          'a middle name and a half-typed surname find her too');

-- Typos: a wrong letter still finds the name, ranked after real matches.
SELECT is(pg_temp.rank_of('zumrutoglo', '100******46', 'Ayşe Zümrütoğlu'), 3::smallint,
          'zumrutoglo (typo) finds Zümrütoğlu');
SELECT ok((SELECT count(*) > 0 AND bool_and(match_rank = 3 AND pg_temp.fold(family_name) ~ 'yilmaz')
           FROM gise.citizen_search('yilmas', 50)),
          'yilmas finds Yılmaz, as typo-tolerant matches');
SELECT is(pg_temp.rank_of('zumrutoglu aysr', '100******46', 'Ayşe Zümrütoğlu'), 3::smallint,
          'a typo in the last, given name is corrected too');
SELECT is((SELECT count(*)::int FROM gise.citizen_search('qqqqxxxx', 50)), 0,
          'nonsense finds nothing');

-- Limits and odd input.
SELECT is((SELECT count(*)::int FROM gise.citizen_search('a', 7)), 7, 'at most max_rows hits');
SELECT is((SELECT count(*)::int FROM gise.citizen_search('   ', 50)), 0, 'a blank query finds nothing');
SELECT is((SELECT count(*)::int FROM gise.citizen_search('%_\', 50)), 0, 'LIKE wildcards are not wildcards');
SELECT is((SELECT national_id_masked FROM gise.citizen_search('ayse ozturk', 50)
           WHERE given_name = 'Ayşe' AND family_name = 'Öztürk' AND national_id_masked LIKE '100%'),
          '100******64', 'results show the identity number masked');

-- Identity number look-up. Step two needs step one committed (tests/db/
-- access_trace.sql tries that); here the logged row shows whom step one found.
SELECT gise.citizen_lookup_begin('10000000382', 'counter', 'test') AS t382 \gset
SELECT gise.citizen_lookup_begin('10000000832', 'counter', 'test') AS t832 \gset
SELECT throws_ok($$SELECT * FROM gise.citizen_lookup_begin('10000000383', 'counter', 'test')$$, 'GS020', NULL,
                 'an invalid identity number is refused by the database too');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT c.given_name FROM gise.access_log l JOIN gise.citizen c ON c.id = l.citizen_id WHERE l.id = :t382),
          'Işıl', 'an identity number finds its citizen');
SELECT is((SELECT citizen_id FROM gise.access_log WHERE id = :t832), NULL,
          'a valid number nobody has finds nothing');
RESET SESSION AUTHORIZATION;
SELECT * FROM finish();
ROLLBACK;
