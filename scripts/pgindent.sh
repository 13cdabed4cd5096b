#!/usr/bin/env bash
# PostgreSQL's layout for src/*.c and src/*.h: pg_bsd_indent (Debian's
# pg-bsd-indent, installed by scripts/deps.sh when missing) with the options
# PostgreSQL's src/tools/pgindent/pgindent gives it and the typedef names of
# src/typedefs.list, then the one fix-up of its output that pgindent makes
# for this code: a single space before the '*' of a function's return type.
#
#   scripts/pgindent.sh           re-indent src/ in place (make pgindent)
#   scripts/pgindent.sh --check   change nothing; list the files that would
#                                 change, with the diff, and exit 1 if any
#                                 would (make pgindent-check, part of make test)
#   scripts/pgindent.sh --typedefs
#                                 write src/typedefs.list from the build's
#                                 debug information: every typedef
#                                 paginate.so uses, PostgreSQL's and ours, as
#                                 PostgreSQL's src/tools/find_typedef finds them
#                                 (after a change that adds a typedef)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root"

options=(-bad -bap -bbb -bc -bl -cli1 -cp33 -cdb -nce -d0 -di12 -nfc1 -i4 -l79
    -lp -lpl -nip -npro -sac -tpg -ts4)

if [[ ${1:-} == --typedefs ]]; then
    make --no-print-directory -s
    command -v objdump >/dev/null || { echo "pgindent.sh: objdump (binutils) is needed" >&2; exit 1; }
    # bool is a macro of stdbool.h, a typedef to pgindent all the same
    { objdump -W paginate.so | grep -E -A3 '\(DW_TAG_typedef\)' |
        awk '$2 == "DW_AT_name" { print $NF }'; echo bool; } | LC_ALL=C sort -u >src/typedefs.list
    echo "src/typedefs.list: $(wc -l <src/typedefs.list) names"
    exit 0
fi

bash scripts/deps.sh pg-bsd-indent
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for f in src/*.c src/*.h; do
    cp "$f" "$work/file.c"
    (cd "$work" && pg_bsd_indent "${options[@]}" -U"$root/src/typedefs.list" file.c)
    # "static char *" on its line, as pgindent leaves it, not "static char\t*"
    perl -0pi -e 's/^([A-Za-z_]\S*)[ \t]+\*$/$1 */gm' "$work/file.c"
    if ! cmp -s "$f" "$work/file.c"; then
        if [[ ${1:-} == --check ]]; then
            diff -u "$f" "$work/file.c" | sed "1,2s|$work/file.c|$f (pgindent)|" || true
            status=1
        else
            cp "$work/file.c" "$f"
            echo "pgindent: $f"
        fi
    fi
done
if [[ ${1:-} == --check && $status -ne 0 ]]; then
    echo "pgindent.sh: src/ is not pgindent-clean: run make pgindent" >&2
fi
exit "$status"
