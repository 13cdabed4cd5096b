#!/usr/bin/env bash
# Install the Debian packages needed to build and test paginate, and any
# more named as arguments (scripts/valgrind.sh asks for valgrind).
# Fast and silent when everything is already there; apt-get only runs
# (update once, then install) for what is missing.  Uses sudo when not root.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# postgresql-contrib-N is provided by postgresql-N since PostgreSQL 10.
# The Python packages run examples/flask and its tests (Flask-SQLAlchemy is
# the tutorial the example is checked against).  On another version than
# the host's (PAGINATE_PG, in a chroot of scripts/pgversion.sh) only what
# its suites need; with no pgTAP package for it (19) scripts/pgversion.sh
# builds pgTAP from Debian's source.
v=$PAGINATE_PG
packages=(postgresql-"$v" postgresql-server-dev-"$v" libtap-parser-sourcehandler-pgtap-perl make gcc)
[[ ${PAGINATE_PGTAP_FROM_SOURCE:-0} == 1 ]] || packages+=(postgresql-"$v"-pgtap)
suite_wanted cppcheck && packages+=(cppcheck)
suite_wanted pgindent && packages+=(pg-bsd-indent)
suite_wanted flask && packages+=(python3-flask python3-psycopg python3-pytest python3-flask-sqlalchemy)
suite_wanted drivers && packages+=(python3-psycopg python3-psycopg2 python3-asyncpg python3-pytest
    ruby-pg libpostgresql-jdbc-java openjdk-17-jdk-headless)
packages+=("$@")

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
        echo "deps.sh: missing packages: ${missing[*]}" >&2
        echo "deps.sh: not root and sudo is not installed; install them as root." >&2
        exit 1
    fi
    sudo=(sudo)
fi

echo "deps.sh: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
