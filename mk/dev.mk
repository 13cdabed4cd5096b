# Developer targets, included at the end of the Makefile (after PGXS).
# The work is done by the scripts in scripts/; see each for details.
#
#   make demo           build, install, start .cluster/, load and walk through the demo
#   make test           build, install, fresh cluster, run regress + pgTAP + isolation
#   make stop           stop the .cluster/ server
#   make clean-cluster  stop it and delete .cluster/

.PHONY: demo test stop clean-cluster

demo:
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

stop:
	@bash scripts/cluster.sh stop

clean-cluster:
	@bash scripts/cluster.sh stop --clean

EXTRA_CLEAN += output_iso

# Without postgresql-server-dev-15 the Makefile cannot include PGXS and stops
# before any recipe runs.  For demo and test, let make "remake" the missing
# file by installing the dependencies; it then re-reads the Makefile.
ifneq ($(filter demo test,$(MAKECMDGOALS)),)
ifneq ($(PGXS),)
$(PGXS):
	bash scripts/deps.sh
endif
endif

# Keep "make" alone meaning "make all" even if PGXS could not be included.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif
