#!/bin/sh
# The audit trail proves itself outside the database (issue 13, point 3).
# A sealer account (OS user gise-sealer, its Ed25519 key 0600, which the
# database owner cannot read) chains and seals; then the database owner
# tampers as an owner can (deletes the tail, rewrites a row, rehashes the
# whole chain, disables the append-only trigger) and `gise audit verify`,
# given the public key and the seal file, reports each; the sealer refuses
# to seal over a chain that no longer ends in its last seal. Needs root (to
# make the account); otherwise skipped, saying so.
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
    echo "1..0 # SKIP needs root to create the gise-sealer account (run the tests as root)"
    exit 0
fi
for tool in useradd userdel runuser openssl; do
    command -v $tool >/dev/null || { echo "1..0 # SKIP $tool is not installed"; exit 0; }
done
. "$(dirname "$0")/lib.sh"
chmod 755 "$work"
chmod 666 "$sock"

# The account, its key (only it can read it), the public key for anyone,
# and the seal file in a directory only it writes.
# An account this test makes goes on any exit, a failed or killed run's too:
# a gise-sealer left behind makes tests/pkg/deb.t refuse to run (it takes it
# for an administrator's). One that was there before is left alone.
if ! id gise-sealer >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin gise-sealer
    trap 'kill "$listener" 2>/dev/null; userdel gise-sealer 2>/dev/null' EXIT
fi
home="$work/sealer"
mkdir -p "$home" "$work/seals"
chown gise-sealer "$home" "$work/seals"
chmod 700 "$home"
chmod 755 "$work/seals"
key="$home/key.pem"
pub="$work/seal-public.pem"
seals="$work/seals/gise.seals"
runuser -u gise-sealer -- sh -c "umask 077 && openssl genpkey -algorithm ed25519 -out '$key'" 2>/dev/null
runuser -u gise-sealer -- openssl pkey -in "$key" -pubout >"$pub" 2>/dev/null
check '[ "$(stat -c %a "$key")" = 600 ] && [ "$(stat -c %U "$key")" = gise-sealer ]' "the sealer's key is 0600 and its own"
# The database owner is the postgres account: it cannot read the key, nor
# through the server (pg_read_file runs as that account), nor write seals.
check '! runuser -u postgres -- cat "$key" >/dev/null 2>&1' "the database owner's account cannot read the key"
check '! sql "SELECT pg_read_file('"'$key'"')" >/dev/null 2>&1' "nor can the database owner read it through the server"
check '! runuser -u postgres -- sh -c "echo forged >>$seals" 2>/dev/null' "nor write the seal file"

# The private cluster's socket directory reachable as /run/postgresql is.
chmod o+x "$(dirname "$PGHOST")" "$PGHOST"
seal() { runuser -u gise-sealer -- env PGHOST="$PGHOST" PGPORT="$PGPORT" PGDATABASE="$PGDATABASE" \
             PGUSER=gise-sealer GISE_SYSLOG_SOCKET="$sock" XDG_CONFIG_HOME="$work/xdg" \
             "${GISE_BIN:-$top/gise}" audit seal --lang en --key "$key" --seals "$seals" 2>&1; }

# Before the database has a role for the account (as right after the
# package is installed, its timer running), the sealer waits: a notice,
# exit 0, no seal file.
sql 'DROP ROLE IF EXISTS "gise-sealer"' >/dev/null
out=$(seal); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "^gise: not sealing yet (no seal so far; see gise(1), AUDIT TRAIL): .*gise-sealer" && [ ! -e "$seals" ]' \
    "with no seal yet and no role, the sealer says it is waiting and exits 0" "$rc: $out"
sleep 0.2
check 'grep -q "^<85>.*: event=audit-seal-waiting login=- reason=" "$log"' \
    "and says so in syslog, as a notice (authpriv.notice)" "$(cat "$log")"

# The database side: a login role for the account, in gise_sealer.
sql 'CREATE ROLE "gise-sealer" LOGIN IN ROLE gise_sealer' >/dev/null
verify() { PGUSER=ank_auditor "${GISE_BIN:-$top/gise}" audit verify --lang en --public-key "$pub" --seals "$seals" 2>&1; }

# Something to seal: audited staff and office changes (changing nothing,
# so that the other tests find the demo as it was).
sql "UPDATE gise.staff SET display_name = display_name WHERE role_name IN ('ank_clerk1', 'ank_clerk2', 'ist_clerk1');
     UPDATE gise.office SET name_en = name_en" >/dev/null

out=$(seal); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "^Sealed the audit chain at seq [1-9]"' "the sealer chains and seals" "$rc: $out"
out=$(seal); rc=$?
check '[ "$rc" = 0 ] && [ "$(grep -c "^gise-seal 1 seq=" "$seals")" = 2 ]' "a second run appends a second seal" "$rc: $out"
sleep 0.2
check 'grep -q "event=audit-seal login=gise-sealer chained=[0-9]* gise-seal 1 seq=" "$log"' "each seal goes to syslog too" "$(cat "$log")"
out=$(verify); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "breaks 0\."' "verify finds the sealed chain intact" "$rc: $out"
check '[ "$(sql "SELECT count(*) FROM gise.audit_verify_all()")" = 0 ]' "and so does the check inside the database"

# A staff member's powers come from gise.staff alone: a direct GRANT leaves
# no row anywhere, and verify reports the difference until it is undone.
sql "GRANT gise_supervisor TO ank_clerk1" >/dev/null
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "staff ank_clerk1: the role is a member of gise_supervisor"' \
    "verify reports a direct GRANT the staff table does not give" "$rc: $out"
sql "REVOKE gise_supervisor FROM ank_clerk1" >/dev/null
out=$(verify); rc=$?
check '[ "$rc" = 0 ]' "and nothing once it is revoked" "$rc: $out"

# Rows after the last seal are not lost: verify says the next seal covers them.
sql "UPDATE gise.staff SET display_name = display_name WHERE role_name = 'ank_clerk1'" >/dev/null
out=$(verify); rc=$?
check '[ "$rc" = 0 ] && printf "%s" "$out" | grep -q "The next seal will cover the rest: chained rows after it 0, rows not chained yet [1-9]"' \
    "rows after the last seal are named as covered by the next one" "$rc: $out"
seal >/dev/null

# Keep the sealed state, to put it back after each tampering.
sql "DROP TABLE IF EXISTS public.seal_t_audit, public.seal_t_access, public.seal_t_chain;
     CREATE TABLE public.seal_t_audit AS SELECT * FROM gise.audit_log;
     CREATE TABLE public.seal_t_access AS SELECT * FROM gise.access_log;
     CREATE TABLE public.seal_t_chain AS SELECT * FROM gise.chain" >/dev/null
restore() {
    sql "SET session_replication_role = replica;
         DELETE FROM gise.audit_log; DELETE FROM gise.access_log; DELETE FROM gise.chain;
         INSERT INTO gise.audit_log OVERRIDING SYSTEM VALUE SELECT * FROM public.seal_t_audit;
         INSERT INTO gise.access_log OVERRIDING SYSTEM VALUE SELECT * FROM public.seal_t_access;
         INSERT INTO gise.chain SELECT * FROM public.seal_t_chain" >/dev/null
    sql "ALTER TABLE gise.audit_log ENABLE TRIGGER audit_log_append_only" >/dev/null
}
head=$(sql "SELECT max(seq) FROM gise.chain")
mid=$(sql "SELECT source_id FROM gise.chain WHERE source = 'audit' ORDER BY seq OFFSET 1 LIMIT 1")

# 1. The owner deletes the tail (chain rows and the rows they cover).
sql "SET session_replication_role = replica;
     DELETE FROM gise.audit_log WHERE id IN (SELECT source_id FROM gise.chain WHERE seq > $head - 2 AND source = 'audit');
     DELETE FROM gise.access_log WHERE id IN (SELECT source_id FROM gise.chain WHERE seq > $head - 2 AND source = 'access');
     DELETE FROM gise.chain WHERE seq > $head - 2" >/dev/null
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "rows were removed from its end"' "deleting the tail is found" "$rc: $out"
check '[ "$(sql "SELECT count(*) FROM gise.audit_verify_all()")" = 0 ]' \
    "(which the database alone cannot see: that is what the seals are for)"
out=$(seal); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "not sealed"' "and the sealer refuses to seal over it" "$rc: $out"
sleep 0.2
check 'grep -q "event=audit-seal-refused" "$log"' "raising an alert in syslog" "$(cat "$log")"
restore

# 2. The owner rewrites a sealed row.
sql "SET session_replication_role = replica;
     UPDATE gise.audit_log SET details = details || '{\"by\": \"someone else\"}' WHERE id = $mid" >/dev/null
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "audit row $mid was changed after it was chained"' \
    "rewriting a row is found, naming it" "$rc: $out"
restore

# 3. The owner rewrites a row and rehashes the whole chain to match.
sql "SET session_replication_role = replica;
     UPDATE gise.audit_log SET details = details || '{\"by\": \"someone else\"}' WHERE id = $mid;
     SET \"TimeZone\" = 'UTC';
     DO \$\$ DECLARE c record; prev bytea := '\\x' || repeat('00', 32); rh bytea; BEGIN
       FOR c IN SELECT ch.seq, ch.source, CASE ch.source WHEN 'audit' THEN to_jsonb(a) ELSE to_jsonb(x) END AS j
                FROM gise.chain ch LEFT JOIN gise.audit_log a ON ch.source = 'audit' AND a.id = ch.source_id
                LEFT JOIN gise.access_log x ON ch.source = 'access' AND x.id = ch.source_id ORDER BY ch.seq LOOP
         rh := sha256(gise.chain_row_text(c.source, c.j));
         UPDATE gise.chain SET row_hash = rh, prev_hash = prev, hash = sha256(prev || int8send(c.seq) || rh)
          WHERE seq = c.seq RETURNING hash INTO prev;
       END LOOP; END \$\$" >/dev/null
check '[ "$(sql "SELECT count(*) FROM gise.audit_verify_all()")" = 0 ]' "a rehash fools the check inside the database"
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "the chain differs from the seal of .* (rewritten or rehashed)"' \
    "but not verify with the seals" "$rc: $out"
out=$(seal); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "not the one sealed"' "nor the sealer" "$rc: $out"
restore

# 4. The owner disables the append-only trigger and deletes a row.
sql "ALTER TABLE gise.audit_log DISABLE TRIGGER audit_log_append_only;
     DELETE FROM gise.audit_log WHERE id = $mid" >/dev/null
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "audit row $mid is gone"' "deleting a row behind a disabled trigger is found" "$rc: $out"
restore

# 5. A seal removed from the file, and a forged one.
cp "$seals" "$work/seals.kept"
sed -i 2d "$seals"
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "a seal was removed"' "a seal taken out of the file is found" "$rc: $out"
cp "$work/seals.kept" "$seals"
tail -n 1 "$seals" | sed 's/seq=\([0-9]*\)/seq=9\1/' >>"$seals"
out=$(verify); rc=$?
check '[ "$rc" = 1 ] && printf "%s" "$out" | grep -q "is not signed by this key"' "a seal not made with the key is found" "$rc: $out"
cp "$work/seals.kept" "$seals"
chown gise-sealer "$seals"

out=$(verify); rc=$?
check '[ "$rc" = 0 ]' "put back, the chain verifies again" "$rc: $out"

# Once a seal exists, losing the database is no longer "not set up yet":
# an owner who drops the sealer's role makes the run fail, not wait.
sql 'DROP ROLE "gise-sealer"' >/dev/null
out=$(seal); rc=$?
check '[ "$rc" = 1 ] && ! printf "%s" "$out" | grep -q "not sealing yet"' \
    "after the first seal, a sealer whose role was dropped fails (exit 1) instead of waiting" "$rc: $out"

sql 'DROP TABLE public.seal_t_audit, public.seal_t_access, public.seal_t_chain' >/dev/null
cli_done
