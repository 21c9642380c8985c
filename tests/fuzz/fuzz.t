#!/bin/sh
# The libFuzzer harnesses (tests/fuzz/fuzz_*.c, built by `make fuzz` with
# clang, AddressSanitizer and UBSan) each run for a few seconds on their
# corpus (tests/fuzz/corpus/NAME/, what they find meanwhile kept aside), one
# TAP result each: ok when no promise broke and no sanitizer spoke. Without
# clang this fails rather than skips (`make deps` installs it). A finding is
# kept in var/test/fuzz/ to replay: build/fuzz/fuzz_NAME FILE.
# GISE_FUZZ_SECONDS sets the time per harness (3).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. tests/tap.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kept="${GISE_VAR:-$top/var/test}/fuzz"
seconds=${GISE_FUZZ_SECONDS:-3}

# Known faults a harness finds, named, until they are mended: reported as
# TODO, not counted as failed; prove says "TODO passed" once one is.
known() {
    case $1 in
    esac
}

built=$(env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory fuzz 2>&1); rc=$?
check '[ "$rc" = 0 ]' "the harnesses build (make fuzz, with clang)" "$built"

for src in tests/fuzz/fuzz_*.c; do
    name=${src#tests/fuzz/fuzz_}
    name=${name%.c}
    mkdir -p "$work/$name"
    env -u ASAN_OPTIONS -u UBSAN_OPTIONS "build/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/$name-" \
        "$work/$name" "tests/fuzz/corpus/$name" >"$work/$name.log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
    found=$(ls "$work/$name-"* 2>/dev/null | head -n 1)
    why=""
    if [ -n "$found" ]; then
        mkdir -p "$kept"
        cp "$found" "$kept/"
        # The broken promise or the sanitizer's verdict, the frames in gise's
        # code, and the input.
        why=$(grep -m 1 -E 'broken:|ERROR: AddressSanitizer|runtime error:|ERROR: libFuzzer' "$work/$name.log"
              grep -E '^ +#[0-9]+ .* in .*(/i18n/|/app/|/db/|/screens/|/tests/fuzz/)' "$work/$name.log" | head -n 8
              echo "input (kept as $kept/${found##*/}):"
              od -An -c "$found" | head -n 8)
    elif [ "$rc" != 0 ]; then
        why=$(tail -n 20 "$work/$name.log")
    fi
    todo=$(known "$name")
    check '[ "$rc" = 0 ] && [ -z "$found" ]' \
        "$name keeps every promise over ${runs:-no} inputs (${seconds} s at most)${todo:+ # TODO $todo}" "$why"
done

echo "1..$n"
[ "$failed" -eq 0 ]
