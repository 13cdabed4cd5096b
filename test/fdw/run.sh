#!/usr/bin/env bash
# make fdw: paginate over a sharded table.  Starts three throwaway clusters
# (scripts/cluster.sh, in .cluster-fdw/): two shards, each holding one region's
# rows of "events" in a plain table, and a main server where "events" is a
# table partitioned by region whose partitions are postgres_fdw foreign tables
# on the shards, beside "events_local", the same rows in a local table.  Then
# pg_regress runs test/fdw/sql/fdw.sql on the main server and compares with
# test/fdw/expected/fdw.out: offset pages and keyset walks over the sharded
# table against the local rows, and the plans (what is pushed to the shards).
#
# Environment: PAGINATE_EXT (default paginate; another name tests that
# extension, already installed, without building), FDW_KEEP=1 leaves the
# clusters running.  Exit code: pg_regress's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../../scripts/common.sh
source "$here/../../scripts/common.sh"
cd "$root"

ext=${PAGINATE_EXT:-paginate}
[[ $ext =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "run.sh: bad PAGINATE_EXT '$ext'" >&2; exit 2; }
if [[ $ext == paginate ]]; then
    scripts/build.sh
else
    echo "== build: skipped, testing the installed extension $ext"
fi
bindir=$("$PG_CONFIG" --bindir)
psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -U postgres)


names=(eu us main)
declare -A port sock
cluster() { PAGINATE_CLUSTER=$root/.cluster-fdw/$1 PAGINATE_PORT=${port[$1]} scripts/cluster.sh "${@:2}"; }
stop_all() {
    [[ ${FDW_KEEP:-} == 1 ]] && return
    for name in "${names[@]}"; do cluster "$name" stop >/dev/null 2>&1 || true; done
}
trap stop_all EXIT

echo "== clusters: shards eu and us, main"
for name in "${names[@]}"; do
    # each starts before the next looks: ports from 54381 on, one each
    port[$name]=$(free_port_from 54381)
    cluster "$name" stop --clean >/dev/null
    cluster "$name" start
    sock[$name]=$root/.cluster-fdw/$name/sock
done

# The rows of both regions: ties in created_at (250 distinct values over
# 1000 rows) and NULL amounts.
rows="SELECT i::bigint AS id,
             timestamptz '2024-01-01 00:00+00' + ((i * 37) % 250) * interval '1 minute' AS created_at,
             CASE WHEN i % 2 = 0 THEN 'eu' ELSE 'us' END AS region,
             CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 13 % 1000) / 10.0 END::numeric(8, 2) AS amount
      FROM generate_series(1, 1000) AS i"

for region in eu us; do
    "${psql[@]}" -h "${sock[$region]}" -p "${port[$region]}" -d paginate <<SQL
CREATE TABLE events_shard (id bigint PRIMARY KEY, created_at timestamptz NOT NULL,
                           region text NOT NULL CHECK (region = '$region'), amount numeric(8, 2));
INSERT INTO events_shard SELECT * FROM ($rows) r WHERE region = '$region';
CREATE INDEX ON events_shard (created_at, id);
ANALYZE events_shard;
SQL
done

echo "== main: database fdw, events partitioned over the shards, events_local"
"${psql[@]}" -h "${sock[main]}" -p "${port[main]}" -d postgres -c "CREATE DATABASE fdw"
"${psql[@]}" -h "${sock[main]}" -p "${port[main]}" -d fdw <<SQL
CREATE EXTENSION postgres_fdw;
CREATE EXTENSION $ext;
CREATE SERVER shard_eu FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '${sock[eu]}', port '${port[eu]}', dbname 'paginate');
CREATE SERVER shard_us FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '${sock[us]}', port '${port[us]}', dbname 'paginate');
CREATE USER MAPPING FOR postgres SERVER shard_eu OPTIONS (user 'postgres');
CREATE USER MAPPING FOR postgres SERVER shard_us OPTIONS (user 'postgres');
CREATE TABLE events (id bigint NOT NULL, created_at timestamptz NOT NULL,
                     region text NOT NULL, amount numeric(8, 2))
    PARTITION BY LIST (region);
CREATE FOREIGN TABLE events_eu PARTITION OF events FOR VALUES IN ('eu')
    SERVER shard_eu OPTIONS (table_name 'events_shard');
CREATE FOREIGN TABLE events_us PARTITION OF events FOR VALUES IN ('us')
    SERVER shard_us OPTIONS (table_name 'events_shard');
ANALYZE events_eu;
ANALYZE events_us;
CREATE TABLE events_local AS $rows;
ALTER TABLE events_local ADD PRIMARY KEY (id);
ANALYZE events_local;
SQL

echo "== pg_regress test/fdw: fdw"
pg_regress=$(pg_regress_bin)
outdir=$(mktemp -d)
status=0
"$pg_regress" --bindir="$bindir" --inputdir=test/fdw --outputdir="$outdir" \
    --host="${sock[main]}" --port="${port[main]}" --user=postgres \
    --use-existing --dbname=fdw fdw || status=$?
if [[ $status -ne 0 && -f $outdir/regression.diffs ]]; then
    cat "$outdir/regression.diffs"
    cp "$outdir/regression.diffs" test/fdw/regression.diffs
    echo "fdw: differences also in test/fdw/regression.diffs"
fi
rm -rf "$outdir"
exit $status
