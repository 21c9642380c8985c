#!/bin/sh
# Nothing cut that matters (DESIGN.md, Accessibility 6): a long explanation
# typed into the rejection form, while edited, is one row whose label,
# value and cursor fit a braille line, "…" on the side where text is
# hidden, and where-am-I reads it whole; once left it is on screen whole,
# wrapped ("↓" when it has more rows than there is room for). The legal
# basis and the citizen's words on the rejection form and the clerk's
# reason on the supervisor's decision screen are wrapped, never cut at the
# edge, at 80x24 and at 40x12, where the reader walks up to them, a
# paragraph at a time, from the first field or choice with Up.
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
# as it was written: the focus marker and the arrows saying rows are
# hidden left out.
joined() { screen | perl -CSD -ne 's/^[> ][\x{2191} ]?\s*//; s/\s*[\x{2191}\x{2193}]?\s*$//; print "$_ "' | tr -s ' '; }
on_screen_whole() { joined | grep -qF -- "$1"; }
# A key whose focus is a row inside wrapped text (the label is on the
# text's first row, not on every row): the cursor is checked, not the label.
key_in_text() {
    before=$(frames)
    t send-keys -t gise "$1"
    wait_for_frame $((before + 1))
    check '[ "$(cursor)" = "$(frame_field col),$(frame_field row)" ]' "$2: the cursor is on the traced focus" "$(cursor)"
}

# Types $long in one go; waits (5 s at most) until the trace's focus value
# is all of it, then half a second for the terminal.
type_long() {
    t send-keys -t gise -l "$long"
    i=0
    while [ "$(frame_field value)" != "$long" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
    sleep 0.5
}

# Opens the rejection form of the $1-th rejectable application with the
# longest reason chosen.
open_rejection() {
    tui_start --lang en
    open_only_application "$(rejectable "$1")"
    open_rejection_form "$reason"
}

# 400 characters, as a clerk explains a rejection.
long="The identity card the citizen brought expired in 2023 and the copy of the residence permit is not certified by the issuing office; both are needed before the application can go on. We told the citizen at the counter which office certifies the copy, how long it takes and that the fee is paid there, and that a new application can be made as soon as both documents are ready. Nothing else is missing."

COLS=80 ROWS=24 open_rejection 0
check 'on_screen_whole "Legal basis: $law"' "80x24: the legal basis is on screen whole ($law)" "$(screen)"
cut=$(screen | perl -CSD -ne 'print if /\x{2026}\s*$/')
check '[ -z "$cut" ]' "80x24: no row of the form is cut with \"…\"" "$cut"
type_long
check_focus "80x24 after typing the explanation"
row=$(screen_row "$(frame_field row)")
check 'printf "%s" "$row" | grep -q "^> Explanation (required): …"' \
    "80x24: being edited, the explanation's row says with \"…\" that text is hidden on the left" "$row"
check 'printf "%s" "$row" | grep -q "missing\.$"' "and shows the end being typed" "$row"
check '[ "$(cursor | cut -d, -f1)" = "$(printf "%s" "$row" | perl -CSD -ne "chomp; print length")" ]' \
    "the cursor is on the insertion point, after the last character" "$(cursor) / $row"
check '[ "$(frame_field value)" = "$long" ]' "the trace's focus value is the whole explanation"
key F4 "where am I"
check 'traced_status | grep -qF "Value: $long"' "80x24: where-am-I says the whole explanation" "$(traced_status)"
key Home "Home: to the start of the explanation"
row=$(screen_row "$(frame_field row)")
check 'printf "%s" "$row" | grep -q "^> Explanation (required): The identity.*…$"' \
    "Home shows its start, \"…\" at the right saying more text follows" "$row"
key Down "Down: to the button"
check 'on_screen_whole "Explanation (required): $long"' "80x24: left, the 400-character explanation is on screen whole, wrapped" "$(screen)"
cut=$(screen | perl -CSD -ne 'print if /\x{2026}\s*$/')
check '[ -z "$cut" ]' "80x24: and no row is cut with \"…\"" "$cut"
key Up "Up: back to the explanation"

# 40x12: the form is taller than the screen; where-am-I reads the whole
# explanation, left it shows from its start; Up from the explanation walks
# up to the legal basis.
COLS=40 ROWS=12 open_rejection 1
type_long
check_focus "40x12 after typing the explanation"
check '[ "$(frame_field value)" = "$long" ]' "40x12: the trace's focus value is the whole explanation"
key F4 "where am I"
check 'traced_status | grep -qF "Value: $long"' "40x12: where-am-I says the whole explanation" "$(traced_status)"
key Down "Down: to the button"
check 'screen | grep -q "^  Explanation (required): The"' "40x12: left, the explanation shows from its start" "$(screen)"
check 'screen | grep -q "↓$"' "40x12: and \"↓\" says more of it is hidden below (six rows at most here)" "$(screen)"
key Up "Up: back to the explanation"
tries=0
while ! on_screen_whole "Legal basis: $law" && [ $tries -lt 10 ]; do key Up "Up: reading up"; tries=$((tries + 1)); done
check 'on_screen_whole "Legal basis: $law"' "40x12: Up from the explanation brings the legal basis on screen whole" "$(screen)"
check '[ "$(frame_field focus)" = "Legal basis" ] || [ "$(frame_field focus)" = "The citizen reads" ]' \
    "the cursor is on the text read, named" "$(frame_field focus)"
t send-keys -t gise -l "x"
sleep 0.3
tries=0
while [ "$(frame_field focus)" != "Explanation" ] && [ $tries -lt 10 ]; do key Down "Down: back"; tries=$((tries + 1)); done
check '[ "$(frame_field value)" = "$long" ]' "a letter typed while reading goes nowhere: the explanation is unchanged" "$(frame_field value)"

# The supervisor's decision: the clerk's reason whole. The oldest open
# escalation of the office (first in the inbox) gets a long reason.
clerk_says="The citizen asks for an exception: the rental contract was signed by the landlord's son under a power of attorney that the notary has since cancelled, and a new contract signed by the landlord will take two months because the landlord lives abroad; the family has lived at the address for six years and the neighbourhood office confirms it in writing."
esc=$(sql "SELECT e.id FROM gise.escalation e JOIN gise.application a ON a.id = e.application_id
           WHERE a.office_id = $ank AND e.decision IS NULL AND e.cancelled_at IS NULL ORDER BY e.raised_at, e.id LIMIT 1")
sql "UPDATE gise.escalation SET reason = '$(printf '%s' "$clerk_says" | sed "s/'/''/g")' WHERE id = $esc" >/dev/null
open_decision() {
    TUI_ENV="PGUSER=ank_supervisor" tui_start --lang en
    key F6 "the inbox"
    wait_for_text "Screen: Inbox"
    key Home "the oldest escalation"
    key Enter "decide it"
    wait_for_text "Screen: Escalation decision"
}
COLS=80 ROWS=24 open_decision
check 'on_screen_whole "The clerk writes: $clerk_says"' "80x24: the clerk's reason is on screen whole, wrapped, with the first choice focused" "$(screen)"

# 40x12: longer than the eight rows there are: Up from the first choice
# walks up to it, its start on screen with the cursor on it, "↓" saying
# more is below, and where-am-I reads it whole.
COLS=40 ROWS=12 open_decision
tries=0
while [ "$(frame_field focus)" != "The clerk writes" ] && [ $tries -lt 10 ]; do
    key_in_text Up "40x12: Up, reading up"
    tries=$((tries + 1))
done
check_focus "40x12: on the clerk's reason"
check 'screen_row "$(frame_field row)" | grep -q "^> The clerk writes: The citizen asks"' \
    "40x12: Up reaches the clerk's reason, the cursor on its first row" "$(screen)"
check 'screen | grep -q "↓$"' "40x12: \"↓\" says the rest is below" "$(screen)"
check '[ "$(frame_field value)" = "$clerk_says" ]' "40x12: the focus's value is the whole reason" "$(frame_field value)"
key_in_text F4 "where am I"
check 'traced_status | grep -qF "Value: $clerk_says"' "40x12: where-am-I says the clerk's reason whole" "$(traced_status)"
tui_done
