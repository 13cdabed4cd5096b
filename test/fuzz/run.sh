#!/usr/bin/env bash
# make fuzz: generate queries with sqlsmith and push each one through paginate,
# comparing pages with the query run directly (test/fuzz/fuzz.py says how).
#
#   test/fuzz/run.sh              10,000 queries, seed 1
#   FUZZ_QUERIES=500 FUZZ_SEED=7 test/fuzz/run.sh
#
# What is compared, and when a query counts as deterministic: see the
# docstring of test/fuzz/fuzz.py.  In short: every query goes through
# paginate; each deterministic SELECT (after making sqlsmith's TABLESAMPLE
# repeatable and its LIMITs ordered or gone), and the same without its WHERE
# clauses, is compared with the query run directly: the whole result as a
# multiset, the totals, then offset pages and keyset walks over it in a total
# order of all its columns.
#
# Steps: install sqlsmith (Debian's package) and psycopg if missing; build and
# install paginate (scripts/build.sh; skipped when PAGINATE_EXT names another,
# already installed extension); start a throwaway cluster in .cluster-fuzz
# (scripts/cluster.sh, on a free port); load test/fuzz/schema.sql into a fresh
# database "fuzz" and create the extension there; have sqlsmith print
# FUZZ_QUERIES queries (--dry-run) from that schema; run them with fuzz.py as
# the unprivileged role "fuzz", FUZZ_JOBS at a time, each statement under
# statement_timeout FUZZ_TIMEOUT; stop the cluster.
#
# Output in test/fuzz/out/: queries.sql, results.jsonl (one line per query),
# SUMMARY.md (also printed), server.log.  Copy SUMMARY.md to test/fuzz/ to
# commit a run.  Exits non-zero on a crash or a mismatch.
#
# Environment:
#   PAGINATE_EXT   extension to test (default paginate)
#   FUZZ_QUERIES   queries to generate (default 10000)
#   FUZZ_SEED      sqlsmith's seed (default 1)
#   FUZZ_TIMEOUT   statement_timeout of every statement (default 2s)
#   FUZZ_JOBS      queries run at a time (default: the number of CPUs, at most 4)
#   FUZZ_PORT      port of the throwaway cluster (default: the first free one from 54371)
#   FUZZ_KEEP=1    leave the cluster running at the end
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../../scripts/common.sh
source "$here/../../scripts/common.sh"
cd "$root"

ext=${PAGINATE_EXT:-paginate}
queries=${FUZZ_QUERIES:-10000}
seed=${FUZZ_SEED:-1}
timeout=${FUZZ_TIMEOUT:-2s}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
((jobs <= 4)) || jobs=4
out=$here/out

# FUZZ_PORT, or the first port from 54371 on that nothing listens on
port=${FUZZ_PORT:-$(free_port_from 54371)}
export PAGINATE_CLUSTER=$root/.cluster-fuzz PAGINATE_PORT=$port

[[ $ext =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "run.sh: bad PAGINATE_EXT '$ext'" >&2; exit 2; }

echo "== deps: sqlsmith, psycopg"
missing=()
command -v sqlsmith >/dev/null || missing+=(sqlsmith)
/usr/bin/python3 -c 'import psycopg' 2>/dev/null || missing+=(python3-psycopg)
if ((${#missing[@]})); then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" ||
        { as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"; }
fi

if [[ $ext == paginate ]]; then
    scripts/build.sh
else
    echo "== build: skipped, testing the installed extension $ext"
fi

cleanup() {
    if [[ ${FUZZ_KEEP:-} != 1 ]]; then scripts/cluster.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "== cluster"
scripts/cluster.sh stop --clean >/dev/null
scripts/cluster.sh start
eval "$(scripts/cluster.sh env)"
bindir=$("$PG_CONFIG" --bindir)
psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1)
log=$PAGINATE_CLUSTER/log

# only crashes and errors in the log, without the (long) statements
"${psql[@]}" -d postgres -c "ALTER SYSTEM SET log_min_error_statement = panic" \
    -c "SELECT pg_reload_conf()" >/dev/null

echo "== database fuzz: test/fuzz/schema.sql, CREATE EXTENSION $ext"
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS fuzz" -c "CREATE DATABASE fuzz" \
    -c "DROP ROLE IF EXISTS fuzz" -c "CREATE ROLE fuzz LOGIN"
"${psql[@]}" -d fuzz -f test/fuzz/schema.sql -c "CREATE EXTENSION $ext" \
    -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO fuzz"

rm -rf "$out"
mkdir -p "$out"
dsn="host=$PGHOST port=$PGPORT user=fuzz dbname=fuzz"
version=$(dpkg-query -W -f='${Version}' sqlsmith 2>/dev/null || echo unknown)
echo "== sqlsmith $version: $queries queries, seed $seed"
sqlsmith --target="$dsn" --dry-run --exclude-catalog --seed="$seed" \
    --max-queries="$queries" >"$out/queries.sql" 2>"$out/sqlsmith.log" ||
    { tail "$out/sqlsmith.log" >&2; echo "run.sh: sqlsmith failed" >&2; exit 1; }

echo "== fuzz.py: $jobs at a time, statement_timeout $timeout"
status=0
FUZZ_DSN=$dsn FUZZ_LOG=$log FUZZ_JOBS=$jobs FUZZ_TIMEOUT=$timeout FUZZ_SEED=$seed \
    FUZZ_EXT=$ext FUZZ_SQLSMITH="$version (--dry-run --exclude-catalog)" \
    FUZZ_PG="$("$bindir/postgres" --version | awk '{print $3}')" \
    FUZZ_COMMAND="$(printf '%s ' "${PAGINATE_EXT:+PAGINATE_EXT=$PAGINATE_EXT}" \
        "FUZZ_QUERIES=$queries FUZZ_SEED=$seed FUZZ_TIMEOUT=$timeout FUZZ_JOBS=$jobs" make fuzz | sed 's/^ //; s/ $//')" \
    /usr/bin/python3 -B test/fuzz/fuzz.py "$out/queries.sql" "$out" || status=$?
cp "$log" "$out/server.log"
echo "== out: $out (SUMMARY.md, results.jsonl, queries.sql, server.log)"
exit $status
