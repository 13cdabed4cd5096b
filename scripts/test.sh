#!/usr/bin/env bash
# make test: build and install paginate (with -Werror), check src/ with
# cppcheck, start a fresh throwaway cluster and run the suites against it:
#   cppcheck   static analysis of src/ (one test: clean or not)
#   pgindent   src/ is as make pgindent leaves it (one test)
#   regress    make installcheck (pg_regress over sql/*.sql, expected/*.out)
#   pgtap      pg_prove over test/pgtap/*.sql, in database paginate_tap
#   isolation  make installcheck's isolation specs (ISOLATION:
#              test/isolation/specs/*.spec)
#   login      pg_regress over test/login: what only a new login shows (a
#              trusted extension created by a database owner, ALTER
#              ROLE/DATABASE SET), as roles without a password, which the
#              cluster's trust authentication lets in
#   flask      pytest over examples/flask, in database paginate
#   drivers    pytest over test/drivers (psycopg 3, psycopg2, asyncpg),
#              node --test over test/drivers/node (node-postgres, postgres.js,
#              installed by npm ci from the committed lockfile), minitest over
#              test/drivers/ruby (ruby-pg) and test/drivers/java (PgJDBC, run
#              as a single source file)
#   fdw        test/fdw/run.sh: a table sharded over postgres_fdw, on three
#              more throwaway clusters of its own (.cluster-fdw/)
#   upgrade    test/upgrade/run.sh: install 1.0, update to the current
#              version, then regress and pgTAP again in that database, on a
#              throwaway cluster of its own (.cluster-upgrade/)
# PAGINATE_PG picks the PostgreSQL major version (15, the host's, unless
# set) and PAGINATE_SUITES which of these run (scripts/common.sh: all on 15;
# regress, pgtap, isolation, login and upgrade on another version, in the chroot of
# scripts/pgversion.sh).
# All run even if one fails; the cluster is stopped at the end.  The last
# line is "N passed, N failed", counting single tests; a step that fails
# without reporting counts (the build, a setup, a crash) counts as one failure.
# Exits non-zero if anything failed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$root"

passed=0 failed=0
summary=()

finish() {
    echo "== cluster: stop"
    scripts/cluster.sh stop || true
    echo
    echo "== summary"
    printf '  %s\n' "${summary[@]}"
    echo "$passed passed, $failed failed"
    if [[ $failed -ne 0 ]]; then exit 1; fi
    exit 0
}

# note SUITE PASSED FAILED: add a suite's counts to the totals.
note() {
    passed=$((passed + $2)) failed=$((failed + $3))
    if [[ $2 -eq 0 && $3 -eq 1 ]]; then
        summary+=("$(printf '%-10s FAILED' "$1")")
    elif [[ $3 -eq 0 ]]; then
        summary+=("$(printf '%-10s ok (%d tests)' "$1" "$2")")
    else
        summary+=("$(printf '%-10s FAILED (%d of %d tests)' "$1" "$3" $(($2 + $3)))")
    fi
}

# Add a suite's counts from pg_regress or pg_isolation_regress output.
note_regress() {
    local passed_n failed_n
    read -r passed_n failed_n < <(regress_counts "$2")
    note "$1" "$passed_n" "$failed_n"
}

# Add pgTAP's counts from pg_prove output.
note_prove() {
    local passed_n failed_n
    read -r passed_n failed_n < <(prove_counts "$1")
    note pgtap "$passed_n" "$failed_n"
}

# Counts from pytest's closing line ("N failed, N passed, N errors in Ts");
# an error (a test that could not run) counts as a failure.
note_pytest() {
    local out=$1 suite=${2:-flask} line passed_n failed_n errors_n
    line=$(grep -E '[0-9]+ (passed|failed|errors?)\b' "$out" | tail -n1 || true)
    if [[ -z $line ]]; then
        note "$suite" 0 1
        return
    fi
    passed_n=$(grep -oE '[0-9]+ passed' <<<"$line" | cut -d' ' -f1 || true)
    failed_n=$(grep -oE '[0-9]+ failed' <<<"$line" | cut -d' ' -f1 || true)
    errors_n=$(grep -oE '[0-9]+ errors?' <<<"$line" | cut -d' ' -f1 || true)
    note "$suite" "${passed_n:-0}" $((${failed_n:-0} + ${errors_n:-0}))
}

log=$(mktemp -d)
# finish stops the cluster; this is for an unexpected exit or an interrupt.
trap 'rm -rf "$log"; scripts/cluster.sh stop >/dev/null 2>&1 || true' EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT TERM
trap 'echo "test.sh: unexpected failure at line $LINENO" >&2' ERR

if ! scripts/build.sh; then
    note build 0 1
    finish
fi

suite_cppcheck() {
    echo "== cppcheck src/"
    # With PostgreSQL's server headers, so that its macros (makeNode,
    # list_make*, PG_TRY, ereport) are checked as they expand, in one
    # configuration (given by -D, so about 20 seconds).  The tuning, each entry
    # against a false positive:
    #   -D<cpu> -D__INTEL_COMPILER
    #       s_lock.h has spinlock code for this CPU for GCC or ICC only, and
    #       stops with #error otherwise; __GNUC__ itself would make newNode a
    #       statement expression, which cppcheck cannot parse (internalAstError,
    #       and the file goes unchecked).
    #   -UHAVE__BUILTIN_TYPES_COMPATIBLE_P
    #       AssertVariableIsOfTypeMacro, in dlist_container, names
    #       ((type *) NULL)->member inside __typeof__: no dereference, but a
    #       nullPointer to cppcheck.  GCC still makes the check when it builds.
    #   --suppress=unknownEvaluationOrder:src/wrap.c
    #       list_make2(makeString(..), makeNode(..)): two independent
    #       allocations, the same in either order.
    case $(uname -m) in
        x86_64) arch=__x86_64__ ;;
        aarch64 | arm64) arch=__aarch64__ ;;
        *) arch=__$(uname -m)__ ;;
    esac
    if cppcheck -q --enable=warning,portability --error-exitcode=1 --inline-suppr \
        --std=c99 -D"$arch" -D__INTEL_COMPILER -UHAVE__BUILTIN_TYPES_COMPATIBLE_P \
        --suppress=unknownEvaluationOrder:src/wrap.c \
        -I src -I "$("$PG_CONFIG" --includedir-server)" src/; then
        note cppcheck 1 0
    else
        note cppcheck 0 1
    fi
}

suite_pgindent() {
    echo "== pgindent: scripts/pgindent.sh --check"
    if bash scripts/pgindent.sh --check 2>&1 | tee "$log/pgindent"; then
        note pgindent 1 0
    else
        note pgindent 0 1
    fi
}

suite_regress() {
    echo "== regress: make installcheck"
    rm -f regression.diffs regression.out
    # the pg_regress tests alone: the isolation suite runs apart
    run_regress regress regression.diffs make --no-print-directory installcheck ISOLATION=
}

# Run a pg_regress-like suite NAME by the command after DIFFS, counting its
# tests from its closing line; on failure show DIFFS (- for none).  A
# command that failed although it reported no failing test (a setup, a
# crash) counts as one.
run_regress() {
    local name=$1 diffs=$2
    shift 2
    if "$@" 2>&1 | tee "$log/$name"; then
        note_regress "$name" "$log/$name"
    else
        [[ $diffs != - && -f $diffs ]] && cat "$diffs"
        note_regress "$name" "$log/$name"
        [[ ${summary[-1]} == *FAILED* ]] || note "$name" 0 1
    fi
}

suite_pgtap() {
    echo "== pgtap: pg_prove test/pgtap/*.sql"
    tap_files=(test/pgtap/*.sql)
    if [[ ${#tap_files[@]} -eq 0 ]]; then
        echo "no test/pgtap/*.sql files yet: skipped"
        summary+=("$(printf '%-10s skipped (no test/pgtap/*.sql)' pgtap)")
    elif ! { "${psql[@]}" -d postgres -c 'CREATE DATABASE paginate_tap' &&
        "${psql[@]}" -d paginate_tap -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION paginate'; }; then
        echo "pgtap: could not set up database paginate_tap"
        note pgtap 0 1
    else
        pg_prove --psql-bin "$bindir/psql" -d paginate_tap "${tap_files[@]}" 2>&1 |
            tee "$log/pgtap" || true
        note_prove "$log/pgtap"
    fi
}

suite_isolation() {
    echo "== isolation: make installcheck REGRESS= (ISOLATION: test/isolation/specs/*.spec)"
    rm -rf output_iso
    run_regress isolation output_iso/regression.diffs make --no-print-directory installcheck REGRESS=
}

suite_login() {
    echo "== login: pg_regress test/login (as roles of its own: trust authentication)"
    rm -rf output_login
    run_regress login output_login/regression.diffs "$(pg_regress_bin)" --bindir="$bindir" \
        --inputdir=test/login --outputdir=output_login --dbname=paginate_login \
        --load-extension=paginate login
}

suite_flask() {
    echo "== flask: pytest examples/flask"
    # PGHOST, PGPORT, PGUSER, PGDATABASE are the cluster's (cluster.sh env).
    /usr/bin/python3 -B -m pytest -p no:cacheprovider examples/flask 2>&1 |
        tee "$log/flask" || true
    note_pytest "$log/flask"
}

suite_drivers() {
    echo "== drivers: pytest test/drivers (psycopg 3, psycopg2, asyncpg)"
    # PGHOST, PGPORT, PGUSER, PGDATABASE are the cluster's (cluster.sh env).
    /usr/bin/python3 -B -m pytest -p no:cacheprovider test/drivers/test_python.py 2>&1 |
        tee "$log/drivers" || true
    note_pytest "$log/drivers" drivers
    echo "== drivers: node --test test/drivers/node (node-postgres, postgres.js; npm ci from the lockfile)"
    local pass fail
    if ! (cd test/drivers/node && npm ci --no-audit --no-fund --loglevel=error) 2>&1 | tee "$log/npm"; then
        note drivers-js 0 1
        return
    fi
    (cd test/drivers/node && node --test) 2>&1 | tee "$log/drivers-js" || true
    note_pass_fail drivers-js "$log/drivers-js"
    echo "== drivers: ruby test/drivers/ruby/test_pg.rb (ruby-pg, minitest)"
    local line runs failures errors
    ruby test/drivers/ruby/test_pg.rb 2>&1 | tee "$log/drivers-rb" || true
    line=$(grep -E '^[0-9]+ runs, [0-9]+ assertions, [0-9]+ failures, [0-9]+ errors' "$log/drivers-rb" | tail -n1)
    if [[ -z $line ]]; then
        note drivers-rb 0 1
    else
        read -r runs _ _ _ failures _ errors _ <<<"${line//,/}"
        note drivers-rb $((runs - failures - errors)) $((failures + errors))
    fi
    echo "== drivers: java test/drivers/java/Drivers.java (PgJDBC)"
    java -cp /usr/share/java/postgresql.jar test/drivers/java/Drivers.java 2>&1 |
        tee "$log/drivers-java" || true
    note_pass_fail drivers-java "$log/drivers-java"
}

# Note a suite whose log ends with "# pass N" and "# fail N" (node --test,
# the Java driver test); neither line: one failure.
note_pass_fail() {
    local pass fail
    pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$2" | tail -n1)
    fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$2" | tail -n1)
    if [[ -z $pass || -z $fail ]]; then
        note "$1" 0 1
    else
        note "$1" "$pass" "$fail"
    fi
}

suite_fdw() {
    echo "== fdw: test/fdw/run.sh"
    # (run.sh shows its own diffs)
    run_regress fdw - test/fdw/run.sh
}

suite_upgrade() {
    echo "== upgrade: test/upgrade/run.sh"
    test/upgrade/run.sh 2>&1 | tee "$log/upgrade" || true
    if counts=$(grep -oE '^[0-9]+ passed, [0-9]+ failed$' "$log/upgrade" | tail -n1); then
        read -r up_passed _ up_failed _ <<<"$counts"
        note upgrade "$up_passed" "$up_failed"
    else
        note upgrade 0 1
    fi
}

echo "== cluster"
scripts/cluster.sh stop --clean
if ! scripts/cluster.sh start; then
    note cluster 0 1
    finish
fi
eval "$(scripts/cluster.sh env)"
bindir=$("$PG_CONFIG" --bindir)
psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1)

shopt -s nullglob

for suite in cppcheck pgindent regress pgtap isolation login flask drivers fdw upgrade; do
    if suite_wanted "$suite"; then
        "suite_$suite"
    else
        summary+=("$(printf '%-10s not run (PostgreSQL %s; PAGINATE_SUITES)' "$suite" "$PAGINATE_PG")")
    fi
done

finish
