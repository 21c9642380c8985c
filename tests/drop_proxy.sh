# The proxy that loses an answer on demand (tests/drop_proxy.pl), for a
# test sourced after tests/tap.sh with $work set: drop_proxy_start starts
# it in $work/proxy (gise reaches the database through it with
# PGHOST=$proxy_dir), waits for its socket and stops it when the test
# exits. Orders go to $control (see drop_proxy.pl).
drop_proxy_start() {
    proxy_dir="$work/proxy"
    control="$work/drop"
    mkdir -p "$proxy_dir"
    : >"$control"
    perl "$top/tests/drop_proxy.pl" "$proxy_dir/.s.PGSQL.$PGPORT" "$PGHOST/.s.PGSQL.$PGPORT" "$control" \
        </dev/null >"$work/proxy.log" 2>&1 &
    proxy=$!
    dp_i=0
    while [ ! -S "$proxy_dir/.s.PGSQL.$PGPORT" ] && [ $dp_i -lt 200 ]; do sleep 0.01; dp_i=$((dp_i + 1)); done
    trap 'kill $proxy 2>/dev/null' EXIT
}
