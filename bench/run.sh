#!/usr/bin/env bash
# shellcheck disable=SC2016  # Markdown backticks in single quotes are literal
# make bench: build and install paginate, start the project's cluster
# (scripts/cluster.sh: reuses a running one), load deterministic data into a
# fresh database paginate_bench (bench/load.sql), then measure paginate against
# what people use instead, and write bench/RESULTS.md.
#
#   page only        paginate (jsonb and typed rows) vs a prepared LIMIT/OFFSET
#   + exact total    paginate_response vs a naive PL/pgSQL function, and vs
#                    the two statements an ORM sends (count, then the slice)
#   planned count    paginate_meta(count => 'planned') on 10M vs 1M rows
#   memory           peak RssAnon of a backend serving a 100,000-row page of
#                    1 kB rows, and a 1,000,000-row page of narrow ones
#   keyset depth     a page after a cursor at 90% depth vs after page 1, and
#                    the OFFSET page at the same depth
#
# Every contender is a pgbench script in bench/pgbench/, run as
#   pgbench -n -M prepared -T $BENCH_SECONDS -c 1 -j 1 --random-seed=S -f script
# All contenders run side by side: BENCH_ROUNDS rounds, each running every
# contender once (the order within a measure rotates from round to round),
# and every contender of a round gets the same seed, so the same sequence
# of random pages.  A contender's figure is the median of its rounds' average
# latencies.
#
# Environment (defaults in brackets):
#   BENCH_SECONDS  seconds of each pgbench run [10]
#   BENCH_ROUNDS   rounds [5]
#   BENCH_WARMUP   seconds of an unrecorded run of each contender first [2]
#   BENCH_SEED     base random seed; round r uses BENCH_SEED + r [1]
#   BENCH_BUILD    0: skip scripts/build.sh and use the installed paginate [1]
#   BENCH_RESULTS  where to write the report [bench/RESULTS.md]
#   BENCH_REPORT_ONLY  1: measure nothing, write the report again from the
#                  output of the last run in bench/out/ (after editing
#                  bench/notes/*.md, say) [0]
# A quick run: BENCH_SECONDS=2 BENCH_ROUNDS=2 make bench
#
# The exit code is 0 when everything ran and the sanity checks passed, whatever
# the ratios are: missed targets are reported, not failed.  Raw pgbench and
# psql output is kept in bench/out/.  When this script started the cluster it
# stops it at the end; the database paginate_bench stays.  make test starts a
# fresh cluster in the same .cluster/: do not run both at the same time.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

seconds=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-5}
warmup=${BENCH_WARMUP:-2}
seed=${BENCH_SEED:-1}
build=${BENCH_BUILD:-1}
report_only=${BENCH_REPORT_ONLY:-0}
results=${BENCH_RESULTS:-bench/RESULTS.md}
db=paginate_bench
out=$root/bench/out
started_at=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
t_start=$(date +%s)
load_start=$(cat /proc/loadavg)

die() { echo "bench: $*" >&2; exit 1; }
for v in seconds rounds warmup seed; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "BENCH_${v^^} must be a whole number, not '${!v}'"
done
[[ $seconds -ge 1 && $rounds -ge 1 ]] || die "BENCH_SECONDS and BENCH_ROUNDS must be at least 1"

# The command that reproduces this run, with the settings given.
command="make bench"
for v in BENCH_SECONDS BENCH_ROUNDS BENCH_WARMUP BENCH_SEED BENCH_BUILD; do
    [[ -z ${!v:-} ]] || command="$v=${!v} $command"
done

# --------------------------------------------------------------------------
# The contenders, each a script bench/pgbench/NAME.sql, in measures.  Within
# a measure the order rotates each round.
declare -A label=(
    [page_paginate]='`paginate(query, :page, 20)` (jsonb rows)'
    [page_typed]='`paginate_as(NULL::items, query, :page, 20)` (typed rows)'
    [page_sql_jsonb]='reference, not paginate: `SELECT to_jsonb(r) FROM (SELECT * FROM items ORDER BY created_at, id LIMIT 21 OFFSET :off) r`'
    [page_hand]='hand-written `SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET :off`'
    [total_response]='`paginate_response(query, :page, 20)`'
    [total_naive]='naive PL/pgSQL `naive_paginate(query, :page, 20)` (bench/setup.sql)'
    [total_orm]='ORM: `SELECT count(*) FROM (SELECT * FROM items) AS anon_1`, then the LIMIT/OFFSET slice'
    [planned_10m]='`paginate_meta(... events_10m ..., :page, 20, count => '"'planned'"')`, 10,000,000 rows'
    [planned_1m]='`paginate_meta(... events_1m ..., :page, 20, count => '"'planned'"')`, 1,000,000 rows'
    [budget_10m]='`paginate_meta(... events_10m ..., :page, 20, count_timeout => 100)`: the exact count abandoned after 100 ms'
    [exact_10m]='`paginate_meta(... events_10m ..., :page, 20)`: the exact count, no budget'
    [keyset_first]='`paginate(query, after => cursor of row 20, per_page => 20)`'
    [keyset_deep]='`paginate(query, after => cursor of row 900,000, per_page => 20)`'
    [offset_deep]='`paginate(query, 45001, 20)`: OFFSET 900,000 (late row lookup)'
    [offset_hand_deep]='hand-written plain `SELECT * FROM items ORDER BY created_at, id LIMIT 21 OFFSET 900000`'
    [offset_id_deep]='`paginate('"'select * from items order by id'"', 45001, 20)`: OFFSET 900,000, rows in key order (late row lookup)'
    [offset_id_hand]='hand-written plain `SELECT * FROM items ORDER BY id LIMIT 21 OFFSET 900000`'
    [offset_1000]='`paginate(query, 51, 20)`: offset 1,000, the first read by late row lookup'
    [offset_980]='`paginate(query, 50, 20)`: offset 980, the last plain page'
    [offset_id_20000]='`paginate('"'select * from items order by id'"', 1001, 20)`: offset 20,000, the first late lookup where rows lie in key order'
    [offset_id_19980]='`paginate('"'select * from items order by id'"', 1000, 20)`: offset 19,980, the last plain page there'
)
groups=("page_paginate page_typed page_hand page_sql_jsonb"
        "total_response total_naive total_orm"
        "planned_10m planned_1m"
        "budget_10m exact_10m"
        "keyset_first keyset_deep offset_deep"
        "offset_hand_deep offset_id_deep offset_id_hand"
        "offset_1000 offset_980"
        "offset_id_20000 offset_id_19980")
# measure id | title | numerator | denominator | target
measures=(
    "page|Page only: paginate (jsonb) ÷ hand-written LIMIT/OFFSET|page_paginate|page_hand|1.2"
    "page|Page only: paginate (typed) ÷ hand-written LIMIT/OFFSET|page_typed|page_hand|1.2"
    "page-ref|Reference: to_jsonb after the LIMIT in SQL ÷ hand-written LIMIT/OFFSET|page_sql_jsonb|page_hand|-"
    "naive|Page + exact total: paginate_response ÷ naive PL/pgSQL|total_response|total_naive|0.5"
    "orm|Page + exact total: paginate_response ÷ ORM's two statements|total_response|total_orm|1.0"
    "planned|Planned count: paginate_meta on 10M rows ÷ on 1M rows|planned_10m|planned_1m|1.5"
    "budget|Count budget: paginate_meta on 10M rows with count_timeout => 100 ÷ the same exact count without one|budget_10m|exact_10m|-"
    "keyset|Keyset: page after a cursor at 90% depth ÷ after a cursor on page 1|keyset_deep|keyset_first|2"
    "depth|Keyset: OFFSET page at 90% depth ÷ keyset page at the same depth|offset_deep|keyset_deep|>=100"
    "lookup|Deep OFFSET: paginate at 90% depth (late row lookup) ÷ hand-written plain OFFSET, rows not in key order|offset_deep|offset_hand_deep|0.3"
    "lookup-ref|Deep OFFSET, rows in key order (ORDER BY id): paginate (late row lookup) ÷ hand-written plain OFFSET|offset_id_deep|offset_id_hand|-"
    "edge|Late lookup's threshold: offset 1,000 (late lookup) ÷ offset 980 (plain page)|offset_1000|offset_980|1.05"
    "edge|... where rows lie in key order: offset 20,000 (late lookup) ÷ offset 19,980 (plain page)|offset_id_20000|offset_id_19980|1.05"
)

# Everything up to the report (build, cluster, data, checks, pgbench rounds,
# EXPLAIN, memory), in a function so that BENCH_REPORT_ONLY=1 can skip it.
measure() {
# the commit that is built and measured (others may commit during the run)
git_rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git_dirty=$(git status --porcelain -- src sql Makefile paginate.control 2>/dev/null | wc -l)
if [[ $build != 0 ]]; then
    scripts/build.sh
else
    echo "== build: skipped (BENCH_BUILD=0), using the installed paginate"
fi

echo "== cluster"
cluster_was_running=1
scripts/cluster.sh status >/dev/null 2>&1 || cluster_was_running=0
scripts/cluster.sh start
eval "$(scripts/cluster.sh env)"
export PGDATABASE=$db
bindir=$("$PG_CONFIG" --bindir)
psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1)
q() { "${psql[@]}" -tA -c "$1"; } # one value from paginate_bench

finish() {
    local status=$?
    if [[ $status -ne 0 ]] && ! scripts/cluster.sh status >/dev/null 2>&1; then
        echo "bench: the cluster in .cluster/ stopped during the run; make test (which starts a fresh one) and make bench share it, so do not run them at the same time" >&2
    fi
    if [[ $cluster_was_running == 0 && ${BENCH_KEEP_CLUSTER:-0} == 0 ]]; then
        scripts/cluster.sh stop || true
    fi
}
trap finish EXIT

rm -rf "$out"
mkdir -p "$out"

echo "== data: a fresh database $db (bench/load.sql)"
t0=$(date +%s)
"${psql[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
"${psql[@]}" -d postgres -c "CREATE DATABASE $db"
"${psql[@]}" -f bench/load.sql
"${psql[@]}" -f bench/setup.sql
# A VACUUM that runs beside another transaction of the database (an autovacuum
# worker on the catalogs, say) can leave pages not all-visible, and then the
# counts' index-only scans visit the heap: vacuum again until none is left.
not_visible() {
    q "SELECT sum(relpages - relallvisible) FROM pg_class
        WHERE relname IN ('items', 'events_10m', 'events_1m', 'wide')"
}
for _ in 1 2 3 4 5; do
    [[ $(not_visible) -eq 0 ]] && break
    sleep 1
    "${psql[@]}" -c "VACUUM (FREEZE) items, events_10m, events_1m, wide"
done
# Cursors for the keyset measures: after row 20, and after row 900,000.
"${psql[@]}" -c "CREATE TABLE bench_cursors AS
    SELECT 'first'::text AS name, end_cursor AS cursor
      FROM paginate_meta('select * from items order by created_at, id', 1, 20, count => 'none')
    UNION ALL
    SELECT 'deep', end_cursor
      FROM paginate_meta('select * from items order by created_at, id', 45000, 20, count => 'none')"
load_seconds=$(($(date +%s) - t0))
echo "loaded in ${load_seconds}s"

# --------------------------------------------------------------------------
echo "== sanity: paginate returns what the contenders return"
query='select * from items order by created_at, id'
checks=$out/checks.txt
: >"$checks"
check() { # description, SQL returning a boolean
    local got
    got=$(q "$2" 2>&1) || true
    printf '| %s | %s |\n' "$1" "$([[ $got == t ]] && echo yes || echo "**NO** ($got)")" >>"$checks"
    [[ $got == t ]] || echo "bench: sanity check failed: $1" >&2
}
check "paginate (jsonb), page 250 = to_jsonb of the hand-written slice" \
    "SELECT (SELECT array_agg(p) FROM paginate('$query', 250, 20) p)
          = (SELECT array_agg(to_jsonb(s)) FROM (SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET 4980) s)"
check "paginate (typed), page 250 = the hand-written slice" \
    "SELECT (SELECT array_agg(p) FROM paginate_as(NULL::items, '$query', 250, 20) p)
          = (SELECT array_agg(r) FROM (SELECT i AS r FROM items i ORDER BY created_at, id LIMIT 20 OFFSET 4980) s)"
for page in 1 250 50000 50001; do
    check "paginate_response = naive_paginate (but for the cursors, which it does not make), page $page" \
        "SELECT paginate_response('$query', $page, 20) #- '{pagination,start_cursor}' #- '{pagination,end_cursor}'
              = naive_paginate('$query', $page, 20) #- '{pagination,start_cursor}' #- '{pagination,end_cursor}'"
done
check "paginate_response total = the ORM's count" \
    "SELECT (paginate_response('$query', 250, 20)->'pagination'->>'total')::bigint
          = (SELECT count(*) FROM (SELECT * FROM items) AS anon_1)"
check "planned totals are estimates (total_is_exact false) within 10% of the row counts" \
    "SELECT bool_and(NOT m.total_is_exact AND abs(m.total - n) < n / 10)
       FROM (SELECT (paginate_meta('select * from events_10m order by created_at, id', 250, 20, count => 'planned')).*, 10000000 AS n
             UNION ALL
             SELECT (paginate_meta('select * from events_1m order by created_at, id', 250, 20, count => 'planned')).*, 1000000) m"
check "the visibility map covers every page of the tables (index-only scans need no heap visits)" \
    "SELECT $(not_visible) = 0"
check "keyset: the page after row 900,000's cursor = OFFSET 900,000 of the hand-written query" \
    "SELECT (SELECT array_agg(p) FROM paginate('$query', after => (SELECT cursor FROM bench_cursors WHERE name = 'deep'), per_page => 20) p)
          = (SELECT array_agg(to_jsonb(s)) FROM (SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET 900000) s)"
check "late row lookup: paginate page 45001 = the hand-written OFFSET 900,000, and its statement is the late lookup" \
    "SELECT (SELECT array_agg(p) FROM paginate('$query', 45001, 20) p)
          = (SELECT array_agg(to_jsonb(s)) FROM (SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET 900000) s)
        AND (SELECT bool_or(e LIKE '%late row lookup%') FROM paginate_explain('$query', 45001, 20) e)"
check "late row lookup, ORDER BY id: paginate page 45001 = the hand-written OFFSET 900,000; pages 1000 and 1001 are plain and late lookup" \
    "SELECT (SELECT array_agg(p) FROM paginate('select * from items order by id', 45001, 20) p)
          = (SELECT array_agg(to_jsonb(s)) FROM (SELECT * FROM items ORDER BY id LIMIT 20 OFFSET 900000) s)
        AND NOT (SELECT bool_or(e LIKE '%late row lookup%') FROM paginate_explain('select * from items order by id', 1000, 20) e)
        AND (SELECT bool_or(e LIKE '%late row lookup%') FROM paginate_explain('select * from items order by id', 1001, 20) e)"
checks_ok=1
grep -q '\*\*NO\*\*' "$checks" && checks_ok=0

# --------------------------------------------------------------------------
lat_file=$out/latency.tsv # name round latency_ms tps transactions load
: >"$lat_file"

run_pgbench() { # name seconds seed log
    local name=$1 secs=$2 s=$3 log=$4
    if ! "$bindir/pgbench" -n -M prepared -T "$secs" -c 1 -j 1 --random-seed="$s" \
        -f "bench/pgbench/$name.sql" "$db" >"$log" 2>&1; then
        cat "$log" >&2
        die "pgbench failed for $name"
    fi
    grep -q '^number of failed transactions: 0 ' "$log" || { cat "$log" >&2; die "$name: failed transactions"; }
}

echo "== warm-up: ${warmup}s of each contender, not recorded"
if [[ $warmup -gt 0 ]]; then
    for g in "${groups[@]}"; do
        for name in $g; do
            run_pgbench "$name" "$warmup" "$seed" "$out/$name.warmup.log"
        done
    done
fi

n_contenders=0
for g in "${groups[@]}"; do for _ in $g; do n_contenders=$((n_contenders + 1)); done; done
echo "== measure: $rounds rounds x $n_contenders contenders x ${seconds}s" \
    "(about $((rounds * n_contenders * seconds / 60 + 1)) min)"
for ((r = 1; r <= rounds; r++)); do
    for g in "${groups[@]}"; do
        read -ra names <<<"$g"
        n=${#names[@]}
        for ((k = 0; k < n; k++)); do
            name=${names[$(((k + r - 1) % n))]}
            log=$out/$name.r$r.log
            run_pgbench "$name" "$seconds" $((seed + r)) "$log"
            lat=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$log")
            tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$log")
            txn=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$log")
            [[ -n $lat && -n $tps ]] || { cat "$log" >&2; die "no latency in $log"; }
            load=$(cut -d' ' -f1 /proc/loadavg)
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$r" "$lat" "$tps" "$txn" "$load" >>"$lat_file"
            printf '  round %d  %-15s %10.3f ms  %9.1f tps  (load %s)\n' "$r" "$name" "$lat" "$tps" "$load"
        done
    done
done


# --------------------------------------------------------------------------
# Diagnostics: EXPLAIN ANALYZE of each contender at page 250 (offset 4,980),
# the statements paginate runs inside included: auto_explain with
# log_nested_statements, on the second of two runs (the first warms up).
echo "== diagnostics: EXPLAIN ANALYZE at page 250"
explain() { # file, SQL: the plans as auto_explain reports them
    "${psql[@]}" >"$1" 2>&1 <<SQL || true
LOAD 'auto_explain';
SET auto_explain.log_analyze = on;
SET auto_explain.log_verbose = on;
SET auto_explain.log_buffers = on;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_level = notice;
SET client_min_messages = notice;
\o /dev/null
SET auto_explain.log_min_duration = -1;
$2
SET auto_explain.log_min_duration = 0;
$2
SQL
}
p250="'$query', 250, 20"
explain "$out/explain.page_paginate.txt" "SELECT * FROM paginate($p250);"
explain "$out/explain.page_typed.txt" "SELECT * FROM paginate_as(NULL::items, $p250);"
explain "$out/explain.page_hand.txt" "SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET 4980;"
explain "$out/explain.page_sql_jsonb.txt" "SELECT to_jsonb(r) FROM (SELECT * FROM items ORDER BY created_at, id LIMIT 21 OFFSET 4980) r;"
explain "$out/explain.total_response.txt" "SELECT paginate_response($p250);"
explain "$out/explain.total_naive.txt" "SELECT naive_paginate($p250);"
explain "$out/explain.total_orm.txt" "SELECT count(*) FROM (SELECT * FROM items) AS anon_1;
SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET 4980;"
explain "$out/explain.planned_10m.txt" "SELECT * FROM paginate_meta('select * from events_10m order by created_at, id', 250, 20, count => 'planned');"
explain "$out/explain.planned_1m.txt" "SELECT * FROM paginate_meta('select * from events_1m order by created_at, id', 250, 20, count => 'planned');"
"${psql[@]}" -tA -c "SELECT * FROM paginate_explain($p250)" >"$out/paginate_explain.txt"
"${psql[@]}" -tA -c "SELECT * FROM paginate_explain('$query', after => (SELECT cursor FROM bench_cursors WHERE name = 'deep'), per_page => 20, count => 'none')" >"$out/paginate_explain.keyset.txt"
explain "$out/explain.keyset_deep.txt" "SELECT * FROM paginate('$query', after => (SELECT cursor FROM bench_cursors WHERE name = 'deep'), per_page => 20);"
explain "$out/explain.offset_deep.txt" "SELECT * FROM paginate('$query', 45001, 20);"
explain "$out/explain.offset_hand_deep.txt" "SELECT * FROM items ORDER BY created_at, id LIMIT 21 OFFSET 900000;"
explain "$out/explain.offset_id_deep.txt" "SELECT * FROM paginate('select * from items order by id', 45001, 20);"

# --------------------------------------------------------------------------
# Memory: one fresh backend per case; sample its RssAnon every ~10 ms.
echo "== memory: peak RssAnon of a backend serving a big page"
mem_file=$out/memory.tsv # label per_page work_mem base_kB peak_kB samples ms temp_bytes
: >"$mem_file"
temp_bytes() { q "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()"; }

mem_run() { # what per_page work_mem sql
    local what=$1 per_page=$2 work_mem=$3 sql=$4
    local dir=$out/mem.$((++mem_n))
    mkdir -p "$dir"
    local before after pid client base='' peak=0 samples=0 key value rest ms result
    before=$(temp_bytes)
    # Warm the library and the catalog caches first, so that the baseline
    # (first sample, during pg_sleep) is a backend ready to work.
    "${psql[@]}" -tA >"$dir/psql.out" 2>&1 <<SQL &
SELECT count(*) FROM paginate('select 1 order by 1', 1, 1);
SET work_mem = '$work_mem';
SET paginate.max_per_page = 0;
\o $dir/pid
SELECT pg_backend_pid();
\o
SELECT pg_sleep(0.3);
\timing on
$sql;
\timing off
SELECT pg_stat_force_next_flush();
SQL
    client=$!
    until [[ -s $dir/pid ]]; do
        kill -0 "$client" 2>/dev/null || { cat "$dir/psql.out" >&2; die "memory run '$what' failed"; }
        sleep 0.01
    done
    pid=$(tr -d '[:space:]' <"$dir/pid")
    read -r base peak samples < <(rss_peak "$pid" "$client")
    wait "$client" || { cat "$dir/psql.out" >&2; die "memory run '$what' failed"; }
    # the backend reports its statistics as it exits
    for _ in $(seq 100); do [[ -e /proc/$pid ]] || break; sleep 0.05; done
    sleep 0.2
    after=$(temp_bytes)
    ms=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$dir/psql.out" | head -n1)
    result=$(grep -B1 '^Time: ' "$dir/psql.out" | head -n1) # the statement's value
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$what" "$per_page" "$work_mem" \
        "$base" "$peak" "$samples" "$ms" $((after - before)) "$sql" "$result" >>"$mem_file"
    printf '  %-40s peak RssAnon %8d kB (baseline %d kB, %d samples, %s ms)\n' \
        "$what" "$peak" "$base" "$samples" "$ms"
}
mem_n=0
wq='select * from wide order by i'
mem_run "paginate (jsonb)" 1000 4MB "SELECT count(*) FROM paginate('$wq', 1, 1000)"
mem_run "paginate (jsonb)" 100000 4MB "SELECT count(*) FROM paginate('$wq', 1, 100000)"
mem_run "paginate (typed)" 1000 4MB "SELECT count(*) FROM paginate_as(NULL::wide, '$wq', 1, 1000)"
mem_run "paginate (typed)" 100000 4MB "SELECT count(*) FROM paginate_as(NULL::wide, '$wq', 1, 100000)"
mem_run "paginate (jsonb)" 199000 4MB "SELECT count(*) FROM paginate('$wq', 1, 199000)"
mem_run "paginate (typed)" 199000 4MB "SELECT count(*) FROM paginate_as(NULL::wide, '$wq', 1, 199000)"
mem_run "direct LIMIT/OFFSET" 100000 4MB "SELECT count(*), sum(length(payload)) FROM (SELECT * FROM wide ORDER BY i LIMIT 100000 OFFSET 0) s"
mem_run "paginate (jsonb), larger work_mem" 100000 32MB "SELECT count(*) FROM paginate('$wq', 1, 100000)"
mem_run "paginate_response" 1000 4MB "SELECT pg_column_size(paginate_response('$wq', 1, 1000))"
# A page of a million rows (events_1m: id, created_at; about 60 bytes a row).
eq='select * from events_1m order by id'
mem_run "paginate (jsonb), events_1m" 1000 4MB "SELECT count(*) FROM paginate('$eq', 1, 1000)"
mem_run "paginate (jsonb), events_1m" 1000000 4MB "SELECT count(*) FROM paginate('$eq', 1, 1000000)"
mem_run "paginate (typed), events_1m" 1000 4MB "SELECT count(*) FROM paginate_as(NULL::events_1m, '$eq', 1, 1000)"
mem_run "paginate (typed), events_1m" 1000000 4MB "SELECT count(*) FROM paginate_as(NULL::events_1m, '$eq', 1, 1000000)"
mem_run "paginate_response" 100000 4MB "SELECT pg_column_size(paginate_response('$wq', 1, 100000))"

# What the report needs from the server and the run, kept in bench/out/ so
# that BENCH_REPORT_ONLY=1 can write the report again from it.
q 'SELECT version()' >"$out/info.version"
for name in shared_buffers work_mem max_parallel_workers_per_gather jit plan_cache_mode effective_cache_size random_page_cost fsync; do
    printf '%s %s, ' "$name" "$(q "SELECT current_setting('$name')")"
done | sed 's/, $//' >"$out/info.settings"
q "SELECT format('| %s | %s |', step, round(seconds, 1)) FROM bench_info ORDER BY ctid" >"$out/info.load"
for t in items events_10m events_1m wide; do
    q "SELECT format('| %s | %s | %s |', '$t', to_char((SELECT count(*) FROM $t), 'FM999,999,999'), pg_size_pretty(pg_total_relation_size('$t')))"
done >"$out/info.tables"
load_end=$(cat /proc/loadavg)
total_seconds=$(($(date +%s) - t_start))
declare -p started_at command seconds rounds warmup seed build load_seconds \
    load_start load_end total_seconds git_rev git_dirty checks_ok >"$out/state.sh"
}

if [[ $report_only == 0 ]]; then
    measure
    regenerated=
else
    [[ -f $out/state.sh ]] || die "no bench/out/state.sh: BENCH_REPORT_ONLY=1 needs the output of a full run"
    # shellcheck source=/dev/null
    source "$out/state.sh"
    regenerated=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
fi
lat_file=$out/latency.tsv
mem_file=$out/memory.tsv
checks=$out/checks.txt
query='select * from items order by created_at, id'

median() { # name column (3 latency, 4 tps)
    awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$lat_file" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
rounds_of() { # name: every round's latency, in round order
    awk -F'\t' -v n="$1" '$1 == n { printf "%s%.2f", (k++ ? ", " : ""), $3 }' "$lat_file"
}
transactions_of() {
    awk -F'\t' -v n="$1" '$1 == n { s += $5 } END { print s + 0 }' "$lat_file"
}
round_ratios() { # numerator denominator: the ratio within each round, "min–max"
    awk -F'\t' -v a="$1" -v b="$2" '$1 == a { x[$2] = $3 } $1 == b { y[$2] = $3 }
        END { for (r in x) if (r in y) { v = x[r] / y[r]; if (!n++ || v < lo) lo = v; if (n == 1 || v > hi) hi = v }
              printf "%.2f–%.2f", lo, hi }' "$lat_file"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "MET" : "MISSED") }'; }

# --------------------------------------------------------------------------
echo "== report: $results"
mem_peak() { awk -F'\t' -v l="$1" -v p="$2" -v w="$3" '$1 == l && $2 == p && $3 == w { print $5 }' "$mem_file"; }
# Bounded by work_mem: from 1,000 to 100,000 rows the peak may grow by the
# tuplestore's work_mem (4MB) and a little more, and from 100,000 to 199,000
# rows (twice the page, the same work_mem) it must not grow.
mem_growth_kb=$(($(mem_peak "paginate (jsonb)" 100000 4MB) - $(mem_peak "paginate (jsonb)" 1000 4MB)))
mem_growth_typed_kb=$(($(mem_peak "paginate (typed)" 100000 4MB) - $(mem_peak "paginate (typed)" 1000 4MB)))
mem_double_kb=$(($(mem_peak "paginate (jsonb)" 199000 4MB) - $(mem_peak "paginate (jsonb)" 100000 4MB)))
mem_double_typed_kb=$(($(mem_peak "paginate (typed)" 199000 4MB) - $(mem_peak "paginate (typed)" 100000 4MB)))
# and from a 1,000-row to a 1,000,000-row page of narrow rows, by no more
# than from 1,000 to 100,000 rows.
mem_million_kb=$(($(mem_peak "paginate (jsonb), events_1m" 1000000 4MB) - $(mem_peak "paginate (jsonb), events_1m" 1000 4MB)))
mem_million_typed_kb=$(($(mem_peak "paginate (typed), events_1m" 1000000 4MB) - $(mem_peak "paginate (typed), events_1m" 1000 4MB)))
mem_limit_kb=6144   # work_mem (4MB) + 2MB
mem_double_limit_kb=1024
mem_verdict=MET
((mem_growth_kb <= mem_limit_kb && mem_growth_typed_kb <= mem_limit_kb &&
    mem_double_kb <= mem_double_limit_kb && mem_double_typed_kb <= mem_double_limit_kb &&
    mem_million_kb <= mem_limit_kb && mem_million_typed_kb <= mem_limit_kb)) || mem_verdict=MISSED


details() { # summary, file
    printf '<details><summary>%s</summary>\n\n```\n' "$1"
    cat "$2"
    printf '```\n\n</details>\n\n'
}
# Figures the hand-written notes quote as {{name}}: every contender's median
# latency, and a few derived from them and from the memory runs.
declare -A figure
set_figures() {
    local name
    for g in "${groups[@]}"; do
        for name in $g; do figure[$name]=$(median "$name" 3); done
    done
    calc() { awk "BEGIN { printf \"%.${1}f\", $2 }"; }
    figure[jsonb_over_hand]=$(calc 2 "${figure[page_paginate]} - ${figure[page_hand]}")
    figure[typed_over_hand]=$(calc 2 "${figure[page_typed]} - ${figure[page_hand]}")
    figure[ref_over_hand]=$(calc 2 "${figure[page_sql_jsonb]} - ${figure[page_hand]}")
    figure[response_minus_orm]=$(calc 1 "${figure[total_response]} - ${figure[total_orm]}")
    figure[naive_minus_response]=$(calc 1 "${figure[total_naive]} - ${figure[total_response]}")
    figure[response_peak_mb]=$(awk -F'\t' '$1 == "paginate_response" && $2 == 100000 { printf "%.0f", $5 / 1024 }' "$mem_file")
    figure[response_json_mb]=$(awk -F'\t' '$1 == "paginate_response" && $2 == 100000 { printf "%.0f", $10 / 1048576 }' "$mem_file")
    figure[response_peak_times]=$(calc 1 "${figure[response_peak_mb]} / ${figure[response_json_mb]}")
    figure[bytes_per_row]=$(calc 0 "($(mem_peak "paginate (jsonb)" 199000 4MB) - $(mem_peak "paginate (jsonb)" 100000 4MB)) * 1024 / 99000")
    figure[bytes_per_row_typed]=$(calc 0 "($(mem_peak "paginate (typed)" 199000 4MB) - $(mem_peak "paginate (typed)" 100000 4MB)) * 1024 / 99000")
}
notes() { # measure id: the hand-written analysis, if any, its {{figures}} filled in
    local f=bench/notes/$1.md text key
    [[ -f $f ]] || return 0
    text=$(<"$f")
    for key in "${!figure[@]}"; do text=${text//"{{$key}}"/${figure[$key]}}; done
    printf '**Analysis** (written by hand from the EXPLAIN output and profiles of these runs; `%s`; its figures are from this run):\n\n' "$f"
    printf '%s\n\n' "$text"
}
contender_table() { # names...
    printf '| contender | median latency (ms) | median TPS | latency of each round (ms) | transactions |\n'
    printf '|---|---:|---:|---|---:|\n'
    for name in "$@"; do
        printf '| %s<br>`bench/pgbench/%s.sql` | **%s** | %s | %s | %s |\n' "${label[$name]}" "$name" \
            "$(median "$name" 3)" "$(median "$name" 4)" "$(rounds_of "$name")" "$(transactions_of "$name")"
    done
    printf '\n'
}
ratio_rows() { # measure id [ref]: its ratio rows, with "ref" its reference rows too
    local m id title num den target r
    for m in "${measures[@]}"; do
        IFS='|' read -r id title num den target <<<"$m"
        [[ $id == "$1" || ($id == "$1-ref" && ${2:-} == ref) ]] || continue
        r=$(ratio "$(median "$num" 3)" "$(median "$den" 3)")
        if [[ $target == - ]]; then
            printf '| %s | %s | %s | (no target) | (for comparison) |\n' "$title" "$r" "$(round_ratios "$num" "$den")"
        elif [[ $target == ">="* ]]; then
            printf '| %s | %s | %s | ≥ %s | **%s** |\n' "$title" "$r" "$(round_ratios "$num" "$den")" "${target#>=}" \
                "$(awk -v r="$r" -v t="${target#>=}" 'BEGIN { print (r >= t ? "MET" : "MISSED") }')"
        else
            printf '| %s | %s | %s | ≤ %s | **%s** |\n' "$title" "$r" "$(round_ratios "$num" "$den")" "$target" "$(verdict "$r" "$target")"
        fi
    done
}
ratio_table() {
    printf '| ratio of median latencies | value | within each round (min–max) | target | verdict |\n|---|---:|---:|---:|---|\n'
    ratio_rows "$1" ref
    printf '\n'
}
mem_kb_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

set_figures

# The runs beside paginate's peers (make bench runs them first, unless
# BENCH_PEERS=0 or BENCH_CALLGRIND=0): bench/PEERS.md, wall time over TCP,
# and bench/CALLGRIND*.md, instructions per call, each as its last run left
# it, with the commit it ran on.
peer_files=(bench/PEERS.md bench/CALLGRIND.md bench/CALLGRIND-10000.md)
# A summary row: how many of their targets each met.
peer_verdicts() {
    local f met missed
    for f in "${peer_files[@]}"; do
        [[ -f $f ]] || continue
        met=$(grep -c '| \*\*met\*\* |' "$f" || true)
        missed=$(grep -c '| missed |' "$f" || true)
        echo "| Beside PostgREST and an ORM: \`$f\` ($(sed -n 's/.* on \([0-9a-f]\{7,\}\), .*/commit \1/p' "$f" | head -n1); section 8) | $met of $((met + missed)) met | | issue 17's | **$([[ $missed -eq 0 ]] && echo MET || echo "$missed MISSED")** |"
    done
}
# Section 8: each file, its headings one level down.
peer_sections() {
    local f
    echo "## 8. Beside PostgREST and an ORM"
    echo
    echo "The last runs of \`make bench-peers\` and \`make bench-callgrind\`, as they wrote their files; the verdicts are issue 17's targets. Misses are explained by profile in README's Performance section."
    echo
    for f in "${peer_files[@]}"; do
        [[ -f $f ]] || continue
        echo "### $(sed -n '1s/^# //p' "$f") (\`$f\`)"
        sed '1d' "$f"
        echo
    done
}

{
    echo "# paginate benchmark results"
    echo
    echo "Generated by \`bench/run.sh\` (\`make bench\`): do not edit by hand; the"
    echo "analysis paragraphs come from \`bench/notes/*.md\`."
    echo
    echo "- **Date:** $started_at; the whole run took $((total_seconds / 60)) min $((total_seconds % 60)) s${regenerated:+ (this report written again from its output in bench/out/ on $regenerated, BENCH_REPORT_ONLY=1, after the analysis notes or the files section 8 shows changed)}"
    echo "- **Command:** \`$command\` (BENCH_SECONDS=$seconds, BENCH_ROUNDS=$rounds, BENCH_WARMUP=$warmup, BENCH_SEED=$seed)"
    echo "- **paginate:** commit $git_rev$([[ $git_dirty -eq 0 ]] || echo ", with uncommitted changes in src/, sql/ or the Makefile"), $([[ $build != 0 ]] && echo "built and installed by this run" || echo "as installed (BENCH_BUILD=0)")"
    echo "- **Machine:** $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory; load average at start $load_start, at end $load_end"
    echo "- **PostgreSQL:** $(cat "$out/info.version")"
    echo "- **Settings:** $(cat "$out/info.settings") (the throwaway cluster of \`scripts/cluster.sh\`, otherwise defaults)"
    echo "- **Method:** every contender is a pgbench script, \`pgbench -n -M prepared -T $seconds -c 1 -j 1 --random-seed=S -f bench/pgbench/NAME.sql\`; $rounds rounds, each running every contender once, side by side (the order within a measure rotates each round); all contenders of round r get seed $seed+r, so the same sequence of pages, \`random(1, 500)\`, 20 rows a page. First ${warmup} s of each, not recorded. A contender's figure is the **median** of its rounds' average latencies; a ratio divides two medians. \"Within each round\" divides the two contenders' latencies of the same round, as a measure of how much a verdict depends on noise."
    echo
    echo "## Summary"
    echo
    echo "| measure | value | within each round (min–max) | target | verdict |"
    echo "|---|---:|---:|---:|---|"
    for id in page naive orm planned budget keyset depth lookup edge; do ratio_rows "$id"; done
    echo "| Count budget: paginate_meta on 10M rows with count_timeout => 100, median latency (the page, the abandoned count, the planner's total) | $(median budget_10m 3) ms | | ≤ 150 ms | **$(awk -v v="$(median budget_10m 3)" 'BEGIN { print (v <= 150 ? "MET" : "MISSED") }')** |"
    echo "| Memory, work_mem 4MB: growth of the peak RssAnon from a 1,000-row to a 100,000-row page of 1 kB rows; from 100,000 to 199,000 rows; from a 1,000-row to a 1,000,000-row page of narrow rows (jsonb / typed) | $(mem_kb_mb $mem_growth_kb) / $(mem_kb_mb $mem_growth_typed_kb) MB; $(mem_kb_mb $mem_double_kb) / $(mem_kb_mb $mem_double_typed_kb) MB; $(mem_kb_mb $mem_million_kb) / $(mem_kb_mb $mem_million_typed_kb) MB | | ≤ $(mem_kb_mb $mem_limit_kb) MB (work_mem + 2 MB); ≤ $(mem_kb_mb $mem_double_limit_kb) MB; ≤ $(mem_kb_mb $mem_limit_kb) MB | **$mem_verdict** |"
    peer_verdicts
    echo
    echo "Load on the machine while measuring (1-minute load average read after each pgbench run; this benchmark alone accounts for about 1, up to 2 while the counts run parallel workers; more means other work shared the 2 CPUs):"
    echo
    max_load=$(awk -F'\t' '$6 > m { m = $6 } END { printf "%.1f", m }' "$lat_file")
    if awk -v m="$max_load" -v n="$(nproc)" 'BEGIN { exit !(m > n + 0.5) }'; then
        echo "**Warning: other work shared the machine during this run** (load average up to $max_load on $(nproc) CPUs). Every latency is inflated by it, and by different amounts from one run to the next; interleaving puts the contenders of a measure under about the same load, but a ratio near its target is within the noise: read it with the range \"within each round\"."
        echo
    fi
    echo "| round | load average (min–max) |"
    echo "|---|---|"
    awk -F'\t' '{ if (!($2 in lo) || $6 < lo[$2]) lo[$2] = $6; if ($6 > hi[$2]) hi[$2] = $6 }
        END { for (r = 1; r in lo; r++) printf "| %d | %.2f–%.2f |\n", r, lo[r], hi[r] }' "$lat_file"
    echo
    echo "## Data"
    echo
    echo "Loaded by \`bench/load.sql\` into a fresh database \`$db\` (fixed seeds, so the same rows every run) in ${load_seconds} s, \`bench/setup.sql\` included:"
    echo
    echo "| step | seconds |"
    echo "|---|---:|"
    cat "$out/info.load"
    echo
    echo "| table | rows | size, indexes included |"
    echo "|---|---:|---:|"
    cat "$out/info.tables"
    echo
    echo "## Sanity checks"
    echo
    echo "The contenders return the same thing (checked before measuring):"
    echo
    echo "| check | passed |"
    echo "|---|---|"
    cat "$checks"
    echo
    echo "## 1. Page only"
    echo
    echo "The query is \`$query\`, page \`random(1, 500)\` of 20 rows (offset 0 to 9,980)."
    echo
    contender_table page_paginate page_typed page_hand page_sql_jsonb
    ratio_table page
    notes page
    details "paginate_explain('$query', 250, 20)" "$out/paginate_explain.txt"
    details "EXPLAIN ANALYZE, page 250: paginate (jsonb)" "$out/explain.page_paginate.txt"
    details "EXPLAIN ANALYZE, page 250: paginate (typed)" "$out/explain.page_typed.txt"
    details "EXPLAIN ANALYZE, page 250: hand-written" "$out/explain.page_hand.txt"
    details "EXPLAIN ANALYZE, page 250: reference, to_jsonb after the LIMIT" "$out/explain.page_sql_jsonb.txt"
    echo "## 2. Page + exact total: paginate_response vs a naive PL/pgSQL function"
    echo
    echo "\`naive_paginate\` (in \`bench/setup.sql\`) runs \`EXECUTE 'select count(*) from (' || q || ') s'\`, then the slice \`q || ' limit \$1 offset \$2'\`, and builds the same JSON (checked equal above)."
    echo
    contender_table total_response total_naive
    ratio_table naive
    notes naive
    details "EXPLAIN ANALYZE, page 250: paginate_response" "$out/explain.total_response.txt"
    details "EXPLAIN ANALYZE, page 250: naive_paginate" "$out/explain.total_naive.txt"
    echo "## 3. Page + exact total: paginate_response vs an ORM's two statements"
    echo
    echo "Both statements in one pgbench script (one transaction = both), as Flask-SQLAlchemy's \`paginate\` sends them: the count of the query without its ORDER BY, then the slice."
    echo
    contender_table total_response total_orm
    ratio_table orm
    notes orm
    details "EXPLAIN ANALYZE, page 250: the ORM's statements" "$out/explain.total_orm.txt"
    echo "## 4. Planned count: 10,000,000 rows vs 1,000,000 rows"
    echo
    contender_table planned_10m planned_1m
    ratio_table planned
    notes planned
    details "EXPLAIN ANALYZE, page 250: paginate_meta on events_10m" "$out/explain.planned_10m.txt"
    details "EXPLAIN ANALYZE, page 250: paginate_meta on events_1m" "$out/explain.planned_1m.txt"
    echo "## 4b. Count budget: an exact count of 10,000,000 rows abandoned after 100 ms"
    echo
    echo "Pages 2 to 500 (\`paginate_meta\` counts page 1 only when the page does not show the end): the count runs first, in a subtransaction, and is abandoned when \`count_timeout\` runs out; the call then returns the planner's total (\`total_is_exact\` false) and reads its page. Target: the call within 150 ms."
    echo
    contender_table budget_10m exact_10m
    ratio_table budget
    echo "## 6. Keyset paging at depth"
    echo
    echo "The query is \`$query\`, 20 rows a page, with the index on (created_at, id). The keyset contenders read their cursor from \`bench_cursors\` with \`\\gset\` (one indexed lookup, the same for both) and page after it; the cursors were taken from pages 1 and 45,000 by number."
    echo
    contender_table keyset_first keyset_deep offset_deep
    ratio_table keyset
    ratio_table depth
    notes keyset
    details "paginate_explain(query, after => cursor of row 900,000)" "$out/paginate_explain.keyset.txt"
    details "EXPLAIN ANALYZE: keyset page after row 900,000" "$out/explain.keyset_deep.txt"
    details "EXPLAIN ANALYZE: OFFSET page 45,001" "$out/explain.offset_deep.txt"
    echo "## 7. Deep OFFSET pages: late row lookup"
    echo
    echo "An offset page of a query that reads one table, whose keys end in its unique key, is read from offset 1,000 on (20,000 where the table's rows lie in the order of the first key) as the keys of its rows first, an index-only scan that skips the offset without visiting the heap, then its rows by primary key. \\`items\\` is stored in id order, its \\`created_at\\` random: \\`order by created_at, id\\` is the shape whose plain OFFSET reads the heap at random, \\`order by id\\` the one that reads it in order. The threshold pairs show what a page just past the threshold costs against the plain page just before it."
    echo
    contender_table offset_deep offset_hand_deep offset_id_deep offset_id_hand offset_1000 offset_980 offset_id_20000 offset_id_19980
    ratio_table lookup
    ratio_table edge
    notes lookup
    details "EXPLAIN ANALYZE: hand-written plain OFFSET 900,000" "$out/explain.offset_hand_deep.txt"
    details "EXPLAIN ANALYZE: OFFSET page 45,001, ORDER BY id" "$out/explain.offset_id_deep.txt"
    echo "## 5. Memory of a 100,000-row and a 1,000,000-row page"
    echo
    echo "Each case runs in a fresh backend (psql), with \`paginate.max_per_page = 0\`, over \`wide\` (200,000 rows of 1 kB: a 100,000-row page is about 100 MB) or \`events_1m\` (1,000,000 narrow rows: a 1,000,000-row page). The backend's \`RssAnon\` (private memory: not shared_buffers) is read from \`/proc/PID/status\` every ~10 ms while it runs; the baseline is the first sample, taken after a warm-up call, before the measured statement. Temp written is the growth of \`pg_stat_database.temp_bytes\` over the case."
    echo
    echo "| case | rows on the page | work_mem | peak RssAnon (MB) | baseline (MB) | peak − baseline (MB) | temp written (MB) | time (ms) | samples |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s<br>`%s` | %d | %s | **%.1f** | %.1f | %.1f | %.1f | %s | %s |\n",
                  $1, $9, $2, $3, $5 / 1024, $4 / 1024, ($5 - $4) / 1024, $8 / 1048576, $7, $6 }' "$mem_file"
    echo
    echo "Verdict for the paged rows (\`paginate\`, jsonb and typed): from a 1,000-row to a 100,000-row page the peak grows by $(mem_kb_mb $mem_growth_kb) MB (jsonb) and $(mem_kb_mb $mem_growth_typed_kb) MB (typed), against ≤ $(mem_kb_mb $mem_limit_kb) MB (work_mem + 2 MB); from 100,000 to 199,000 rows (twice the page, the same work_mem) by $(mem_kb_mb $mem_double_kb) MB and $(mem_kb_mb $mem_double_typed_kb) MB, against ≤ $(mem_kb_mb $mem_double_limit_kb) MB; from a 1,000-row to a 1,000,000-row page of \`events_1m\` by $(mem_kb_mb $mem_million_kb) MB and $(mem_kb_mb $mem_million_typed_kb) MB, against ≤ $(mem_kb_mb $mem_limit_kb) MB: **$mem_verdict**. \`paginate_response\` is not held to this target: it returns one jsonb value holding the whole page, so it builds that value in memory and its peak grows with the page."
    echo
    notes memory
    peer_sections
} >"$results.tmp"
mv "$results.tmp" "$results"

echo
sed -n '/^## Summary/,/^## Data/p' "$results" | sed '$d'
echo "bench: report in $results (raw output in bench/out/), $((total_seconds / 60)) min $((total_seconds % 60)) s"
if [[ $checks_ok == 0 ]]; then
    die "a sanity check failed: the contenders did not return the same thing (see $results)"
fi
