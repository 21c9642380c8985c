#!/bin/sh
# The command the daily timer runs (db/systemd/gise-lapse.service):
# `gise --lapse-overdue` as a login role in gise_scheduler lapses every
# application past its deficiency deadline, says how many, logs it to
# syslog, and a second run lapses nothing. Counter staff may not run it.
. "$(dirname "$0")/lib.sh"
role=gise_lapse_cli
sql "DROP ROLE IF EXISTS $role; CREATE ROLE $role LOGIN IN ROLE gise_scheduler" >/dev/null

# One application awaiting documents, its deadline moved into the past.
app=$(sql "SELECT a.id FROM gise.application a JOIN gise.deficiency_notice d ON d.application_id = a.id
           WHERE a.status = 'awaiting_documents' AND d.resolved_at IS NULL ORDER BY a.id DESC LIMIT 1")
check '[ -n "$app" ]' "the demo has an application awaiting documents"
# The demo's own overdue notices (nothing lapses them until a timer runs)
# wait in the future meanwhile, so the other tests find them as they were.
sql "DROP TABLE IF EXISTS public.lapse_t_saved;
     CREATE TABLE public.lapse_t_saved AS SELECT id, deadline FROM gise.deficiency_notice
      WHERE resolved_at IS NULL AND deadline < current_date AND application_id <> $app;
     UPDATE gise.deficiency_notice d SET deadline = current_date + 30 FROM public.lapse_t_saved s WHERE s.id = d.id;
     UPDATE gise.deficiency_notice SET deadline = current_date - 1 WHERE application_id = $app AND resolved_at IS NULL" >/dev/null
overdue=1

out=$(PGUSER=$role "${GISE_BIN:-$top/gise}" --lapse-overdue --lang en 2>&1); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "^$overdue application.* lapsed\.$"' \
    "the scheduler lapses the overdue application" "$rc: $out"
check '[ "$(sql "SELECT status FROM gise.application WHERE id = $app")" = lapsed ]' "the application is lapsed"
check '[ "$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = $app AND action = '"'lapse'"'")" = 1 ]' \
    "one audit row for the lapse"
out=$(PGUSER=$role "${GISE_BIN:-$top/gise}" --lapse-overdue --lang tr 2>&1); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "^0 başvurunun süresi doldu"' "a second run lapses nothing (said in Turkish)" "$rc: $out"
sleep 0.2
check 'grep -q "event=lapse-run login=$role lapsed=$overdue$" "$log" && grep -q "event=lapse-run login=$role lapsed=0$" "$log"' \
    "each run is in syslog with its count" "$(cat "$log")"

# A clerk is not the scheduler.
out=$(PGUSER=ank_clerk1 "${GISE_BIN:-$top/gise}" --lapse-overdue --lang en 2>&1); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "not allowed"' "a clerk may not run it: exit 1, said in words" "$rc: $out"
sleep 0.2
check 'grep -q "event=lapse-run login=ank_clerk1 result=failed sqlstate=42501" "$log"' "and the refusal is logged" "$(cat "$log")"

sql "UPDATE gise.deficiency_notice d SET deadline = s.deadline FROM public.lapse_t_saved s WHERE s.id = d.id;
     DROP TABLE public.lapse_t_saved; DROP ROLE $role" >/dev/null
cli_done
