# The accessibility walk, sourced by the a11y_*.t files after lib.sh: every
# screen and dialog of gise, as a clerk and then as a supervisor, with the
# navigation keys on every list and form, recorded (lib.sh: rec_start,
# step) and checked by tests/tui/a11y.pl against DESIGN.md's Accessibility
# rules. Besides what a11y.pl checks after every key, the walk checks that
# Esc leaves every dialog and form, and (in screen-reader mode) that
# nothing is written while idle.
#
#   walk MODE LANG NO_COLOR OFFICE N
#       MODE sr or normal, LANG en or tr, NO_COLOR 1 or 0, OFFICE ank or
#       ist (its clerk1 and supervisor walk), N: the walk's own citizen (the
#       N-th newest who has no application); COLS and ROWS say the size,
#       WALK_IDLE=0 leaves out the idle checks (2 s each)
#
# Each walk opens an application of its own for its citizen, escalates it,
# and withdraws it afterwards, so the tests after it find the demo data as
# it was. Walks of two offices may run at once (lib.sh: tui_background):
# neither hears the other's escalations.

hint_text() { msg "Enter: yes    Esc: no"; }

# Screen-reader mode writes nothing while idle (WALK_IDLE=0: not checked).
idle() {
    [ "$mode" = sr ] && [ "${WALK_IDLE:-1}" = 1 ] && idle_check "$walk: $1"
    return 0
}

# The screen the trace names, waited for (5 s at most).
on_screen() { rec_wait screen "$1"; }

# Down (or $2) until the focused label is $1 (30 keys at most).
move_to() {
    mt_want=$(msg "$1")
    mt_i=0
    rec_field focus
    while [ "$rs_value" != "$mt_want" ] && [ $mt_i -lt 30 ]; do
        step "${2:-Down}" "to \"$mt_want\""
        mt_i=$((mt_i + 1))
        rec_field focus
    done
    check '[ "$(frame_field focus)" = "$mt_want" ]' "$walk: the focus reaches \"$mt_want\"" "focus: $(frame_field focus)"
}

# F9, then Enter on the step $1 of the application's menu.
menu_step() {
    step F9 "the action menu"
    move_to "$1"
    step Enter "choose: $1"
}

# Esc leaves what is open ($1) for the screen $2 (a msgid), and a dialog's
# Enter/Esc hint is gone.
esc_leaves() {
    step Escape "Esc leaves $1"
    el_back=$2
    check '[ "$(frame_field screen)" = "$el_back" ] && ! screen | grep -qF "$(hint_text)"' \
        "$walk: Esc leaves $1" "$(frame_field screen): $(screen | head -n 8)"
}

# Esc on a form with text typed ($1) asks first: Esc (no) stays on it ($2,
# a msgid), Enter (yes) leaves it for $3.
esc_asks_first() {
    step Escape "Esc on $1 with text typed"
    dialog_open "Leave this screen and lose what you typed?"
    esc_leaves "the dialog \"Leave this screen\" on $1" "$2"
    step Escape "Esc on $1 again"
    dialog_open "Leave this screen and lose what you typed?"
    step Enter "yes: leave $1"
    check '[ "$(frame_field screen)" = "$3" ]' "$walk: yes leaves $1" "$(frame_field screen)"
}

# A confirm dialog is open; with a question $1 (a msgid, printf arguments
# follow), it asks that.
dialog_open() {
    q=""
    # shellcheck disable=SC2059 # the format is the message's own
    [ -n "$1" ] && q=$(printf "$(msg "$1")" "$2" ${3:+"$3"})
    check 'screen | grep -qF "$(hint_text)" && { [ -z "$q" ] || [ "$(frame_field focus)" = "$q" ]; }' \
        "$walk: a dialog asks ${q:-$(frame_field focus)}" "$(frame_field focus) / $(screen)"
}

# Walks a list: the keys that move its selection.
list_keys() {
    for k in Down Down Up NPage NPage PPage End Home Down; do step "$k" "$1: $k"; done
}

# The newest frame's row, focus and value, into ho_row (shell builtins:
# this runs after every key of a help walked row by row).
help_row() {
    rec_read_frames
    rec_field row; ho_row=$rs_value
    rec_field focus; ho_row="$ho_row $rs_value"
    rec_field value; ho_row="$ho_row $rs_value"
}

# Help (F1) over the current screen $1 (a msgid): read it, leave it. Its
# rows all pass the screen (a11y.pl checks every key is there); below 24
# rows that takes paging, and the first visit pages through in any case.
help_over() {
    step F1 "help on $1"
    if [ "$mode" = sr ]; then
        # One row at a time: Down through every row (each a key of its own),
        # until the newest frame (as the recording read it) stays the same.
        ho_i=0 ho_last=""
        while help_row; [ "$ho_row" != "$ho_last" ] && [ $ho_i -lt 40 ]; do
            ho_last=$ho_row
            step Down "help: Down"
            ho_i=$((ho_i + 1))
        done
        for k in End PPage Home; do step "$k" "help: $k"; done
    elif [ "$ROWS" -lt 24 ] || [ "${help_paged:-0}" = 0 ]; then
        for k in Down NPage NPage NPage End PPage Home; do step "$k" "help: $k"; done
        help_paged=1
    fi
    esc_leaves "the help on $1" "$1"
}

# A citizen without any application ($1-th from the newest).
fresh_citizen() {
    sql "SELECT national_id FROM gise.citizen c WHERE NOT EXISTS
         (SELECT FROM gise.application a WHERE a.citizen_id = c.id) ORDER BY id DESC OFFSET $1 LIMIT 1"
}

# Another application of the office in state $1 ($2: its step in the menu,
# confirmed first): the dialog opened and left with Esc, nothing changed.
other_state() {
    row=$(sql "SELECT c.national_id || '|' || a.number FROM gise.application a
               JOIN gise.citizen c ON c.id = a.citizen_id JOIN gise.office o ON o.id = a.office_id
               WHERE a.status = '$1' AND o.code = '$office_code'
                 AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
               ORDER BY a.id LIMIT 1")
    step F2 "the search, from anywhere"
    step Escape "clear the field"
    paste_text "${row%%|*}" "an identity number"
    step Enter "open the citizen"
    step Enter "the purpose: the default"
    step Enter "open the application"
    on_screen "Application"
    menu_step "$2"
    dialog_open "$3" "${row#*|}"
    esc_leaves "the dialog \"$2\"" "Application"
}

walk_clerk() {
    nid=$(fresh_citizen "$walk_no")
    number=""
    rec_start
    # The search: help, the message history, results, the citizen.
    help_over "Citizen search"
    step F12 "the message history"
    for k in Up Down Home End; do step "$k" "history: $k"; done
    esc_leaves "the message history" "Citizen search"
    type_text "ayse" "a name"
    rec_wait answered "ayse"
    step Down "into the results"
    list_keys "results"
    step Up "back up"
    step Home "first result"
    step Up "back to the field"
    step BTab "Shift-Tab: into the results"
    step Tab "Tab: back to the field"
    idle "the search with its results"
    step Escape "clear the field"
    paste_text "$nid" "an identity number"
    step Enter "open the citizen"
    step Enter "the purpose: the default"
    on_screen "Citizen"
    list_keys "the citizen"
    help_over "Citizen"

    # A new application (F9 on the citizen): the services, the checklist.
    step F9 "a new application"
    on_screen "New application"
    list_keys "the services"
    type_text "ikam" "narrowing the services"
    step BSpace "widen"
    step Enter "choose the service"
    for k in Down Down Up End Home Down Down Down Down Down; do step "$k" "the checklist: $k"; done
    step Space "Space ticks a document"
    step Space "Space unticks it"
    help_over "New application"
    step Escape "Esc: back to the services"
    check '[ "$(frame_field screen)" = "New application" ]' "$walk: Esc on the checklist goes back to the services"
    esc_leaves "the new application" "Citizen"
    step F9 "a new application again"
    on_screen "New application"
    type_text "ikam" "narrowing the services"
    step Enter "choose it again"
    step End "to \"Open the application\""
    step Enter "open the application"
    on_screen "Application"
    number=$(sql "SELECT a.number FROM gise.application a JOIN gise.citizen c ON c.id = a.citizen_id
                  WHERE c.national_id = '$nid'")
    list_keys "the application"
    help_over "Application"

    # The action menu; a confirm dialog left with Esc, then confirmed.
    step F9 "the action menu"
    for k in Down Up End Home Down; do step "$k" "the menu: $k"; done
    step Escape "Esc closes the menu"
    check '[ "$(frame_field screen)" = Application ] && ! screen | grep -qF "$(msg "Start the review")"' \
        "$walk: Esc closes the action menu" "$(screen)"
    menu_step "Start the review"
    dialog_open "Start reviewing application %s?" "$number"
    idle "a confirm dialog"
    esc_leaves "the dialog \"Start the review\"" "Application"
    menu_step "Start the review"
    step Enter "confirm"

    # The deficiency notice; F10 with a note typed asks first; issuing it
    # is confirmed first.
    menu_step "Issue a deficiency notice"
    on_screen "Deficiency notice"
    for k in Down Down Down Up Tab BTab End Home; do step "$k" "the notice: $k"; done
    move_to "Note"
    type_text "not" "the note"
    step F10 "quit with a note typed"
    dialog_open "Quit and lose what you typed?"
    esc_leaves "the dialog \"Quit and lose what you typed?\"" "Deficiency notice"
    help_over "Deficiency notice"
    move_to "Issue the notice and print the letter"
    step Enter "issue the notice"
    dialog_open ""
    esc_leaves "the dialog \"Issue the notice\"" "Deficiency notice"
    esc_asks_first "the deficiency notice" "Deficiency notice" "Application"

    # Approval is confirmed first.
    menu_step "Approve"
    dialog_open "Approve application %s? This cannot be undone." "$number"
    esc_leaves "the dialog \"Approve\"" "Application"

    # The rejection: the reasons, the form, a missing explanation, the
    # confirmation.
    menu_step "Reject, with a reason"
    on_screen "Rejection"
    list_keys "the reasons"
    help_over "Rejection"
    type_text "doc" "narrowing the reasons"
    step Enter "choose the reason"
    for k in Down Up Tab BTab; do step "$k" "the rejection: $k"; done
    step Enter "to the button"
    step Enter "reject without an explanation"
    type_text "yok" "the explanation"
    step Enter "to the button"
    step Enter "reject"
    dialog_open ""
    esc_leaves "the dialog \"Reject\"" "Rejection"
    step Escape "Esc: back to the reasons"
    esc_asks_first "the rejection" "Rejection" "Application"

    # The withdrawal, confirmed first.
    menu_step "Withdraw at the citizen's request"
    on_screen "Withdrawal"
    for k in Down Up Tab BTab; do step "$k" "the withdrawal: $k"; done
    type_text "yok" "the reason"
    help_over "Withdrawal"
    step Down "to the button"
    step Enter "withdraw"
    dialog_open "Withdraw application %s? This closes it." "$number"
    esc_leaves "the dialog \"Withdraw\"" "Withdrawal"
    esc_asks_first "the withdrawal" "Withdrawal" "Application"

    # The escalation: what is asked, the reasons, why; confirmed.
    menu_step "Escalate to a supervisor"
    on_screen "Escalation"
    for k in Down Down Up End Home; do step "$k" "the escalation: $k"; done
    help_over "Escalation"
    esc_leaves "the escalation" "Application"
    menu_step "Escalate to a supervisor"
    on_screen "Escalation"
    move_to "Ask for a rejection (the reason comes next)"
    step Enter "ask for a rejection"
    list_keys "the reasons asked for"
    step Escape "Esc: back to what is asked"
    # An exception: the rule it waives ticked and unticked (Enter, Space),
    # refused with none ticked, the cursor put back on the rule.
    move_to "Ask for an exception to the rules" Down
    step Enter "ask for an exception"
    for k in Enter Space Down Down Up Up; do step "$k" "the exception form: $k"; done
    step Down "to why"
    type_text "x" "why"
    step Down "to the button"
    step Enter "escalate with no rule ticked"
    check '[ "$(frame_field focus)" = "$(msg "Every mandatory document received and checked")" ] ||
           [ "$(frame_field focus)" = "Zorunlu belgelerin tamamı alındı ve kontrol edildi" ]' \
        "$walk: an exception with no rule ticked puts the cursor on the rule" "focus: $(frame_field focus)"
    step Escape "Esc: back to what is asked"
    move_to "Ask for approval" Up
    step Enter "ask for approval"
    for k in Down Up Tab BTab; do step "$k" "the escalation form: $k"; done
    type_text "var" "why"
    step Down "to the button"
    step Enter "escalate"
    dialog_open "Escalate %s, asking for %s?" "$number" "$(msg approval)"
    esc_leaves "the dialog \"Escalate\"" "Escalation"
    step Enter "escalate"
    step Enter "confirm the escalation"
    on_screen "Application"

    # The clerk's inbox, where am I, the message history.
    step F6 "the inbox"
    on_screen "Inbox"
    list_keys "the inbox"
    help_over "Inbox"
    esc_leaves "the inbox" "Application"
    step F4 "where am I"
    step F12 "the message history"
    list_keys "the message history"
    help_over "Message history"
    esc_leaves "the message history" "Application"

    # The dialogs of the other states.
    other_state awaiting_documents "The missing documents arrived" "Record that the missing documents of %s arrived?"
    other_state approved "Complete (service delivered)" "Complete application %s? This closes it."
    rec_end mode="$mode" lang="$lang" nocolor="$nocolor" name="$walk clerk"
}

walk_supervisor() {
    rec_start
    step F6 "the inbox"
    on_screen "Inbox"
    list_keys "the inbox"
    idle "the supervisor's inbox (live)"
    step End "the newest escalation"
    check '[ "$(frame_field focus)" = "$number" ]' "$walk: the escalation of $number is last in the inbox" "$(frame_field focus)"
    help_over "Inbox"
    step Enter "decide it"
    on_screen "Escalation decision"
    for k in Down Down Up Tab BTab Home End; do step "$k" "the decision: $k"; done
    move_to "Approve: the application is approved" Up
    step Enter "approve"
    type_text "yok" "the comment"
    step Down "to the button"
    step Enter "record the decision"
    dialog_open "Approve the escalation of %s? This cannot be undone." "$number"
    esc_leaves "the decision's dialog" "Escalation decision"
    move_to "Deny: back to review" Up
    step Enter "deny"
    step Down "to the button"
    step Enter "record the decision"
    dialog_open "Deny the escalation of %s? It goes back to review." "$number"
    esc_leaves "the decision's dialog" "Escalation decision"
    help_over "Escalation decision"
    esc_asks_first "the decision" "Escalation decision" "Inbox"

    # Too small: one line asking for more room; then back.
    t resize-window -t gise -x 30 -y 10
    rec_wait focus "$(msg "Terminal too small")"
    check '[ "$(cursor)" = "0,0" ]' "$walk: 30x10: the cursor sits on the message asking for room"
    t resize-window -t gise -x "$COLS" -y "$ROWS"
    rec_until focus "$(msg "Terminal too small")" differs
    rec_sync "grown again"
    esc_leaves "the inbox" "Citizen search"
    rec_end mode="$mode" lang="$lang" nocolor="$nocolor" name="$walk supervisor"
}

# The deficiency notice of an application with more documents than the
# rows at 40x12 hold: every one reached, the form scrolling. Nothing is
# changed (Esc).
walk_documents() {
    mode=$1 lang=$2 office=$3
    office_code=$(printf '%s' "$office" | tr a-z A-Z)     # not SQL's upper(): Turkish i
    walk="${mode} ${lang} ${COLS}x${ROWS}"
    row=$(sql "SELECT c.national_id || '|' || a.number FROM gise.application a
               JOIN gise.citizen c ON c.id = a.citizen_id JOIN gise.office o ON o.id = a.office_id
               WHERE a.status = 'in_review' AND o.code = '$office_code'
                 AND (SELECT count(*) FROM gise.service_document sd WHERE sd.service_id = a.service_id) >= 6
                 AND (SELECT count(*) FROM gise.application x WHERE x.citizen_id = c.id) = 1
               ORDER BY a.id LIMIT 1")
    nid=${row%%|*} number=${row#*|}
    flags="--lang $lang"
    [ "$mode" = sr ] && flags="$flags --screen-reader"
    TUI_ENV="PGUSER=${office}_clerk1" tui_start $flags
    rec_start
    paste_text "$nid" "an identity number"
    step Enter "open the citizen"
    step Enter "the purpose: the default"
    step Enter "open the application"
    on_screen "Application"
    menu_step "Issue a deficiency notice"
    on_screen "Deficiency notice"
    for k in Down Down Down Down Down Down Down Down Down Up Up Up Up Up Up Up Up Up; do
        step "$k" "the notice of $number: $k"
    done
    esc_leaves "the deficiency notice" "Application"
    rec_end mode="$mode" lang="$lang" nocolor=0 name="$walk documents"
}

walk() {
    mode=$1 lang=$2 nocolor=$3 office=$4 walk_no=$5
    office_code=$(printf '%s' "$office" | tr a-z A-Z)     # not SQL's upper(): Turkish i
    walk="${mode} ${lang} ${COLS}x${ROWS}"
    flags="--lang $lang"
    [ "$mode" = sr ] && flags="$flags --screen-reader"
    env=""
    [ "$nocolor" = 1 ] && env="NO_COLOR=1"
    TUI_ENV="$env PGUSER=${office}_clerk1" tui_start $flags
    walk_clerk
    TUI_ENV="$env PGUSER=${office}_supervisor" tui_start $flags
    walk_supervisor
    t kill-server
    # Leave the demo data as it was: the application withdrawn.
    sql "SET SESSION AUTHORIZATION ${office}_clerk1;
         SELECT gise.application_withdraw(gen_random_uuid(), id, version, 'a11y test')
         FROM gise.application WHERE number = '$number' AND status NOT IN ('withdrawn', 'completed', 'rejected')" >/dev/null
}
