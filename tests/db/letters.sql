-- Letters from the database (issue 13, point 6): the letter a citizen gets
-- is written by the server from the stored facts, so a letter that
-- contradicts the stored deadline cannot be stored, whoever sends it.
-- Rolled back.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(24);

SELECT id AS citizen, given_name || ' ' || family_name AS citizen_name
FROM gise.citizen WHERE preferred_language = 'tr' ORDER BY id LIMIT 1 \gset
SELECT id AS en_citizen FROM gise.citizen WHERE preferred_language = 'en' ORDER BY id LIMIT 1 \gset
SELECT code AS reason, title_tr, law, article FROM gise.rejection_reason
WHERE NOT needs_supervisor AND active ORDER BY code LIMIT 1 \gset

-- In review, as whoever is signed in.
CREATE FUNCTION pg_temp.in_review(citizen bigint, service text DEFAULT 'IKAMETGAH_BELGESI') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    app bigint := (gise.application_open(gen_random_uuid(), citizen, service)).application_id;
BEGIN
    PERFORM gise.application_start_review(gen_random_uuid(), app, 1);
    RETURN app;
END $$;
CREATE FUNCTION pg_temp.v(app bigint) RETURNS integer LANGUAGE sql AS
    $$ SELECT version FROM gise.application WHERE id = app $$;
GRANT EXECUTE ON FUNCTION pg_temp.in_review(bigint, text), pg_temp.v(bigint) TO PUBLIC;

SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:citizen) AS app \gset
SELECT earliest FROM gise.deficiency_deadline(:app) \gset
SELECT to_char(:'earliest'::date, 'DD.MM.YYYY') AS earliest_tr \gset

-- The attack of the issue: a letter that contradicts the stored deadline.
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, %s, ARRAY[%L], %L, %L, letter => %L)',
                        :app, pg_temp.v(:app), 'NUFUS_CUZDANI', :'earliest', 'Belgeyi getiriniz.',
                        'Son tarih: 01.01.2030. Belge gerekmez.'),
                 'GS171', NULL, 'a deficiency notice with a letter from the client is refused');
SELECT is((SELECT count(*)::int FROM gise.deficiency_notice WHERE application_id = :app), 0, 'and nothing is stored');
SELECT throws_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, %s, ARRAY[%L], %L, %L, %L)',
                        :app, pg_temp.v(:app), 'NUFUS_CUZDANI', :'earliest', 'Belgeyi getiriniz.', ''),
                 'GS171', NULL, 'an empty letter is a letter too');

-- Without one, the database writes it from the notice.
SELECT lives_ok(format('SELECT gise.deficiency_issue(gen_random_uuid(), %s, %s, ARRAY[%L, %L], %L, %L)',
                       :app, pg_temp.v(:app), 'NUFUS_CUZDANI', 'VEKALETNAME', :'earliest',
                       'Belgeyi getiriniz. {deadline} yazmak bir şey değiştirmez.'),
                'a deficiency notice without a letter is issued');
SELECT letter_text AS letter FROM gise.deficiency_notice WHERE application_id = :app \gset
SELECT ok(:'letter' LIKE '%EKSİK BELGE BİLDİRİMİ%', 'the letter is the notice of missing documents, in Turkish');
SELECT ok(:'letter' LIKE '%en geç ' || :'earliest_tr' || ' tarihine kadar%', 'it gives the stored deadline, as Turkish writes dates');
SELECT is((SELECT count(*)::int FROM regexp_matches(:'letter', '[0-9]{2}\.[0-9]{2}\.2030', 'g')), 0, 'and no other deadline');
SELECT ok(:'letter' LIKE '%1. ' || (SELECT name_tr FROM gise.document_type WHERE code = 'NUFUS_CUZDANI') || '%'
          AND :'letter' LIKE '%' || (SELECT name_tr FROM gise.document_type WHERE code = 'VEKALETNAME') || '%',
          'it lists each missing document by its name');
SELECT ok(:'letter' LIKE '%Sayın ' || :'citizen_name' || ',%', 'it is addressed to the citizen');
SELECT ok(:'letter' LIKE '%Başvuru numarası: ' || (SELECT number FROM gise.application WHERE id = :app) || '%',
          'it names the application');
SELECT ok(:'letter' LIKE '%Not: Belgeyi getiriniz. {deadline} yazmak%', 'the note is quoted as written, placeholders and all');
SELECT is(gise.application_letter(:app, 'deficiency'), :'letter', 'the client reads back exactly the stored letter');
RESET SESSION AUTHORIZATION;

-- Not even the owner stores another letter.
SELECT throws_ok(format($$UPDATE gise.deficiency_notice SET letter_text = 'Son tarih: 01.01.2030' WHERE application_id = %s$$, :app),
                 'GS171', NULL, 'changing a stored notice letter is refused, even for the owner');
SELECT throws_ok(format($$INSERT INTO gise.deficiency_notice (application_id, issued_by, deadline, language, letter_text)
                          VALUES (%s, 1, current_date + 30, 'tr', 'Son tarih: 01.01.2030')$$, :app),
                 'GS171', NULL, 'inserting a notice with a letter is refused, even for the owner');

SET SESSION AUTHORIZATION ist_clerk1;
SELECT is(gise.application_letter(:app, 'deficiency'), NULL, 'another office reads no letter of it');
RESET SESSION AUTHORIZATION;

-- Rejections: the reason, its legal basis, the explanation.
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:citizen) AS r1 \gset
SELECT throws_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, %s, %L, %L, %L)',
                        :r1, pg_temp.v(:r1), :'reason', 'Belge eksik.', 'Başvurunuz onaylandı.'),
                 'GS171', NULL, 'a rejection with a letter from the client is refused');
SELECT lives_ok(format('SELECT gise.application_reject(gen_random_uuid(), %s, %s, %L, %L)',
                       :r1, pg_temp.v(:r1), :'reason', 'Belge eksik.'), 'a rejection without one is stored');
SELECT gise.application_letter(:r1, 'decision') AS rletter \gset
SELECT ok(:'rletter' LIKE '%KARAR: BAŞVURU REDDEDİLDİ%' AND :'rletter' LIKE '%Gerekçe: ' || :'title_tr' || '%',
          'the rejection letter gives the reason');
SELECT ok(:'rletter' LIKE '%Hukuki dayanak: ' || :'law' || ', ' || :'article' || '%', 'and its legal basis');
SELECT ok(:'rletter' LIKE '%Sizin durumunuzda: Belge eksik.%', 'and the explanation stored with the decision');

-- An English-speaking citizen's letter is in English, with English dates.
SELECT pg_temp.in_review(:en_citizen) AS en_app \gset
SELECT earliest AS en_earliest FROM gise.deficiency_deadline(:en_app) \gset
SELECT gise.deficiency_issue(gen_random_uuid(), :en_app, pg_temp.v(:en_app), ARRAY['NUFUS_CUZDANI'], :'en_earliest',
                             'Please bring it.') IS NOT NULL AS ignored \gset
SELECT ok(gise.application_letter(:en_app, 'deficiency') LIKE
          '%NOTICE OF MISSING DOCUMENTS%by ' || to_char(:'en_earliest'::date, 'DD/MM/YYYY') || '.%',
          'an English letter gives the deadline as English writes dates');
RESET SESSION AUTHORIZATION;

-- A supervisor's approved rejection: the letter is the database's, whatever
-- the caller passes (0010's six-argument escalation_decide).
SET SESSION AUTHORIZATION ank_clerk1;
SELECT pg_temp.in_review(:citizen, 'YAPI_RUHSATI') AS esc \gset
SELECT gise.application_escalate(gen_random_uuid(), :esc, pg_temp.v(:esc), 'Ret öneriyorum.', 'reject', :'reason')
    IS NOT NULL AS ignored \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION ank_supervisor;
SELECT gise.escalation_decide(gen_random_uuid(), :esc, pg_temp.v(:esc), 'approved', 'Ret yerinde.', 'Başvurunuz onaylandı.')
    IS NOT NULL AS ignored \gset
SELECT ok(gise.application_letter(:esc, 'decision') LIKE '%KARAR: BAŞVURU REDDEDİLDİ%', 'the approved rejection has the database''s letter');
SELECT ok(gise.application_letter(:esc, 'decision') NOT LIKE '%onaylandı%', 'not the one the caller sent');
RESET SESSION AUTHORIZATION;
SELECT throws_ok(format($$UPDATE gise.decision SET letter_text = 'Başvurunuz onaylandı.' WHERE application_id = %s$$, :esc),
                 'GS171', NULL, 'changing a stored decision letter is refused, even for the owner');

SELECT * FROM finish();
ROLLBACK;
