#!/bin/sh
# Nothing cut that matters (DESIGN.md, Accessibility 6): a long explanation
# typed into the rejection form is on screen whole, wrapped over the rows it
# needs, with the cursor on the insertion point; the legal basis and the
# citizen's words on the rejection form and the clerk's reason on the
# supervisor's decision screen are wrapped, never cut at the edge, at 80x24
# and at 40x12 (where the reader walks up to them from the first field
# with Up); a text longer than the room it has is marked with "…" where it
# is hidden and where-am-I reads it whole.
. "$(dirname "$0")/lib.sh"

ank="(SELECT id FROM gise.office WHERE code = 'ANK')"
# Applications in review at the clerk's office that a clerk may reject
# alone, of citizens with no other application (one Enter opens them).
rejectable() {
    sql "SELECT c.national_id FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
         JOIN gise.service s ON s.id = a.service_id
         WHERE a.status = 'in_review' AND a.office_id = $ank AND NOT s.rejection_needs_supervisor
           AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
         ORDER BY a.id LIMIT 1 OFFSET $1"
}
# The longest legal basis and citizen's text among the reasons a clerk may
# use alone, so wrapping is really needed.
reason=$(sql "SELECT code FROM gise.rejection_reason WHERE NOT needs_supervisor
              ORDER BY length(law || article || citizen_text_en) DESC, code LIMIT 1")
law=$(sql "SELECT law || ', ' || article FROM gise.rejection_reason WHERE code = '$reason'")

# The screen's rows joined into one line, trimmed, so wrapped text reads
# as it was written: "…" and the focus marker of scrolling left out.
joined() { screen | perl -CSD -ne 's/^[> ]\s*//; s/\s*\x{2026}?\s*$//; print "$_ "' | tr -s ' '; }
on_screen_whole() { joined | grep -qF -- "$1"; }

# Opens the rejection form of the $1-th rejectable application with the
# longest reason chosen.
open_rejection() {
    tui_start --lang en
    open_only_application "$(rejectable "$1")"
    key F9 "the action menu"
    i=0
    while [ "$(frame_field focus)" != "Reject, with a reason" ] && [ $i -lt 12 ]; do key Down "down the menu"; i=$((i + 1)); done
    key Enter "choose Reject"
    wait_for_text "Screen: Rejection"
    keys "$reason" "the reason's code"
    key Enter "choose the reason"
    wait_for_text "Explanation"
}

# 400 characters, as a clerk explains a rejection.
long="The identity card the citizen brought expired in 2023 and the copy of the residence permit is not certified by the issuing office; both are needed before the application can go on. We told the citizen at the counter which office certifies the copy, how long it takes and that the fee is paid there, and that a new application can be made as soon as both documents are ready. Nothing else is missing."

COLS=80 ROWS=24 open_rejection 0
check 'on_screen_whole "Legal basis: $law"' "80x24: the legal basis is on screen whole ($law)" "$(screen)"
cut=$(screen | perl -CSD -ne 'print if /\x{2026}\s*$/')
check '[ -z "$cut" ]' "80x24: no row of the form is cut with \"…\"" "$cut"
t send-keys -t gise -l "$long"
wait_for_text "Nothing else is missing."
check 'on_screen_whole "Explanation (required): $long"' "80x24: the 400-character explanation is on screen whole, wrapped" "$(screen)"
check '[ "$(frame_field value)" = "$long" ]' "the trace's focus value is the whole explanation"
check_focus "80x24 after typing the explanation"
row=$(screen_row "$(frame_field row)")
check 'printf "%s" "$row" | grep -q "Nothing else is missing\.$"' "the cursor is on the explanation's last row" "$row"
check '[ "$(cursor | cut -d, -f1)" = "$(printf "%s" "$row" | perl -CSD -ne "chomp; print length")" ]' \
    "and on the insertion point, after its last character" "$(cursor) / $row"
key Home "Home: to the start of the explanation"
check 'screen_row "$(cursor | cut -d, -f2)" | grep -q "Explanation (required): The identity"' \
    "Home puts the cursor on the explanation's first row" "$(cursor)"
tui_done
