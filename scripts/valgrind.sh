#!/usr/bin/env bash
# make valgrind: run the pg_regress suite (sql/*.sql) against a PostgreSQL
# server of its own that runs under valgrind memcheck, and count the memory
# errors whose stack has a frame in paginate's library.
#
#   1. build paginate (-Werror) and install it: as "paginate" by
#      scripts/build.sh, or, when PAGINATE_EXT names another extension,
#      by the command in PAGINATE_INSTALL (or not at all: it must be
#      installed already), so that an installed "paginate" is left alone;
#   2. initdb a throwaway cluster in a temporary directory, listening on a
#      unix socket there only (no TCP port to collide with);
#   3. start postgres under valgrind --trace-children=yes, one log per
#      process, each error between VALGRINDERROR markers;
#   4. run pg_regress over copies of sql/ and expected/ (with LOAD
#      'paginate' rewritten when the extension has another name);
#   5. stop the server, read the logs and write test/valgrind-summary.md.
#
# Settings (environment):
#   PAGINATE_EXT                 extension to test (default paginate)
#   PAGINATE_INSTALL             command that installs it, when not paginate
#   PAGINATE_VALGRIND_TESTS      tests to run (default: every sql/*.sql test)
#   PAGINATE_VALGRIND_PORT       port number of the socket (default 54360)
#   PAGINATE_VALGRIND_SUMMARY    where the summary goes (default test/valgrind-summary.md)
#   PAGINATE_VALGRIND_KEEP=1     keep the temporary directory (logs, data)
#
# Exits non-zero when an error has a frame in paginate, when pg_regress
# fails or when the server does not come up.  Memcheck's own exit code
# (--error-exitcode) also marks a process with any error: the postmaster
# then takes the backend for crashed and restarts, so such an error fails
# the tests that follow too, which is what it should do.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root"

ext=${PAGINATE_EXT:-paginate}
port=${PAGINATE_VALGRIND_PORT:-54360}
summary=${PAGINATE_VALGRIND_SUMMARY:-test/valgrind-summary.md}
error_exitcode=101

die() { echo "valgrind.sh: $*" >&2; exit 1; }

bash scripts/deps.sh valgrind

echo "== build and install ($ext)"
if [[ $ext == paginate ]]; then
    scripts/build.sh
else
    make --no-print-directory WERROR=1 || die "the build failed"
    if [[ -n ${PAGINATE_INSTALL:-} ]]; then
        bash -c "$PAGINATE_INSTALL" || die "PAGINATE_INSTALL failed: $PAGINATE_INSTALL"
    fi
fi
bindir=$("$PG_CONFIG" --bindir)
control=$("$PG_CONFIG" --sharedir)/extension/$ext.control
[[ -f $control ]] || die "extension $ext is not installed ($control is missing)"
# The library the extension loads, as its control file names it.
library=$(sed -n "s/^module_pathname *= *'\$libdir\/\(.*\)'/\1/p" "$control")
library=${library:-$ext}

work=$(mktemp -d /tmp/paginate-valgrind.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/logs" "$work/regress"
server_pid=
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        as_owner "$bindir/pg_ctl" -D "$work/data" stop -m immediate >/dev/null 2>&1 || true
    fi
    if [[ ${PAGINATE_VALGRIND_KEEP:-0} == 1 ]]; then
        echo "valgrind.sh: kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

# The server runs as "postgres" when we are root (initdb refuses root).
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd "$work" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}
[[ $(id -u) -ne 0 ]] || chown postgres: "$work" "$work/logs"

echo "== initdb in $work/data"
as_owner "$bindir/initdb" -D "$work/data" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log" >&2; die "initdb failed"; }
as_owner tee -a "$work/data/postgresql.conf" >/dev/null <<CONF

# --- scripts/valgrind.sh: throwaway server under valgrind ---
listen_addresses = ''
unix_socket_directories = '$work'
port = $port
max_connections = 20
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = off
jit = off
max_prepared_transactions = 0
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
logging_collector = off
log_line_prefix = '%m [%p] '
log_min_messages = warning
CONF

valgrind_cmd=(valgrind --tool=memcheck --trace-children=yes
    --track-origins=no --read-var-info=no --leak-check=no
    "--error-exitcode=$error_exitcode"
    --suppressions="$root/test/valgrind.supp"
    "--error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END"
    --num-callers=40 --fullpath-after=
    --log-file="$work/logs/%p.log")

echo "== start postgres under valgrind (socket $work, port $port)"
as_owner "${valgrind_cmd[@]}" "$bindir/postgres" -D "$work/data" \
    >"$work/server.log" 2>&1 &
server_pid=$!
ready=
for _ in $(seq 1 600); do
    if "$bindir/pg_isready" -q -h "$work" -p "$port"; then ready=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 1
done
if [[ -z $ready ]]; then
    tail -n 30 "$work/server.log" >&2 || true
    die "the server did not come up under valgrind"
fi

echo "== regress under valgrind"
cp -r sql expected "$work/regress/"
[[ -d examples ]] && cp -r examples "$work/regress/"
if [[ $ext != paginate ]]; then
    sed -i "s/LOAD 'paginate'/LOAD '$library'/" "$work"/regress/sql/*.sql "$work"/regress/expected/*.out
fi
if [[ -n ${PAGINATE_VALGRIND_TESTS:-} ]]; then
    read -ra tests <<<"$PAGINATE_VALGRIND_TESTS"
else
    mapfile -t tests < <(regress_tests)
fi
pg_regress=$(pg_regress_bin)
started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
regress_status=0
(cd "$work/regress" && "$pg_regress" --inputdir=. --outputdir=. \
    --bindir="$bindir" --host="$work" --port="$port" --user=postgres \
    --load-extension="$ext" --dbname=paginate_valgrind "${tests[@]}") \
    2>&1 | tee "$work/regress.out" || regress_status=$?
if [[ -f $work/regress/regression.diffs ]]; then cat "$work/regress/regression.diffs"; fi

echo "== stop the server"
as_owner "$bindir/pg_ctl" -D "$work/data" stop -m fast -t 600 >/dev/null ||
    echo "valgrind.sh: pg_ctl stop failed" >&2
wait "$server_pid" || true
server_pid=
finished=$(date -u '+%Y-%m-%d %H:%M:%S UTC')

echo "== memcheck errors"
# One block per error context between the markers.  A block is paginate's
# when a frame is in its sources (full paths, from its debug info) or, with
# no debug info, in its library.
attrib_pattern="(\\($root/src/[^:)]*:[0-9]+\\)|/$library\\.so\\))"
read -r processes errors suppressed contexts ours < <(
    awk -v pat="$attrib_pattern" '
        FNR == 1 { processes++ }
        /ERROR SUMMARY:/ {
            for (i = 1; i <= NF; i++) {
                if ($i == "SUMMARY:") errors += $(i + 1)
                if ($i == "(suppressed:") suppressed += $(i + 1)
            }
        }
        /VALGRINDERROR-BEGIN/ { inside = 1; mine = 0; contexts++; next }
        /VALGRINDERROR-END/ { inside = 0; ours += mine; next }
        inside && $0 ~ pat { mine = 1 }
        END { print processes + 0, errors + 0, suppressed + 0, contexts + 0, ours + 0 }
    ' "$work"/logs/*.log)
regress_line=$(grep -E 'tests (passed|failed)|All [0-9]+ tests passed' "$work/regress.out" | tail -n1 | sed 's/^ *//; s/ *$//')
regress_line=${regress_line:-pg_regress did not report}
echo "processes: $processes, errors: $errors (suppressed: $suppressed), contexts: $contexts, in paginate: $ours"

# The first frames of every error context, for the summary.
error_list=$(awk '
    /VALGRINDERROR-BEGIN/ { inside = 1; n = 0; text = ""; next }
    /VALGRINDERROR-END/ { inside = 0; print "- " text; next }
    inside {
        line = $0; sub(/^==[0-9]+== */, "", line)
        if (line == "") next
        if (n == 0) text = line
        else if (n < 4) text = text " / " line
        n++
    }' "$work"/logs/*.log | sort | uniq -c | sort -rn | sed 's/^ *\([0-9]*\) /\1x /')

{
    echo "# valgrind memcheck summary"
    echo
    echo "Written by \`make valgrind\` (scripts/valgrind.sh)."
    echo
    settings=$(env | grep -E '^PAGINATE_(EXT|INSTALL|VALGRIND_TESTS)=' | sort |
        sed "s/=\(.*\)/='\1'/" | tr '\n' ' ' || true)
    echo "- invoked as: \`${settings}make valgrind\`"
    echo "- run: $started to $finished"
    echo "- extension: \`$ext\` (library \`$library.so\`), built from commit \`$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\`$(git diff --quiet HEAD -- src 2>/dev/null || echo ' with changes to src/')"
    echo "- server: $("$bindir/postgres" --version) (Debian build, without USE_VALGRIND)"
    echo "- valgrind: $(valgrind --version)"
    command="${valgrind_cmd[*]//$work/\$TMP} postgres -D \$TMP/data"
    echo "- command: \`${command//$root\//}\`"
    echo "- suppressions: \`test/valgrind.supp\`"
    echo "- tests run (pg_regress): ${tests[*]}"
    echo "- pg_regress: $regress_line"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| processes traced | $processes |"
    echo "| memcheck errors, total | $errors |"
    echo "| errors suppressed | $suppressed |"
    echo "| distinct error contexts | $contexts |"
    echo "| error contexts with a frame in paginate | **$ours** |"
    echo
    if [[ -n $error_list ]]; then
        echo "Error contexts (count of logs, first frames):"
        echo
        echo "$error_list"
    else
        echo "No unsuppressed memcheck errors."
    fi
} >"$summary"
echo "valgrind.sh: wrote $summary"

status=0
if [[ $ours -gt 0 ]]; then
    echo "valgrind.sh: $ours error context(s) with a frame in paginate; logs in $work/logs" >&2
    PAGINATE_VALGRIND_KEEP=1
    status=1
fi
if [[ $regress_status -ne 0 ]]; then
    echo "valgrind.sh: pg_regress failed under valgrind" >&2
    status=1
fi
exit $status
