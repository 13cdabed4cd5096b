#!/usr/bin/env bash
# shellcheck disable=SC2016  # Markdown backticks in single quotes are literal
# make bench-keyset (and the second part of make bench): keyset pages on
# 1,000,000 rows (bench/keyset.sql) in the shapes users have, forward and
# backward, at the first page and 10%, 50% and 90% into the walk, each
# against the same page fetched by a hand-written row-value (or, for mixed
# directions, OR) predicate.  Writes bench/KEYSET.md.
#
#   nulls_last       order by created_at            created_at nullable (5%)
#   nulls_first      order by created_at nulls first
#   mixed            order by status, created_at desc
#   low_cardinality  order by status, day, id       5 statuses
#   ties             order by day                   100 days: ties, tiebreak id
#   view             ... from ev_v order by created_at
#   not_selected     select title ... order by day  keys not in the select list
#
# Each contender is a pgbench script written to bench/out/keyset/, run as
#   pgbench -n -M prepared -T $BENCH_SECONDS -c 1 -j 1 -f script
# BENCH_ROUNDS rounds; within a shape the order rotates each round.  A
# contender's figure is the median of its rounds' average latencies.  The
# targets: deep ÷ first page at most 2 (every depth, both directions), and
# paginate at 90% ÷ the hand-written statement at most 1.5.
#
# Environment: BENCH_SECONDS [3], BENCH_ROUNDS [3], BENCH_BUILD [1],
# BENCH_KEYSET_RESULTS [bench/KEYSET.md].  Exit code 0 when everything ran
# and the sanity checks passed, whatever the ratios.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

seconds=${BENCH_SECONDS:-3}
rounds=${BENCH_ROUNDS:-3}
build=${BENCH_BUILD:-1}
results=${BENCH_KEYSET_RESULTS:-bench/KEYSET.md}
db=paginate_bench_keyset
out=$root/bench/out/keyset
started_at=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
die() { echo "bench/keyset: $*" >&2; exit 1; }

command="make bench-keyset"
for v in BENCH_SECONDS BENCH_ROUNDS BENCH_BUILD; do
    [[ -z ${!v:-} ]] || command="$v=${!v} $command"
done

git_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$(git status --porcelain -- src sql Makefile paginate.control 2>/dev/null | wc -l)
[[ $build != 0 ]] && scripts/build.sh

bench_cluster "$db"
q() { "${psql[@]}" -tA -c "$1"; }

rm -rf "$out"
mkdir -p "$out"
echo "== data: a fresh database $db (bench/keyset.sql)"
t0=$(date +%s)
"$bindir/psql" -X -q -d postgres -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
"${psql[@]}" -f bench/keyset.sql
echo "loaded in $(($(date +%s) - t0))s"

shapes=(nulls_last nulls_first mixed low_cardinality ties view not_selected)
depths=(first 10 50 90)
dirs=(after before)

# The contenders of a shape: paginate at each direction and depth, and the
# hand-written statement at 90% in each direction.
contenders() { # shape
    local d p
    for d in "${dirs[@]}"; do
        for p in "${depths[@]}"; do echo "$1.$d.$p"; done
        echo "$1.$d.hand"
    done
}
write_script() { # contender: bench/out/keyset/NAME.sql
    local name=$1 shape dir depth query hand rowtype
    IFS=. read -r shape dir depth <<<"$name"
    query=$(q "SELECT query FROM bench_shape WHERE name = '$shape'")
    if [[ $depth == hand ]]; then
        hand=$(q "SELECT hand_$dir FROM bench_shape WHERE name = '$shape'")
        printf '%s\n' "SELECT k1, k2, k3 FROM bench_pos WHERE name = '$shape.$dir.90' \\gset" \
            "$hand;" >"$out/$name.sql"
    else
        rowtype=$(q "SELECT rowtype FROM bench_shape WHERE name = '$shape'")
        printf '%s\n' "SELECT cursor AS cur FROM bench_pos WHERE name = '$name' \\gset" \
            "SELECT * FROM paginate_as(NULL::$rowtype, '$query', $dir => :cur, per_page => 20);" >"$out/$name.sql"
    fi
}

echo "== sanity: paginate's page = the hand-written statement's, at 90%"
checks=$out/checks.txt
: >"$checks"
for s in "${shapes[@]}"; do
    for d in "${dirs[@]}"; do
        query=$(q "SELECT query FROM bench_shape WHERE name = '$s'")
        hand=$(q "SELECT replace(replace(replace(hand_$d, ':k1', quote_nullable(k1)), ':k2', quote_nullable(k2)), ':k3', quote_nullable(k3))
                    FROM bench_shape, bench_pos WHERE bench_shape.name = '$s' AND bench_pos.name = '$s.$d.90'")
        order=$([[ $d == after ]] && echo "" || echo "DESC")
        got=$(q "SELECT (SELECT array_agg(p ORDER BY n $order) FROM (SELECT p, row_number() OVER () AS n
                           FROM paginate('$query', $d => (SELECT cursor FROM bench_pos WHERE name = '$s.$d.90'), per_page => 20) p) x)
                      = (SELECT array_agg(to_jsonb(h)) FROM (SELECT * FROM ($hand) h0 LIMIT 20) h)" 2>&1) || true
        printf '| %s %s | %s |\n' "$s" "$d" "$([[ $got == t ]] && echo yes || echo "**NO** ($got)")" >>"$checks"
        [[ $got == t ]] || echo "bench/keyset: sanity check failed: $s $d: $got" >&2
    done
done
checks_ok=1
grep -q '\*\*NO\*\*' "$checks" && checks_ok=0

lat_file=$out/latency.tsv
: >"$lat_file"
run() { # name log
    "$bindir/pgbench" -n -M prepared -T "$seconds" -c 1 -j 1 -f "$out/$1.sql" "$db" >"$2" 2>&1 ||
        { cat "$2" >&2; die "pgbench failed for $1"; }
    grep -q '^number of failed transactions: 0 ' "$2" || { cat "$2" >&2; die "$1: failed transactions"; }
}
total=0
for s in "${shapes[@]}"; do
    for c in $(contenders "$s"); do write_script "$c"; total=$((total + 1)); done
done
echo "== measure: $rounds rounds x $total contenders x ${seconds}s (about $((rounds * total * seconds / 60 + 1)) min)"
for ((r = 1; r <= rounds; r++)); do
    for s in "${shapes[@]}"; do
        mapfile -t names < <(contenders "$s")
        n=${#names[@]}
        for ((k = 0; k < n; k++)); do
            name=${names[$(((k + r - 1) % n))]}
            log=$out/$name.r$r.log
            run "$name" "$log"
            lat=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$log")
            [[ -n $lat ]] || { cat "$log" >&2; die "no latency in $log"; }
            printf '%s\t%s\t%s\t%s\n' "$name" "$r" "$lat" "$(cut -d' ' -f1 /proc/loadavg)" >>"$lat_file"
            printf '  round %d  %-28s %8.3f ms\n' "$r" "$name" "$lat"
        done
    done
done

# The plans, for the report: paginate_explain at 90% forward.
for s in "${shapes[@]}"; do
    query=$(q "SELECT query FROM bench_shape WHERE name = '$s'")
    "${psql[@]}" -tA -c "SELECT * FROM paginate_explain('$query', after => (SELECT cursor FROM bench_pos WHERE name = '$s.after.90'), per_page => 20, count => 'none')" \
        >"$out/explain.$s.txt"
done

# --------------------------------------------------------------------------
median() { # name: the median of its rounds' latencies
    awk -F'\t' -v n="$1" '$1 == n { print $3 }' "$lat_file" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; if (r < 0.01) printf "%.2g", r; else printf "%.2f", r }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "**missed**") }'; }

{
    echo "# Keyset benchmark: every shape, forward and backward, at depth"
    echo
    echo "Written by \`bench/keyset.sh\` ($command) on $started_at, commit $git_rev$([[ $git_dirty -gt 0 ]] && echo " (with uncommitted changes)"), PostgreSQL $(q 'SHOW server_version'), $(nproc) CPUs, load at the end $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "1,000,000 rows of \`ev\` (\`bench/keyset.sql\`), 20 rows a page, an index that matches each ORDER BY with its tiebreak. Each figure is the median over $rounds rounds of a ${seconds}s single-client \`pgbench -M prepared\` run's average latency, in ms. Forward: the page after row 40 (first), 100,000, 500,000, 900,000; backward: the page before row 999,961 (first), 900,001, 500,001, 100,001. paginate's figure is one call of the typed form, \`paginate_as(NULL::rowtype, query, after|before => cursor, per_page => 20)\` (rows as the hand-written statement returns them): the page, one row more for has_next (has_prev), and nothing else: the row forms return no metadata, so they run no first (last) row statement for has_prev (has_next) and make no cursors (paginate_response and paginate_meta do both). The hand-written statement fetches the same 21 rows with the row's key values bound (a prepared statement), and nothing else."
    echo
    echo "| shape | query | direction | first | 10% | 50% | 90% | deep ÷ first (worst, target ≤ 2) | hand-written at 90% | paginate ÷ hand-written at 90% (target ≤ 1.5) |"
    echo "|---|---|---|---:|---:|---:|---:|---|---:|---|"
    for s in "${shapes[@]}"; do
        query=$(q "SELECT query FROM bench_shape WHERE name = '$s'")
        for d in "${dirs[@]}"; do
            f=$(median "$s.$d.first")
            worst=0
            row="| $s | \`$query\` | $d | $f"
            for p in 10 50 90; do
                m=$(median "$s.$d.$p")
                row+=" | $m"
                worst=$(awk -v w="$worst" -v r="$(ratio "$m" "$f")" 'BEGIN { print (r > w ? r : w) }')
            done
            h=$(median "$s.$d.hand")
            hr=$(ratio "$(median "$s.$d.90")" "$h")
            row+=" | $(printf '%.2f' "$worst") $(verdict "$worst" 2) | $h | $hr $(verdict "$hr" 1.5) |"
            echo "$row"
        done
    done
    echo
    echo "## Sanity checks: paginate's page at 90% = the hand-written statement's"
    echo
    echo "| shape, direction | same rows |"
    echo "|---|---|"
    cat "$checks"
    echo
    echo "## The statements at 90% forward (\`paginate_explain\`)"
    for s in "${shapes[@]}"; do
        echo
        echo "<details><summary>$s</summary>"
        echo
        echo '```'
        cat "$out/explain.$s.txt"
        echo '```'
        echo "</details>"
    done
    echo
    echo "## Every round (ms)"
    echo
    echo "| contender | rounds |"
    echo "|---|---|"
    for s in "${shapes[@]}"; do
        for c in $(contenders "$s"); do
            echo "| $c | $(awk -F'\t' -v n="$c" '$1 == n { printf "%s ", $3 }' "$lat_file")|"
        done
    done
} >"$results"
echo "== wrote $results"
[[ $checks_ok == 1 ]] || die "sanity checks failed (see $results)"
