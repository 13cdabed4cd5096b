# Sourced by the bench scripts (not run): what they share besides
# scripts/common.sh.
# shellcheck shell=bash

# Start .cluster/ (reusing a running one), export its environment, set
# bindir and psql (on database $1), and stop the cluster at exit if this
# script started it (BENCH_KEEP_CLUSTER=1 keeps it).
bench_cluster() {
    bench_cluster_was_running=1
    scripts/cluster.sh status >/dev/null 2>&1 || bench_cluster_was_running=0
    scripts/cluster.sh start
    eval "$(scripts/cluster.sh env)"
    bindir=$("$PG_CONFIG" --bindir)
    psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d "$1")
    trap bench_finish EXIT
}
bench_finish() {
    if [[ $bench_cluster_was_running == 0 && ${BENCH_KEEP_CLUSTER:-0} == 0 ]]; then
        scripts/cluster.sh stop || true
    fi
}

# rss_peak PID CLIENT: sample backend PID's RssAnon (private memory, kB)
# from /proc every ~10 ms while process CLIENT runs; prints "base peak
# samples", the base being the first sample.
rss_peak() {
    local pid=$1 client=$2 base='' peak=0 samples=0 key value rest
    while kill -0 "$client" 2>/dev/null; do
        value=
        while IFS=$': \t' read -r key value rest; do
            [[ $key == RssAnon ]] && break
            value=
        done 2>/dev/null <"/proc/$pid/status" || true
        if [[ -n $value ]]; then
            [[ -n $base ]] || base=$value
            ((value > peak)) && peak=$value
            samples=$((samples + 1))
        fi
        sleep 0.01
    done
    echo "${base:-0} $peak $samples"
}

# settle_table TABLE PSQL...: VACUUM ANALYZE TABLE, through the psql command
# PSQL..., until every page of it is all-visible.  A VACUUM right after a
# load can meet a snapshot older than the load (an autovacuum worker's, in a
# new database) and leave the pages unmarked; autovacuum would mark them a
# minute later, in the middle of the measurements, and plans change with it
# (index-only scans, late row lookup: measured 25 ms a call before, 3 ms
# after, bench/peers.sh at 10 rows).
settle_table() {
    local table=$1 i
    shift
    for ((i = 0; i < 60; i++)); do
        "$@" -c "VACUUM ANALYZE $table"
        [[ $("$@" -At -c "SELECT relallvisible >= relpages FROM pg_class WHERE oid = '$table'::regclass") == t ]] && return 0
        sleep 1
    done
    echo "bench: $table is not all-visible after 60 VACUUMs" >&2
    return 1
}

# items_cluster NAME PORT: a throwaway cluster of the script's own,
# .cluster-NAME (cluster runs scripts/cluster.sh on it), on a free port
# from PORT, started, with a database NAME holding paginate and
# bench/items.sql's table, all-visible.  Needs bindir; sets port and
# items_psql (psql over TCP with ON_ERROR_STOP, no database given).
items_cluster() {
    cluster_dir=$root/.cluster-$1
    port=$(free_port_from "$2")
    items_psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
    cluster stop --clean >/dev/null
    cluster start >/dev/null
    "${items_psql[@]}" -d postgres -c "CREATE DATABASE $1"
    "${items_psql[@]}" -d "$1" -c "CREATE EXTENSION paginate" -f bench/items.sql
    settle_table items "${items_psql[@]}" -d "$1"
}
cluster() { PAGINATE_CLUSTER=$cluster_dir PAGINATE_PORT=$port scripts/cluster.sh "$@"; }

# postgrest_statement LIMIT OFFSET [exact]: PostgREST's statement for
# GET /items?order=created_at,id&limit=LIMIT&offset=OFFSET, and with exact
# its Prefer: count=exact form (the pgrst_source_count CTE); no semicolon.
postgrest_statement() {
    local cte='' total='null::bigint'
    if [[ ${3:-} == exact ]]; then
        cte=', pgrst_source_count AS (SELECT 1 FROM items)'
        total='(SELECT pg_catalog.count(*) FROM pgrst_source_count)'
    fi
    echo "WITH pgrst_source AS (SELECT items.* FROM items ORDER BY created_at, id LIMIT $1 OFFSET $2)$cte SELECT $total AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]')::character varying AS body FROM (SELECT * FROM pgrst_source) _postgrest_t"
}

# Issue 17's targets, as ratios to the peer: a response without a count or
# with a planned one ÷ PostgREST's; one with an exact count (and the
# PostgREST recipe in one call) ÷ PostgREST's exact; the typed form ÷ the
# hand-written statement.
target_response=0.80
target_exact=1.00
target_typed=1.05

# verdict VALUE LIMIT: "**met**" when VALUE (as printed) is at most LIMIT,
# else "missed": the verdict column of peers.sh's and callgrind.sh's tables.
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 <= l + 0) ? "**met**" : "missed" }'; }

# judged TARGET VALUE: a row's target and verdict cells ("≤ TARGET |
# verdict"), both empty without a target.
judged() { if [[ -z $1 ]]; then echo " | "; else echo "≤ $1 | $(verdict "$2" "$1")"; fi; }
