# Shared by the line-mode tests: gise driven through a pipe, its output
# compared with an expected transcript after the values that differ from
# run to run (the chosen citizen, dates, times, application numbers) are
# replaced by placeholders. Output is TAP; the plan comes last.

export LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
export GISE_SPOOL="$work/spool" GISE_DRAFTS="$work/drafts"
. "$top/tests/tap.sh"

line_done() {
    rm -rf "$work"
    echo "1..$n"
    [ "$failed" -eq 0 ]
}

# gise_as ROLE [gise arguments]: runs gise in line mode as ROLE with
# standard input from the caller; the exit status is kept in $work/status.
gise_as() {
    role=$1
    shift
    lookup_room "$role"
    # LINE_KEEP_DRAFTS=1: what the last gise left is what this one finds.
    [ -n "${LINE_KEEP_DRAFTS:-}" ] || drafts_reset
    PGUSER=$role "${GISE_BIN:-$top/gise}" "$@" 2>&1
    echo $? >"$work/status"
}

# gise_live ROLE [gise arguments]: gise in line mode in the background as
# ROLE, waiting at a prompt: its input is descriptor 4 (printf ... >&4),
# its output $work/live.out. gise_live_end closes the input and waits for
# it to end.
gise_live() {
    role=$1
    shift
    lookup_room "$role"
    [ -n "${LINE_KEEP_DRAFTS:-}" ] || drafts_reset
    mkfifo "$work/live.in"
    PGUSER=$role "${GISE_BIN:-$top/gise}" "$@" <"$work/live.in" >"$work/live.out" 2>&1 &
    live_pid=$!
    exec 4>"$work/live.in"
}
gise_live_end() {
    exec 4>&-
    wait "$live_pid" 2>/dev/null
    rm -f "$work/live.in"
}

# wait_out TEXT FILE: waits for TEXT in FILE (5 s at most); 0 when it came.
wait_out() {
    i=0
    while ! grep -qF -- "$1" "$2" && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
    grep -qF -- "$1" "$2"
}

# Facts about citizen $1 (an id) to replace by placeholders: CIT_* variables.
citizen_facts() {
    IFS='|' read -r CIT_ID given family CIT_BPLACE CIT_CITY CIT_PHONE CIT_EMAIL CIT_ADDRESS <<EOF_SQL
$(sql "SELECT national_id, given_name, family_name, coalesce(birth_place, '-'), coalesce(city, '-'),
              coalesce(phone, '-'), coalesce(email, '-'), coalesce(address, '-')
         FROM gise.citizen WHERE id = $1")
EOF_SQL
    CIT_NAME="$given $family"    # whole: a clerk may share the given name
    CIT_MASKED="$(printf '%s' "$CIT_ID" | cut -c1-3)******$(printf '%s' "$CIT_ID" | cut -c10-11)"
    export CIT_ID CIT_NAME CIT_BPLACE CIT_CITY CIT_PHONE CIT_EMAIL CIT_ADDRESS CIT_MASKED
}

# Reads a transcript on standard input and writes it with the run's own
# values as placeholders. Inbox rows of other applications than $KEEP_NUMBER
# are dropped (the demo inbox is long and changes with the other tests).
normalise() {
    perl -CSD -ne '
        use Encode qw(decode_utf8);
        BEGIN { %v = map { $_ => decode_utf8($ENV{$_}) } grep { /^CIT_/ } keys %ENV;
                $keep = decode_utf8($ENV{KEEP_NUMBER} // ""); $spool = decode_utf8($ENV{GISE_SPOOL}); }
        next if $keep ne "" && /^  \d+\. 20\d\d-\d{6}  / && !/\Q$keep\E/;
        # A long list pages every 20 rows (line_more): where the page ends
        # depends on how long the demo inbox has grown; with PAGED_INBOX no
        # row and no "more" prompt is compared.
        next if /^\d+(-| to )?(\d+ )?(of|\/) \d+ \S+\. /;
        next if $ENV{PAGED_INBOX} && /^  \d+\. 20\d\d-\d{6}  /;
        s/^  \d+\. (?=20\d\d-\d{6}  )/  <POS>. /;
        for $k (sort { length($v{$b}) <=> length($v{$a}) } keys %v) {
            next if $v{$k} eq "-" || $v{$k} eq "";
            s/\Q$v{$k}\E/<$k>/g;
        }
        s/(<CIT_NAME>  )\d{4}/$1<YEAR>/;
        s/\Q$spool\E/<SPOOL>/g;
        s/\b20\d\d-\d{6}\b/<NUMBER>/g;
        s/\b\d{8}-\d{6}\b/<STAMP>/g;
        s/\b\d\d[.\/]\d\d[.\/]\d{4}\b/<DATE>/g;
        s/\b\d\d:\d\d(:\d\d)?\b/<TIME>/g;
        s/(waited|bekledi) [^:]*:/$1 <WAITED>:/g;
        # The inbox page heading, whichever page and however long the inbox
        # (in either language: the Turkish is the catalogue'"'"'s).
        s/^((Your e|E)scalations \d+ to \d+ of \d+|(Amire iletilenler|İlettikleriniz) \d+-\d+ \/ \d+),.*$/<INBOX PAGE>/;
        s/> \Q$ENV{POSITION}\E$/> <POS>/ if $ENV{POSITION};
        print;'
}

# compare NAME ACTUAL: the normalised transcript equals expected/NAME.txt.
# With GISE_BLESS=1 the expected file is written instead (then read it!).
compare() {
    name=$1 raw=$2
    expected="$top/tests/line/expected/$name.txt"
    normalise <"$raw" >"$work/$name.actual"
    if [ "${GISE_BLESS:-}" = 1 ]; then
        cp "$work/$name.actual" "$expected"
    fi
    diff -u "$expected" "$work/$name.actual" >"$work/$name.diff"; same=$?
    check '[ $same = 0 ]' "transcript $name is as expected" "$(head -n 40 "$work/$name.diff")"
    check '! LC_ALL=C grep -q "$(printf "\033")" "$raw"' "transcript $name holds no escape code"
}
