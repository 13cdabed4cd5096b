# Sourced by the other scripts (not run): project root, pg_config, sudo.
# shellcheck shell=bash

# shellcheck disable=SC2034  # used by the scripts that source this file
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

# PostgreSQL 15's own pg_config, whatever /usr/bin/pg_config would pick.
# The Makefile reads PG_CONFIG from the environment.
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}

# Run a command as root: directly, or through sudo.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "$(basename "$0"): need root for: $*, and sudo is not installed" >&2
        return 1
    fi
}
