#!/bin/sh
# State in words (DESIGN.md, Accessibility 3): a screen reader says nothing
# for "[ ]" and "x" for "[x]", so a document row heard as "received,
# checked" could mean the opposite. On every screen of the clerk's and the
# supervisor's job that shows a state (the application's documents, the
# deficiency notice, the decision's choices) the state is written in words,
# the trace's focus value carries the same words, and no "[x]" or "[ ]" is
# on screen. (The new application's checklist: tests/tui/counter.t.)
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
nid=$(sql "SELECT c.national_id FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
           WHERE a.status = 'in_review' AND a.office_id = $ank
             AND EXISTS (SELECT FROM gise.application_document d WHERE d.application_id = a.id)
             AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
           ORDER BY a.id LIMIT 1")
no_brackets() { ! screen | grep -qF "[x]" && ! screen | grep -qF "[ ]"; }

tui_start --lang en
open_only_application "$nid"
check 'screen | grep -q ": received: \(yes\|no\), checked: \(yes\|no\)"' \
    "the application's documents say \"received: yes/no, checked: yes/no\"" "$(screen)"
check no_brackets "no \"[x]\" or \"[ ]\" on the application" "$(screen)"
tries=0
while ! frame_field value | grep -q "^received: " && [ $tries -lt 30 ]; do key Down "down to a document"; tries=$((tries + 1)); done
check 'frame_field value | grep -q "^received: \(yes\|no\), checked: \(yes\|no\)"' \
    "a focused document's value says the same words" "$(frame_field value)"

key F9 "the action menu"
tries=0
while [ "$(frame_field focus)" != "Issue a deficiency notice" ] && [ $tries -lt 12 ]; do key Down "down the menu"; tries=$((tries + 1)); done
key Enter "the deficiency notice"
wait_for_text "Screen: Deficiency notice"
check 'screen | grep -q "^. \(not \)\?missing: .*, received: \(yes\|no\)$"' "each document says missing or not missing" "$(screen)"
check no_brackets "no \"[x]\" or \"[ ]\" on the notice" "$(screen)"
was=$(frame_field value)
key Enter "Enter turns the focused document round"
now=$(frame_field value)
check '[ "$now" = "not $was" ] || [ "$was" = "not $now" ]' "the focus says missing / not missing ($was -> $now)"
check 'screen_row "$(frame_field row)" | grep -qF "> ${now%%,*}: "' "and so does the row" "$(screen_row "$(frame_field row)")"

# The supervisor's choice: "(selected)" / "(not selected)".
TUI_ENV="PGUSER=ank_supervisor" tui_start --lang en
key F6 "the inbox"
wait_for_text "Screen: Inbox"
key Home "the inbox's heading"
key Down "the oldest escalation"
key Enter "decide it"
wait_for_text "Screen: Escalation decision"
check 'screen | grep -q "^> Approve.*(not selected)$"' "Approve says it is not selected" "$(screen)"
check 'screen | grep -q "^  Deny: back to review (not selected)$"' "Deny too" "$(screen)"
check '[ "$(frame_field value)" = "not selected" ]' "the focus value says it" "$(frame_field value)"
check no_brackets "no \"[x]\" or \"[ ]\" on the decision" "$(screen)"
key Down "to Deny"
key Enter "choose Deny"
check 'screen | grep -q "^  Deny: back to review (selected)$"' "Deny is now selected, in words" "$(screen)"
check 'screen | grep -q "^  Approve.*(not selected)$"' "Approve is not" "$(screen)"
key Up "back to Deny"
check '[ "$(frame_field value)" = "selected" ]' "the focus value says selected" "$(frame_field value)"
tui_done
