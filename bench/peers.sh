#!/usr/bin/env bash
# make bench-peers: what one request costs a client over TCP, paginate's
# responses beside the statements its peers send, at 10, 100, 1,000 and
# 10,000 rows a page; and the peak memory of the backend that serves a
# 10,000-row page.
#
# On a throwaway cluster of its own (.cluster-peers/, port from 54381,
# listening on 127.0.0.1): items, bench/items.sql's 100,000 rows.  Every
# contender is a pgbench script run from a client over TCP
#   pgbench -h 127.0.0.1 -n -M prepared -T $PEERS_SECONDS -c 1 -j 1 --random-seed=S
# on a random page of items in the order (created_at, id), each call: round
# trips, the protocol's work and the client's receiving every row are in its
# latency.  PEERS_ROUNDS rounds, each running every contender of a page size
# once (the order rotates from round to round, every contender of a round
# gets the same seed); a contender's figure is the median of its rounds'
# average latencies.  Wall times on a shared machine move: bench/callgrind.sh
# counts instructions, which do not.
#
# The contenders at each page size, and the peer each is divided by:
#   PostgREST, count none / exact / planned: its statement for
#     GET /items?order=created_at,id&limit=N&offset=M (Prefer: count=exact adds
#     the pgrst_source_count CTE; count=planned sends the page statement and
#     then EXPLAIN (FORMAT JSON) of its count query): the peers
#   paginate_response and paginate_response_json, each with count none,
#     exact and planned: ÷ PostgREST with the same count
#   the ORM's two statements (Flask-SQLAlchemy's count of the query, then its
#     LIMIT/OFFSET slice): ÷ PostgREST, exact
# Memory: at 10,000 rows a page, each contender's statement 5 times in one
# psql session over TCP (its rows sent to the client and dropped there),
# after 5 more to warm up; the figure is the backend's VmHWM (the kernel's
# high-water mark of its resident memory, reset after the warm-up) above its
# VmRSS at the reset.
#
# Environment: PEERS_SECONDS (5), PEERS_ROUNDS (3), PEERS_WARMUP (1: seconds
# of an unrecorded run of each contender first), PEERS_PER_PAGE ("10 100
# 1000 10000"), PEERS_OUT (bench/PEERS.md).  About 12 minutes with the
# defaults.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

seconds=${PEERS_SECONDS:-5}
rounds=${PEERS_ROUNDS:-3}
warmup=${PEERS_WARMUP:-1}
sizes=${PEERS_PER_PAGE:-10 100 1000 10000}
out=${PEERS_OUT:-bench/PEERS.md}
rows=100000
die() { echo "peers: $*" >&2; exit 1; }
for v in seconds rounds warmup; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "PEERS_${v^^} must be a whole number, not '${!v}'"
done

scripts/build.sh >/dev/null
bindir=$("$PG_CONFIG" --bindir)
work=$(mktemp -d)
trap 'cluster stop --clean >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
items_cluster peers 54381
tcp=(-h 127.0.0.1 -p "$port" -U postgres)
"${items_psql[@]}" -d peers -c "ALTER DATABASE peers SET paginate.max_per_page = 0" \
    -c "ALTER DATABASE peers SET max_parallel_workers_per_gather = 0"

q="select * from items order by created_at, id"
contenders="postgrest_none postgrest_exact postgrest_planned response_none response_exact response_planned json_none json_exact json_planned orm"
declare -A label=(
    [postgrest_none]="PostgREST, no count"
    [postgrest_exact]="PostgREST, exact count"
    [postgrest_planned]="PostgREST, planned count (two statements)"
    [response_none]="paginate_response, no count"
    [response_exact]="paginate_response, exact count"
    [response_planned]="paginate_response, planned count"
    [json_none]="paginate_response_json, no count"
    [json_exact]="paginate_response_json, exact count"
    [json_planned]="paginate_response_json, planned count"
    [orm]="ORM: count, then the slice (two statements)"
)
peer_of() {
    case $1 in
        *_none) echo postgrest_none ;;
        *_planned) echo postgrest_planned ;;
        *) echo postgrest_exact ;;
    esac
}
# Issue 17's target for contender $1 ÷ its peer (bench/lib.sh; none for the
# peers and the ORM).
target_of() {
    case $1 in
        postgrest_* | orm) ;;
        *_exact) echo "$target_exact" ;;
        *) echo "$target_response" ;;
    esac
}
# The statements of contender $1 at page size $2 (a page picked at random
# by pgbench's \set, :page and :off).
script() {
    local c=$1 s=$2
    echo "\\set page random(1, $((rows / s)))"
    echo "\\set off (:page - 1) * $s"
    case $c in
        postgrest_none) echo "$(postgrest_statement "$s" :off);" ;;
        postgrest_exact) echo "$(postgrest_statement "$s" :off exact);" ;;
        postgrest_planned)
            echo "$(postgrest_statement "$s" :off);"
            echo "EXPLAIN (FORMAT JSON) SELECT 1 FROM items;" ;;
        response_*) echo "SELECT paginate_response('$q', :page, $s, count => '${c#response_}');" ;;
        json_*) echo "SELECT paginate_response_json('$q', :page, $s, count => '${c#json_}');" ;;
        orm)
            echo "SELECT count(*) FROM (SELECT * FROM items) AS anon_1;"
            echo "SELECT * FROM items ORDER BY created_at, id LIMIT $s OFFSET :off;" ;;
    esac
}
latency() { # script seconds seed -> average latency in ms
    "$bindir/pgbench" "${tcp[@]}" -n -M prepared -T "$2" -c 1 -j 1 --random-seed="$3" -f "$1" peers 2>&1 |
        awk '/^latency average/ { print $4 }'
}

declare -A result=()
for s in $sizes; do
    read -r -a list <<<"$contenders"
    for c in "${list[@]}"; do
        script "$c" "$s" >"$work/$c.$s.sql"
        [[ $warmup -gt 0 ]] && latency "$work/$c.$s.sql" "$warmup" 1 >/dev/null
    done
    for ((r = 0; r < rounds; r++)); do
        n=${#list[@]}
        for ((i = 0; i < n; i++)); do
            c=${list[$(((i + r) % n))]}
            ms=$(latency "$work/$c.$s.sql" "$seconds" $((r + 1)))
            [[ -n $ms ]] || die "pgbench gave no latency for $c at $s rows"
            result[$c.$s]+="$ms "
            echo "peers: page size $s, round $((r + 1)), ${label[$c]}: $ms ms" >&2
        done
    done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Peak memory at the largest page size: one psql session runs the statement
# 5 times (every page's buffers, the catalogs and plans are then in the
# backend), resets the kernel's high-water mark of the backend's resident
# memory (clear_refs 5: VmHWM becomes VmRSS), runs the 5 calls again and
# reads the mark.  Its growth is the calls' peak, however brief, where
# sampling could miss it.
big=${sizes##* }
declare -A memory=()
# The 5 calls of contender $1 at the largest page size, pages 1 to 5.
calls() {
    local i
    for ((i = 1; i <= 5; i++)); do
        echo "\\set page $i"
        echo "\\set off $(((i - 1) * big))"
        script "$1" "$big" | grep -v '^\\set'
    done
}
for c in $contenders; do
    {
        echo "SELECT pg_backend_pid() AS pid \\gset"
        echo "\\setenv BACKEND :pid"
        calls "$c"
        echo "\\! echo 5 > /proc/\$BACKEND/clear_refs && grep VmRSS /proc/\$BACKEND/status > $work/base"
        calls "$c"
        echo "\\! grep VmHWM /proc/\$BACKEND/status > $work/peak"
    } >"$work/memory.$c.sql"
    rm -f "$work/base" "$work/peak"
    "$bindir/psql" -X -q -At -v ON_ERROR_STOP=1 "${tcp[@]}" -d peers -f "$work/memory.$c.sql" -o /dev/null ||
        die "the memory run of $c failed"
    base=$(awk '{ print $2 }' "$work/base" 2>/dev/null)
    peak=$(awk '{ print $2 }' "$work/peak" 2>/dev/null)
    [[ -n $base && -n $peak ]] || die "no VmRSS or VmHWM of the backend in the memory run of $c"
    memory[$c]=$(((peak - base) / 1024)).$((((peak - base) % 1024) * 10 / 1024))
    echo "peers: memory, ${label[$c]}: VmHWM $peak kB, $base kB after the warm-up" >&2
done

{
    echo "# paginate beside its peers, over TCP"
    echo
    echo "\`make bench-peers\` (\`bash bench/peers.sh\`) on $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d'),"
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}'), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "items: 100,000 rows; a random page of \`$q\` each call, from pgbench over TCP"
    echo "(127.0.0.1, \`-M prepared\`); each figure is the median of $rounds rounds of $seconds s"
    echo "(average latency per call, in ms; below 1.00: paginate is faster)."
    echo "PostgREST's statements are its shapes for \`GET /items?order=created_at,id&limit=…&offset=…\`;"
    echo "its planned count is a second statement, EXPLAIN (FORMAT JSON) of its count query."
    echo
    echo "| page size | contender | ms per call | ÷ PostgREST with the same count | target | verdict |"
    echo "|---:|---|---:|---:|---:|---|"
    for s in $sizes; do
        for c in $contenders; do
            m=$(median "${result[$c.$s]}")
            p=$(median "${result[$(peer_of "$c").$s]}")
            ratio=$(awk -v a="$m" -v b="$p" 'BEGIN { printf "%.2f", a / b }')
            printf '| %s | %s | %.3f | %s | %s |\n' "$s" "${label[$c]}" "$m" "$ratio" "$(judged "$(target_of "$c")" "$ratio")"
        done
    done
    echo
    echo "Peak memory of the backend serving $big-row pages: its resident memory's high-water"
    echo "mark (VmHWM) over 5 calls, above its resident memory before them, after 5 calls of"
    echo "warm-up in the same session (the mark reset in between)."
    echo
    echo "Target: at most PostgREST's with the same count (issue 17):"
    echo
    echo "| contender | peak growth (VmHWM), MB | PostgREST's with the same count, MB | verdict |"
    echo "|---|---:|---:|---|"
    for c in $contenders; do
        p=${memory[$(peer_of "$c")]}
        case $c in
            postgrest_* | orm) printf '| %s | %s | | |\n' "${label[$c]}" "${memory[$c]}" ;;
            *) printf '| %s | %s | %s | %s |\n' "${label[$c]}" "${memory[$c]}" "$p" "$(verdict "${memory[$c]}" "$p")" ;;
        esac
    done
} >"$out"
echo "wrote $out"
