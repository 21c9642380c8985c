-- Trust and bounds (issue 13, points 5, 6 and 7): announcements that carry
-- only ids and a change the client reads back before saying anything;
-- letters the database writes from the stored facts; every input bounded
-- before the work it would cause; no temporary objects for staff.
--
--   GS170  an input is larger than the function accepts (a text longer, a
--          list or a number bigger); DETAIL {"field": "<name>", "max": "<n>"}
--   GS171  a letter was sent by the client: the database writes letters
--   GS172  an announcement id list (gise.escalation_changes) is too long
--          (refused like GS170, with the same DETAIL; its own code so a
--          client can tell its own mistake from a user's input)

-- Bounds ------------------------------------------------------------------------

-- The helpers every function below calls before it does any work. Internal:
-- granted to nobody. octet_length first: it does not read a long value's
-- characters one by one.
CREATE FUNCTION gise.bound_text(field text, value text, max_chars integer) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF value IS NOT NULL
       AND (octet_length(value) > 4 * max_chars OR char_length(value) > max_chars) THEN
        RAISE EXCEPTION '% is longer than % characters', field, max_chars
            USING ERRCODE = 'GS170',
                  DETAIL = json_build_object('field', field, 'max', max_chars::text)::text;
    END IF;
END
$$;

CREATE FUNCTION gise.bound_count(field text, n bigint, max_count integer) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    IF n IS NOT NULL AND n > max_count THEN
        RAISE EXCEPTION '% holds more than % items', field, max_count
            USING ERRCODE = 'GS170',
                  DETAIL = json_build_object('field', field, 'max', max_count::text)::text;
    END IF;
END
$$;

-- A list of codes: at most max_items, each at most max_chars.
CREATE FUNCTION gise.bound_texts(field text, items text[], max_items integer, max_chars integer)
RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.bound_count(field, cardinality(items), max_items);
    IF EXISTS (SELECT FROM unnest(items) i
               WHERE octet_length(i) > 4 * max_chars OR char_length(i) > max_chars) THEN
        RAISE EXCEPTION 'an item of % is longer than % characters', field, max_chars
            USING ERRCODE = 'GS170',
                  DETAIL = json_build_object('field', field, 'max', max_chars::text)::text;
    END IF;
END
$$;

-- An identity number (0001) is 11 bytes: anything longer is refused by its
-- length before the pattern and the digits are looked at. Same answers.
CREATE OR REPLACE FUNCTION gise.national_id_valid(n text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN octet_length(n) <> 11 THEN false ELSE
       n ~ '^[1-9][0-9]{10}$'
   AND (((substr(n, 1, 1)::int + substr(n, 3, 1)::int + substr(n, 5, 1)::int
          + substr(n, 7, 1)::int + substr(n, 9, 1)::int) * 7
         - (substr(n, 2, 1)::int + substr(n, 4, 1)::int + substr(n, 6, 1)::int
          + substr(n, 8, 1)::int)) % 10 + 10) % 10 = substr(n, 10, 1)::int
   AND (substr(n, 1, 1)::int + substr(n, 2, 1)::int + substr(n, 3, 1)::int
        + substr(n, 4, 1)::int + substr(n, 5, 1)::int + substr(n, 6, 1)::int
        + substr(n, 7, 1)::int + substr(n, 8, 1)::int + substr(n, 9, 1)::int
        + substr(n, 10, 1)::int) % 10 = substr(n, 11, 1)::int END;

-- Citizen search (0003), bounded: at most 200 characters and 10 words (the
-- typo-tolerant tier costs a trigram scan per word), 1..500 rows. A query
-- of a million characters took 18 s of CPU; it is now refused before it
-- is folded.
CREATE OR REPLACE FUNCTION gise.citizen_search(query text, max_rows integer DEFAULT 50)
RETURNS SETOF gise.citizen_hit
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise, public AS $$
DECLARE
    q        text;
    lim      integer := coalesce(max_rows, 50);
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
    PERFORM gise.bound_text('query', query, 200);
    IF lim NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'max_rows is 1 to 500, not %', lim
            USING ERRCODE = 'GS170', DETAIL = json_build_object('field', 'max_rows', 'max', '500')::text;
    END IF;
    q := gise.fold_name(coalesce(query, ''));
    IF q = '' THEN
        RETURN;
    END IF;
    toks := string_to_array(q, ' ');
    PERFORM gise.bound_count('query words', cardinality(toks), 10);

    -- Tiers 0 and 1: the whole query is the start of "given family" or of
    -- "family given"; exact matches first.
    SELECT coalesce(array_agg(p.id ORDER BY NOT p.exact), '{}'),
           coalesce(array_agg(CASE WHEN p.exact THEN 0 ELSE 1 END::smallint ORDER BY NOT p.exact), '{}')
      INTO seen, ranks FROM gise.citizen_prefix_ids(q, lim, seen) p;

    -- Tier 2: every token present in any order; the last may be half-typed.
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

    -- Tier 3: unknown tokens replaced by the most similar known ones.
    IF cardinality(seen) < lim THEN
        best := '{}';
        FOR i IN 1 .. cardinality(toks) LOOP
            t := toks[i];
            IF i = cardinality(toks) THEN
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

    RETURN QUERY SELECT * FROM gise.citizen_hits(seen, ranks) LIMIT lim;
END
$$;

-- The office boundary (0005), without naming another office's application:
-- GS107 repeats the id the caller sent, never the number.
CREATE OR REPLACE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
                                                 allowed text[], action text)
RETURNS gise.application
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    a gise.application;
    who text;
    at_ timestamptz;
BEGIN
    SELECT * INTO a FROM gise.application x WHERE x.id = application_lock.application_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % does not exist', application_id USING ERRCODE = 'GS106';
    END IF;
    IF a.office_id IS DISTINCT FROM gise.my_office() THEN
        RAISE EXCEPTION 'application % belongs to another office', application_id USING ERRCODE = 'GS107';
    END IF;
    IF expected_version IS DISTINCT FROM a.version THEN
        SELECT coalesce(s.display_name, l.actor), l.at INTO who, at_
        FROM gise.audit_log l LEFT JOIN gise.staff s ON s.role_name = l.actor
        WHERE l.application_id = a.id ORDER BY l.id DESC LIMIT 1;
        RAISE EXCEPTION 'application % was changed by % at %', a.number, coalesce(who, '?'),
            coalesce(to_char(at_ AT TIME ZONE 'Europe/Istanbul', 'DD.MM.YYYY HH24:MI'), '?')
            USING ERRCODE = 'GS102',
                  DETAIL = json_build_object('who', who, 'at', at_, 'status', a.status,
                                             'version', a.version)::text;
    END IF;
    IF NOT a.status = ANY (allowed) THEN
        RAISE EXCEPTION 'application % is %: % is not possible now', a.number, a.status, action
            USING ERRCODE = 'GS101', DETAIL = json_build_object('status', a.status)::text;
    END IF;
    RETURN a;
END
$$;

-- The deficiency window (0011) of the caller's own office's application
-- only: GS106 for none, GS107 for another office's (it answered for any).
CREATE OR REPLACE FUNCTION gise.deficiency_deadline(application_id bigint, OUT earliest date, OUT latest date)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    a gise.application;
    days smallint;
BEGIN
    SELECT * INTO a FROM gise.application x WHERE x.id = deficiency_deadline.application_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % does not exist', application_id USING ERRCODE = 'GS106';
    END IF;
    IF a.office_id IS DISTINCT FROM gise.my_office() THEN
        RAISE EXCEPTION 'application % belongs to another office', application_id USING ERRCODE = 'GS107';
    END IF;
    SELECT s.deficiency_working_days INTO days FROM gise.service s WHERE s.id = a.service_id;
    earliest := gise.deadline_after(current_date, days);
    latest := gise.deadline_after(current_date, 2 * days);
END
$$;

-- New application (0005), bounded: a service code and at most 64 document
-- codes of at most 32 characters (the codes' own format).
CREATE OR REPLACE FUNCTION gise.application_open(request_id uuid, citizen_id bigint, service_code text,
                                                 documents_received text[] DEFAULT '{}')
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result;
    svc gise.service;
    y smallint := extract(year FROM now() AT TIME ZONE 'Europe/Istanbul');
    n integer;
    app_id bigint;
    r gise.action_result;
BEGIN
    PERFORM gise.bound_text('service_code', service_code, 32);
    PERFORM gise.bound_texts('documents_received', documents_received, 64, 32);
    done := gise.request_claim(request_id, 'open', me.id);
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    IF me.role_group NOT IN ('clerk', 'supervisor') THEN
        RAISE EXCEPTION 'only counter staff open applications' USING ERRCODE = 'GS103';
    END IF;
    SELECT * INTO svc FROM gise.service s WHERE s.code = service_code AND s.active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'service % does not exist', service_code USING ERRCODE = 'GS106';
    END IF;
    IF NOT EXISTS (SELECT FROM gise.citizen c WHERE c.id = application_open.citizen_id) THEN
        RAISE EXCEPTION 'citizen % does not exist', citizen_id USING ERRCODE = 'GS106';
    END IF;
    IF EXISTS (SELECT FROM unnest(documents_received) d
               WHERE d NOT IN (SELECT dt.code FROM gise.service_document sd
                               JOIN gise.document_type dt ON dt.id = sd.document_type_id
                               WHERE sd.service_id = svc.id)) THEN
        RAISE EXCEPTION 'a received document is not one this service asks for' USING ERRCODE = 'GS106';
    END IF;
    INSERT INTO gise.application_counter AS c (year, last) VALUES (y, 1)
    ON CONFLICT (year) DO UPDATE SET last = c.last + 1
    RETURNING last INTO n;
    INSERT INTO gise.application (number, citizen_id, service_id, office_id, status, assignee_id, due_date)
    VALUES (y || '-' || lpad(n::text, greatest(6, length(n::text)), '0'), citizen_id, svc.id,
            me.office_id, 'received', me.id, gise.add_working_days(current_date, svc.sla_working_days))
    RETURNING id INTO app_id;
    INSERT INTO gise.application_document (application_id, document_type_id, received_at, received_by)
    SELECT app_id, sd.document_type_id,
           CASE WHEN dt.code = ANY (documents_received) THEN now() END,
           CASE WHEN dt.code = ANY (documents_received) THEN me.id END
    FROM gise.service_document sd JOIN gise.document_type dt ON dt.id = sd.document_type_id
    WHERE sd.service_id = svc.id;
    INSERT INTO gise.audit_log (action, entity, entity_id, application_id, details, hash)
    VALUES ('open', 'application', app_id, app_id,
            jsonb_build_object('service', svc.code, 'received', to_jsonb(documents_received)), '\x00');
    SELECT a.id, a.number, a.status, a.version INTO r FROM gise.application a WHERE a.id = app_id;
    RETURN gise.request_finish(request_id, r);
END
$$;

-- Marking a document (0005), bounded: a document code of at most 32.
CREATE OR REPLACE FUNCTION gise.document_mark(request_id uuid, application_id bigint, version integer,
                                              document_code text, received boolean, checked boolean)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result;
    a gise.application;
    doc_id integer;
    r gise.action_result;
BEGIN
    PERFORM gise.bound_text('document_code', document_code, 32);
    done := gise.request_claim(request_id, 'document', me.id);
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version,
                               ARRAY['received', 'in_review', 'awaiting_documents'], 'marking a document');
    SELECT ad.document_type_id INTO doc_id
    FROM gise.application_document ad JOIN gise.document_type dt ON dt.id = ad.document_type_id
    WHERE ad.application_id = a.id AND dt.code = document_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'document % is not part of application %', document_code, a.number
            USING ERRCODE = 'GS106';
    END IF;
    UPDATE gise.application_document ad
    SET received_at = CASE WHEN received OR checked THEN coalesce(ad.received_at, now()) END,
        received_by = CASE WHEN received OR checked THEN coalesce(ad.received_by, me.id) END,
        checked_at = CASE WHEN checked THEN coalesce(ad.checked_at, now()) END,
        checked_by = CASE WHEN checked THEN coalesce(ad.checked_by, me.id) END
    WHERE ad.application_id = a.id AND ad.document_type_id = doc_id;
    r := gise.application_move(a, a.status, 'document',
                               jsonb_build_object('document', document_code, 'received', received,
                                                  'checked', checked));
    RETURN gise.request_finish(request_id, r);
END
$$;

-- Withdrawal (0005), bounded: the citizen's reason (kept in the audit log)
-- is a note of at most 2000 characters.
CREATE OR REPLACE FUNCTION gise.application_withdraw(request_id uuid, application_id bigint, version integer,
                                                     reason text)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result;
    a gise.application;
BEGIN
    PERFORM gise.bound_text('reason', reason, 2000);
    done := gise.request_claim(request_id, 'withdraw', me.id);
    IF done IS NOT NULL THEN
        RETURN done;
    END IF;
    a := gise.application_lock(application_id, version,
                               ARRAY['received', 'in_review', 'awaiting_documents', 'escalated', 'approved'],
                               'withdrawal');
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'a withdrawal needs the citizen''s reason' USING ERRCODE = 'GS104';
    END IF;
    RETURN gise.request_finish(request_id, gise.application_move(a, 'withdrawn', 'withdraw',
        jsonb_build_object('reason', reason)));
END
$$;

-- A holiday's name (0011) is refused by its length before the text rules
-- read it.
CREATE OR REPLACE FUNCTION gise.holiday_set(day date, name text, kind text DEFAULT 'full') RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_admin();
    earlier gise.holiday;
BEGIN
    PERFORM gise.bound_text('name', holiday_set.name, 120);
    PERFORM gise.bound_text('kind', holiday_set.kind, 8);
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

-- Letters ------------------------------------------------------------------------

-- The text of every letter, per language, with {placeholders} the database
-- fills from the stored facts (gise.letter_fill). Kept by the owner: what a
-- citizen is told is part of the schema, reviewed like a migration.
CREATE TABLE gise.letter_template (
    name      text NOT NULL CONSTRAINT letter_template_name_known
              CHECK (name IN ('deficiency', 'rejection', 'approval', 'document_line', 'note_block',
                              'explanation_block')),
    language  text NOT NULL CONSTRAINT letter_template_language_known CHECK (language IN ('tr', 'en')),
    body      text NOT NULL CONSTRAINT letter_template_body_text CHECK (gise.note_text_ok(body, 8000)),
    PRIMARY KEY (name, language)
);

INSERT INTO gise.letter_template (name, language, body) VALUES
('deficiency', 'tr', E'EKSİK BELGE BİLDİRİMİ\n\n{office}\nTarih: {date}\n\nBaşvuru numarası: {number}\nBaşvuru sahibi: {citizen}\nHizmet: {service}\n\nSayın {citizen},\n\nBaşvurunuzu inceledik. İşleme devam edebilmemiz için aşağıdaki belgelere ihtiyacımız var:\n\n{documents}\nLütfen bu belgeleri en geç {deadline} tarihine kadar birimimize getiriniz veya gönderiniz.\n\n{note_block}Belgeler bu tarihe kadar bize ulaşmazsa başvurunuz düşer ve yeniden başvurmanız gerekir.\n\nSaygılarımızla,\n'),
('deficiency', 'en', E'NOTICE OF MISSING DOCUMENTS\n\n{office}\nDate: {date}\n\nApplication number: {number}\nApplicant: {citizen}\nService: {service}\n\nDear {citizen},\n\nWe have examined your application. To continue with it we need the following documents:\n\n{documents}\nPlease bring or send them to our office by {deadline}.\n\n{note_block}If the documents have not reached us by that date, your application lapses and you will need to apply again.\n\nYours sincerely,\n'),
('rejection', 'tr', E'KARAR: BAŞVURU REDDEDİLDİ\n\n{office}\nTarih: {date}\n\nBaşvuru numarası: {number}\nBaşvuru sahibi: {citizen}\nHizmet: {service}\n\nSayın {citizen},\n\nBaşvurunuzun reddedildiğini üzülerek bildiririz.\n\nGerekçe: {reason_title}\n{reason_text}\n\nHukuki dayanak: {law}, {article}\n\n{explanation_block}İtiraz yolu: Bu karara birimimize yazılı olarak itiraz edebilir veya bu yazının tebliğinden itibaren 60 gün içinde idare mahkemesinde dava açabilirsiniz (2577 sayılı İdari Yargılama Usulü Kanunu, Madde 7).\n\nSaygılarımızla,\n'),
('rejection', 'en', E'DECISION: APPLICATION REJECTED\n\n{office}\nDate: {date}\n\nApplication number: {number}\nApplicant: {citizen}\nService: {service}\n\nDear {citizen},\n\nWe are sorry to tell you that your application has been rejected.\n\nReason: {reason_title}\n{reason_text}\n\nLegal basis: {law}, {article}\n\n{explanation_block}How to appeal: you may object to this decision in writing at our office, or bring an action before the administrative court within 60 days of receiving this letter (Law no. 2577 on Administrative Procedure, Article 7).\n\nYours sincerely,\n'),
('approval', 'tr', E'KARAR: BAŞVURU ONAYLANDI\n\n{office}\nTarih: {date}\n\nBaşvuru numarası: {number}\nBaşvuru sahibi: {citizen}\nHizmet: {service}\n\nSayın {citizen},\n\nBaşvurunuzun onaylandığını bildiririz.\n\n{explanation_block}Saygılarımızla,\n'),
('approval', 'en', E'DECISION: APPLICATION APPROVED\n\n{office}\nDate: {date}\n\nApplication number: {number}\nApplicant: {citizen}\nService: {service}\n\nDear {citizen},\n\nWe are pleased to tell you that your application has been approved.\n\n{explanation_block}Yours sincerely,\n'),
('document_line', 'tr', E'  {n}. {document}\n'),
('document_line', 'en', E'  {n}. {document}\n'),
('note_block', 'tr', E'Not: {note}\n\n'),
('note_block', 'en', E'Note: {note}\n\n'),
('explanation_block', 'tr', E'Sizin durumunuzda: {explanation}\n\n'),
('explanation_block', 'en', E'In your case: {explanation}\n\n');

-- A template with its {placeholders} replaced by the values of `vals` (a
-- missing one by nothing), in one pass: a value that itself contains
-- "{deadline}" stays as it is, so no stored text can rewrite another fact.
CREATE FUNCTION gise.letter_fill(template_name text, lang text, vals jsonb) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT string_agg(m.part[1] || coalesce(vals ->> substr(m.part[2], 2, length(m.part[2]) - 2), ''),
                      '' ORDER BY m.ord)
    FROM gise.letter_template t,
         regexp_matches(t.body, '([^{]*)(\{[a-z_]+\})?', 'g') WITH ORDINALITY AS m(part, ord)
    WHERE t.name = template_name AND t.language = lang;
END;

-- A date as the citizen's language writes it (app's format_date).
CREATE FUNCTION gise.letter_date(d date, lang text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, gise
RETURN to_char(d, CASE WHEN lang = 'en' THEN 'DD/MM/YYYY' ELSE 'DD.MM.YYYY' END);

-- The head every letter shares: office, date, number, citizen, service.
CREATE FUNCTION gise.letter_head(application_id bigint, lang text, at timestamptz) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT jsonb_build_object(
        'office', CASE WHEN lang = 'en' THEN o.name_en ELSE o.name_tr END,
        'date', gise.letter_date((at AT TIME ZONE 'Europe/Istanbul')::date, lang),
        'number', a.number,
        'citizen', c.given_name || ' ' || c.family_name,
        'service', CASE WHEN lang = 'en' THEN s.name_en ELSE s.name_tr END)
    FROM gise.application a
    JOIN gise.office o ON o.id = a.office_id
    JOIN gise.citizen c ON c.id = a.citizen_id
    JOIN gise.service s ON s.id = a.service_id
    WHERE a.id = letter_head.application_id;
END;

-- The deficiency notice's letter, from the notice, its missing documents
-- (in the service's order) and the application.
CREATE FUNCTION gise.deficiency_letter(n gise.deficiency_notice) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT gise.letter_fill('deficiency', n.language,
        gise.letter_head(n.application_id, n.language, n.issued_at) || jsonb_build_object(
            'deadline', gise.letter_date(n.deadline, n.language),
            'note_block', CASE WHEN btrim(n.note) = '' THEN ''
                               ELSE gise.letter_fill('note_block', n.language, jsonb_build_object('note', n.note)) END,
            'documents', coalesce((
                SELECT string_agg(gise.letter_fill('document_line', n.language,
                                      jsonb_build_object('n', d.ord, 'document', d.name)), '' ORDER BY d.ord)
                FROM (SELECT row_number() OVER (ORDER BY coalesce(sd.position, 0), dt.code) AS ord,
                             CASE WHEN n.language = 'en' THEN dt.name_en ELSE dt.name_tr END AS name
                      FROM gise.deficiency_notice_item i
                      JOIN gise.document_type dt ON dt.id = i.document_type_id
                      JOIN gise.application a ON a.id = n.application_id
                      LEFT JOIN gise.service_document sd ON sd.service_id = a.service_id
                                                        AND sd.document_type_id = dt.id
                      WHERE i.notice_id = n.id) d), '')));
END;

-- A decision's letter: a rejection with its reason, legal basis and
-- explanation; an approval with its explanation. In the citizen's language.
CREATE FUNCTION gise.decision_letter(d gise.decision) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, gise
BEGIN ATOMIC
    SELECT gise.letter_fill(CASE WHEN d.outcome = 'rejected' THEN 'rejection' ELSE 'approval' END, l.lang,
        gise.letter_head(d.application_id, l.lang, d.decided_at) || jsonb_build_object(
            'reason_title', CASE WHEN l.lang = 'en' THEN r.title_en ELSE r.title_tr END,
            'reason_text', CASE WHEN l.lang = 'en' THEN r.citizen_text_en ELSE r.citizen_text_tr END,
            'law', r.law, 'article', r.article,
            'explanation_block', CASE WHEN btrim(d.explanation) = '' THEN ''
                                      ELSE gise.letter_fill('explanation_block', l.lang,
                                                            jsonb_build_object('explanation', d.explanation)) END))
    FROM (SELECT c.preferred_language AS lang FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
          WHERE a.id = d.application_id) l
    LEFT JOIN gise.rejection_reason r ON r.code = d.reason_code;
END;

-- No letter from a caller: whatever path inserts a notice or a decision (the
-- lifecycle functions pass their `letter` argument through), a non-NULL
-- letter is refused, and the database writes it. A decision's letter is
-- complete at once; a notice's when its missing documents are in (below).
-- A later change of a letter to anything but what the facts give is
-- refused too.
CREATE FUNCTION gise.letter_refuse_client() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.letter_text IS NOT NULL THEN
        RAISE EXCEPTION 'letters are written by the database, not sent by the client'
            USING ERRCODE = 'GS171';
    END IF;
    IF TG_TABLE_NAME = 'decision' THEN
        IF TG_OP = 'INSERT' THEN
            NEW.letter_text := gise.decision_letter(NEW);
        ELSIF NEW.letter_text IS DISTINCT FROM OLD.letter_text
              AND NEW.letter_text IS DISTINCT FROM gise.decision_letter(NEW) THEN
            RAISE EXCEPTION 'letters are written by the database, not sent by the client'
                USING ERRCODE = 'GS171';
        END IF;
    ELSIF TG_OP = 'UPDATE' AND NEW.letter_text IS DISTINCT FROM OLD.letter_text
          AND NEW.letter_text IS DISTINCT FROM gise.deficiency_letter(NEW) THEN
        RAISE EXCEPTION 'letters are written by the database, not sent by the client'
            USING ERRCODE = 'GS171';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER decision_letter BEFORE INSERT OR UPDATE ON gise.decision
    FOR EACH ROW EXECUTE FUNCTION gise.letter_refuse_client();
CREATE TRIGGER deficiency_notice_letter BEFORE INSERT OR UPDATE ON gise.deficiency_notice
    FOR EACH ROW EXECUTE FUNCTION gise.letter_refuse_client();

CREATE FUNCTION gise.deficiency_letter_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
BEGIN
    UPDATE gise.deficiency_notice n SET letter_text = gise.deficiency_letter(n)
    WHERE n.id IN (SELECT DISTINCT i.notice_id FROM new_items i);
    RETURN NULL;
END
$$;
CREATE TRIGGER deficiency_notice_item_letter AFTER INSERT ON gise.deficiency_notice_item
    REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION gise.deficiency_letter_write();

-- A deficiency notice (0011): as before, but bounded (at most 64 missing
-- documents of at most 32 characters, a note of at most 2000), and with no
-- letter from the caller: `letter` must be NULL (GS171), the database
-- writes it from the notice.
CREATE OR REPLACE FUNCTION gise.deficiency_issue(request_id uuid, application_id bigint, version integer,
                                                 missing text[], deadline date, note text,
                                                 letter text DEFAULT NULL)
RETURNS gise.action_result
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    me gise.staff := gise.require_staff();
    done gise.action_result;
    a gise.application;
    rule record;
    why text;
    notice_id bigint;
BEGIN
    IF letter IS NOT NULL THEN
        RAISE EXCEPTION 'letters are written by the database, not sent by the client'
            USING ERRCODE = 'GS171';
    END IF;
    PERFORM gise.bound_texts('missing', missing, 64, 32);
    PERFORM gise.bound_text('note', note, 2000);
    done := gise.request_claim(request_id, 'deficiency', me.id);
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
    INSERT INTO gise.deficiency_notice (application_id, issued_by, deadline, note, language)
    SELECT a.id, me.id, deadline, note, c.preferred_language
    FROM gise.citizen c WHERE c.id = a.citizen_id
    RETURNING id INTO notice_id;
    INSERT INTO gise.deficiency_notice_item (notice_id, document_type_id)
    SELECT notice_id, dt.id FROM gise.document_type dt WHERE dt.code = ANY (missing);
    RETURN gise.request_finish(request_id, gise.application_move(a, 'awaiting_documents', 'deficiency',
        jsonb_build_object('notice', notice_id, 'missing', to_jsonb(missing), 'deadline', deadline)));
END
$$;

-- The letter the database wrote for an application, as stored: the latest
-- deficiency notice's ('deficiency') or the latest decision's ('decision').
-- Within the reader's office boundary; no row otherwise. What the client
-- prints is this text, so what was stored and what was printed are one.
CREATE FUNCTION gise.application_letter(application_id bigint, kind text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
DECLARE
    office smallint;
BEGIN
    PERFORM gise.require_staff();
    PERFORM gise.bound_text('kind', kind, 16);
    SELECT a.office_id INTO office FROM gise.application a WHERE a.id = application_letter.application_id;
    IF NOT FOUND OR NOT gise.may_read_application(office) THEN
        RETURN NULL;
    END IF;
    IF kind = 'deficiency' THEN
        RETURN (SELECT n.letter_text FROM gise.deficiency_notice n
                WHERE n.application_id = application_letter.application_id ORDER BY n.id DESC LIMIT 1);
    ELSIF kind = 'decision' THEN
        RETURN (SELECT d.letter_text FROM gise.decision d
                WHERE d.application_id = application_letter.application_id ORDER BY d.id DESC LIMIT 1);
    END IF;
    RAISE EXCEPTION 'a letter is of a deficiency notice or a decision' USING ERRCODE = 'GS104';
END
$$;

-- Announcements ----------------------------------------------------------------

-- Each change of an escalation that is announced: raised, decided or
-- cancelled. NOTIFY cannot be restricted (any login may send any payload
-- on any channel), so the payload is only a pointer: the client reads the
-- change back here, and a change that is not here did not happen.
CREATE TABLE gise.escalation_change (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    escalation_id  bigint NOT NULL REFERENCES gise.escalation ON DELETE CASCADE,
    event          text NOT NULL CONSTRAINT escalation_change_event_known
                   CHECK (event IN ('raised', 'decided', 'cancelled')),
    at             timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX escalation_change_escalation_idx ON gise.escalation_change (escalation_id);

-- The escalations already there were raised (and decided or cancelled)
-- before any change was kept: they are announced never again.

-- The announcement (0009, 0010) carries ids only: the change, the
-- escalation, the application and the kind of event. No names, numbers or
-- decision text; an update that changes none of the three states (raised,
-- decided, cancelled) announces nothing.
CREATE OR REPLACE FUNCTION gise.escalation_notify() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, gise AS $$
DECLARE
    ev text;
    change_id bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        ev := 'raised';
    ELSIF NEW.cancelled_at IS NOT NULL AND OLD.cancelled_at IS NULL THEN
        ev := 'cancelled';
    ELSIF NEW.decided_at IS NOT NULL AND OLD.decided_at IS NULL THEN
        ev := 'decided';
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO gise.escalation_change (escalation_id, event) VALUES (NEW.id, ev) RETURNING id INTO change_id;
    PERFORM pg_notify('gise_office_' || a.office_id,
                      json_build_object('change', change_id, 'escalation', NEW.id, 'application_id', a.id,
                                        'event', ev)::text)
    FROM gise.application a WHERE a.id = NEW.application_id;
    RETURN NULL;
END
$$;

-- What the announced changes were, read back in one query for a burst of
-- notifications (at most 1000 ids, GS172): each change that exists and
-- whose escalation the reader may see, with the escalation as it is now.
-- Made-up ids give no row.
CREATE FUNCTION gise.escalation_changes(change_ids bigint[])
RETURNS TABLE (change_id bigint, event text, item gise.escalation_item)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    PERFORM gise.require_staff();
    IF coalesce(cardinality(change_ids), 0) > 1000 THEN
        RAISE EXCEPTION 'at most 1000 changes are read at once'
            USING ERRCODE = 'GS172', DETAIL = json_build_object('field', 'change_ids', 'max', '1000')::text;
    END IF;
    RETURN QUERY
    SELECT c.id, c.event, ROW(v.*)::gise.escalation_item
    FROM gise.escalation_change c JOIN gise.escalation_item_view v ON v.escalation_id = c.escalation_id
    WHERE c.id = ANY (change_ids) AND gise.may_read_application(v.office_id)
    ORDER BY c.id;
END
$$;

-- The latest change so far: a client announces only changes after the one
-- that was latest when it started listening (an old change replayed in a
-- forged notification is old news).
CREATE FUNCTION gise.escalation_change_mark() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, gise
RETURN (SELECT coalesce(max(c.id), 0) FROM gise.escalation_change c);

-- Temporary objects and files -----------------------------------------------------

-- Staff create nothing, temporary tables included; temp_file_limit (which
-- only a superuser may set, so a login cannot raise it back) caps the disk
-- one session's sorts and hashes may fill. gise.login_limits is what every
-- path that creates a staff login calls (db/demo/catalogue.sql does).
DO $$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM gise_clerk, gise_supervisor, gise_auditor, '
                   'gise_admin, gise_scheduler', current_database());
END
$$;

CREATE FUNCTION gise.login_limits(role_name name) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, gise AS $$
BEGIN
    EXECUTE format('ALTER ROLE %I SET temp_file_limit = %L', role_name, '64MB');
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM %I', current_database(), role_name);
END
$$;

DO $$
DECLARE
    r name;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE WARNING 'gise: not run as a superuser: set temp_file_limit on each staff login by hand '
                      '(SELECT gise.login_limits(role) as a superuser)';
        RETURN;
    END IF;
    FOR r IN SELECT DISTINCT u.rolname FROM pg_roles u
             JOIN pg_auth_members m ON m.member = u.oid
             JOIN pg_roles g ON g.oid = m.roleid
             WHERE u.rolcanlogin
               AND g.rolname IN ('gise_clerk', 'gise_supervisor', 'gise_auditor', 'gise_admin', 'gise_scheduler')
    LOOP
        PERFORM gise.login_limits(r);
    END LOOP;
END
$$;

-- Privileges ----------------------------------------------------------------------

-- The folding rule costs about 1.3 µs a character (ten million took 13 s)
-- and no client calls it: gise folds in C before it searches, and the
-- database folds inside citizen_search (bounded above) and in the
-- citizen's generated columns (names of at most 100 characters). Staff
-- lose the direct call 0004 gave them.
REVOKE EXECUTE ON FUNCTION gise.fold_name(text) FROM gise_clerk, gise_supervisor, gise_auditor, gise_admin;

REVOKE ALL ON gise.letter_template, gise.escalation_change FROM PUBLIC;
GRANT SELECT ON gise.letter_template TO gise_clerk, gise_supervisor, gise_auditor, gise_admin;
GRANT SELECT ON gise.escalation_change TO gise_auditor;
REVOKE EXECUTE ON FUNCTION
    gise.bound_text(text, text, integer), gise.bound_count(text, bigint, integer),
    gise.bound_texts(text, text[], integer, integer),
    gise.letter_fill(text, text, jsonb), gise.letter_date(date, text),
    gise.letter_head(bigint, text, timestamptz), gise.deficiency_letter(gise.deficiency_notice),
    gise.decision_letter(gise.decision), gise.letter_refuse_client(), gise.deficiency_letter_write(),
    gise.application_letter(bigint, text), gise.escalation_changes(bigint[]),
    gise.escalation_change_mark(), gise.login_limits(name)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gise.application_letter(bigint, text) TO gise_clerk, gise_supervisor, gise_auditor;
GRANT EXECUTE ON FUNCTION gise.escalation_changes(bigint[]), gise.escalation_change_mark()
    TO gise_clerk, gise_supervisor, gise_auditor;
