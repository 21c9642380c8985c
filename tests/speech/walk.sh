# The speech walks, sourced by speech.t after tests/tui/lib.sh and lib.sh:
# the clerk's job and the supervisor's, with Fenrir listening.
#
#   speech_walk MODE LANG OFFICE N
#       MODE sr or normal, LANG en or tr, OFFICE ank or ist (its clerk1 and
#       supervisor), N: the walk's own citizen (the N-th newest who has no
#       application)
#
# Only keys that reach gise through Fenrir's PTY layout are used: Fenrir
# keeps F1, F2, F3, F5-F8, F10 (it quits Fenrir) and Esc. So: ? for help
# (outside a field), Ctrl-F for the search, Ctrl-T for where am I, Ctrl-X
# for Back, Ctrl-N for the inbox, F9 for actions, F12 for messages (the
# bindings README's "Keys and screen readers" gives for Fenrir).

speech_walk() {
    mode=$1 lang=$2 office=$3 walk_no=$4
    walk="$mode $lang"
    flags="--lang $lang"
    [ "$mode" = sr ] && flags="$flags --screen-reader"
    nid=$(sql "SELECT national_id FROM gise.citizen c WHERE NOT EXISTS
         (SELECT FROM gise.application a WHERE a.citizen_id = c.id) ORDER BY id DESC OFFSET $walk_no LIMIT 1")

    # The clerk.
    # shellcheck disable=SC2086 # one word per option
    sp_start "${office}_clerk1" $flags
    sp_key C-l "the message history"
    sp_key C-f "back to the search"
    sp_type ayse "a name"
    sp_key Down "into the results"
    sp_key Down "the next result"
    sp_key Up "the result before"
    sp_key Up "back up to the field"
    for _ in 1 2 3 4; do sp_key BSpace "clear the field"; done
    sp_key "-l $nid" "an identity number, pasted"
    sp_key Enter "open the citizen"
    sp_key Enter "the purpose: the default"
    sp_until screen Citizen
    sp_key C-t "where am I"
    sp_key F9 "a new application"
    sp_type ikam "narrowing the services"
    sp_key Enter "choose the service"
    sp_seek "Notarised|vekâletname"
    sp_key Space "tick a document"
    sp_key End "to the button"
    sp_key Enter "open the application"
    sp_until screen Application
    check '[ "$(frame_field screen)" = Application ]' "$walk: the application is open" "$(frame_field screen)"
    number=$(sql "SELECT a.number FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
                  WHERE c.national_id = '$nid'")
    sp_key Down "the application"
    sp_key '?' "help on the application"
    sp_key Down "help: the next key"
    sp_key C-x "back to the application"
    sp_key F9 "the action menu"
    sp_move "Start the review"
    sp_key Enter "start the review"
    sp_key Enter "confirm"
    sp_key F9 "the action menu"
    sp_move "Issue a deficiency notice"
    sp_key Enter "the deficiency notice"
    sp_seek "Notarised|vekâletname"
    sp_key Space "a missing document"
    sp_key Up "the notice"
    sp_key C-x "back: asks first, something is ticked"
    sp_key Enter "leave the notice"
    sp_key F9 "the action menu"
    sp_move "Escalate to a supervisor"
    sp_key Enter "escalate"
    sp_move "Ask for approval" Up
    sp_key Enter "ask for approval"
    sp_type "var" "why"
    sp_key Down "to the button"
    sp_key Enter "escalate"
    sp_key Enter "confirm the escalation"
    check '[ "$(sql "SELECT status FROM gise.application WHERE number = '"'$number'"'")" = escalated ]' \
        "$walk: the application $number is escalated"
    sp_key C-n "the inbox"
    sp_key Down "the inbox"
    sp_key Up "the inbox"
    sp_key F12 "the message history"
    sp_key Up "the message history"
    sp_end "$walk clerk"

    # The supervisor decides.
    # shellcheck disable=SC2086 # one word per option
    sp_start "${office}_supervisor" $flags
    sp_key C-n "the inbox"
    sp_key Down "the inbox"
    sp_key End "the newest escalation"
    check '[ "$(frame_field focus)" = "$number" ]' "$walk: the escalation of $number is last in the inbox" "focus: $(frame_field focus)"
    sp_key Enter "decide it"
    # Deny: the clerk's application does not have every mandatory document
    # checked, and an escalated approval is held to every rule a direct one
    # is (issue 13), so the supervisor sends it back to review.
    sp_move "Deny: back to review" Down
    sp_key Enter "deny"
    sp_type "ok" "the comment"
    sp_key Down "to the button"
    sp_key Enter "record the decision"
    sp_key Enter "confirm the decision"
    sp_key C-t "where am I"
    sp_key F12 "the message history"
    sp_end "$walk supervisor"
}
