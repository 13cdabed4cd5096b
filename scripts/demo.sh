#!/usr/bin/env bash
# make demo: build and install paginate, start the project's cluster, load
# demo/seed.sql and run demo/walkthrough.sql, echoing each statement.
# Safe to re-run: the seed drops and recreates the extension and its tables.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root"

scripts/build.sh
echo "== cluster"
scripts/cluster.sh start
eval "$(scripts/cluster.sh env)"
psql=$("$PG_CONFIG" --bindir)/psql

echo "== seed: demo/seed.sql (users: 100 rows, events: 1,000,000 rows)"
"$psql" -X -q -v ON_ERROR_STOP=1 -f demo/seed.sql

echo "== walkthrough: demo/walkthrough.sql"
"$psql" -X -e -P pager=off -v ON_ERROR_STOP=0 -f demo/walkthrough.sql

cat <<EOF

The demo cluster is still running.  Connect with
    psql -h $(printf %q "$PGHOST") -p $PGPORT -U postgres paginate
or
    eval "\$(scripts/cluster.sh env)"; psql
Stop it with
    make stop          (make clean-cluster also deletes .cluster/)
EOF
