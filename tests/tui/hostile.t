#!/bin/sh
# Hostile data in the database (as if loaded before the rules existed):
# escape sequences, a terminal-title sequence and a bidi override in a name.
# They must be shown as visible replacements, never sent to the terminal.
. "$(dirname "$0")/lib.sh"

nid=10000001068
rules="given_name family_name city"
drop_rules() { for c in $rules; do echo "ALTER TABLE gise.citizen DROP CONSTRAINT IF EXISTS citizen_${c}_text;"; done; }
add_rules() {
    for c in $rules; do
        max=100; [ "$c" = city ] && max=60
        echo "ALTER TABLE gise.citizen ADD CONSTRAINT citizen_${c}_text CHECK (gise.line_text_ok($c, $max));"
    done
}
sql "$(drop_rules)
     INSERT INTO gise.citizen (national_id, given_name, family_name, birth_date, city)
     VALUES ('$nid', U&'Zehra\202Eabc', E'Qhostile\x1b[2J\x1b]2;pwned\x07\x1b[31m', '1980-01-01', E'Ank\x1b[1mara');" >/dev/null

out="$work/pane.bytes"
tui_start --lang en
t pipe-pane -o -t gise "cat >>'$out'"
keys "qhostile" "searching the hostile name"
wait_for_text "citizen found"
check 'screen | grep -q "Qhostile␛\[2J␛\]2;pwned␇"' "escape sequences show as visible symbols" "$(screen | grep -i hostile)"
check 'screen | grep -qF "Zehra<U+202E>abc"' "the bidi override shows as a visible tag"
check 'screen_row 0 | grep -q "^Screen: Citizen search"' "the screen was not cleared by the name"
check '[ "$(t display -p -t gise "#{pane_title}")" != pwned ]' "the terminal title was not changed"
check '! grep -q "$(printf "\033\\[2J")" "$out"' "no clear-screen sequence reached the terminal"
check '! grep -q "pwned$(printf "\007")" "$out"' "no title sequence reached the terminal"
key Down
key Enter "open the hostile record"
wait_for_screen "Purpose of opening"
key Enter "the purpose: the default"
wait_for_text "Identity number: "
check 'screen | grep -qF "Ank␛[1mara"' "the city is shown harmlessly too"
check_focus "on the hostile record"
sql "$(drop_rules) DELETE FROM gise.citizen WHERE national_id = '$nid'; $(add_rules)" >/dev/null
tui_done
