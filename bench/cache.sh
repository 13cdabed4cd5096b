#!/usr/bin/env bash
# shellcheck disable=SC2016  # Markdown backticks in single quotes are literal
# make bench-cache (and the third part of make bench): the memory of a backend
# that pages many distinct query texts in one statement, where the query
# cache's cap (256 texts) must hold before the transaction ends.  Writes
# bench/CACHE.md.
#
# Each case runs in a fresh backend (psql) as one DO block; the backend's
# RssAnon (private memory, not shared_buffers) is read from /proc/PID/status
# every ~10 ms while it runs, the baseline being the first sample, taken
# after a warm-up call.  The cases, BENCH_CACHE_TEXTS (100,000) calls each:
#
#   distinct   paginate_meta of a new text each call (a table query with an
#              ORDER BY, a count and cursors): the cache keeps 256
#   same       paginate_meta of one text each call: one entry
#   execute    EXECUTE of the same distinct texts without paginate: what
#              PostgreSQL itself keeps for them
#
# The target: distinct's peak - baseline at most 64 MB.  Exit code 0 when
# every case ran, whatever the figures.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

texts=${BENCH_CACHE_TEXTS:-100000}
build=${BENCH_BUILD:-1}
results=${BENCH_CACHE_RESULTS:-bench/CACHE.md}
db=paginate_bench_cache
out=$root/bench/out/cache
started_at=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
die() { echo "bench/cache: $*" >&2; exit 1; }

command="make bench-cache"
for v in BENCH_CACHE_TEXTS BENCH_BUILD; do
    [[ -z ${!v:-} ]] || command="$v=${!v} $command"
done

git_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ $build != 0 ]] && scripts/build.sh

bench_cluster "$db"

rm -rf "$out"
mkdir -p "$out"
"$bindir/psql" -X -q -d postgres -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
"${psql[@]}" <<'SQL'
CREATE EXTENSION paginate;
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 1000) g;
ANALYZE items;
SQL

# case name, the DO block's loop body ($1 of format: the call number)
declare -A body=(
    [distinct]="PERFORM paginate_meta(format('select id, name from items where id > %s order by id', i), 1, 10);"
    [same]="PERFORM paginate_meta('select id, name from items where id > 500 order by id', 1, 10);"
    [execute]="EXECUTE format('select count(*) from (select id, name from items where id > %s order by id limit 10) s', i);"
)
cases=(distinct same execute)

run_case() { # name: prints peak_kB base_kB samples ms
    local name=$1 dir=$out/$1 pid client base='' peak=0 samples=0 key value rest ms
    mkdir -p "$dir"
    "${psql[@]}" -tA >"$dir/psql.out" 2>&1 <<SQL &
SELECT count(*) FROM paginate('select 1 order by 1', 1, 1);
\o $dir/pid
SELECT pg_backend_pid();
\o
SELECT pg_sleep(0.3);
\timing on
DO \$\$ BEGIN FOR i IN 1..$texts LOOP ${body[$name]} END LOOP; END \$\$;
\timing off
SELECT count(DISTINCT query) FROM paginate_cache();
SQL
    client=$!
    until [[ -s $dir/pid ]]; do
        kill -0 "$client" 2>/dev/null || { cat "$dir/psql.out" >&2; die "case $name failed"; }
        sleep 0.01
    done
    pid=$(tr -d '[:space:]' <"$dir/pid")
    read -r base peak samples < <(rss_peak "$pid" "$client")
    wait "$client" || { cat "$dir/psql.out" >&2; die "case $name failed"; }
    ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$dir/psql.out" | head -n1)
    held=$(tail -n1 "$dir/psql.out")
    echo "$peak $base $samples $ms $held"
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
declare -A peak base samples ms held
for c in "${cases[@]}"; do
    echo "== $c: $texts calls in one DO block"
    read -r peak[$c] base[$c] samples[$c] ms[$c] held[$c] < <(run_case "$c")
    printf '  peak RssAnon %d kB, baseline %d kB, %d samples, %s ms, %s cache entries after\n' \
        "${peak[$c]}" "${base[$c]}" "${samples[$c]}" "${ms[$c]}" "${held[$c]}"
done

growth_kb=$((peak[distinct] - base[distinct]))
verdict=$(awk -v g="$growth_kb" 'BEGIN { print (g <= 64 * 1024 ? "met" : "**missed**") }')
{
    echo "# Query cache benchmark: many distinct texts in one statement"
    echo
    echo "Written by \`bench/cache.sh\` (\`$command\`) on $started_at, commit $git_rev, $("${psql[@]}" -tA -c 'SELECT version()' | sed 's/ on .*//'), $(nproc) CPUs."
    echo
    echo "Each case is one \`DO\` block of $(printf "%'d" "$texts") calls in a fresh backend, over \`items\` (1,000 rows, primary key \`id\`). Memory is the backend's \`RssAnon\` (private memory), sampled every ~10 ms from \`/proc/PID/status\`; the baseline is the first sample, after a warm-up call. The query cache keeps at most 256 texts, inside a statement too; the target is a growth of at most 64 MB for distinct texts."
    echo
    echo "| case | loop body | peak − baseline (MB) | baseline (MB) | time (ms) | samples | \`paginate_cache()\` texts after |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    for c in "${cases[@]}"; do
        echo "| $c | \`${body[$c]}\` | $(mb $((peak[$c] - base[$c]))) | $(mb "${base[$c]}") | ${ms[$c]} | ${samples[$c]} | ${held[$c]} |"
    done
    echo
    echo "Verdict: $(printf "%'d" "$texts") distinct texts grow the backend by $(mb "$growth_kb") MB against ≤ 64 MB: $verdict. For comparison, the same calls of one text: $(mb $((peak[same] - base[same]))) MB; PostgreSQL's own \`EXECUTE\` of the distinct texts: $(mb $((peak[execute] - base[execute]))) MB."
} >"$results"
echo "== wrote $results"
