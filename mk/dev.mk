# Developer targets, included at the end of the Makefile (after PGXS).
# The work is done by the scripts in scripts/; see each for details.
#
#   make demo           build, install, start .cluster/, load and walk through the demo
#   make test           build, install, fresh cluster, run regress + pgTAP + isolation
#   make bench          make bench-peers (BENCH_PEERS=0 skips it) and make
#                       bench-callgrind (BENCH_CALLGRIND=0 skips it); then build,
#                       install, start .cluster/, benchmark; writes bench/RESULTS.md
#                       (with the peers' verdicts), then make bench-keyset
#                       (BENCH_KEYSET=0 skips it) and make bench-cache (BENCH_CACHE=0)
#   make bench-keyset   keyset pages in every shape at depth; writes bench/KEYSET.md
#   make bench-cache    memory of 100,000 distinct texts in one statement; writes bench/CACHE.md
#   make bench-callgrind instructions per call beside PostgREST's statements; writes
#                       bench/CALLGRIND.md (10 to 1,000 rows) and bench/CALLGRIND-10000.md
#   make bench-peers    wall time per call over TCP beside PostgREST's statements and an ORM's, at
#                       10 to 10,000 rows a page, and peak memory; writes bench/PEERS.md
#   make fuzz           sqlsmith's queries through paginate on a throwaway cluster (test/fuzz/run.sh)
#   make fdw            paginate over a table sharded with postgres_fdw on three clusters (test/fdw/run.sh)
#   make upgrade        install 1.0, update to the current version, run every suite (test/upgrade/run.sh)
#   make valgrind       regress against a private server under valgrind memcheck
#   make pgindent       PostgreSQL's layout for src/ (pg_bsd_indent, src/typedefs.list)
#   make pgindent-check list what make pgindent would change; fail if anything
#   make typedefs       src/typedefs.list from the build's debug information
#   make stop           stop the .cluster/ server
#   make clean-cluster  stop it and delete .cluster/

# Without pg_config there is no PGXS, so no "all" either: say what is missing
# (and keep "make" alone from running the first target below).
ifeq ($(PGXS),)
all:
	@echo "pg_config not found: run scripts/deps.sh (or make test / make demo)" >&2; exit 1
endif

.PHONY: demo test bench bench-keyset bench-cache bench-callgrind bench-peers fuzz fdw upgrade valgrind stop clean-cluster \
	pgindent pgindent-check typedefs

demo:
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

bench:
	@if [ "$${BENCH_PEERS:-1}" != 0 ]; then bash bench/peers.sh; fi
	@if [ "$${BENCH_CALLGRIND:-1}" != 0 ]; then $(MAKE) --no-print-directory bench-callgrind; fi
	@bash bench/run.sh
	@if [ "$${BENCH_KEYSET:-1}" != 0 ]; then bash bench/keyset.sh; fi
	@if [ "$${BENCH_CACHE:-1}" != 0 ]; then bash bench/cache.sh; fi

bench-keyset:
	@bash bench/keyset.sh

bench-cache:
	@bash bench/cache.sh

bench-callgrind:
	@bash bench/callgrind.sh
	@CALLGRIND_PER_PAGE=10000 CALLGRIND_W=6 CALLGRIND_N=4 CALLGRIND_OUT=bench/CALLGRIND-10000.md bash bench/callgrind.sh

bench-peers:
	@bash bench/peers.sh

fuzz:
	@bash test/fuzz/run.sh

fdw:
	@bash test/fdw/run.sh

upgrade:
	@bash test/upgrade/run.sh

valgrind:
	@bash scripts/valgrind.sh

pgindent:
	@bash scripts/pgindent.sh

pgindent-check:
	@bash scripts/pgindent.sh --check

typedefs:
	@bash scripts/pgindent.sh --typedefs

stop:
	@bash scripts/cluster.sh stop

clean-cluster:
	@bash scripts/cluster.sh stop --clean

# The value of a make variable, for the scripts: make -s print-REGRESS.
print-%:
	@echo '$($*)'
EXTRA_CLEAN += output_login
