#!/bin/sh
# The whole counter flow in a real terminal: find the citizen, open a new
# application, tick documents, issue a deficiency notice (its letter file is
# checked), documents arrive, approve; and rejections with a reason whose
# letters come out in Turkish for a Turkish-preferring citizen and in
# English for an English-preferring one.
. "$(dirname "$0")/lib.sh"

spool="$work/spool"
mkdir -p "$spool"
printed="$work/printed"
export TUI_ENV="GISE_SPOOL=$spool GISE_PRINT_COMMAND='cat >> $printed'"

citizen_for() {   # a citizen preferring $1 with no application yet
    sql "SELECT national_id FROM gise.citizen c WHERE preferred_language = '$1'
         AND NOT EXISTS (SELECT FROM gise.application a WHERE a.citizen_id = c.id) ORDER BY id LIMIT 1"
}

open_citizen() {
    key F2 "citizen search, from anywhere"
    key Escape "clear the field"
    keys "$1" "identity number"
    wait_for_text "1 citizen found"
    key Enter "open the citizen"
    wait_for_screen "Purpose of opening"
    key Enter "the purpose: the default"
    wait_for_text "Identity number: "
}

new_application() {   # $1: text to narrow the services
    key F9 "new application"
    wait_for_text "Screen: New application"
    keys "$1" "narrow the services"
    key Enter "choose the service"
    wait_for_text "Open the application"
}

confirm_menu_step() {   # $1: menu label
    key F9 "the action menu"
    down_to "$1"
    key Enter "choose: $1"
    wait_for_text "Enter: yes"
    key Enter "confirm: $1"
}

tui_start --lang en

# 1. A Turkish-preferring citizen: new residence certificate application.
nid=$(citizen_for tr)
open_citizen "$nid"
new_application "ikamet"
check 'screen | grep -q "Service: Residence certificate"' "the service guide names the service" "$(screen | head -n 6)"
check 'screen | grep -q "Takes: [0-9]* working days"' "the guide says how long it takes"
check 'screen | grep -q "(required)"' "mandatory documents are marked (required)"
down_to "brought: no"
key Enter "tick the first document"
check 'screen_row "$(frame_field row)" | grep -q ": brought: yes"' "the document is ticked, in words"
check '[ "$(frame_field value)" = "brought: yes (required)" ] || [ "$(frame_field value)" = "brought: yes" ]' \
    "and the focus says so" "$(frame_field value)"
check '! screen | grep -qF "[x]" && ! screen | grep -qF "[ ]"' "no \"[x]\" or \"[ ]\" on screen" "$(screen)"
down_to "Open the application"
key Enter "open the application"
wait_for_text "Screen: Application"
number=$(screen | sed -n 's/^.*Application number: //p' | tr -d ' ')
check 'screen_row 23 | grep -q "Application $number opened. Its number is $number."' \
    "the new number is read out on the status row" "$(screen_row 23)"
check 'screen | grep -q "Status: Received"' "the new application is received"

confirm_menu_step "Start the review"
wait_for_text "Status: In review"

# 2. Deficiency notice: missing documents pre-selected, deadline pre-filled.
key F9
down_to "Issue a deficiency notice"
key Enter "open the deficiency notice"
wait_for_text "Screen: Deficiency notice"
check 'screen | grep -q "^. missing: .*, received: \(yes\|no\)$"' "unticked mandatory documents are pre-selected as missing, in words" "$(screen)"
check 'frame_field value | grep -q "^missing, received: \(yes\|no\)$"' "the focused document says it is missing" "$(frame_field value)"
check '! screen | grep -qF "[x]" && ! screen | grep -qF "[ ]"' "no \"[x]\" or \"[ ]\" on the notice" "$(screen)"
check 'screen | grep -q "Deadline (required): [0-9]"' "the deadline is pre-filled"
down_to "Note"
keys "Nüfus kaydı getirilmeli" "the note"
key Down "to the submit row"
key Enter "issue"
wait_for_text "Enter: yes"
key Enter "confirm the notice"
wait_for_text "Deficiency notice for $number stored"
letter=$(ls "$spool"/"$number"-deficiency-*.txt 2>/dev/null | head -n 1)
check '[ -f "$letter" ]' "the letter was written to the spool" "$(ls "$spool")"
check 'grep -q "EKSİK BELGE BİLDİRİMİ" "$letter"' "the letter is in Turkish for a Turkish-preferring citizen" "$(head -n 3 "$letter")"
check 'grep -q "$number" "$letter" && grep -q "Nüfus kaydı getirilmeli" "$letter"' "it names the application and carries the note"
check 'grep -q "^  1\. " "$letter"' "it lists each missing document"
check 'cmp -s "$letter" "$printed"' "the letter was piped to the print command, unchanged"
check 'screen | grep -q "Letter printed"' "the status row says it was printed" "$(screen_row 23)"
check 'grep -q "tarihine kadar" "$letter" && grep -q "başvurunuz düşer" "$letter"' \
    "it says the deadline and what happens after it"
check 'screen | grep -q "Status: Awaiting documents"' "the application awaits documents"
check '[ "$(sql "SELECT count(*) FROM gise.deficiency_notice n JOIN gise.application a ON a.id = n.application_id
                 WHERE a.number = '"'"'$number'"'"' AND n.letter_text LIKE '"'"'%EKSİK BELGE%'"'"'")" = 1 ]' \
    "the database keeps the letter as delivered"

# 3. Documents arrive; every mandatory document checked; approve.
confirm_menu_step "The missing documents arrived"
wait_for_text "Status: In review"
rounds=0
while screen | grep -q "checked: no, (required)" && [ $rounds -lt 20 ]; do
    down_to "checked: no, (required)" || key Up
    key Enter "mark a required document"
    rounds=$((rounds + 1))
done
check '! screen | grep -q "checked: no, (required)"' "every required document is checked"
confirm_menu_step "Approve"
wait_for_text "Status: Approved"
check 'screen | grep -q "Status: Approved"' "the application is approved"
# The history ends the record, under the documents and the letters.
down_to "Ayşe Kaya approved"
check 'screen | grep -q "approved$\|Ayşe Kaya approved"' "the history shows the approval"

# 4. Rejections: letters in the citizen's language.
reject_for() {   # $1: language
    open_citizen "$(citizen_for "$1")"
    new_application "ikamet"
    down_to "Open the application"
    key Enter
    wait_for_text "Screen: Application"
    rnumber=$(screen | sed -n 's/^.*Application number: //p' | tr -d ' ')
    confirm_menu_step "Start the review"
    wait_for_text "Status: In review"
    key F9
    down_to "Reject, with a reason"
    key Enter "open the rejection"
    wait_for_text "Screen: Rejection"
    keys "$reason" "the reason code"
    key Enter "choose the reason"
    wait_for_text "Legal basis:"
    keys "Belge süresi geçmiş." "the explanation"
    key Down
    key Enter "reject"
    wait_for_text "Enter: yes"
    key Enter "confirm the rejection"
    wait_for_text "rejected ($reason)"
    rletter=$(ls "$spool"/"$rnumber"-rejection-*.txt 2>/dev/null | head -n 1)
}
reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor ORDER BY code LIMIT 1")
law=$(sql "SELECT law FROM gise.rejection_reason WHERE code = '$reason'")

reject_for tr
check '[ -f "$rletter" ]' "a rejection letter was written (tr)"
check 'grep -q "KARAR: BAŞVURU REDDEDİLDİ" "$rletter"' "the rejection letter is in Turkish" "$(head -n 2 "$rletter")"
check 'grep -qF "$law" "$rletter"' "it states the legal basis ($law)"
check 'grep -q "İtiraz yolu" "$rletter" && grep -q "60 gün" "$rletter"' "it says how to appeal"
check 'grep -q "Belge süresi geçmiş." "$rletter"' "it carries the clerk's explanation"
check 'grep -qF "$(sql "SELECT citizen_text_tr FROM gise.rejection_reason WHERE code = '"'"'$reason'"'"'" | head -c 40)" "$rletter"' \
    "it states the reason in the citizen's words"

reject_for en
check 'grep -q "DECISION: APPLICATION REJECTED" "$rletter"' "the rejection letter is in English for an English-preferring citizen" "$(head -n 2 "$rletter")"
check 'grep -q "How to appeal" "$rletter" && grep -qF "$law" "$rletter"' "with the appeal route and the legal basis"
check 'grep -qF "$(sql "SELECT citizen_text_en FROM gise.rejection_reason WHERE code = '"'"'$reason'"'"'" | head -c 40)" "$rletter"' \
    "and the reason in English words"
tui_done
