#!/bin/sh
# `make bench`: latency tables measured on the private demo database.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
set -a; . "${GISE_VAR:-$top/var}/pg.env"; set +a
export GISE_PGSUPERUSER
queries=${GISE_BENCH_QUERIES:-1000}
"$top/build/tests/bench/search_bench" "$queries"
echo
"$top/build/tests/bench/open_bench" "${GISE_BENCH_OPENS:-1000}"
echo
"$top/build/tests/bench/workflow_bench" "${GISE_BENCH_APPS:-300}"
echo
cd "$top"
"$top/build/tests/bench/tui_bench" "${GISE_BENCH_KEYS:-1000}"
echo
"$top/build/tests/bench/text_bench" "${GISE_BENCH_ROUNDS:-200}"
