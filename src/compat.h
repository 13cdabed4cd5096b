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

#include "access/stratnum.h"
#include "access/tupdesc.h"
#include "commands/explain.h"
#if PG_VERSION_NUM >= 180000
#include "commands/explain_format.h"
#include "commands/explain_state.h"
#endif
#include "common/base64.h"
#include "common/jsonapi.h"
#include "executor/executor.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"

/*
 * 18: pg_noreturn, in front of the whole declaration (a C11 specifier, or a
 * C23 attribute on 19 with a C23 compiler), replaced the attribute
 * pg_attribute_noreturn() behind it.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/* 18: ExecutorRun lost its execute_once argument (always true here). */
#if PG_VERSION_NUM < 180000
#define ExecutorRun(queryDesc, direction, count) \
	ExecutorRun(queryDesc, direction, count, true)
#endif

/* 18: base64 works on uint8 bytes. */
#if PG_VERSION_NUM < 180000
#define pg_b64_encode(src, len, dst, dstlen) \
	pg_b64_encode((const char *) (src), len, dst, dstlen)
#define pg_b64_decode(src, len, dst, dstlen) \
	pg_b64_decode(src, len, (char *) (dst), dstlen)
#endif

/*
 * 18: get_ordering_op_properties says the comparison's CompareType, whose
 * COMPARE_LT and COMPARE_GT are btree's strategy numbers for < and >.
 */
#if PG_VERSION_NUM < 180000
typedef int16 CompareType;
#define COMPARE_LT BTLessStrategyNumber
#define COMPARE_GT BTGreaterStrategyNumber
#endif

/*
 * 18: a TupleDesc finds its attributes from natts, so a copy with fewer
 * columns is made by CreateTupleDescTruncatedCopy; lowering natts of a
 * copy is what it did before.
 */
#if PG_VERSION_NUM < 180000
static inline TupleDesc
CreateTupleDescTruncatedCopy(TupleDesc tupdesc, int natts)
{
	TupleDesc	copy = CreateTupleDescCopy(tupdesc);

	copy->natts = natts;
	return copy;
}
#endif

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

/*
 * 19: pushJsonbValue builds into a JsonbInState, which holds the finished
 * value in result once the outermost container ends, and returns nothing.
 */
#if PG_VERSION_NUM < 190000
typedef struct JsonbInState
{
	JsonbValue *result;			/* what the last push returned */
	JsonbParseState *parseState;
} JsonbInState;

static inline void
PushJsonbValueInState(JsonbInState *state, JsonbIteratorToken seq, JsonbValue *value)
{
	state->result = pushJsonbValue(&state->parseState, seq, value);
}
#define pushJsonbValue(state, seq, value) PushJsonbValueInState(state, seq, value)
#endif

/*
 * 19: standard_conforming_strings is always on and no longer a variable
 * (SET standard_conforming_strings = off is an error).
 */
#if PG_VERSION_NUM >= 190000
#define standard_conforming_strings true
#endif

/*
 * Is the table's column NOT NULL by a constraint that holds for every row?
 * Since 18 a NOT NULL constraint can be NOT VALID (attnotnull set, rows with
 * NULLs left): then, or while its validity is not known, no.
 */
static inline bool
PaginateColumnSurelyNotNull(TupleDesc desc, AttrNumber attno)
{
#if PG_VERSION_NUM >= 180000
	return TupleDescCompactAttr(desc, attno - 1)->attnullability == ATTNULLABLE_VALID;
#else
	return TupleDescAttr(desc, attno - 1)->attnotnull;
#endif
}

#endif							/* PAGINATE_COMPAT_H */
