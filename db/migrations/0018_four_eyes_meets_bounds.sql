-- 0016 (four eyes) and 0017 (bounds) were written side by side and both
-- replaced two functions; this joins them. application_lock: the office
-- check that lets a countersigning office in (0016) names only the id the
-- caller sent, never another office's application number (0017). The
-- four-argument form is again the wrapper 0016 made it. application_withdraw:
-- the reason's bound (0017) and the withdrawal of an application waiting
-- for its countersignature (0016).

CREATE OR REPLACE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
                                                 allowed text[], action text, countersigning boolean)
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
    IF a.office_id IS DISTINCT FROM gise.my_office()
       AND NOT (countersigning AND a.office_id = ANY (gise.countersign_offices())) THEN
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

CREATE OR REPLACE FUNCTION gise.application_lock(application_id bigint, expected_version integer,
                                                 allowed text[], action text)
RETURNS gise.application
LANGUAGE sql SET search_path = pg_catalog, gise
RETURN gise.application_lock(application_id, expected_version, allowed, action, false);

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
                               ARRAY['received', 'in_review', 'awaiting_documents', 'escalated',
                                     'awaiting_countersign', 'approved'],
                               'withdrawal');
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'a withdrawal needs the citizen''s reason' USING ERRCODE = 'GS104';
    END IF;
    RETURN gise.request_finish(request_id, gise.application_move(a, 'withdrawn', 'withdraw',
        jsonb_build_object('reason', reason)));
END
$$;
