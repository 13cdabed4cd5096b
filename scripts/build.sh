#!/usr/bin/env bash
# Install the build dependencies, build paginate with -Werror and install it
# into PostgreSQL $PAGINATE_PG (15 unless set; through sudo when not root).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root"

bash scripts/deps.sh

echo "== build"
if ! make --no-print-directory WERROR=1; then
    echo "build.sh: the build failed (see the compiler errors above)" >&2
    exit 1
fi

echo "== install"
if ! as_root make --no-print-directory install PG_CONFIG="$PG_CONFIG"; then
    echo "build.sh: make install failed" >&2
    exit 1
fi
