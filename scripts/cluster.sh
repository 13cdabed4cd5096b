#!/usr/bin/env bash
# A throwaway PostgreSQL cluster (of PAGINATE_PG, 15 unless set) inside the
# project: .cluster/{data,sock,log}.
#
#   scripts/cluster.sh start          init (if needed) and start; reuses a running one
#   scripts/cluster.sh stop [--clean] stop it; --clean also deletes .cluster
#   scripts/cluster.sh status         is it running?
#   scripts/cluster.sh env            export lines for: eval "$(scripts/cluster.sh env)"
#
# Port 54329 unless PAGINATE_PORT is set; in .cluster unless PAGINATE_CLUSTER
# names another directory (test/fuzz and test/fdw run their own clusters
# beside the one of make test this way).  It listens on its own unix socket
# directory and 127.0.0.1 only, with trust authentication for the superuser
# "postgres".  As root, the server runs as the "postgres" system user.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cluster=${PAGINATE_CLUSTER:-$root/.cluster}
data=$cluster/data
sock=$cluster/sock
log=$cluster/log
port=${PAGINATE_PORT:-54329}
database=paginate

die() { echo "cluster.sh: $*" >&2; exit 1; }

bindir() {
    local dir
    dir=$("$PG_CONFIG" --bindir 2>/dev/null) || die "pg_config not found; run scripts/deps.sh"
    [[ -x $dir/initdb ]] || die "no initdb in $dir; run scripts/deps.sh"
    echo "$dir"
}

# Run a server-side command as the cluster's owner.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd "$cluster" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# As root the server runs as "postgres", which must be able to reach .cluster.
check_owner() {
    [[ $(id -u) -eq 0 ]] || return 0
    id postgres >/dev/null 2>&1 ||
        die "running as root but there is no 'postgres' user to run the server; run scripts/deps.sh"
    local dir=$root path=
    local parts
    IFS=/ read -ra parts <<<"${dir#/}"
    for part in "" "${parts[@]}"; do
        path=${path%/}/$part
        if ! runuser -u postgres -- test -x "$path"; then
            die "the server runs as user 'postgres' (initdb refuses root), but 'postgres' cannot enter $path ($(stat -c '%A %U:%G' "$path")), so it cannot reach $cluster. Every parent directory needs o+x: run 'chmod o+x $path', or work from a checkout outside it (e.g. under /tmp or /srv)."
        fi
    done
}

running() {
    [[ -f $data/PG_VERSION ]] && as_owner "$(bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# The port of the running server (line 4 of postmaster.pid), else the configured one.
current_port() {
    local p=
    if running; then p=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null || true); fi
    echo "${p:-$port}"
}

init() {
    local bin=$1
    echo "cluster.sh: creating a cluster in $data"
    rm -rf "$data"
    mkdir -p "$cluster" "$sock"
    chmod 755 "$sock"
    [[ $(id -u) -ne 0 ]] || chown -R postgres: "$cluster"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C >"$cluster/initdb.log" 2>&1 ||
        { cat "$cluster/initdb.log" >&2; die "initdb failed"; }
    # Settings for a disposable test server; port is given at start.
    as_owner tee -a "$data/postgresql.conf" >/dev/null <<CONF

# --- scripts/cluster.sh: throwaway test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_preload_libraries = ''
max_prepared_transactions = 0
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_messages = warning
CONF
}

start() {
    local bin
    bin=$(bindir)
    local socket_file=$sock/.s.PGSQL.$port
    # sun_path holds 107 bytes plus the terminating NUL.
    [[ ${#socket_file} -le 107 ]] ||
        die "the socket path $socket_file is ${#socket_file} bytes, over the 107-byte limit of unix sockets; use a checkout with a shorter path"
    check_owner
    if running; then
        echo "cluster.sh: already running on port $(current_port) (socket dir $sock)"
        [[ $(current_port) == "$port" ]] ||
            echo "cluster.sh: note: it runs on port $(current_port), not $port; stop it to change" >&2
    else
        [[ -f $data/PG_VERSION ]] || init "$bin"
        [[ $(id -u) -ne 0 ]] || chown postgres: "$cluster"
        if ! as_owner "$bin/pg_ctl" -D "$data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null; then
            echo "cluster.sh: the server did not start; end of $log:" >&2
            tail -n 20 "$log" >&2 || true
            die "start failed (port $port in use? set PAGINATE_PORT to another port)"
        fi
        echo "cluster.sh: started on port $port (socket dir $sock, log $log)"
    fi
    local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$(current_port)" -U postgres)
    if [[ -z $("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
        "${psql[@]}" -d postgres -c "CREATE DATABASE $database"
    fi
}

stop() {
    if running; then
        as_owner "$(bindir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null
        echo "cluster.sh: stopped"
    else
        echo "cluster.sh: not running"
    fi
    if [[ ${1:-} == --clean ]]; then
        rm -rf "$cluster"
        echo "cluster.sh: removed $cluster"
    fi
}

status() {
    if running; then
        echo "cluster.sh: running on port $(current_port), socket dir $sock, data $data, log $log"
    else
        echo "cluster.sh: not running"
        return 3
    fi
}

env_lines() {
    printf 'export PGHOST=%q\n' "$sock"
    printf 'export PGPORT=%q\n' "$(current_port)"
    printf 'export PGUSER=postgres\n'
    printf 'export PGDATABASE=%q\n' "$database"
}

usage() { echo "usage: $0 start | stop [--clean] | status | env" >&2; exit 2; }

case ${1:-}:${2:-} in
    start:) start ;;
    stop: | stop:--clean) stop "${2:-}" ;;
    status:) status ;;
    env:) env_lines ;;
    *) usage ;;
esac
