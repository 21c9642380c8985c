#!/bin/sh
# How long `gise audit verify` takes over a big trail (issue 13, point 3):
# adds ROWS audit rows (default 10,000,000) to the private database, chains
# them in bulk, seals the head with a throw-away Ed25519 key, and times the
# verify of the whole chain against that seal. Not part of `make check`:
#   make bench-audit [AUDIT_ROWS=...]
# The chainer itself (gise.chain_pending) is timed on 100,000 rows; the
# bulk chaining below computes the same hashes (sha256 in the server, the
# links in Perl) so that ten million rows take minutes, not an hour.
# Leaves the rows behind (`make db N=...` with another N, or a new cluster,
# removes them).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
var=${GISE_VAR:-$top/var}
rows=${1:-10000000}
case "$rows" in *[!0-9]*|'') echo "audit bench: ROWS must be a whole number" >&2; exit 2 ;; esac
[ -f "$var/pg.env" ] || { echo "audit bench: no $var/pg.env; run: make db" >&2; exit 1; }
set -a; . "$var/pg.env"; set +a
PGUSER=$GISE_PGSUPERUSER
export PGUSER
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
q() { psql -X -q -tA -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.1f'; }

# Whatever is pending first, by the chainer itself.
q -c "SELECT gise.chain_pending(1000000)" >/dev/null

echo "audit bench: the chainer on 100,000 rows"
q -c "INSERT INTO gise.audit_log (action, entity, entity_id, application_id, details)
      SELECT 'bench_step', 'application', g, g,
             jsonb_build_object('from', 'in_review', 'to', 'awaiting_documents', 'documents', jsonb_build_array('NUFUS', 'IKAMETGAH'))
      FROM generate_series(1, 100000) g"
t0=$(now); q -c "SELECT gise.chain_pending(1000000)" >/dev/null; t1=$(now)
echo "audit bench: chain_pending: 100000 rows in $(secs "$t0" "$t1") s"

echo "audit bench: adding $rows audit rows"
t0=$(now)
q -c "INSERT INTO gise.audit_log (actor, action, entity, entity_id, application_id, details)
      SELECT (ARRAY['ank_clerk1', 'ank_clerk2', 'ist_clerk1', 'ank_supervisor'])[1 + g % 4], 'bench_step', 'application',
             g, g, jsonb_build_object('from', 'in_review', 'to', 'awaiting_documents', 'version', g % 7,
                                      'documents', jsonb_build_array('NUFUS', 'IKAMETGAH'))
      FROM generate_series(1, $rows) g"
t1=$(now); echo "audit bench: inserted in $(secs "$t0" "$t1") s"

echo "audit bench: chaining them in bulk"
t0=$(now)
head=$(q -c "SELECT seq || ' ' || encode(hash, 'hex') FROM gise.chain ORDER BY seq DESC LIMIT 1")
[ -n "$head" ] || head="0 $(printf '0%.0s' $(seq 64))"
PGOPTIONS="-c TimeZone=UTC" q -c "COPY (SELECT a.id, encode(sha256(convert_to('audit ' || jsonb_strip_nulls(to_jsonb(a))::text, 'UTF8')), 'hex')
      FROM gise.audit_log a
      WHERE NOT EXISTS (SELECT FROM gise.chain c WHERE c.source = 'audit' AND c.source_id = a.id) ORDER BY a.id) TO STDOUT" |
HEAD="$head" perl -MDigest::SHA=sha256 -ne '
    BEGIN { ($seq, $prev) = split / /, $ENV{HEAD}; $prev = pack("H*", $prev); }
    chomp; my ($id, $rh) = split /\t/; my $r = pack("H*", $rh); $seq++;
    my $h = sha256($prev . pack("Q>", $seq) . $r);
    print join("\t", $seq, "audit", $id, "\\\\x$rh", "\\\\x" . unpack("H*", $prev), "\\\\x" . unpack("H*", $h)), "\n";
    $prev = $h;' >"$work/chain.tsv"
q -c "\\copy gise.chain (seq, source, source_id, row_hash, prev_hash, hash) FROM '$work/chain.tsv'"
q -c "UPDATE gise.chain_state SET low_water = (SELECT max(id) FROM gise.audit_log), candidate = NULL, candidate_at = NULL
      WHERE source = 'audit'"
q -c "VACUUM ANALYZE gise.chain, gise.audit_log"
t1=$(now); echo "audit bench: chained in $(secs "$t0" "$t1") s"

# A seal over it, with a key made for the bench.
openssl genpkey -algorithm ed25519 -out "$work/key.pem" 2>/dev/null
chmod 600 "$work/key.pem"
openssl pkey -in "$work/key.pem" -pubout -out "$work/pub.pem" 2>/dev/null
q -c "DROP ROLE IF EXISTS gise_bench_sealer; CREATE ROLE gise_bench_sealer LOGIN IN ROLE gise_sealer"
GISE_SYSLOG=no PGUSER=gise_bench_sealer "$top/gise" audit seal --lang en --key "$work/key.pem" --seals "$work/seals"

total=$(q -c "SELECT count(*) FROM gise.chain")
echo "audit bench: gise audit verify over $total chain rows ($(q -c "SELECT pg_size_pretty(pg_total_relation_size('gise.audit_log'))") of audit log)"
t0=$(now)
GISE_SYSLOG=no PGUSER=ank_auditor "$top/gise" audit verify --lang en --public-key "$work/pub.pem" --seals "$work/seals"
t1=$(now)
echo "audit bench: verify took $(secs "$t0" "$t1") s for $total rows"
q -c "DROP ROLE gise_bench_sealer"
