#!/bin/sh
# The floors of DESIGN.md's Layout, on the real tree, and proof that the
# checker catches each kind of breach: a copy of the tree gets one breach at
# a time, and the checker must fail on it naming the file.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
check="$top/tests/layout/floors.pl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

echo "1..9"

if out=$(perl "$check" "$top" 2>&1); then
    ok "the tree keeps its floors ($(echo "$out" | tail -n 1))"
else
    not_ok "the tree keeps its floors" "$out"
fi

# A fresh copy of the sources for each breach.
copy() {
    rm -rf "$work/tree"
    mkdir -p "$work/tree"
    (cd "$top" && tar cf - app screens db i18n) | (cd "$work/tree" && tar xf -)
}

# breach NAME FILE LINE-TO-ADD EXPECTED-WORDS
breach() {
    name=$1 file=$2 line=$3 expect=$4
    copy
    printf '%s\n' "$line" >>"$work/tree/$file"
    if out=$(perl "$check" "$work/tree" 2>&1); then
        not_ok "caught: $name" "the checker passed a tree where $file has: $line"
    elif echo "$out" | grep -q "$expect"; then
        ok "caught: $name"
    else
        not_ok "caught: $name" "expected '$expect' in:" "$out"
    fi
}

breach "db/ includes the core (an include climbs up)" db/citizen.c \
    '#include "app/core/session.h"' 'db/citizen.c:.*climbs up'
breach "the core includes a screen" app/core/actions.c \
    '#include "screens/app.h"' 'app/core/actions.c:.*climbs up'
breach "line mode includes the screens (side by side)" app/line/plain.c \
    '#include "screens/widgets/draw.h"' 'side by side'
# filter.c includes fold.h; fold.h including filter.h closes a circle.
breach "a circle of includes" i18n/text/fold.h \
    '#include "i18n/text/filter.h"' 'include circle: .*i18n/text/f'
breach "a status compared in C" screens/application.c \
    'static int x(const char *s) { return strcmp(s, "in_review") == 0; }' 'compares a status or role'
breach "a role compared in C" app/core/live.c \
    'static int y(const char *r) { return strcmp(r, "supervisor") == 0; }' 'compares a status or role'
breach "libpq called outside db/" app/core/actions.c \
    'static void z(void) { PQclear(0); }' 'libpq outside db'
breach "curses outside the screens" app/core/live.c \
    '#include <curses.h>' 'curses outside screens'
