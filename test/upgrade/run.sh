#!/usr/bin/env bash
# make upgrade: the update from the oldest released version to the current
# one, then every suite on the updated extension.  On a throwaway cluster of
# its own (scripts/cluster.sh, in .cluster-upgrade/):
#   1. pg_regress test/upgrade: upgrade.sql installs paginate 1.0 in database
#      paginate_upgrade, builds an application's objects on it (stored
#      pagination values, views, a function body, cursors handed out), runs
#      ALTER EXTENSION paginate UPDATE, checks they all still work and that
#      the extension's objects are those of a fresh install;
#   2. the pg_regress suite (sql/*.sql) in that same database;
#   3. the pgTAP suite (test/pgtap/*.sql) in it.
# The last line is "N passed, N failed" (pg_regress tests and pgTAP tests).
# Environment: UPGRADE_KEEP=1 leaves the cluster running.  Exit code: 0 when
# everything passed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../../scripts/common.sh
source "$here/../../scripts/common.sh"
cd "$root"

scripts/build.sh
bindir=$("$PG_CONFIG" --bindir)
pg_regress=$(pg_regress_bin)

# The oldest version with an install script of its own: what a user who
# installed the first release has.
oldest=$(for f in sql/paginate--*.sql; do
    v=${f#sql/paginate--}; v=${v%.sql}
    [[ $v == *--* ]] || echo "$v"
done | sort -V | head -n1)
[[ $oldest == 1.0 ]] || { echo "run.sh: the oldest install script is $oldest; upgrade.sql installs 1.0" >&2; exit 2; }

port=$(free_port_from 54371)
cluster() { PAGINATE_CLUSTER=$root/.cluster-upgrade PAGINATE_PORT=$port scripts/cluster.sh "$@"; }
stop() { [[ ${UPGRADE_KEEP:-} == 1 ]] || cluster stop >/dev/null 2>&1 || true; }
trap stop EXIT
echo "== cluster: .cluster-upgrade, port $port"
cluster stop --clean >/dev/null
cluster start
eval "$(cluster env)"

passed=0 failed=0
out=$root/output_upgrade
rm -rf "$out"
mkdir -p "$out"

# Add a step's counts ("PASSED FAILED") to the totals.
add_counts() {
    local p f
    read -r p f <<<"$1"
    passed=$((passed + p)) failed=$((failed + f))
}

echo "== 1. update 1.0 -> $(sed -n "s/^default_version *= *'\(.*\)'/\1/p" paginate.control) (test/upgrade/sql/upgrade.sql)"
"$pg_regress" --bindir="$bindir" --inputdir=test/upgrade --outputdir="$out/update" \
    --host="$PGHOST" --port="$PGPORT" --user="$PGUSER" \
    --dbname=paginate_upgrade upgrade 2>&1 | tee "$out/update.log" || true
add_counts "$(regress_counts "$out/update.log")"
[[ -f $out/update/regression.diffs ]] && cat "$out/update/regression.diffs"

echo "== 2. pg_regress sql/*.sql in the updated database"
mapfile -t tests < <(regress_tests)
"$pg_regress" --bindir="$bindir" --inputdir=. --outputdir="$out/regress" \
    --host="$PGHOST" --port="$PGPORT" --user="$PGUSER" \
    --use-existing --dbname=paginate_upgrade "${tests[@]}" 2>&1 | tee "$out/regress.log" || true
add_counts "$(regress_counts "$out/regress.log")"
[[ -f $out/regress/regression.diffs ]] && cat "$out/regress/regression.diffs"

echo "== 3. pgTAP test/pgtap/*.sql in the updated database"
"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -d paginate_upgrade -c 'CREATE EXTENSION IF NOT EXISTS pgtap'
pg_prove --psql-bin "$bindir/psql" -d paginate_upgrade test/pgtap/*.sql 2>&1 | tee "$out/pgtap.log" || true
add_counts "$(prove_counts "$out/pgtap.log")"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
