# Sourced by the other scripts (not run): project root, pg_config, sudo.
# shellcheck shell=bash

# shellcheck disable=SC2034  # used by the scripts that source this file
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

# The PostgreSQL major version to build and test against: 15, the host's,
# unless PAGINATE_PG says another (scripts/pgversion.sh runs the suites in a
# chroot with PAGINATE_PG=17 and so on).  Its own pg_config, whatever
# /usr/bin/pg_config would pick; the Makefile reads PG_CONFIG from the
# environment.
export PAGINATE_PG=${PAGINATE_PG:-15}
export PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PAGINATE_PG/bin/pg_config}

# The suites scripts/test.sh runs; on another version than the host's, those
# that need only PostgreSQL and pgTAP (the Flask example, the drivers, the
# fdw shards and cppcheck need the host's packages).
if [[ $PAGINATE_PG == 15 ]]; then
    export PAGINATE_SUITES=${PAGINATE_SUITES:-cppcheck pgindent regress pgtap isolation login flask drivers fdw upgrade}
else
    export PAGINATE_SUITES=${PAGINATE_SUITES:-regress pgtap isolation login upgrade}
fi
# Is a suite among them?
suite_wanted() { [[ " $PAGINATE_SUITES " == *" $1 "* ]]; }

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

# Is something listening on this TCP port of 127.0.0.1?
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port from $1 on that nothing listens on.
free_port_from() {
    local port=$1
    while port_in_use "$port"; do port=$((port + 1)); done
    echo "$port"
}

# PGXS's pg_regress, of the PostgreSQL that PG_CONFIG names.
pg_regress_bin() { echo "$(dirname "$("$PG_CONFIG" --pgxs)")/../test/regress/pg_regress"; }

# The pg_regress tests, as the Makefile lists them (REGRESS: every sql/*.sql
# but the install scripts), one per line.
regress_tests() {
    make -s --no-print-directory -C "$root" PG_CONFIG="$PG_CONFIG" print-REGRESS | tr ' ' '\n' | sed '/^$/d'
}

# Counts of single tests from a suite's output, as "PASSED FAILED".
# From the closing line of pg_regress or pg_isolation_regress; no closing
# line (a crash, a setup that failed) counts as one failure.
regress_counts() {
    local n a b what
    if n=$(grep -oE 'All [0-9]+ tests passed' "$1"); then
        n=${n#All }
        echo "${n%% *} 0"
    elif n=$(grep -m1 -oE '[0-9]+ of [0-9]+ tests (failed|passed)' "$1"); then
        read -r a _ b _ what <<<"$n"
        if [[ $what == failed ]]; then echo "$((b - a)) $a"; else echo "$a 0"; fi
    else
        echo "0 1"
    fi
}

# From pg_prove: "Files=.., Tests=N", then in its "Test Summary Report" one
# "FILE (Wstat: .. Tests: .. Failed: N)" line per failing file; a file that
# failed without a failing test (bad plan, died) counts as one.
prove_counts() {
    local total tests_failed files_failed
    total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\).*/\1/p' "$1")
    read -r tests_failed files_failed < <(awk '
        match($0, /Tests: [0-9]+ Failed: [0-9]+\)$/) {
            n = substr($0, RSTART); sub(/.*Failed: /, "", n); n += 0
            tests += n; files += (n > 0 ? n : 1)
        }
        END { print tests + 0, files + 0 }' "$1")
    if ! grep -q '^Result: PASS' "$1" && [[ $files_failed -eq 0 ]]; then
        files_failed=1 # pg_prove did not get as far as a report
    fi
    echo "$((${total:-0} - tests_failed)) $files_failed"
}
