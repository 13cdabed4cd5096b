/*
 * internal.h
 *		The types and functions the files of the paginate extension share
 *		(compat.h: what differs between PostgreSQL versions).
 *
 * The files, each calling only files listed after it (and reading the
 * settings): an entry point has its query described (query.c and on), then
 * runs what the call does (a page, a count, metadata), which runs the
 * statements built around the query, each built when it is first run.
 *
 *	paginate.c	SQL entry points: argument checks, result shaping
 *	settings.c	the paginate.* configuration parameters
 *	support.c	the planner's row estimate for a call
 *	pages.c		paginate_pages: page numbers for a pagination widget
 *	headers.c	paginate_headers, paginate_set_headers: X-Pagination,
 *				Content-Range, X-Total-Count and Link, and PostgREST's
 *				response.headers
 *	page.c		one page: what it runs, its rows, has_prev/has_next, cursors
 *	count.c		the total, as the count mode says
 *	meta.c		the pagination metadata, as a row or as JSON
 *	query.c		parse and check the caller's query, describe its shape
 *	sort.c		order_by: a client's sort, put in place of its ORDER BY
 *	keyset.c	its sort keys: the ORDER BY, the tiebreak, hidden key columns
 *	cache.c		the per-backend cache of described queries and statements
 *	cursor.c	cursors: a row's keys as URL-safe text, and back
 *	secret.c	the secrets that sign cursors, from paginate.cursor_secret_file
 *	execute.c	plan and run the statements on one snapshot, errors in them
 *				as errors in the caller's query
 *	wrap.c		build the statements a call runs (page, ranges after a
 *				cursor, first and last row, counts) on the query's parse tree
 *	params.c	the paginate_param type (whose I/O paginate_sort shares): a
 *				value a driver binds, as text
 *	json.c		rows as JSON objects straight from their columns, as jsonb
 *				or as JSON text, and a body's other members
 *	jsonb.c		jsonb written in its binary form, with no JsonbValue tree
 *
 * What several files ask of a query or a walk (PaginateHasCursors,
 * PaginatePageKind) is a static inline function here.  The declarations
 * below go the other way, from the bottom of the list up (after the types
 * and settings every file uses): each section needs only those before it.
 */
#ifndef PAGINATE_INTERNAL_H
#define PAGINATE_INTERNAL_H

#include "compat.h"

#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "lib/stringinfo.h"
#include "nodes/params.h"
#include "nodes/parsenodes.h"
#include "utils/array.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/snapshot.h"
#include "utils/tuplestore.h"

/* How the total of a result is found (paginate.count, the count argument). */
typedef enum PaginateCountMode
{
	PAGINATE_COUNT_EXACT,
	PAGINATE_COUNT_PLANNED,
	PAGINATE_COUNT_ESTIMATED,
	PAGINATE_COUNT_CAPPED,
	PAGINATE_COUNT_NONE
} PaginateCountMode;

/* What paginate.order_check does with a query that has no ORDER BY. */
typedef enum PaginateOrderCheck
{
	PAGINATE_ORDER_CHECK_OFF,
	PAGINATE_ORDER_CHECK_NOTICE,
	PAGINATE_ORDER_CHECK_ERROR
}			PaginateOrderCheck;

/* What a page past the last one gives (paginate.out_of_range). */
typedef enum PaginateOutOfRange
{
	PAGINATE_OUT_OF_RANGE_EMPTY,	/* an empty page */
	PAGINATE_OUT_OF_RANGE_ERROR,	/* an error, as with paginate.strict */
	PAGINATE_OUT_OF_RANGE_LAST	/* the last page, which the metadata names */
}			PaginateOutOfRange;

/* settings.c */
extern int	paginate_default_per_page;
extern int	paginate_max_per_page;
extern bool paginate_strict;
extern int	paginate_count_mode;
extern int	paginate_count_threshold;
extern int	paginate_count_timeout;
extern int	paginate_order_check;
extern int	paginate_out_of_range;

extern void PaginateDefineSettings(void);
extern PaginateCountMode PaginateParseCountMode(const char *name);

/*
 * The statements built around a query (wrap.c).  The query's own parameters
 * keep their numbers $1..$n.  The statements that read rows add bigint
 * parameters $n+1 (the row limit) and $n+2 (the offset); those that compare
 * with a cursor add its key values after them (see PaginateExtraParams);
 * the capped count adds $n+1 (the cap).
 */
#define PAGINATE_ROW_PARAMS				2	/* the limit and the offset */
#define PAGINATE_PARAM_LIMIT(query)		((query)->nparams + 1)
#define PAGINATE_PARAM_OFFSET(query)	((query)->nparams + 2)
#define PAGINATE_PARAM_KEY(query, i)	((query)->nparams + PAGINATE_ROW_PARAMS + 1 + (i))
#define PAGINATE_PARAM_CAP(query)		((query)->nparams + 1)
/* Does a statement of this kind compare with a cursor's keys? */
#define PAGINATE_COMPARES_KEYS(query, kind) \
	(PaginateExtraParams((query), (kind)) > PAGINATE_ROW_PARAMS)

/*
 * The kinds of statement, each with the short name paginate_cache() shows:
 * X(kind, name) for each, in the enum's order.
 */
#define PAGINATE_STATEMENT_KIND_LIST(X) \
	/* the page: the query's columns, or none (its rows are only counted) */ \
	X(PAGINATE_PAGE_COLUMNS, "page") \
	X(PAGINATE_PAGE_PROBE, "probe") \
	/* the page's columns by late row lookup: its keys, then its rows by key */ \
	X(PAGINATE_PAGE_LOOKUP, "page (late lookup)") \
	/* the page after a cursor, in the query's order */ \
	X(PAGINATE_AFTER_COLUMNS, "after") \
	X(PAGINATE_AFTER_PROBE, "after (probe)") \
	/* the page before a cursor, fetched in the reverse order */ \
	X(PAGINATE_BEFORE_COLUMNS, "before") \
	X(PAGINATE_BEFORE_PROBE, "before (probe)") \
	/* the query's last rows (last => true), fetched in the reverse order */ \
	X(PAGINATE_LAST_COLUMNS, "last") \
	X(PAGINATE_LAST_PROBE, "last (probe)") \
	/* the keys of the query's first row, and of its last row */ \
	X(PAGINATE_FIRST_ROW, "first row") \
	X(PAGINATE_LAST_ROW, "last row") \
	/* count(*) of the rows tied with a cursor's, and of those before them */ \
	X(PAGINATE_TIES, "ties") \
	X(PAGINATE_COUNT_BEFORE, "count before") \
	/* count(*) of the query, and of at most $n+1 of its rows */ \
	X(PAGINATE_COUNT, "count") \
	X(PAGINATE_COUNT_UP_TO, "count (capped)") \
	/* the query without ORDER BY, to estimate */ \
	X(PAGINATE_UNORDERED, "estimate")

#define PAGINATE_KIND_ENUM(kind, name) kind,
typedef enum PaginateStatementKind
{
	PAGINATE_STATEMENT_KIND_LIST(PAGINATE_KIND_ENUM)
	PAGINATE_STATEMENT_KINDS
} PaginateStatementKind;
#undef PAGINATE_KIND_ENUM

/* How a call finds its page. */
typedef enum PaginateWalk
{
	PAGINATE_WALK_OFFSET,		/* page number: rows from an offset */
	PAGINATE_WALK_AFTER,		/* the rows after a cursor */
	PAGINATE_WALK_BEFORE,		/* the rows before a cursor */
	PAGINATE_WALK_LAST			/* the last rows (last => true) */
} PaginateWalk;

/* Does a walk read its rows backward (and turn them round)? */
static inline bool
PaginateWalkBackward(PaginateWalk walk)
{
	return walk == PAGINATE_WALK_BEFORE || walk == PAGINATE_WALK_LAST;
}

/*
 * The statement that reads the page of a walk: with the query's columns, or
 * (probe) only its keys.  (PaginateKindWalk reads it backward.)
 */
static inline PaginateStatementKind
PaginatePageKind(PaginateWalk walk, bool probe)
{
	switch (walk)
	{
		case PAGINATE_WALK_OFFSET:
			return probe ? PAGINATE_PAGE_PROBE : PAGINATE_PAGE_COLUMNS;
		case PAGINATE_WALK_AFTER:
			return probe ? PAGINATE_AFTER_PROBE : PAGINATE_AFTER_COLUMNS;
		case PAGINATE_WALK_BEFORE:
			return probe ? PAGINATE_BEFORE_PROBE : PAGINATE_BEFORE_COLUMNS;
		case PAGINATE_WALK_LAST:
			break;
	}
	return probe ? PAGINATE_LAST_PROBE : PAGINATE_LAST_COLUMNS;
}

/*
 * The walk whose page a statement reads (an offset walk for other kinds):
 * PaginatePageKind read backward.
 */
static inline PaginateWalk
PaginateKindWalk(PaginateStatementKind kind)
{
	int			walk;

	for (walk = PAGINATE_WALK_OFFSET; walk <= PAGINATE_WALK_LAST; walk++)
	{
		if (PaginatePageKind((PaginateWalk) walk, false) == kind ||
			PaginatePageKind((PaginateWalk) walk, true) == kind)
			return (PaginateWalk) walk;
	}
	return PAGINATE_WALK_OFFSET;
}

/*
 * One sort key of a query (keyset.c): an item of its top-level ORDER BY, or
 * a column of the tiebreak, read as a column of the keyed query.
 */
typedef struct PaginateKey
{
	int			column;			/* its position in the keyed output, from 1 */
	bool		hidden;			/* a column added after the query's own */
	char	   *name;			/* its name, which no other column has */
	char	   *own_name;		/* renamed: the query's own name, another
								 * column's too (or NULL: name is its own) */
	Oid			type;
	int32		typmod;
	Oid			collation;
	Oid			sortop;			/* its ordering operator, as in the ORDER BY */
	Oid			reverse_sortop; /* the commutator, for walking backward */
	Oid			eqop;			/* equality of the same operator family */
	bool		nulls_first;
	bool		not_null;		/* a NOT NULL table column, never null here */
} PaginateKey;

/*
 * What a statement is built for besides its kind (wrap.c
 * PaginateStatementShape, from the call's parameters): the constant LIMIT
 * of a page after or before a cursor and of the last page (0: the limit is
 * a parameter), and
 * which of the cursor's keys are NULL, for the statements that read the
 * rows after it as ranges (their ranges differ).  A query keeps a statement
 * of each kind for its PAGINATE_SHAPES shapes used last.
 */
typedef struct PaginateShape
{
	int64		limit;
	uint64		null_keys;		/* bit i: the cursor's key i is NULL */
} PaginateShape;

#define PAGINATE_SHAPES 4

/*
 * Whether a statement planned for each call's values can run its generic
 * plan instead (execute.c ChoosePlan): while choosing, each custom plan is
 * compared with the generic one.
 */
typedef struct PaginatePlanChoice
{
	bool		choosing;
	int			agreed;			/* custom plans shaped as the generic plan */
	int			options;		/* the statement's cursor options otherwise */
} PaginatePlanChoice;

/* Range statements name the cursor's NULL keys in a uint64: at most 64 keys. */
#define PAGINATE_MAX_RANGE_KEYS 64

/*
 * An offset page from this many rows on is read by late row lookup, where
 * the query allows it (keyset.c DescribeLookup): below it the plain page
 * costs no more.  Where the table's rows lie in the order of the first key
 * (its correlation, as ANALYZE found it, is at least
 * PAGINATE_LOOKUP_CORRELATION either way), the plain page reads the heap in
 * order and the late lookup gains only from further on (bench/RESULTS.md:
 * 1.4 times slower at offset 5,000, level at 20,000, 0.36 at 900,000).
 */
#define PAGINATE_LOOKUP_OFFSET 1000
#define PAGINATE_LOOKUP_OFFSET_IN_ORDER 20000
#define PAGINATE_LOOKUP_CORRELATION 0.9

/* The alias of the page's keys there: a query whose table has it is not read so. */
#define PAGINATE_LOOKUP_ALIAS "paginate_page"

/*
 * The caller's query, parsed and checked, and the statements built around
 * it, each analysed and planned when first needed.  Kept across calls in the
 * query cache (cache.c), keyed by the query text, its order_by and what
 * changes what they mean (search path, role, standard_conforming_strings),
 * until a change to what it reads makes it stale.
 */
typedef struct PaginateQuery
{
	const char *text;			/* the query text, as the caller gave it */
	const char *order_by;		/* the sort order_by gave it, as canonical
								 * text (sort.c), or NULL */
	RawStmt    *raw;			/* its raw parse tree: one SelectStmt, sorted
								 * as order_by says */
	int			nparams;		/* number of $n parameters it uses */
	Oid		   *param_types;	/* their types, as the query reads them */
	bool		has_order;		/* has a top-level ORDER BY */
	bool		count_needs_order;	/* ORDER BY can change the row count */
	char	   *duplicate_name; /* an output column name used twice, or NULL */
	List	   *relations;		/* OIDs of the tables and views it reads */
	List	   *functions;		/* OIDs of the functions it calls */
	bool		stale;			/* one of those changed: describe it again */
	int			pins;			/* calls using it now (cache.c) */

	/* keyset paging (keyset.c) */
	int			ncolumns;		/* its own output columns */
	RawStmt    *keyed;			/* it with hidden keys and the tiebreak order */
	int			nhidden;		/* hidden key columns after its own */
	int			nkeys;			/* the keys, 0 without cursors */
	int			norder;			/* of them, the query's ORDER BY items */
	PaginateKey *keys;
	List	   *column_names;	/* the keyed query's first columns renamed, so
								 * that every key's name is its own; or NIL */
	bool		copies;			/* rows can be equal in every key */
	bool		row_ranges;		/* ranges may be row comparisons: it reads no
								 * foreign table (keyset.c) */
	List	   *lookup_columns; /* late row lookup (wrap.c WrapLookup): the
								 * table's unique key, each column as the
								 * query names it (a ColumnRef), or NIL */
	List	   *lookup_keys;	/* and for each, the key that holds it */
	int64		lookup_offset;	/* the offset from which it serves */
	uint32		key_signature;	/* the keys' types and order (cursor.c) */
	char	   *keyset_problem; /* why keys cannot serve as cursors
								 * (translated already), or NULL */

	/* of each kind, the statements built for the shapes last asked for */
	struct CachedPlanSource *statements[PAGINATE_STATEMENT_KINDS][PAGINATE_SHAPES];
	PaginateShape shapes[PAGINATE_STATEMENT_KINDS][PAGINATE_SHAPES];
	PaginatePlanChoice plans[PAGINATE_STATEMENT_KINDS][PAGINATE_SHAPES];
} PaginateQuery;

/*
 * Do the query's pages carry cursors: keys, from its ORDER BY (a query
 * without one has none), that cursors can carry?
 */
static inline bool
PaginateHasCursors(PaginateQuery *query)
{
	return query->keyset_problem == NULL && query->nkeys > 0;
}

/* A position in the query's order, read from a cursor. */
typedef struct PaginateCursor
{
	const char *text;			/* the cursor as given */
	Datum	   *values;			/* the keys' values */
	bool	   *nulls;
	int64		ties;			/* with copies: its place among them, from 1 */
} PaginateCursor;

/* jsonb.c: jsonb written in its binary form */
typedef struct PaginateJsonbFrame PaginateJsonbFrame;
typedef struct PaginateJsonbKeys PaginateJsonbKeys;

/* A value as a jsonb container holds it: its JEntry's type, its bytes. */
typedef struct PaginateJsonbValue
{
	uint32		type;			/* JENTRY_ISSTRING ... JENTRY_ISCONTAINER */
	const char *data;			/* a string's, a numeric's or a container's */
	int			len;			/* 0 for null, true and false */
} PaginateJsonbValue;

extern void PaginateJsonbString(PaginateJsonbValue *value, const char *string);
extern void PaginateJsonbBytes(PaginateJsonbValue *value, const char *string, size_t len);
extern void PaginateJsonbNumeric(PaginateJsonbValue *value, Numeric number);
extern void PaginateJsonbScalar(PaginateJsonbValue *value, uint32 type);
extern void PaginateJsonbOfJsonb(Jsonb *jsonb, PaginateJsonbValue *value);
extern PaginateJsonbKeys *PaginateJsonbKeysFor(const char **names, const int *lens,
											   int nkeys, int *order);
extern int	PaginateJsonbBeginRow(StringInfo buf, PaginateJsonbKeys *keys);
extern void PaginateJsonbRowValue(StringInfo buf, int start, PaginateJsonbKeys *keys,
								  int j, const PaginateJsonbValue *value);
extern void PaginateJsonbEndRow(StringInfo buf, int start);
extern PaginateJsonbFrame *PaginateJsonbBegin(PaginateJsonbFrame *parent, bool object);
extern void PaginateJsonbKey(PaginateJsonbFrame *frame, const char *key, int len);
extern void PaginateJsonbPut(PaginateJsonbFrame *frame, const PaginateJsonbValue *value);
extern StringInfo PaginateJsonbRowBuffer(PaginateJsonbFrame *frame);
extern void PaginateJsonbPutRow(PaginateJsonbFrame *frame, int start);
extern PaginateJsonbFrame *PaginateJsonbEnd(PaginateJsonbFrame *frame, Jsonb **result);

/* json.c: how a page's columns become JSON, worked out once per call */
typedef struct PaginateJsonColumns PaginateJsonColumns;

extern PaginateJsonColumns *PaginateJsonColumnsFor(TupleDesc desc, int ncolumns,
												   bool as_text);
extern void PaginateJsonAppendRow(PaginateJsonColumns *json, TupleTableSlot *slot,
								  StringInfo out);

/*
 * json.c: a body's members written as jsonb (text NULL) or as JSON text:
 * paginate's own members, and as jsonb the rows too
 */
typedef struct PaginateJsonOut
{
	StringInfo text;			/* appended to this, or NULL: jsonb */
	bool		comma;			/* text: a member or value precedes */
	PaginateJsonbFrame *jsonb;	/* jsonb: the open object or array */
	Jsonb	   *result;			/* jsonb: the value, once the outermost ends */
} PaginateJsonOut;

extern void PaginateJsonBeginObject(PaginateJsonOut *out);
extern void PaginateJsonEndObject(PaginateJsonOut *out);
extern void PaginateJsonBeginArray(PaginateJsonOut *out);
extern void PaginateJsonEndArray(PaginateJsonOut *out);
extern void PaginateJsonRow(PaginateJsonOut *out, PaginateJsonColumns *json,
							TupleTableSlot *slot);
extern void PaginateJsonKey(PaginateJsonOut *out, const char *key);
extern void PaginateJsonString(PaginateJsonOut *out, const char *string);
extern void PaginateJsonInteger(PaginateJsonOut *out, int64 value);
extern void PaginateJsonBool(PaginateJsonOut *out, bool value);
extern void PaginateJsonNull(PaginateJsonOut *out);

/* wrap.c */
extern RawStmt *PaginateWrap(PaginateQuery *query, PaginateStatementKind kind,
							 PaginateShape shape);
extern PaginateShape PaginateStatementShape(PaginateQuery *query,
											PaginateStatementKind kind,
											ParamListInfo params);
extern bool PaginateShapedByNulls(PaginateQuery *query, PaginateStatementKind kind);
extern int	PaginateExtraParams(PaginateQuery *query, PaginateStatementKind kind);
extern SortBy *PaginateSortBy(Node *node, Oid opno, Oid type, bool nulls_first);
extern Node *PaginateIntConst(int value);

/* execute.c */
/* errors in the caller's query, as errors at their place in its text */
extern void PaginatePushQueryContext(PaginateQuery *query,
									 ErrorContextCallback *callback);
extern void PaginatePopQueryContext(ErrorContextCallback *callback);

/* Told the columns of a statement's rows before the first row. */
typedef void (*PaginateStartCallback) (TupleDesc columns, void *arg);

/* Where the rows of a statement go, one call per row. */
typedef void (*PaginateRowCallback) (TupleTableSlot *slot, void *arg);

extern ParamListInfo PaginateBindParams(PaginateQuery *query,
										ArrayType *params, int extra);
extern void PaginateSetInt64Param(ParamListInfo params, int number, int64 value);
extern uint64 PaginateRun(PaginateQuery *query, PaginateStatementKind kind,
						  ParamListInfo params, PaginateStartCallback start,
						  PaginateRowCallback row, void *arg);
extern double PaginatePlannedRows(PaginateQuery *query, ParamListInfo params);
extern void PaginateExplain(PaginateQuery *query, PaginateStatementKind kind,
							ParamListInfo params, StringInfo out);

/* secret.c */
extern char *paginate_cursor_secret_file;
extern List *PaginateCursorSecrets(void);
extern bool PaginateCheckOldSecret(char **newval, void **extra, GucSource source);

/* cursor.c */
extern uint64 PaginateFingerprint(PaginateQuery *query, ArrayType *params);
extern uint32 PaginateKeySignature(PaginateQuery *query);
extern char *PaginateEncodeCursor(PaginateQuery *query, uint64 fingerprint,
								  Datum *values, bool *nulls, int64 ties);
extern PaginateCursor *PaginateDecodeCursor(PaginateQuery *query,
											uint64 fingerprint,
											const char *text,
											const char *argument);

/* cache.c */
extern PaginateQuery *PaginateCacheLookup(const char *text, const char *order_by);
extern void PaginateCachePin(PaginateQuery *query);
extern PaginateQuery *PaginateCacheAdd(PaginateQuery *parsed);
extern void PaginateCacheInit(void);
extern void PaginateCacheRows(Tuplestorestate *store, TupleDesc desc);
extern bool PaginateCacheHolds(PaginateQuery *query);

/* keyset.c */
extern void PaginateDescribeKeys(PaginateQuery *query, Query *analyzed);
extern void PaginateCheckKeyset(PaginateQuery *query);
extern void PaginateCheckKeyColumns(PaginateQuery *query, TupleDesc columns,
									const int *key_at);

/* One item of an order_by (sort.c). */
typedef struct PaginateSortItem
{
	char	   *column;			/* an output column name of the query */
	bool		descending;
	bool		nulls_first;
} PaginateSortItem;

/* An order_by: its items, and its canonical text. */
typedef struct PaginateSort
{
	List	   *items;
	char	   *text;
} PaginateSort;

/* sort.c */
extern PaginateSort *PaginateReadSort(const char *spec);
extern RawStmt *PaginateApplySort(RawStmt *raw, Query *analyzed,
								  PaginateSort *sort, bool keep);

/* query.c */
extern PaginateQuery *PaginateParseQuery(const char *text, PaginateSort *sort);
extern bool PaginateChangedSince(PaginateQuery *query, Snapshot snapshot);
extern void PaginateCheckOrder(PaginateQuery *query);
extern void PaginateCheckJsonKeys(PaginateQuery *query);

/* The metadata of one page: the fields of the pagination type. */
typedef struct PaginateMeta
{
	bool		keyset;			/* page was asked for with a cursor */
	int32		page;
	int32		per_page;
	bool		has_total;
	int64		total;
	bool		total_is_exact;
	bool		total_is_lower_bound;	/* the result has more rows than total */
	int64		rows;			/* rows on this page */
	bool		has_prev;
	bool		has_next;
	char	   *start_cursor;	/* NULL when none */
	char	   *end_cursor;
} PaginateMeta;

/* What a page's rows are returned as. */
typedef enum PaginateTarget
{
	PAGINATE_TARGET_JSONB,		/* one jsonb object per row */
	PAGINATE_TARGET_COLUMNS,	/* the query's own columns */
	PAGINATE_TARGET_NOTHING		/* nothing: the rows are only counted */
} PaginateTarget;

/* Everything one call was asked for, and what it found. */
typedef struct PaginateCall
{
	PaginateQuery *query;
	ArrayType  *params;			/* values for $1..$n, or NULL */
	PaginateWalk walk;
	PaginateCursor *cursor;		/* the after or before cursor, or NULL */
	uint64		fingerprint;	/* of the query text, order_by and params
								 * (PaginateCallFingerprint) */
	bool		fingerprinted;	/* ... worked out yet */
	int32		page;
	int32		per_page;		/* after the default and the cap */
	int64		offset;			/* rows before the page */
	PaginateCountMode count_mode;	/* how the total is found */
	int			count_timeout;	/* ms a count may take, 0 for no limit */
	bool		page_read;		/* PaginateFetchPage ran: meta.rows and
								 * has_next are the page's */
	bool		rows_only;		/* only the rows are returned (paginate,
								 * paginate_as, paginate_edges): no probe
								 * runs, and without row_cursors no cursor is
								 * made nor any row's keys kept */
	bool		own_snapshot;	/* pushed a snapshot of its own */
	bool		row_cursors;	/* every row gets its cursor (with_cursors) */
	char	   *row_cursor;		/* ... the one of the row being stored */
	PaginateMeta meta;
} PaginateCall;

/*
 * The fingerprint of the call's cursors, worked out the first time a cursor
 * is read or made: a call that does neither (rows alone, by page number)
 * does not hash its query text.
 */
static inline uint64
PaginateCallFingerprint(PaginateCall *call)
{
	if (!call->fingerprinted)
	{
		call->fingerprint = PaginateFingerprint(call->query, call->params);
		call->fingerprinted = true;
	}
	return call->fingerprint;
}

/* meta.c */
extern void PaginateMetaFromTotal(PaginateMeta *meta, int64 offset);
extern void PaginateMetaFromPage(PaginateMeta *meta, int64 offset);
extern HeapTuple PaginateMetaTuple(PaginateMeta *meta, TupleDesc desc);
extern void PaginateMetaToJson(PaginateMeta *meta, PaginateJsonOut *out);

/*
 * A value of the pagination type as SQL hands it back (meta.c reads it):
 * each field with a flag saying it is not NULL.  has_prev and has_next read
 * NULL as false; a NULL cursor is a NULL pointer.
 */
typedef struct PaginateValue
{
	bool		has_page;
	int32		page;
	bool		has_per_page;
	int32		per_page;
	bool		has_total;
	int64		total;
	bool		total_is_lower_bound;
	bool		has_pages;
	int32		pages;
	bool		has_prev;
	bool		has_next;
	bool		has_prev_page;
	int32		prev_page;
	bool		has_next_page;
	int32		next_page;
	bool		has_items;		/* first_item and last_item are both set */
	int64		first_item;
	int64		last_item;
	char	   *start_cursor;
	char	   *end_cursor;
} PaginateValue;

extern void PaginateReadValue(HeapTupleHeader row, PaginateValue *value);
extern void PaginateMetaValue(PaginateMeta *meta, PaginateValue *value);

/* count.c */
extern bool PaginateCount(PaginateCall *call);
extern int64 PaginateExactTotal(PaginateCall *call);
extern bool PaginatePageMayPassThreshold(PaginateCall *call);
extern void PaginateExplainCount(PaginateCall *call, StringInfo out);
extern void PaginateTakeCount(TupleTableSlot *slot, void *arg);

/* page.c */

/*
 * What one page runs (PaginatePlanPage decides it, for PaginateFetchPage and
 * paginate_explain alike): its statement with a row limit and offset, and
 * the probe that looks the other way.
 */
typedef struct PaginatePagePlan
{
	PaginateStatementKind kind; /* the page's statement */
	int64		limit;			/* its limit and offset parameters */
	int64		offset;
	int64		lead;			/* rows read before the page: 0 or 1 */
	int64		skip_ties;		/* at most this many copies of the cursor's
								 * row to skip */
	bool		counted_ties;	/* walking back over copies: ties was counted */
	int64		ties;			/* copies of the cursor's row */
	int64		skipped;		/* of those, the ones at or after it (the
								 * offset) */
	PaginateStatementKind probe;	/* PAGINATE_FIRST_ROW or _LAST_ROW, or
									 * PAGINATE_STATEMENT_KINDS */
} PaginatePagePlan;

extern void PaginatePlanPage(PaginateCall *call, PaginateTarget target,
							 PaginatePagePlan *plan);
extern void PaginateFetchPage(PaginateCall *call, PaginateTarget target,
							  PaginateStartCallback start,
							  PaginateRowCallback store, void *arg);
extern ParamListInfo PaginatePageParams(PaginateCall *call,
										PaginateStatementKind kind,
										int64 limit, int64 offset);
extern int	PaginateCursorColumns(PaginateQuery *query);

/* headers.c */

/* One link of a page: first, prev, next or last, and its URL. */
typedef struct PaginateLink
{
	const char *rel;
	char	   *url;
} PaginateLink;

#define PAGINATE_MAX_LINKS 4

extern int	PaginateLinks(PaginateValue *value, const char *base_url,
						  PaginateLink *links);
extern void PaginateSetResponseHeaders(PaginateValue *value, const char *base_url);

#endif							/* PAGINATE_INTERNAL_H */
