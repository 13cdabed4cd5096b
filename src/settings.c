/*
 * settings.c
 *		The paginate.* configuration parameters.
 *
 * All but paginate.cursor_secret_file can be set by any user, so they can be
 * given per role or per database with ALTER ROLE/DATABASE ... SET; only a
 * superuser sets or reads that one (secret.c), usually in postgresql.conf.
 */
#include "postgres.h"

#include <limits.h>

#include "utils/guc.h"

#include "internal.h"

int			paginate_default_per_page = 10;
int			paginate_max_per_page = 100;
bool		paginate_strict = false;
int			paginate_count_mode = PAGINATE_COUNT_EXACT;
int			paginate_count_threshold = 10000;
int			paginate_count_timeout = 0;
int			paginate_order_check = PAGINATE_ORDER_CHECK_NOTICE;
int			paginate_out_of_range = PAGINATE_OUT_OF_RANGE_EMPTY;

/* paginate 1.x's secret: defined only to say that it is not used */
static char *old_cursor_secret = NULL;

static const struct config_enum_entry count_mode_options[] = {
	{"exact", PAGINATE_COUNT_EXACT, false},
	{"planned", PAGINATE_COUNT_PLANNED, false},
	{"estimated", PAGINATE_COUNT_ESTIMATED, false},
	{"capped", PAGINATE_COUNT_CAPPED, false},
	{"none", PAGINATE_COUNT_NONE, false},
	{NULL, 0, false}
};

static const struct config_enum_entry out_of_range_options[] = {
	{"empty", PAGINATE_OUT_OF_RANGE_EMPTY, false},
	{"error", PAGINATE_OUT_OF_RANGE_ERROR, false},
	{"last", PAGINATE_OUT_OF_RANGE_LAST, false},
	{NULL, 0, false}
};

static const struct config_enum_entry order_check_options[] = {
	{"off", PAGINATE_ORDER_CHECK_OFF, false},
	{"notice", PAGINATE_ORDER_CHECK_NOTICE, false},
	{"error", PAGINATE_ORDER_CHECK_ERROR, false},
	{NULL, 0, false}
};

/*
 * Define the paginate.* parameters; called once from _PG_init.  (Long: one
 * Define call per parameter, each with its text, in the README's order.)
 */
void
PaginateDefineSettings(void)
{
	DefineCustomIntVariable("paginate.default_per_page",
							"Rows per page when a call does not give per_page.",
							NULL,
							&paginate_default_per_page,
							10, 1, INT_MAX,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("paginate.max_per_page",
							"Largest page size a call gets; 0 means no cap.",
							"A larger per_page is lowered to this, or is an error when paginate.strict is on.",
							&paginate_max_per_page,
							100, 0, INT_MAX,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomBoolVariable("paginate.strict",
							 "Raise errors for pages past the end and for page sizes above the cap.",
							 NULL,
							 &paginate_strict,
							 false,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomEnumVariable("paginate.count",
							 "How the total of a result is found when a call does not say.",
							 "One of exact, planned, estimated, capped, none.",
							 &paginate_count_mode,
							 PAGINATE_COUNT_EXACT, count_mode_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomIntVariable("paginate.count_threshold",
							"Largest total that the estimated and capped count modes count exactly.",
							NULL,
							&paginate_count_threshold,
							10000, 0, INT_MAX - 1,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomIntVariable("paginate.count_timeout",
							"Time an exact count may take before the planner's estimate is used instead.",
							"The call goes on and returns its page; 0 means no limit.",
							&paginate_count_timeout,
							0, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);

	DefineCustomEnumVariable("paginate.out_of_range",
							 "What a page past the last one gives.",
							 "One of empty, error, last (the last page instead, which the metadata names).",
							 &paginate_out_of_range,
							 PAGINATE_OUT_OF_RANGE_EMPTY, out_of_range_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomEnumVariable("paginate.order_check",
							 "What to do when a paged query has no ORDER BY.",
							 "One of notice, error, off.",
							 &paginate_order_check,
							 PAGINATE_ORDER_CHECK_NOTICE, order_check_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomStringVariable("paginate.cursor_secret_file",
							   "File of the secrets that cursors are signed with (HMAC-SHA256), one a line; empty: not signed.",
							   "The first secret signs, every one verifies. A path relative to the data directory, read by the server; only superusers can read or set it.",
							   &paginate_cursor_secret_file,
							   "",
							   PGC_SUSET,
							   GUC_SUPERUSER_ONLY,
							   NULL, NULL, NULL);

	DefineCustomStringVariable("paginate.cursor_secret",
							   "Not used: paginate 1.x's cursor secret, which every role could read.",
							   "Use paginate.cursor_secret_file.",
							   &old_cursor_secret,
							   "",
							   PGC_SUSET,
							   GUC_SUPERUSER_ONLY | GUC_NO_SHOW_ALL | GUC_NOT_IN_SAMPLE,
							   PaginateCheckOldSecret, NULL, NULL);

	MarkGUCPrefixReserved("paginate");
}

/* Read the count argument of a call: a count mode by name. */
PaginateCountMode
PaginateParseCountMode(const char *name)
{
	const struct config_enum_entry *entry;

	for (entry = count_mode_options; entry->name != NULL; entry++)
	{
		if (strcmp(entry->name, name) == 0)
			return (PaginateCountMode) entry->val;
	}

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid count mode: \"%s\"", name),
			 errhint("Valid count modes are exact, planned, estimated, capped and none.")));
	pg_unreachable();
}
