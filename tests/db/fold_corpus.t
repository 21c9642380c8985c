#!/bin/sh
# The folding rule has two halves, gise.fold_name() in SQL and fold_name()
# in C; search works only if they agree. This feeds every line of the corpus
# through both and requires identical keys (one TAP test per line), then
# checks that SQL folding is idempotent, as the C unit tests do for C.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$top/tests/unit/fold_corpus.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

lines=$(wc -l <"$corpus")
"$top/build/fold_keys" <"$corpus" >"$work/c"
# CSV with delimiter and quote set to bytes the corpus never holds: each line
# arrives exactly as written, spaces and backslashes included.
psql -X -q -tA -v ON_ERROR_STOP=1 -U "$GISE_TEST_SUPERUSER" >"$work/sql" <<SQL
CREATE TEMP TABLE corpus (n integer GENERATED ALWAYS AS IDENTITY, line text);
\\copy corpus (line) FROM '$corpus' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')
SELECT coalesce(gise.fold_name(line), '!NULL') FROM corpus ORDER BY n;
\\o $work/idem
SELECT count(*) FROM corpus WHERE gise.fold_name(gise.fold_name(line)) <> gise.fold_name(line);
SQL

echo "1..$((lines + 2))"
if [ "$lines" -ge 500 ]; then
    echo "ok 1 - the corpus has $lines lines (at least 500)"
else
    echo "not ok 1 - the corpus has only $lines lines"
fi
sep=$(printf '\001')
paste -d "$sep" "$work/c" "$work/sql" | awk -F "$sep" -v corpus="$corpus" '
    { getline input < corpus
      if ($1 == $2) printf "ok %d - same key for line %d\n", NR + 1, NR
      else printf "not ok %d - line %d: C \"%s\" but SQL \"%s\" for \"%s\"\n", NR + 1, NR, $1, $2, input }'
idem=$(tr -d ' \n' <"$work/idem")
if [ "$idem" = 0 ]; then
    echo "ok $((lines + 2)) - SQL folding is idempotent on the corpus"
else
    echo "not ok $((lines + 2)) - SQL folding changed $idem keys when applied twice"
fi
