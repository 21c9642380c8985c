#!/bin/sh
# The demo's trail verifies (issue 14, point 7): the audit and access rows
# gen_demo writes for every demo application are chained exactly like real
# rows, so a sealer (a role in gise_sealer, a throw-away Ed25519 key) seals
# the head and `gise audit verify`, as an auditor with the public key,
# checks the whole chain against that seal and finds no break, over every
# demo row. (tests/db/demo_story.sql checks what the rows say.)
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/tap.sh"
command -v openssl >/dev/null || { echo "1..0 # SKIP openssl is not installed"; exit 0; }
work=$(mktemp -d)
role=gise_demo_sealer
cleanup() { sql "DROP ROLE IF EXISTS $role" >/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export GISE_SYSLOG=no XDG_CONFIG_HOME="$work/xdg"

apps=$(sql "SELECT count(*) FROM gise.application")
demo=$(sql "SELECT count(*) FROM gise.audit_log l JOIN gise.chain c ON c.source = 'audit' AND c.source_id = l.id
            WHERE c.seq < (SELECT min(seq) FROM gise.chain WHERE source = 'access')")
visits=$(sql "SELECT count(*) FROM gise.access_log WHERE xact = (SELECT xact FROM gise.access_log WHERE id = 1)")
check '[ "$demo" -ge "$apps" ] && [ "$apps" -gt 0 ] && [ "$visits" -gt 0 ]' \
    "the demo's $apps applications come with their trail ($demo audit rows, $visits access rows)"

openssl genpkey -algorithm ed25519 -out "$work/key.pem" 2>/dev/null
chmod 600 "$work/key.pem"
openssl pkey -in "$work/key.pem" -pubout -out "$work/public.pem" 2>/dev/null
sql "DROP ROLE IF EXISTS $role; CREATE ROLE $role LOGIN IN ROLE gise_sealer" >/dev/null

out=$(PGUSER=$role "${GISE_BIN:-$top/gise}" audit seal --lang en --key "$work/key.pem" --seals "$work/seals" 2>&1); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "^Sealed the audit chain at seq [1-9]"' \
    "the sealer chains what is pending and seals the demo's chain" "$rc: $out"

start=$(date +%s%3N)
out=$(PGUSER=ank_auditor "${GISE_BIN:-$top/gise}" audit verify --lang en --public-key "$work/public.pem" --seals "$work/seals" 2>&1); rc=$?
took=$(($(date +%s%3N) - start))
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "^Checked: chain rows [0-9]*, seals 1, breaks 0\.$"' \
    "gise audit verify finds the chain intact (exit 0, no break; $took ms)" "$rc: $out"
rows=$(printf '%s\n' "$out" | sed -n 's/^Checked: chain rows \([0-9]*\),.*/\1/p')
check '[ "${rows:-0}" -ge $((demo + visits)) ]' \
    "and it checked every demo row ($rows chain rows for $demo + $visits demo rows)" "$out"

echo "1..$n"
[ "$failed" -eq 0 ]
