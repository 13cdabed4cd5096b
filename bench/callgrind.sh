#!/usr/bin/env bash
# make bench-callgrind: instructions per call, counted by valgrind's
# callgrind, for paginate's page and response calls and the statements its
# peers send, side by side on the same data.  Instruction counts do not move
# with the load of a shared machine, as wall times do (±15-50 % on 2 cores).
#
# On a throwaway cluster of its own (.cluster-callgrind/, port from 54391):
# items (bench/items.sql: 100,000 rows of bench/load.sql's shape, fixed
# seed, indexed on (created_at, id)).  Then, for each contender, PostgreSQL
# in single-user mode under callgrind prepares the statement and executes it
# W times, and again W + N times, counting
# the whole process; (second - first) / N is one call's cost
# after the warm-up (the query cache filled, the catalogs cached).  Each
# statement's result goes to single-user mode's output (its output functions
# run, as they do for a client, but single-user mode prints only their
# summed length; no network): see wrap below.
#
# Environment: CALLGRIND_W (warm-up calls, 10), CALLGRIND_N (measured calls,
# 40; paginate.max_per_page is 0, so pages past its default of 100 are as
# asked), CALLGRIND_PER_PAGE ("10 100 1000": the page sizes), CALLGRIND_OUT
# (bench/CALLGRIND.md).  Takes about a minute per contender and page size.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"

w=${CALLGRIND_W:-10}
n=${CALLGRIND_N:-40}
sizes=${CALLGRIND_PER_PAGE:-10 100 1000}
out=${CALLGRIND_OUT:-bench/CALLGRIND.md}

bash scripts/deps.sh valgrind
scripts/build.sh >/dev/null
bindir=$("$PG_CONFIG" --bindir)
items_cluster callgrind 54391
data=$cluster_dir/data
cluster stop >/dev/null

work=$(mktemp -d)
chmod 1777 "$work"
trap '[[ ${CALLGRIND_KEEP:-0} == 1 ]] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
q="select * from items order by created_at, id"

# The statements, one line each (single-user mode ends a statement at a
# newline), for page size $1: name, setup and statement, separated by the
# unit separator (not a tab, which read would fold when setup is empty).
contenders() {
    local s=$1 typed postgrest json args types="(text, bigint, bigint)"
    args="('$q', 1, $s)"
    # a typed row as a driver receives it: each column's text
    typed="octet_length(r.id::text) + octet_length(r.user_id::text) + octet_length(r.kind::text)"
    typed+=" + octet_length(r.created_at::text) + octet_length(r.title::text) + octet_length(r.body::text)"
    # PostgREST's three columns (each read, or the planner drops the count)
    postgrest="coalesce(octet_length(r.total_result_set::text), 0) + octet_length(r.page_total::text) + octet_length(r.body::text)"
    json="octet_length(r.b::text)"
    contender "PostgREST, no count" "" "$(wrap "$postgrest" "$(postgrest_statement "$s" 0)")" ""
    contender "PostgREST, exact count" "" "$(wrap "$postgrest" "$(postgrest_statement "$s" 0 exact)")" ""
    # count=planned: the page statement, then EXPLAIN of its count query (sent
    # here as a simple query: single-user mode has no extended protocol)
    printf '%s\x1f%s\x1f%s\n' "PostgREST, planned count (two statements)" \
        "PREPARE c AS $(wrap "$postgrest" "$(postgrest_statement "$s" 0)")" \
        "EXECUTE c; EXPLAIN (FORMAT JSON) SELECT 1 FROM items;"
    contender "paginate_response, no count" "$types" \
        "$(wrap "$json" 'SELECT paginate_response($1, $2, $3, count => '"'none'"') AS b')" "$args"
    contender "paginate_response, exact count" "$types" \
        "$(wrap "$json" 'SELECT paginate_response($1, $2, $3, count => '"'exact'"') AS b')" "$args"
    contender "paginate_response, planned count" "$types" \
        "$(wrap "$json" 'SELECT paginate_response($1, $2, $3, count => '"'planned'"') AS b')" "$args"
    contender "paginate_response_json, no count" "$types" \
        "$(wrap "$json" 'SELECT paginate_response_json($1, $2, $3, count => '"'none'"') AS b')" "$args"
    contender "paginate_response_json, exact count" "$types" \
        "$(wrap "$json" 'SELECT paginate_response_json($1, $2, $3, count => '"'exact'"') AS b')" "$args"
    contender "paginate_response_json, planned count" "$types" \
        "$(wrap "$json" 'SELECT paginate_response_json($1, $2, $3, count => '"'planned'"') AS b')" "$args"
    contender "paginate (jsonb rows)" "$types" \
        "$(wrap "$json" 'SELECT b FROM paginate($1, $2, $3) AS b')" "$args"
    contender "paginate_as (typed rows)" "$types" \
        "$(wrap "$typed" 'SELECT * FROM paginate_as(NULL::items, $1, $2, $3)')" "$args"
    # the recipe's two statements, each prepared
    printf '%s\x1f%s\x1f%s\n' "PostgREST recipe, two calls, exact count" \
        "PREPARE meta$types AS SELECT paginate_set_headers(paginate_meta(\$1, \$2, \$3, count => 'exact')); PREPARE rows$types AS $(wrap "$typed" 'SELECT * FROM paginate_as(NULL::items, $1, $2, $3)')" \
        "EXECUTE meta$args; EXECUTE rows$args;"
    contender "PostgREST recipe, paginate_as set_headers, exact count" "$types" \
        "$(wrap "$typed" 'SELECT * FROM paginate_as(NULL::items, $1, $2, $3, count => '"'exact'"', set_headers => true)')" "$args"
    contender "hand-written prepared LIMIT/OFFSET" "(bigint, bigint)" \
        "$(wrap "$typed" 'SELECT * FROM items ORDER BY created_at, id LIMIT $1 OFFSET $2')" "($s, 0)"
}

# contender NAME TYPES BODY ARGS: a statement prepared as a driver (or
# PostgREST, whose LIMIT and OFFSET are literals) prepares it: PREPARE c
# TYPES AS BODY once, then EXECUTE c ARGS on each call.
contender() {
    printf '%s\x1f%s\x1f%s\n' "$1" "PREPARE c$2 AS $3" "EXECUTE c$4;"
}

# A statement as the harness runs it: each row's columns made text, as a
# client's driver receives them (their output functions run; octet_length
# of text is its header), and summed, so that single-user mode prints one
# short row instead of each column of each row (its debug printing would
# dwarf the work measured).  $1: the row's length from r, $2: the statement.
wrap() { echo "SELECT sum($1) FROM ($2) r;"; }

# Instructions of a single-user run of a script of statements.
instructions() {
    local script=$1 file
    file=$work/callgrind.$RANDOM.out
    runuser_maybe valgrind --tool=callgrind \
        --callgrind-out-file="$file" "$bindir/postgres" --single -D "$data" \
        -c max_parallel_workers_per_gather=0 -c paginate.max_per_page=0 callgrind <"$script" >"$work/postgres.out" 2>"$work/valgrind.log" ||
        { cat "$work/valgrind.log" >&2; exit 1; }
    grep -E "^(totals|summary):" "$file" | head -n1 | awk "{print \$2}"
}
runuser_maybe() {
    if [[ $(id -u) -eq 0 ]]; then (cd "$work" && runuser -u postgres -- "$@"); else "$@"; fi
}

{
    echo "# Instructions per call (callgrind)"
    echo
    echo "\`bash bench/callgrind.sh\` on $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d'),"
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}'), valgrind $(valgrind --version | sed 's/valgrind-//')."
    echo "items: 100,000 rows, page 1, \`$q\`; each figure is (W + N runs - W runs) / N"
    echo "with W = $w, N = $n, counted over the whole process (start-up cancels out; planning, execution, output"
    echo "functions; no network). PostgREST's statements are its current shapes for"
    echo "\`GET /items?order=created_at,id&limit=…\` (\`Prefer: count=exact\` adds"
    echo "\`pgrst_source_count\`). Every statement is prepared once and executed on each call, as"
    echo "drivers and PostgREST send them: paginate's with the query text, page and per_page as"
    echo "parameters, PostgREST's with its LIMIT and OFFSET written in (no parameters)."
    echo
    echo "The peer of each row: PostgREST's statement with the same count; for"
    echo "\`paginate_as\`, the hand-written prepared statement (peers are 1.000)."
    echo "The PostgREST recipe (typed rows and response.headers) is either"
    echo "\`paginate_set_headers(paginate_meta(…))\` and \`paginate_as\`, two statements, or"
    echo "one \`paginate_as(…, set_headers => true)\`."
    echo
    echo "Targets (issue 17): paginate's responses at most $target_response of PostgREST without a"
    echo "count or with a planned one, at most $target_exact with an exact one; the recipe in one"
    echo "call at most $target_exact of PostgREST's exact count (its two calls are for comparison);"
    echo "the typed form at most $target_typed of the hand-written"
    echo "statement. PostgREST's planned count sends its EXPLAIN as a simple query here"
    echo "(single-user mode has no extended protocol), so it includes that statement's"
    echo "parsing, which a prepared EXPLAIN would not."
    echo
    echo "| page size | contender | instructions per call | ÷ its peer | target | verdict |"
    echo "|---:|---|---:|---:|---:|---|"
} >"$out.tmp"

for s in $sizes; do
    declare -A cost=()
    while IFS=$'\x1f' read -r name setup statement; do
        for runs in "$w" "$((w + n))"; do
            { [[ -n $setup ]] && echo "$setup"; for ((i = 0; i < runs; i++)); do echo "$statement"; done; } >"$work/script.$runs.sql"
        done
        a=$(instructions "$work/script.$w.sql")
        b=$(instructions "$work/script.$((w + n)).sql")
        cost[$name]=$(((b - a) / n))
        echo "callgrind: page size $s, $name: ${cost[$name]} instructions per call" >&2
    done < <(contenders "$s")
    while IFS=$'\x1f' read -r name _ _; do
        case $name in
            *"exact count"*) peer=${cost["PostgREST, exact count"]} ;;
            *"planned count"*) peer=${cost["PostgREST, planned count (two statements)"]} ;;
            paginate_as* | hand-written*) peer=${cost["hand-written prepared LIMIT/OFFSET"]} ;;
            *) peer=${cost["PostgREST, no count"]} ;;
        esac
        case $name in
            PostgREST,* | hand-written* | "paginate (jsonb rows)" | *"two calls"*) target= ;;
            *recipe* | *"exact count") target=$target_exact ;;
            paginate_as*) target=$target_typed ;;
            *) target=$target_response ;;
        esac
        ratio=$(awk -v a="${cost[$name]}" -v b="$peer" 'BEGIN { printf "%.3f", a / b }')
        printf '| %s | %s | %s | %s | %s |\n' "$s" "$name" "${cost[$name]}" "$ratio" "$(judged "$target" "$ratio")" >>"$out.tmp"
    done < <(contenders "$s")
    unset cost
done
mv "$out.tmp" "$out"
[[ ${CALLGRIND_KEEP:-0} == 1 ]] || cluster stop --clean >/dev/null || true
echo "wrote $out"
