# paginate: page through the result of any SELECT inside PostgreSQL.
#
# The one version number of the extension lives here.
EXTENSION = paginate
EXTVERSION = 2.0

MODULE_big = paginate
OBJS = $(patsubst %.c,%.o,$(wildcard src/*.c))

# Install and upgrade scripts: every sql/paginate--*.sql file.
DATA = $(wildcard sql/$(EXTENSION)--*.sql)

# pg_regress tests: every other file in sql/, one per feature.
REGRESS = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

# Isolation specs (make installcheck runs them after the pg_regress tests):
# every test/isolation/specs/*.spec.
ISOLATION = $(sort $(patsubst test/isolation/specs/%.spec,%,$(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --load-extension=$(EXTENSION)

PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
ifdef WERROR
PG_CFLAGS += -Werror
endif

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The control file names the same version as EXTVERSION.
CONTROL_VERSION := $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)
ifneq ($(CONTROL_VERSION),$(EXTVERSION))
$(error $(EXTENSION).control has default_version '$(CONTROL_VERSION)' but the Makefile has EXTVERSION $(EXTVERSION))
endif
# EXTVERSION is installed by its own script, or (as contrib does) by an older
# version's script and the update scripts from there.
ifeq ($(wildcard sql/$(EXTENSION)--$(EXTVERSION).sql sql/$(EXTENSION)--*--$(EXTVERSION).sql),)
$(error neither sql/$(EXTENSION)--$(EXTVERSION).sql nor an update script to $(EXTVERSION) exists)
endif

# Every object depends on the shared headers.
$(OBJS): $(wildcard src/*.h)

-include mk/dev.mk
