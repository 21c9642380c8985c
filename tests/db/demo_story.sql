-- The demo tells a true story (issue 14, point 7): every demo application
-- carries the audit history its state implies (db/demo/story.c), written
-- by the staff of its office in the right roles, in order, on working days
-- in counter hours, before today, agreeing with its own rows (documents,
-- notices, escalations, countersignatures, decisions), with the access
-- rows of the counter visits, and chained like real rows. Only the
-- applications no other test has touched since the load are looked at:
-- the demo's audit rows are the block gen_demo chained before its access
-- rows (db/demo/trail.c), its access rows those of the loading transaction.
\set QUIET 1
\set ON_ERROR_STOP 1
BEGIN;
SELECT plan(24);

CREATE TEMP TABLE demo_audit AS
SELECT l.* FROM gise.audit_log l JOIN gise.chain c ON c.source = 'audit' AND c.source_id = l.id
WHERE c.seq < (SELECT min(seq) FROM gise.chain WHERE source = 'access');
CREATE UNIQUE INDEX ON demo_audit (id);
-- The demo's access rows name the loading transaction (access_log.xact).
CREATE TEMP TABLE demo_access AS
SELECT x.* FROM gise.access_log x WHERE x.xact = (SELECT y.xact FROM gise.access_log y WHERE y.id = 1);
CREATE TEMP TABLE story AS
SELECT a.*, s.code AS service_code, s.risk_level, s.rejection_needs_supervisor
FROM gise.application a JOIN gise.service s ON s.id = a.service_id
WHERE EXISTS (SELECT FROM demo_audit d WHERE d.application_id = a.id)
  AND NOT EXISTS (SELECT FROM gise.audit_log l LEFT JOIN demo_audit d ON d.id = l.id
                  WHERE l.application_id = a.id AND d.id IS NULL);
CREATE TEMP TABLE step AS
SELECT d.*, row_number() OVER w AS n, count(*) OVER (PARTITION BY d.application_id) AS steps,
       lag(d.at) OVER w AS prev_at, lag(d.details ->> 'to') OVER w AS prev_to,
       st.id AS staff_id, st.role_group, st.office_id AS actor_office,
       d.at AT TIME ZONE 'Europe/Istanbul' AS local_at
FROM demo_audit d JOIN story s ON s.id = d.application_id
LEFT JOIN gise.staff st ON st.role_name = d.actor
WINDOW w AS (PARTITION BY d.application_id ORDER BY d.id);
CREATE INDEX ON step (application_id, action);
CREATE INDEX ON demo_access (citizen_id);
ANALYZE demo_audit, demo_access, story, step;

SELECT ok((SELECT count(*) FROM story) > 0.9 * (SELECT count(*) FROM gise.application)
          AND (SELECT count(DISTINCT status) FROM story) = 9,
          format('the demo''s applications (%s untouched of %s) are in all nine states',
                 (SELECT count(*) FROM story), (SELECT count(*) FROM gise.application)));

-- Its history: opened first, by its assignee, when it was received; one
-- row per step, so as many as its version; each step starts where the one
-- before ended and the last ends in its status; later each time; all past.
SELECT is_empty($$SELECT s.number FROM story s LEFT JOIN step p ON p.application_id = s.id AND p.n = 1
                  WHERE p.action IS DISTINCT FROM 'open' OR p.at <> s.received_at OR p.staff_id IS DISTINCT FROM s.assignee_id
                  LIMIT 5$$,
                'every demo application was opened first, by its assignee, when it was received');
SELECT is_empty($$SELECT s.number, s.version, count(p.id) FROM story s LEFT JOIN step p ON p.application_id = s.id
                  GROUP BY s.number, s.version HAVING count(p.id) <> s.version LIMIT 5$$,
                'each has one audit row per step: as many as its version');
SELECT is_empty($$SELECT s.number, p.n, p.action, p.details FROM story s JOIN step p ON p.application_id = s.id
                  WHERE (p.n > 1 AND p.details ->> 'from' IS DISTINCT FROM coalesce(p.prev_to, 'received'))
                     OR (p.n = p.steps AND coalesce(p.details ->> 'to', 'received') <> s.status)
                  LIMIT 5$$,
                'each step starts where the one before ended, and the last ends in the application''s status');
SELECT is_empty($$SELECT application_id, n, at, prev_at FROM step WHERE at <= prev_at OR at >= now() LIMIT 5$$,
                'its steps are in time order, and all in the past');
SELECT is_empty($$SELECT s.number, s.status, s.closed_at, p.at FROM story s JOIN step p ON p.application_id = s.id AND p.n = p.steps
                  WHERE s.closed_at IS DISTINCT FROM CASE WHEN s.status IN ('completed', 'rejected', 'lapsed', 'withdrawn')
                                                          THEN p.at END
                  LIMIT 5$$,
                'a closed application was closed by its last step, an open one is not closed');

-- Who: the clerks of its office handle it, its supervisors decide and
-- countersign, the scheduler lapses it.
SELECT is_empty($$SELECT s.number, p.action, p.actor FROM story s JOIN step p ON p.application_id = s.id
                  WHERE CASE WHEN p.action IN ('decide', 'countersign')
                             THEN p.role_group IS DISTINCT FROM 'supervisor' OR p.actor_office <> s.office_id
                             WHEN p.action = 'lapse'
                             THEN p.role_group IS NOT NULL OR p.details ->> 'by' IS DISTINCT FROM 'scheduler'
                             ELSE p.role_group IS DISTINCT FROM 'clerk' OR p.actor_office <> s.office_id END
                  LIMIT 5$$,
                'clerks of its office handle it, its supervisors decide and countersign, the scheduler lapses');

-- When: staff on working days in counter hours (08:30 to 17:30, a half-day
-- eve until noon); the scheduler at its timer's hour (00:15).
SELECT is_empty($$SELECT p.application_id, p.action, p.local_at FROM step p
                  LEFT JOIN gise.holiday h ON h.day = p.local_at::date
                  WHERE p.action <> 'lapse'
                    AND (extract(isodow FROM p.local_at) > 5 OR h.kind = 'full'
                         OR p.local_at::time NOT BETWEEN '08:30' AND CASE WHEN h.kind = 'half' THEN time '12:00' ELSE time '17:30' END)
                  LIMIT 5$$,
                'staff worked on working days, in counter hours (Europe/Istanbul)');
SELECT is_empty($$SELECT p.application_id, p.local_at, n.deadline FROM step p
                  JOIN gise.deficiency_notice n ON n.id = (p.details ->> 'notice')::bigint
                  WHERE p.action = 'lapse' AND (p.local_at::date <> n.deadline + 1 OR p.local_at::time NOT BETWEEN '00:15' AND '00:30'
                                                OR (p.details ->> 'deadline')::date <> n.deadline)
                  LIMIT 5$$,
                'the scheduler lapsed an application the night after its deadline');

-- What: the rows each state implies.
SELECT is_empty($$SELECT s.number, count(p.id) FILTER (WHERE p.action = 'reject' OR (p.action = 'decide' AND p.details ->> 'to' = 'rejected'))
                  FROM story s LEFT JOIN step p ON p.application_id = s.id
                  WHERE s.status = 'rejected' GROUP BY s.number
                  HAVING count(p.id) FILTER (WHERE p.action = 'reject' OR (p.action = 'decide' AND p.details ->> 'to' = 'rejected')) <> 1
                  LIMIT 5$$,
                'every rejected application has exactly one rejection row');
SELECT is_empty($$SELECT s.number, p.action, p.role_group, d.outcome, d.decided_by, d.reason_code
                  FROM story s JOIN step p ON p.application_id = s.id
                  LEFT JOIN gise.decision d ON d.application_id = s.id AND d.outcome = 'rejected'
                  LEFT JOIN gise.escalation e ON e.id = (p.details ->> 'escalation')::bigint
                  LEFT JOIN gise.rejection_reason r ON r.code = d.reason_code
                  WHERE s.status = 'rejected' AND (p.action = 'reject' OR (p.action = 'decide' AND p.details ->> 'to' = 'rejected'))
                    AND (d.decided_by IS DISTINCT FROM p.staff_id OR d.decided_at <> p.at
                         OR d.reason_code IS DISTINCT FROM coalesce(p.details ->> 'reason', e.requested_reason_code)
                         OR (p.action = 'reject' AND (r.needs_supervisor OR s.rejection_needs_supervisor))
                         OR (SELECT count(*) FROM gise.decision x WHERE x.application_id = s.id) <> 1)
                  LIMIT 5$$,
                'its decision names the reason, who rejected it and when; a clerk only where no supervisor is needed');
SELECT is_empty($$SELECT s.number, s.risk_level, string_agg(p.action || ':' || coalesce(p.role_group, '?'), ',' ORDER BY p.n)
                  FROM story s JOIN step p ON p.application_id = s.id
                  LEFT JOIN gise.decision d ON d.application_id = s.id
                  WHERE s.status IN ('approved', 'completed')
                  GROUP BY s.number, s.risk_level, d.id, d.outcome, d.decided_by, d.countersigned_by, d.decided_at
                  HAVING count(*) FILTER (WHERE p.details ->> 'to' = 'approved') <> 1
                      OR d.outcome IS DISTINCT FROM 'approved'
                      OR d.decided_at <> max(p.at) FILTER (WHERE p.details ->> 'to' = 'approved')
                      OR CASE s.risk_level
                         WHEN 'low' THEN bool_or(p.action = 'approve' AND p.role_group = 'clerk' AND p.staff_id = d.decided_by) IS NOT TRUE
                         WHEN 'medium' THEN bool_or(p.action = 'decide' AND p.details ->> 'to' = 'approved'
                                                    AND p.staff_id = d.decided_by) IS NOT TRUE
                         ELSE bool_or(p.action = 'countersign' AND p.staff_id = d.countersigned_by
                                      AND d.countersigned_by <> d.decided_by) IS NOT TRUE
                              OR bool_or(p.action = 'decide' AND p.details ->> 'to' = 'awaiting_countersign'
                                         AND p.staff_id = d.decided_by) IS NOT TRUE END
                  LIMIT 5$$,
                'every approval is one decision: a clerk''s at low risk, a supervisor''s on escalation, countersigned by a second at high risk');
SELECT is_empty($$SELECT s.number, c.* FROM story s JOIN step p ON p.application_id = s.id AND p.action = 'countersign'
                  LEFT JOIN gise.countersign c ON c.id = (p.details ->> 'countersign')::bigint
                  LEFT JOIN gise.escalation e ON e.id = c.escalation_id
                  WHERE c.decided_by IS DISTINCT FROM p.staff_id OR c.decided_at <> p.at OR c.decision <> 'countersigned'
                     OR (p.details ->> 'approved_by')::integer <> c.approved_by OR c.asked_by IS DISTINCT FROM e.raised_by
                     OR c.approved_at <> e.decided_at OR c.decided_by IN (c.approved_by, c.asked_by)
                  LIMIT 5$$,
                'each countersignature row names the approval it signs, who asked and who signed, four eyes');
SELECT is_empty($$SELECT s.number, p.action, e.* FROM story s JOIN step p ON p.application_id = s.id AND p.action IN ('escalate', 'decide')
                  LEFT JOIN gise.escalation e ON e.application_id = s.id
                  WHERE (p.action = 'escalate' AND (e.raised_by IS DISTINCT FROM p.staff_id OR e.raised_at <> p.at
                                                    OR e.requested_outcome <> p.details ->> 'requested'))
                     OR (p.action = 'decide' AND (e.id <> (p.details ->> 'escalation')::bigint OR e.decided_by <> p.staff_id
                                                  OR e.decided_at <> p.at OR e.decision <> p.details ->> 'decision'))
                     OR (s.status = 'escalated' AND (e.decided_at IS NOT NULL OR e.cancelled_at IS NOT NULL))
                  LIMIT 5$$,
                'each escalation row is the one its steps raised and decided; an escalated application''s is open');
SELECT is_empty($$SELECT s.number, n.* FROM story s JOIN step p ON p.application_id = s.id AND p.action = 'deficiency'
                  LEFT JOIN gise.deficiency_notice n ON n.id = (p.details ->> 'notice')::bigint
                  LEFT JOIN step arrived ON arrived.application_id = s.id AND arrived.action = 'arrived'
                  WHERE n.application_id IS DISTINCT FROM s.id OR n.issued_by <> p.staff_id OR n.issued_at <> p.at
                     OR n.deadline <> (p.details ->> 'deadline')::date OR n.deadline <= p.local_at::date
                     OR n.resolved_at IS DISTINCT FROM arrived.at OR arrived.local_at::date > n.deadline
                     OR (SELECT array_agg(dt.code) FROM gise.deficiency_notice_item i JOIN gise.document_type dt ON dt.id = i.document_type_id
                         WHERE i.notice_id = n.id) <> ARRAY(SELECT jsonb_array_elements_text(p.details -> 'missing'))
                  LIMIT 5$$,
                'each deficiency notice is the one its step issued: deadline, items; resolved when the documents arrived, before it');
SELECT is_empty($$SELECT s.number, n.deadline FROM story s JOIN gise.deficiency_notice n ON n.application_id = s.id
                  WHERE s.status = 'awaiting_documents' AND (n.resolved_at IS NOT NULL OR n.deadline < (now() AT TIME ZONE 'Europe/Istanbul')::date)
                  LIMIT 5$$,
                'an application awaiting documents has an open notice that is not overdue (the scheduler would lapse it)');
SELECT is_empty($$SELECT s.number, dt.code, ad.received_at, ad.checked_at, ad.checked_by FROM story s
                  JOIN gise.application_document ad ON ad.application_id = s.id
                  JOIN gise.document_type dt ON dt.id = ad.document_type_id
                  JOIN step o ON o.application_id = s.id AND o.n = 1
                  LEFT JOIN step c ON c.application_id = s.id AND c.action = 'document' AND c.details ->> 'document' = dt.code
                  LEFT JOIN step a ON a.application_id = s.id AND a.action = 'arrived'
                  WHERE ad.checked_at IS DISTINCT FROM c.at OR ad.checked_by IS DISTINCT FROM c.staff_id
                     OR ad.received_at IS DISTINCT FROM CASE WHEN o.details -> 'received' ? dt.code THEN s.received_at
                                                             WHEN a.id IS NOT NULL AND EXISTS
                                                                  (SELECT FROM step d WHERE d.application_id = s.id AND d.action = 'deficiency'
                                                                      AND d.details -> 'missing' ? dt.code) THEN a.at END
                  LIMIT 5$$,
                'its checklist says what its steps did: received at the opening or on arrival, checked by the document step');
SELECT is_empty($$SELECT s.number FROM story s
                  WHERE s.status IN ('approved', 'completed') AND EXISTS
                        (SELECT FROM gise.application_document ad JOIN gise.service_document sd
                            ON sd.service_id = s.service_id AND sd.document_type_id = ad.document_type_id
                         WHERE ad.application_id = s.id AND sd.mandatory AND ad.checked_at IS NULL)
                  LIMIT 5$$,
                'an approved application had every mandatory document checked');
SELECT is_empty($$SELECT s.number, p.action, p.at FROM story s JOIN step p ON p.application_id = s.id
                  WHERE p.action IN ('open', 'arrived', 'withdraw', 'complete')
                    AND NOT EXISTS (SELECT FROM demo_access x WHERE x.citizen_id = s.citizen_id AND x.actor = p.actor
                                       AND x.at < p.at AND x.at >= p.at - interval '5 minutes' AND x.purpose = 'counter'
                                       AND x.office_id = s.office_id AND x.kind = 'open')
                  LIMIT 5$$,
                'each counter visit (opening, documents arriving, withdrawal, completion) follows the clerk opening the citizen''s record');
SELECT is((SELECT count(*) FROM demo_access x
           WHERE NOT EXISTS (SELECT FROM story s JOIN step p ON p.application_id = s.id
                             WHERE s.citizen_id = x.citizen_id AND p.actor = x.actor AND x.at < p.at AND x.at >= p.at - interval '5 minutes')
             AND EXISTS (SELECT FROM story s WHERE s.citizen_id = x.citizen_id)), 0::bigint,
          'and no access row without its visit');

-- Chained like real rows: every demo row once, in id order, audit first,
-- and the database finds no break.
SELECT is((SELECT count(*) FROM gise.chain c JOIN demo_audit d ON c.source = 'audit' AND c.source_id = d.id WHERE c.seq = d.id),
          (SELECT count(*) FROM demo_audit), 'every demo audit row is chained, in id order');
SELECT is((SELECT count(*) FROM gise.chain c JOIN demo_access x ON c.source = 'access' AND c.source_id = x.id
           WHERE c.seq = (SELECT count(*) FROM demo_audit) + x.id),
          (SELECT count(*) FROM demo_access), 'then every demo access row, in id order');
SELECT ok((SELECT min(at) FROM demo_audit WHERE id > 1) >= (SELECT at FROM demo_audit WHERE id = 1)
          AND NOT EXISTS (SELECT FROM demo_audit a JOIN demo_audit b ON b.id = a.id + 1 WHERE b.at < a.at),
          'the demo''s audit rows were numbered in the order they were written');
SELECT is((SELECT count(*) FROM gise.audit_verify_all()), 0::bigint, 'and the database finds the chain intact');

SELECT * FROM finish();
ROLLBACK;
