/*
 * compat.h
 *		Differences between the PostgreSQL versions paginate builds against.
 *
 * paginate is written against the PostgreSQL 15 server API.  Where a newer
 * major version renames or changes a call, the difference is absorbed here,
 * named after the newer API, so that no function body needs an #if.
 */
#ifndef PAGINATE_COMPAT_H
#define PAGINATE_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 150000
#error "paginate requires PostgreSQL 15 or later"
#endif

#include "commands/explain.h"
#include "common/jsonapi.h"
#include "executor/executor.h"

/*
 * 16: ExecCheckRTPerms became ExecCheckPermissions, which reads the
 * permissions from the statement's RTEPermissionInfos (PlannedStmt's
 * permInfos); before, from the range table itself.
 */
#if PG_VERSION_NUM < 160000
#define ExecCheckPermissions(rangeTable, rteperminfos, ereport_on_violation) \
	ExecCheckRTPerms(rangeTable, ereport_on_violation)
#endif

/*
 * 17: makeJsonLexContextCstringLen takes a JsonLexContext to fill (NULL: it
 * allocates one), and a size_t length.
 */
#if PG_VERSION_NUM < 170000
#define makeJsonLexContextCstringLen(lex, json, len, encoding, need_escapes) \
	makeJsonLexContextCstringLen((char *) (json), (int) (len), encoding, need_escapes)
#endif

/*
 * EXPLAIN of one planned statement, without timing, buffer or memory
 * counters, into es: 17 added the memory counters argument.
 */
static inline void
ExplainPlannedStatement(PlannedStmt *planned, ExplainState *es,
						const char *query_text, ParamListInfo params)
{
#if PG_VERSION_NUM >= 170000
	ExplainOnePlan(planned, NULL, es, query_text, params, NULL, NULL, NULL, NULL);
#else
	ExplainOnePlan(planned, NULL, es, query_text, params, NULL, NULL, NULL);
#endif
}

#endif							/* PAGINATE_COMPAT_H */
