#!/bin/sh
# The demo tells a true story, at the counter (issue 14, point 7): a demo
# application's history on the application screen lists every step its
# story took, in order, when, who and what it did (the document checked,
# the notice's deadline, the escalation approved, the countersignature,
# the scheduler's lapse), in English and in Turkish. Two stories: one
# completed after a deficiency notice, an escalation and a countersignature;
# one lapsed by the scheduler.
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
# A demo application of ANK whose history holds `$1` and, better, `$2`.
story() {
    sql "SELECT c.national_id || '|' || a.id FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
         WHERE a.office_id = $ank AND EXISTS (SELECT FROM gise.audit_log l WHERE l.application_id = a.id AND l.action = '$1')
           AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
           AND a.status IN ('completed', 'lapsed')
         ORDER BY EXISTS (SELECT FROM gise.audit_log l WHERE l.application_id = a.id AND l.action = '$2') DESC, a.id
         LIMIT 1"
}

# The history as it should read, one line per audit row: the time as the
# screen shows it, then who did what in the language $lang.
expected() {
    sql "SELECT to_char(l.at, CASE WHEN '$lang' = 'en' THEN 'DD/MM/YYYY HH24:MI' ELSE 'DD.MM.YYYY HH24:MI' END)
                || '|' || coalesce(s.display_name, l.actor) || '|' || l.action
                || '|' || coalesce(CASE WHEN '$lang' = 'en' THEN dt.name_en ELSE dt.name_tr END, '')
                || '|' || coalesce(l.details ->> 'decision', '')
                || '|' || coalesce(to_char((l.details ->> 'deadline')::date,
                                           CASE WHEN '$lang' = 'en' THEN 'DD/MM/YYYY' ELSE 'DD.MM.YYYY' END), '')
                || '|' || coalesce(l.details ->> 'by', '')
         FROM gise.audit_log l LEFT JOIN gise.staff s ON s.role_name = l.actor
         LEFT JOIN gise.document_type dt ON dt.code = l.details ->> 'document'
         WHERE l.application_id = $app ORDER BY l.id" |
    while IFS='|' read -r when who action doc decision deadline by; do
        case $action in
            open) what=$(msg "opened the application") ;;
            review) what=$(msg "started the review") ;;
            document) what=$(printf "$(msg "checked a document: %s")" "$doc") ;;
            deficiency) what=$(printf "$(msg "issued a deficiency notice, deadline %s")" "$deadline") ;;
            arrived) what=$(msg "recorded the missing documents") ;;
            escalate) what=$(msg "escalated to a supervisor") ;;
            decide) what=$(msg "$decision the escalation") ;;
            countersign) what=$(msg "countersigned the approval") ;;
            complete) what=$(msg "completed") ;;
            lapse) [ "$by" = scheduler ] &&
                       { printf '%s: %s\n' "$when" "$(printf "$(msg "The deficiency deadline of %s passed: the scheduler lapsed it")" "$deadline")"; continue; }
                   what=$(msg "the deficiency deadline passed") ;;
            *) what="(unexpected step $action)" ;;
        esac
        printf '%s: %s %s\n' "$when" "$who" "$what"
    done
}

# Every expected line on screen, in order (each below the one before).
in_order() {
    screen >"$work/screen"
    last=0
    while IFS= read -r line; do
        at=$(grep -nF -- "  $line" "$work/screen" | head -n 1 | cut -d: -f1)
        [ -n "$at" ] && [ "$at" -gt "$last" ] || { echo "missing or out of order: $line"; return 1; }
        last=$at
    done <"$work/expected"
}

for kind in "countersign arrived" "lapse lapse"; do
    row=$(story $kind)
    nid=${row%%|*}; app=${row#*|}
    check '[ -n "$app" ]' "the demo has a story with a ${kind% *} in ANK"
    steps=$(sql "SELECT count(*) FROM gise.audit_log WHERE application_id = ${app:-0}")
    for lang in en tr; do
        COLS=120 ROWS=60 tui_start --lang "$lang"
        # Straight there (the focus on every key is other tests' business).
        t send-keys -t gise -l "$nid"
        wait_for_text "${nid%????????}******${nid#?????????}"     # the hit, its number masked
        t send-keys -t gise Enter
        wait_for_screen "Purpose of opening"
        t send-keys -t gise Enter
        wait_for_screen Citizen
        t send-keys -t gise Enter
        wait_for_screen Application
        wait_for_text "$(msg History): $steps"
        expected >"$work/expected"
        : >"$work/why"
        check '[ "$(wc -l <"$work/expected")" = "$steps" ] && in_order >"$work/why"' \
            "($lang) the history of the ${kind% *} story says its $steps steps in order: who did what, when" \
            "$(cat "$work/why" "$work/expected"; screen)"
    done
done
tui_done
