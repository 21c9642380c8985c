#!/bin/sh
# Translations: both catalogues complete (nothing untranslated or fuzzy),
# in step with the code (every string the code marks is in them, nothing
# they hold is gone from the code), and no text that a person reads is
# left unmarked in the code. Needs no database. TAP.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. tests/tap.sh

catalogues="i18n/tr.po i18n/en.po"

# The msgids of a PO file (standard input), one a line, continuation lines
# joined, the header left out: what a failure names.
ids() {
    perl -ne 'if (/^(?:#~ )?msgid "(.*)"$/) { print "$id\n" if $id ne ""; $id = $1; $in = 1 }
              elsif ($in && /^(?:#~ )?"(.*)"$/) { $id .= $1 }
              else { $in = 0 }
              END { print "$id\n" if $id ne "" }'
}

# 1. msgfmt --check --statistics: no error, nothing untranslated or fuzzy.
for po in $catalogues; do
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); rc=$?
    check '[ "$rc" = 0 ]' "$po passes msgfmt --check" "$stats"
    missing=$(msgattrib --untranslated --no-obsolete "$po" 2>&1 | ids)
    check '! printf "%s" "$stats" | grep -q untranslated' "$po: nothing untranslated ($stats)" "$missing"
    fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" 2>&1 | ids)
    check '! printf "%s" "$stats" | grep -q fuzzy' "$po: nothing fuzzy" "$fuzzy"
done

# 2. The catalogues hold exactly what the code marks: xgettext as `make po`
#    runs it (the same Makefile rule), compared both ways.
make --no-print-directory -s pot POT="$work/code.pot" >"$work/xgettext.log" 2>&1
check '[ -s "$work/code.pot" ]' "xgettext extracts the code's strings (make pot)" "$(cat "$work/xgettext.log")"
code_count=$(grep -c '^msgid ' "$work/code.pot")
check '[ "$code_count" -gt 300 ]' "the code marks $code_count strings"
for po in $catalogues; do
    # In only one of the two, then which one.
    msgcomm --less-than=2 -o "$work/differ.po" "$work/code.pot" "$po"
    new=$( [ -s "$work/differ.po" ] && msgcomm --more-than=1 -o - "$work/differ.po" "$work/code.pot" | ids)
    gone=$( [ -s "$work/differ.po" ] && msgcomm --more-than=1 -o - "$work/differ.po" "$po" | ids)
    check '[ -z "$new" ]' "every string the code marks is in $po (otherwise: make po)" "$new"
    check '[ -z "$gone" ]' "every string in $po is still in the code (otherwise: make po)" "$gone"
    obsolete=$(grep '^#~' "$po" | ids)
    check '[ -z "$obsolete" ]' "$po keeps no obsolete entries (msgattrib --no-obsolete)" "$obsolete"
done

# 3. Text a person reads, unmarked. xgettext with no default keywords and
#    the argument positions of every function that shows, prints or files
#    text for a person collects the string literals passed there directly;
#    those still holding a letter once printf directives are taken out
#    were meant for people, and must go through _() (or be allowed, with a
#    reason, in unmarked.allow). One pass per argument position, as
#    xgettext takes one position per keyword.
shows="session_message:2 session_error:2 app_confirm:2 messages_push:3 messages_keep:2 db_error_set:3
       draw_text:4 draw_label:3 draw_paragraph:3 draw_bottom:1 append_cell:2
       rows_add:2 rows_add_more:2 focus_set:2 form_add:2 field_set:2 say:3
       print_safe:1 add:2 mvaddstr:3 addstr:1 mvaddnstr:3 addnstr:1
       mvprintw:3 printw:1 waddstr:2 mvwaddstr:4
       line_say:2 line_ask:2 line_confirm:2 line_ask_text:2 line_ask_number:2 field:2 choose_from:5"
shows_second="rows_add:3 focus_set:3 print_safe:2 choose_from:6"
# Standard output and error, and buffers built for the screen: the
# front end only (db/ builds SQL and paths with them).
prints="printf:1 fprintf:2 dprintf:2 puts:1 fputs:1 snprintf:3 vsnprintf:3 sprintf:2"
shown_files=$(git ls-files --cached --others --exclude-standard 'i18n/*.c' 'app/*.c' 'screens/*.c' 'db/*.c' | sort)
front_files=$(git ls-files --cached --others --exclude-standard 'i18n/*.c' 'app/*.c' 'screens/*.c' | sort)
extract() {   # FILES KEYWORD...
    files=$1
    shift
    # shellcheck disable=SC2046,SC2086 # one word per keyword and file
    xgettext --from-code=UTF-8 -k $(printf -- '--keyword=%s ' "$@") --no-wrap -o - $files 2>>"$work/xgettext.log"
}
# shellcheck disable=SC2086 # one word per keyword
{ extract "$shown_files" $shows; extract "$shown_files" $shows_second; extract "$front_files" $prints; } |
    perl -ne 'if (/^#: (.*)/) { $loc = $1 } elsif (/^msgid "(.*)"$/ && $1 ne "") { print "$1\t$loc\n" }' |
    sort -u >"$work/literals"
literal_count=$(wc -l <"$work/literals")
check '[ "$literal_count" -gt 20 ]' "$literal_count literals passed to the functions that show text"
sed -e '/^#/d' -e '/^$/d' tests/i18n/unmarked.allow >"$work/allowed"
unmarked=$(perl -CSD -ne '
    chomp; my ($id, $loc) = split /\t/;
    (my $words = $id) =~ s/%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]//g;
    $words =~ s/\\[ntr"\\]//g;
    print "$loc: \"$id\"\n" if $words =~ /\p{L}/;
' "$work/literals" | while IFS= read -r line; do
    id=${line#*: \"}; id=${id%\"}
    grep -qxF -- "$id" "$work/allowed" || printf '%s\n' "$line"
done)
check '[ -z "$unmarked" ]' "every literal with words that reaches a person goes through gettext" \
    "not marked for translation (wrap in _() or N_(), or allow it with a reason in tests/i18n/unmarked.allow):
$unmarked"
stale=$(while IFS= read -r id; do
    cut -f1 "$work/literals" | grep -qxF -- "$id" || printf '%s\n' "$id"
done <"$work/allowed")
check '[ -z "$stale" ]' "every allowed exception is still in the code" "$stale"

echo "1..$n"
[ "$failed" -eq 0 ]
