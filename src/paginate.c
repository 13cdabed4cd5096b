/*
 * paginate.c
 *		SQL entry points: paginate (jsonb rows), paginate_as and
 *		paginate_edges (typed rows, the latter each with its cursor),
 *		paginate_meta, paginate_response, paginate_explain and paginate_cache.
 *
 * Every entry point that takes a query reads its arguments the same way
 * (ReadCall), then runs its statements on one snapshot: the count its count
 * mode asks for; the page (fetched with one row more than it holds, which
 * tells has_next) or, for metadata alone, a probe that reads the page's keys
 * without its columns; after or before a cursor, the probe that looks the
 * other way and, among copies of the cursor's row, a count of them; and with
 * paginate.out_of_range = last, the last page when the one asked for is past
 * the end.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/tupconvert.h"
#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "internal.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

PG_FUNCTION_INFO_V1(paginate_rows);
PG_FUNCTION_INFO_V1(paginate_rows_typed);
PG_FUNCTION_INFO_V1(paginate_edges);
PG_FUNCTION_INFO_V1(paginate_meta);
PG_FUNCTION_INFO_V1(paginate_response);
PG_FUNCTION_INFO_V1(paginate_response_json);
PG_FUNCTION_INFO_V1(paginate_explain);
PG_FUNCTION_INFO_V1(paginate_cache);

/*
 * A tuplestore that takes rows: their first columns, converted to the row
 * type when needed.  Columns past those carry the row's cursor.  As edges
 * (paginate_edges), each row is one value of the row type (node) beside its
 * own cursor.
 */
typedef struct StoreRows
{
	Tuplestorestate *store;
	TupleDesc	store_desc;		/* the tuplestore's columns */
	int			ncursor;		/* columns at the end that carry the cursor */
	PaginateQuery *query;
	Oid			rowtype_oid;	/* the typed form's row type */
	TupleDesc	rowtype;		/* its columns (one, for a scalar type) */
	PaginateCall *call;			/* as edges: its row_cursor, else NULL */
	bool		composite;		/* ... the node is a row of rowtype's columns */
	TupleDesc	row;			/* the row's columns, as the query returns
								 * them */
	TupleConversionMap *map;	/* from row to store_desc, or NULL */
	MemoryContext context;		/* lives as long as the call */
	MemoryContext row_context;	/* reset after each converted row */
} StoreRows;

/*
 * Rows made into JSON objects keyed by column name, from the row's columns
 * (the rest carry its cursor): jsonb for a tuplestore or for the items
 * array, or JSON text appended to a body.
 */
typedef struct JsonRows
{
	int			ncursor;		/* columns at the end that carry the cursor */
	PaginateJsonColumns *json;	/* how the row's columns become JSON */
	MemoryContext context;		/* lives as long as the call */
	MemoryContext row_context;	/* reset after each row */
	Tuplestorestate *store;		/* where the objects go, or NULL: */
	TupleDesc	store_desc;
	PaginateJsonOut *items;		/* ... the body whose array is open, or NULL: */
	StringInfo	body;			/* ... the JSON text being written */
	uint64		rows;			/* rows written to it */
	PaginateCall *call;			/* its row_cursor, when rows get theirs */
} JsonRows;

/*
 * The arguments every entry point shares, from argument first on: query,
 * page, per_page, after, before, params, then (with_count) count and
 * count_timeout, then order_by and last.  A 1.x function an update kept for
 * a view has fewer: those past its last are left out.
 */
#define ARG_QUERY			0
#define ARG_PAGE			1
#define ARG_PER_PAGE		2
#define ARG_AFTER			3
#define ARG_BEFORE			4
#define ARG_PARAMS			5
#define ARG_COUNT			6
#define ARG_COUNT_TIMEOUT	7
/* order_by and last follow params, or count_timeout */
#define ARG_ORDER_BY(with_count)	((with_count) ? 8 : 6)
#define ARG_LAST(with_count)		(ARG_ORDER_BY(with_count) + 1)
/* then, on paginate and paginate_response, with_cursors; on the latter format and base_url */
#define ARG_WITH_CURSORS(with_count)	(ARG_LAST(with_count) + 1)
#define ARG_FORMAT					(ARG_WITH_CURSORS(true) + 1)
#define ARG_BASE_URL				(ARG_FORMAT + 1)

/*
 * paginate_as's own, after last: count and count_timeout, set_headers and
 * base_url (from argument 1, its query).
 */
#define ARG_AS_COUNT		(1 + ARG_LAST(false) + 1)
#define ARG_AS_COUNT_TIMEOUT	(ARG_AS_COUNT + 1)
#define ARG_AS_SET_HEADERS	(ARG_AS_COUNT + 2)
#define ARG_AS_BASE_URL		(ARG_AS_COUNT + 3)

/* Is argument n there (not past a 1.x function's last) and not NULL? */
#define HAS_ARG(n)	(PG_NARGS() > (n) && !PG_ARGISNULL(n))

/* What a call's query is prepared from (ReadArguments, PrepareCall). */
typedef struct CallText
{
	const char *query;			/* the query text */
	PaginateSort *sort;			/* order_by, read, or NULL */
	const char *cursor;			/* the after or before cursor, or NULL */
	const char *cursor_argument;	/* ... which of the two it is */
} CallText;

/* The body paginate_response returns (its format argument). */
typedef enum ResponseFormat
{
	FORMAT_ITEMS,				/* {"items": [...], "pagination": {...}} */
	FORMAT_RELAY,				/* a Relay connection */
	FORMAT_DRF					/* Django REST framework's pagination */
} ResponseFormat;

static int64 IntegerArgument(FunctionCallInfo fcinfo, int n, const char *name);
static ResponseFormat ReadFormat(FunctionCallInfo fcinfo, int n);
static void WriteRelay(PaginateJsonOut *out, PaginateMeta *meta);
static void WriteDrf(PaginateJsonOut *out, PaginateMeta *meta, const char *base_url);
static void WriteCount(PaginateJsonOut *out, PaginateMeta *meta);
static void ReadCall(FunctionCallInfo fcinfo, int first, bool with_count,
					 PaginateCall *call);
static void ReadArguments(FunctionCallInfo fcinfo, int first, bool with_count,
						  PaginateCall *call, CallText *prep);
static void ReadCount(FunctionCallInfo fcinfo, int count, int timeout,
					  PaginateCall *call);
static bool ReadSetHeaders(FunctionCallInfo fcinfo, PaginateCall *call,
						   char **base_url);
static void ReadPageSize(FunctionCallInfo fcinfo, int first, PaginateCall *call);
static void PrepareCall(PaginateCall *call, CallText *prep);
static void ReadWithCursors(FunctionCallInfo fcinfo, int n, PaginateCall *call);
static void InitStoreRows(StoreRows *rows, ReturnSetInfo *rsinfo, PaginateCall *call,
						  bool edges, Oid rowtype_oid, TupleDesc rowtype);
static void WantRowCursors(PaginateCall *call);
static Datum TypedRows(FunctionCallInfo fcinfo, bool edges);
static void ServeRows(PaginateCall *call, PaginateTarget target,
					  PaginateStartCallback start, PaginateRowCallback store,
					  void *arg);
static void FetchRows(PaginateCall *call, PaginateTarget target,
					  PaginateStartCallback start, PaginateRowCallback store,
					  void *arg);
pg_noreturn static void NotRowtype(Oid rowtype_oid);
static void FinishMeta(PaginateCall *call);
static bool MayServeLastPage(PaginateCall *call);
static bool ServeLastPage(PaginateCall *call);
static void EndCall(PaginateCall *call);
static void MatchRowtype(TupleDesc query_columns, void *arg);
static const char *OwnName(PaginateQuery *query, int column, const char *name);
static void StoreRow(TupleTableSlot *slot, void *arg);
static void InitJsonRows(JsonRows *rows, PaginateCall *call);
static void StartJsonRows(TupleDesc columns, void *arg);
static void JsonRow(TupleTableSlot *slot, void *arg);
static void WriteRow(JsonRows *rows, TupleTableSlot *slot, PaginateJsonOut *out);
static void AppendRow(JsonRows *rows, TupleTableSlot *slot);
static void ReadResponse(FunctionCallInfo fcinfo, PaginateCall *call,
						 ResponseFormat *format, char **base_url);
static const char *RowsKey(ResponseFormat format);
static void CountResponse(PaginateCall *call);
static void WriteResponseTail(PaginateJsonOut *out, ResponseFormat format,
							  PaginateMeta *meta, const char *base_url);

/* Load-time set-up: the paginate.* settings and the query cache. */
void
_PG_init(void)
{
	PaginateDefineSettings();
	PaginateCacheInit();
}

/*
 * paginate(query, page, per_page, after, before, params) returns setof jsonb
 *
 * The rows of one page, one jsonb object each, keyed by column name.
 */
Datum
paginate_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PaginateCall call;
	JsonRows	rows;

	ReadCall(fcinfo, 0, false, &call);
	call.rows_only = true;
	ReadWithCursors(fcinfo, ARG_WITH_CURSORS(false), &call);
	PaginateCheckJsonKeys(call.query);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	InitJsonRows(&rows, &call);
	rows.store = rsinfo->setResult;
	rows.store_desc = rsinfo->setDesc;
	ServeRows(&call, PAGINATE_TARGET_JSONB, StartJsonRows, JsonRow, &rows);
	return (Datum) 0;
}

/*
 * paginate_as(rowtype, query, page, per_page, after, before, params,
 *		order_by, last, count, count_timeout, set_headers, base_url)
 *		returns setof anyelement
 *
 * The rows of one page, typed as rowtype: a composite type whose columns
 * match the query's, or a scalar type for a query of one column.  With
 * set_headers, the page is counted too, and its headers set in PostgREST's
 * response.headers, from the same page and count.
 */
Datum
paginate_rows_typed(PG_FUNCTION_ARGS)
{
	return TypedRows(fcinfo, false);
}

/*
 * paginate_edges(rowtype, query, page, per_page, after, before, params,
 *		order_by, last) returns table (node anyelement, cursor text)
 *
 * The typed form with a cursor for every row: node is the row, typed as
 * rowtype (a composite type or, for a query of one column, a scalar type),
 * and cursor its own, which walks on from that row.
 */
Datum
paginate_edges(PG_FUNCTION_ARGS)
{
	return TypedRows(fcinfo, true);
}

/*
 * The typed forms: the page's rows as rowtype (argument 0), or as edges,
 * each row (node) beside its cursor.
 */
static Datum
TypedRows(FunctionCallInfo fcinfo, bool edges)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			rowtype_oid = get_fn_expr_argtype(fcinfo->flinfo, 0);
	PaginateCall call;
	StoreRows	rows = {0};
	TupleDesc	rowtype = NULL;
	bool		set_headers;
	char	   *base_url;
	PaginateValue value;

	if (edges)
	{
		/*
		 * table (node rowtype, cursor text): not for a record, or a domain
		 * over a composite
		 */
		if (type_is_rowtype(rowtype_oid) && get_typtype(rowtype_oid) != TYPTYPE_COMPOSITE)
			NotRowtype(rowtype_oid);
		InitMaterializedSRF(fcinfo, 0);
	}
	else
	{
		switch (get_call_result_type(fcinfo, NULL, &rowtype))
		{
			case TYPEFUNC_COMPOSITE:
				InitMaterializedSRF(fcinfo, 0);
				break;
			case TYPEFUNC_SCALAR:
				InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
				break;
			default:
				NotRowtype(rowtype_oid);
		}
	}

	ReadCall(fcinfo, 1, false, &call);
	set_headers = !edges && ReadSetHeaders(fcinfo, &call, &base_url);
	/* the headers need the page's metadata: has_prev, has_next, cursors */
	call.rows_only = !set_headers;
	if (!edges)
		rowtype = rsinfo->setDesc;
	else
	{
		WantRowCursors(&call);
		if (get_typtype(rowtype_oid) == TYPTYPE_COMPOSITE)
			rowtype = lookup_rowtype_tupdesc_copy(rowtype_oid, -1);
		else
		{
			rowtype = CreateTemplateTupleDesc(1);
			TupleDescInitEntry(rowtype, 1, "node", rowtype_oid, -1, 0);
		}
	}
	InitStoreRows(&rows, rsinfo, &call, edges, rowtype_oid, rowtype);
	if (!set_headers)
	{
		ServeRows(&call, PAGINATE_TARGET_COLUMNS, MatchRowtype, StoreRow, &rows);
		return (Datum) 0;
	}

	/*
	 * set_headers: the page's rows and its count, as paginate_response has
	 * them, make the headers paginate_set_headers(paginate_meta(...)) would
	 * set, from the one page read and the one count
	 */
	FetchRows(&call, PAGINATE_TARGET_COLUMNS, MatchRowtype, StoreRow, &rows);
	CountResponse(&call);
	PaginateMetaValue(&call.meta, &value);
	PaginateSetResponseHeaders(&value, base_url);
	return (Datum) 0;
}

/*
 * paginate_meta(query, page, per_page, after, before, params, count)
 *		returns pagination
 *
 * The metadata of one page.  An exact total tells everything of a page
 * number without cursors; otherwise a probe reads the page's rows without
 * their columns (but with their cursors).
 */
Datum
paginate_meta(PG_FUNCTION_ARGS)
{
	PaginateCall call;
	TupleDesc	desc;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "paginate_meta must return a composite type");

	ReadCall(fcinfo, 0, true, &call);

	/*
	 * A first page that holds the whole result (the common case of a short
	 * one) proves the total, and a page that reaches past the threshold of a
	 * capped or estimated count proves the result is over it: such pages are
	 * read first, and the count runs only when they prove nothing; the last
	 * page (last => true) likewise. Other pages are counted first, and an
	 * exact total says where the page stands without reading it.
	 */
	if (call.walk == PAGINATE_WALK_OFFSET && call.count_mode != PAGINATE_COUNT_NONE &&
		(call.offset == 0 || PaginatePageMayPassThreshold(&call)))
	{
		PaginateFetchPage(&call, PAGINATE_TARGET_NOTHING, NULL, NULL, NULL);
		if (!PaginateCount(&call))
			PaginateMetaFromPage(&call.meta, call.offset);
	}
	else if (call.walk == PAGINATE_WALK_LAST)
	{
		/*
		 * so is the last page, which proves the total when nothing is before
		 * it
		 */
		PaginateFetchPage(&call, PAGINATE_TARGET_NOTHING, NULL, NULL, NULL);
		PaginateCount(&call);
	}
	else if (PaginateCount(&call) && call.walk == PAGINATE_WALK_OFFSET &&
			 !PaginateHasCursors(call.query))
		PaginateMetaFromTotal(&call.meta, call.offset);
	else
	{
		PaginateFetchPage(&call, PAGINATE_TARGET_NOTHING, NULL, NULL, NULL);
		if (!call.meta.total_is_exact && call.walk == PAGINATE_WALK_OFFSET)
			PaginateMetaFromPage(&call.meta, call.offset);
	}
	if (ServeLastPage(&call))
		PaginateFetchPage(&call, PAGINATE_TARGET_NOTHING, NULL, NULL, NULL);
	FinishMeta(&call);
	EndCall(&call);

	PG_RETURN_DATUM(HeapTupleGetDatum(PaginateMetaTuple(&call.meta,
														BlessTupleDesc(desc))));
}

/*
 * paginate_response(query, page, per_page, after, before, params, count,
 *		count_timeout, order_by, last, with_cursors, format, base_url)
 *		returns jsonb
 *
 * The rows and the metadata of one page, from one snapshot, as the body an
 * API sends: {"items": [...], "pagination": {...}}, a Relay connection
 * (format relay) or Django REST framework's pagination (format drf).
 */
Datum
paginate_response(PG_FUNCTION_ARGS)
{
	PaginateCall call;
	PaginateJsonOut out = {0};
	JsonRows	items;
	ResponseFormat format;
	char	   *base_url;

	ReadResponse(fcinfo, &call, &format, &base_url);

	PaginateJsonBeginObject(&out);
	PaginateJsonKey(&out, RowsKey(format));
	PaginateJsonBeginArray(&out);
	InitJsonRows(&items, &call);
	items.items = &out;
	FetchRows(&call, PAGINATE_TARGET_JSONB, StartJsonRows, JsonRow, &items);
	PaginateJsonEndArray(&out);

	CountResponse(&call);
	WriteResponseTail(&out, format, &call.meta, base_url);
	PaginateJsonEndObject(&out);

	PG_RETURN_JSONB_P(out.result);
}

/*
 * paginate_response_json(query, page, per_page, after, before, params,
 *		count, count_timeout, order_by, last, with_cursors, format, base_url)
 *		returns json
 *
 * paginate_response's body as JSON text, written as the rows are read:
 * each row as row_to_json writes it (its columns in order), the metadata
 * after them.  No jsonb is made of the rows, so none is printed again.
 */
Datum
paginate_response_json(PG_FUNCTION_ARGS)
{
	PaginateCall call;
	JsonRows	items;
	ResponseFormat format;
	char	   *base_url;
	StringInfoData body;
	PaginateJsonOut tail = {.text = &body,.comma = true};

	ReadResponse(fcinfo, &call, &format, &base_url);

	/* the text is written after room for its varlena header */
	initStringInfo(&body);
	appendStringInfoSpaces(&body, VARHDRSZ);
	appendStringInfoChar(&body, '{');
	escape_json(&body, RowsKey(format));
	appendStringInfoString(&body, ":[");
	InitJsonRows(&items, &call);
	items.body = &body;
	FetchRows(&call, PAGINATE_TARGET_JSONB, StartJsonRows, JsonRow, &items);
	appendStringInfoChar(&body, ']');

	CountResponse(&call);
	WriteResponseTail(&tail, format, &call.meta, base_url);
	appendStringInfoChar(&body, '}');

	SET_VARSIZE(body.data, body.len);
	PG_RETURN_POINTER(body.data);
}

/*
 * The arguments of a response: the call's, with_cursors, the format (a
 * Relay connection's rows are edges) and base_url.
 */
static void
ReadResponse(FunctionCallInfo fcinfo, PaginateCall *call,
			 ResponseFormat *format, char **base_url)
{
	ReadCall(fcinfo, 0, true, call);
	ReadWithCursors(fcinfo, ARG_WITH_CURSORS(true), call);
	*format = ReadFormat(fcinfo, ARG_FORMAT);
	*base_url = HAS_ARG(ARG_BASE_URL) ?
		text_to_cstring(PG_GETARG_TEXT_PP(ARG_BASE_URL)) : NULL;
	if (*format == FORMAT_RELAY)
		WantRowCursors(call);
	PaginateCheckJsonKeys(call->query);
}

/* The key of a response's rows. */
static const char *
RowsKey(ResponseFormat format)
{
	switch (format)
	{
		case FORMAT_RELAY:
			return "edges";
		case FORMAT_DRF:
			return "results";
		case FORMAT_ITEMS:
			break;
	}
	return "items";
}

/* A response's rows are read: its total and metadata. */
static void
CountResponse(PaginateCall *call)
{
	/* (the last page served instead of one past it proves its total) */
	if (!PaginateCount(call) && call->walk == PAGINATE_WALK_OFFSET)
		PaginateMetaFromPage(&call->meta, call->offset);
	FinishMeta(call);
	EndCall(call);
}

/*
 * The members of a response after its rows, as its format has them (for
 * either form: see PaginateJsonOut).
 */
static void
WriteResponseTail(PaginateJsonOut *out, ResponseFormat format,
				  PaginateMeta *meta, const char *base_url)
{
	switch (format)
	{
		case FORMAT_ITEMS:
			PaginateJsonKey(out, "pagination");
			PaginateMetaToJson(meta, out);
			break;
		case FORMAT_RELAY:
			WriteRelay(out, meta);
			break;
		case FORMAT_DRF:
			WriteDrf(out, meta, base_url);
			break;
	}
}

/*
 * paginate_explain(query, page, per_page, after, before, params, count)
 *		returns setof text
 *
 * The EXPLAIN of every statement paginate_response would run with these
 * arguments, each after a line that names it: the count, as the count mode
 * says, then the page, and with a cursor the probe that looks the other way
 * (and, walking back over ties, the count of the cursor's ties).
 * paginate_meta runs the same count, and the probe (the page without its
 * columns) where the total is not exact or the page has cursors to give.
 * (Long: a line of text for each case PaginatePlanPage decides.)
 */
Datum
paginate_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PaginateCall call;
	PaginateQuery *query;
	PaginatePagePlan plan;
	StringInfoData out;
	char	   *line;
	char	   *next;

	ReadCall(fcinfo, 0, true, &call);
	query = call.query;
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	initStringInfo(&out);

	/* the count, as PaginateCount runs it */
	PaginateExplainCount(&call, &out);

	/* the statements the page runs, as PaginateFetchPage runs them */
	PaginatePlanPage(&call, PAGINATE_TARGET_JSONB, &plan);
	if (plan.counted_ties)
	{
		appendStringInfo(&out, "-- ties: copies of the cursor's row (equal in every key): " INT64_FORMAT ", of which " INT64_FORMAT " at or after it are skipped by the offset\n",
						 plan.ties, plan.skipped);
		PaginateExplain(query, PAGINATE_TIES,
						PaginatePageParams(&call, PAGINATE_TIES, 0, 0), &out);
	}
	switch (call.walk)
	{
		case PAGINATE_WALK_OFFSET:
			appendStringInfo(&out, "-- page: rows " INT64_FORMAT " to " INT64_FORMAT ", and one more for has_next\n",
							 call.offset + 1, call.offset + call.per_page);
			if (MayServeLastPage(&call))
				appendStringInfoString(&out, "-- (paginate.out_of_range = last: if it has no rows, an exact count finds the last page, which is read instead)\n");
			if (plan.kind == PAGINATE_PAGE_LOOKUP)
				appendStringInfoString(&out, "-- (late row lookup: the offset skips over the keys alone, then the page's rows are read by the table's unique key)\n");
			break;
		case PAGINATE_WALK_AFTER:
			appendStringInfo(&out, "-- page: %d rows after the cursor, and one more for has_next\n",
							 call.per_page);
			break;
		case PAGINATE_WALK_BEFORE:
			appendStringInfo(&out, "-- page: %d rows before the cursor, backward, and one more for has_prev\n",
							 call.per_page);
			break;
		case PAGINATE_WALK_LAST:
			appendStringInfo(&out, "-- page: the last %d rows, backward from the end, and one more for has_prev\n",
							 call.per_page);
			break;
	}
	if (plan.lead > 0)
		appendStringInfo(&out, "-- (limit " INT64_FORMAT ", offset " INT64_FORMAT ": from the row before the page, which says where its first row stands among its copies)\n",
						 plan.limit, plan.offset);
	if (plan.skip_ties > 0)
		appendStringInfo(&out, "-- (limit " INT64_FORMAT ": with up to " INT64_FORMAT " copies of the cursor's row, skipped as they are read)\n",
						 plan.limit, plan.skip_ties);
	PaginateExplain(query, plan.kind,
					PaginatePageParams(&call, plan.kind, plan.limit, plan.offset), &out);
	if (plan.probe != PAGINATE_STATEMENT_KINDS)
	{
		appendStringInfo(&out, "-- %s: the query's %s row, compared with the cursor\n",
						 call.walk == PAGINATE_WALK_AFTER ? "has_prev" : "has_next",
						 call.walk == PAGINATE_WALK_AFTER ? "first" : "last");
		PaginateExplain(query, plan.probe, PaginateBindParams(query, call.params, 0), &out);
	}

	for (line = out.data; *line != '\0'; line = next)
	{
		Datum		value;
		bool		isnull = false;

		next = strchr(line, '\n');
		if (next == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		value = CStringGetTextDatum(line);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
	EndCall(&call);

	return (Datum) 0;
}

/*
 * paginate_cache() returns table (query, order_by, calls, statement,
 *		generic_plans, custom_plans)
 *
 * What the query cache of this backend holds.
 */
Datum
paginate_cache(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	PaginateCacheRows(rsinfo->setResult, rsinfo->setDesc);
	return (Datum) 0;
}

/*
 * Integer argument n, called name (page, per_page): bigint since 2.0,
 * integer in a 1.x function an update kept for a view that uses it
 * (NAME_int4), as the function declares it; from 1 to 2147483647.
 */
static int64
IntegerArgument(FunctionCallInfo fcinfo, int n, const char *name)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, n);
	int64		value;

	if (!OidIsValid(type))
	{
		HeapTuple	tuple = SearchSysCache1(PROCOID,
											ObjectIdGetDatum(fcinfo->flinfo->fn_oid));

		if (!HeapTupleIsValid(tuple))
			elog(ERROR, "cache lookup failed for function %u", fcinfo->flinfo->fn_oid);
		type = ((Form_pg_proc) GETSTRUCT(tuple))->proargtypes.values[n];
		ReleaseSysCache(tuple);
	}
	value = type == INT4OID ? (int64) PG_GETARG_INT32(n) : PG_GETARG_INT64(n);
	if (value < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be at least 1", name),
				 strcmp(name, "page") == 0 ?
				 errdetail("page is " INT64_FORMAT "; pages are numbered from 1.", value) :
				 errdetail("%s is " INT64_FORMAT ".", name, value)));
	if (value > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be at most %d", name, PG_INT32_MAX),
				 errdetail("%s is " INT64_FORMAT ".", name, value)));
	return value;
}

/*
 * Read and check the arguments every entry point shares (ReadArguments),
 * then parse and check the query, sorted as order_by says, and the cursor
 * (PrepareCall).
 */
static void
ReadCall(FunctionCallInfo fcinfo, int first, bool with_count,
		 PaginateCall *call)
{
	CallText	prep;

	ReadArguments(fcinfo, first, with_count, call, &prep);
	PrepareCall(call, &prep);
}

/*
 * Check the shared arguments and put them in call: the walk, page, per_page
 * (after the default and the cap), the count mode and budget, params; and
 * in prep what the query's preparation reads (PrepareCall).
 */
static void
ReadArguments(FunctionCallInfo fcinfo, int first, bool with_count,
			  PaginateCall *call, CallText *prep)
{
	bool		has_page = HAS_ARG(first + ARG_PAGE);
	bool		has_after = HAS_ARG(first + ARG_AFTER);
	bool		has_before = HAS_ARG(first + ARG_BEFORE);
	int			order_by = first + ARG_ORDER_BY(with_count);
	bool		last = HAS_ARG(first + ARG_LAST(with_count)) &&
	PG_GETARG_BOOL(first + ARG_LAST(with_count));

	memset(call, 0, sizeof(PaginateCall));
	memset(prep, 0, sizeof(CallText));

	if (PG_ARGISNULL(first + ARG_QUERY))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must not be NULL")));
	prep->query = text_to_cstring(PG_GETARG_TEXT_PP(first + ARG_QUERY));

	/*
	 * Relay's last without before is the last page; with before, the page
	 * before it
	 */
	if (last && has_before)
		last = false;
	if (last && (has_after || has_page))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("last cannot be used together with %s",
						has_after ? "after" : "page"),
				 errhint("last => true asks for the query's last rows; leave %s NULL.",
						 has_after ? "after" : "page")));
	if (has_after && has_before)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("after and before cannot be used together"),
				 errhint("Pass after to page forward from a cursor, or before to page backward.")));
	if ((has_after || has_before) && has_page)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("page cannot be used together with %s",
						has_after ? "after" : "before"),
				 errhint("A cursor gives the position of the page; leave page NULL.")));
	call->walk = has_after ? PAGINATE_WALK_AFTER :
		has_before ? PAGINATE_WALK_BEFORE :
		last ? PAGINATE_WALK_LAST : PAGINATE_WALK_OFFSET;
	if (has_after || has_before)
	{
		prep->cursor_argument = has_after ? "after" : "before";
		prep->cursor = text_to_cstring(PG_GETARG_TEXT_PP(first + (has_after ? ARG_AFTER : ARG_BEFORE)));
	}

	ReadPageSize(fcinfo, first, call);

	call->count_mode = (PaginateCountMode) paginate_count_mode;
	call->count_timeout = paginate_count_timeout;
	if (with_count)
		ReadCount(fcinfo, first + ARG_COUNT, first + ARG_COUNT_TIMEOUT, call);

	call->params = PG_ARGISNULL(first + ARG_PARAMS) ? NULL :
		PG_GETARG_ARRAYTYPE_P(first + ARG_PARAMS);
	if (HAS_ARG(order_by))
		prep->sort = PaginateReadSort(text_to_cstring(PG_GETARG_TEXT_PP(order_by)));
}

/* The count mode and budget, where arguments count and timeout give them. */
static void
ReadCount(FunctionCallInfo fcinfo, int count, int timeout, PaginateCall *call)
{
	if (HAS_ARG(count))
		call->count_mode = PaginateParseCountMode(text_to_cstring(PG_GETARG_TEXT_PP(count)));
	if (HAS_ARG(timeout))
	{
		int32		ms = PG_GETARG_INT32(timeout);

		if (ms < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("count_timeout must be at least 0"),
					 errdetail("count_timeout is %d milliseconds; 0 means no limit.", ms)));
		call->count_timeout = ms;
	}
}

/*
 * paginate_as's set_headers: does the call set response.headers (then
 * base_url, or NULL, in *base_url)?  count, count_timeout and base_url
 * serve only the headers.
 */
static bool
ReadSetHeaders(FunctionCallInfo fcinfo, PaginateCall *call, char **base_url)
{
	*base_url = NULL;
	if (!(HAS_ARG(ARG_AS_SET_HEADERS) && PG_GETARG_BOOL(ARG_AS_SET_HEADERS)))
	{
		if (HAS_ARG(ARG_AS_COUNT) || HAS_ARG(ARG_AS_COUNT_TIMEOUT) || HAS_ARG(ARG_AS_BASE_URL))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s needs set_headers => true",
							HAS_ARG(ARG_AS_COUNT) ? "count" :
							HAS_ARG(ARG_AS_COUNT_TIMEOUT) ? "count_timeout" : "base_url"),
					 errdetail("paginate_as counts the rows and links pages only for the headers it sets.")));
		return false;
	}
	ReadCount(fcinfo, ARG_AS_COUNT, ARG_AS_COUNT_TIMEOUT, call);
	if (HAS_ARG(ARG_AS_BASE_URL))
		*base_url = text_to_cstring(PG_GETARG_TEXT_PP(ARG_AS_BASE_URL));
	return true;
}

/*
 * page and per_page: page from 1, per_page at least 1, its default
 * paginate.default_per_page and its cap paginate.max_per_page (above which
 * it is lowered, or with paginate.strict an error); the offset they make.
 */
static void
ReadPageSize(FunctionCallInfo fcinfo, int first, PaginateCall *call)
{
	bool		has_per_page = !PG_ARGISNULL(first + ARG_PER_PAGE);
	int64		page;
	int64		per_page;

	page = PG_ARGISNULL(first + ARG_PAGE) ? 1 :
		IntegerArgument(fcinfo, first + ARG_PAGE, "page");
	call->page = (int32) page;
	/* (paginate.default_per_page is at least 1) */
	per_page = has_per_page ?
		IntegerArgument(fcinfo, first + ARG_PER_PAGE, "per_page") :
		paginate_default_per_page;
	call->per_page = (int32) per_page;
	if (paginate_max_per_page > 0 && call->per_page > paginate_max_per_page)
	{
		/* a default above the cap is lowered silently */
		if (paginate_strict && has_per_page)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("per_page must be at most %d", paginate_max_per_page),
					 errdetail("per_page is %d, and paginate.max_per_page is %d.",
							   call->per_page, paginate_max_per_page),
					 errhint("Ask for fewer rows per page, or turn paginate.strict off to have per_page lowered to the cap.")));
		call->per_page = paginate_max_per_page;
	}
	call->offset = (int64) (call->page - 1) * call->per_page;
}

/*
 * Parse and check the call's query, sorted as order_by says, on the call's
 * snapshot; check that its walk can page it; read the cursor.
 */
static void
PrepareCall(PaginateCall *call, CallText *prep)
{
	call->query = PaginateParseQuery(prep->query, prep->sort);

	/*
	 * The call's one snapshot is the caller's, so that every call of one
	 * statement (or of a STABLE function) sees the same rows.  But when DDL
	 * that rewrote one of the query's tables committed after that snapshot
	 * (while the call waited for the table's lock, say), the table would look
	 * empty to it: then, in READ COMMITTED, the call takes a fresh one, as a
	 * statement does after its locks.
	 */
	if (!IsolationUsesXactSnapshot() &&
		PaginateChangedSince(call->query, GetActiveSnapshot()))
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		call->own_snapshot = true;
	}
	if (call->walk == PAGINATE_WALK_OFFSET)
		PaginateCheckOrder(call->query);
	else
		PaginateCheckKeyset(call->query);

	if (prep->cursor != NULL)
		call->cursor = PaginateDecodeCursor(call->query, PaginateCallFingerprint(call),
											prep->cursor, prep->cursor_argument);

	call->meta.keyset = call->walk != PAGINATE_WALK_OFFSET;
	call->meta.page = call->page;
	call->meta.per_page = call->per_page;
	call->meta.has_prev = call->page > 1;
}

/*
 * Argument n, with_cursors: every row gets its cursor, as an edge {"node":
 * row, "cursor": cursor}.  Cursors need the query's order.
 */
static void
ReadWithCursors(FunctionCallInfo fcinfo, int n, PaginateCall *call)
{
	if (HAS_ARG(n) && PG_GETARG_BOOL(n))
		WantRowCursors(call);
}

/* Every row of the call gets its cursor: the query must have them. */
static void
WantRowCursors(PaginateCall *call)
{
	PaginateCheckKeyset(call->query);
	call->row_cursors = true;
}

/* Fetch the rows of a call that returns them alone (FetchRows), and end it. */
static void
ServeRows(PaginateCall *call, PaginateTarget target,
		  PaginateStartCallback start, PaginateRowCallback store, void *arg)
{
	FetchRows(call, target, start, store, arg);
	FinishMeta(call);
	EndCall(call);
}

/*
 * Fetch the call's page into store; past the last page, with
 * paginate.out_of_range = last, the last page instead.
 */
static void
FetchRows(PaginateCall *call, PaginateTarget target,
		  PaginateStartCallback start, PaginateRowCallback store, void *arg)
{
	PaginateFetchPage(call, target, start, store, arg);
	if (ServeLastPage(call))
		PaginateFetchPage(call, target, start, store, arg);
}

/* The typed forms' rowtype is no type rows can have. */
static void
NotRowtype(Oid rowtype_oid)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("rowtype must be a composite type or a base type, not %s",
					format_type_be(rowtype_oid)),
			 errhint("Pass a NULL of the type the rows should have, such as NULL::users.")));
}

/* The call is done: give back its snapshot. */
static void
EndCall(PaginateCall *call)
{
	if (call->own_snapshot)
		PopActiveSnapshot();
	call->own_snapshot = false;
}

/*
 * Last checks of a call once its page is known: with paginate.strict, a page
 * past the last one is an error.
 */
static void
FinishMeta(PaginateCall *call)
{
	if ((paginate_strict || paginate_out_of_range == PAGINATE_OUT_OF_RANGE_ERROR) &&
		call->walk == PAGINATE_WALK_OFFSET && call->meta.rows == 0 && call->page > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("page %d is past the last page", call->page),
				 paginate_strict ?
				 errdetail("paginate.strict is on, and the query has no rows from row " INT64_FORMAT " on.",
						   call->offset + 1) :
				 errdetail("paginate.out_of_range is error, and the query has no rows from row " INT64_FORMAT " on.",
						   call->offset + 1)));
}

/*
 * Could the call serve the last page instead of its own: an offset page
 * after the first, with paginate.out_of_range = last and paginate.strict
 * off (ServeLastPage, when the page has no rows; paginate_explain says so).
 */
static bool
MayServeLastPage(PaginateCall *call)
{
	return paginate_out_of_range == PAGINATE_OUT_OF_RANGE_LAST && !paginate_strict &&
		call->walk == PAGINATE_WALK_OFFSET && call->page > 1;
}

/*
 * An offset page past the last one, with paginate.out_of_range = last (and
 * paginate.strict off): make the call the last page's, found by an exact
 * count in whatever count mode (a planner's figure could name a page that
 * is not the last), which is then the call's total too; the caller fetches
 * the page again.  No rows at all: page 1.  True when the page changed.
 */
static bool
ServeLastPage(PaginateCall *call)
{
	PaginateMeta *meta = &call->meta;
	int64		total;
	int64		last;

	if (!MayServeLastPage(call) || meta->rows > 0)
		return false;
	total = meta->has_total && meta->total_is_exact ? meta->total :
		PaginateExactTotal(call);
	last = total == 0 ? 1 : (total - 1) / call->per_page + 1;
	if (last >= call->page)
		return false;
	call->page = (int32) last;
	call->offset = (last - 1) * call->per_page;
	call->page_read = false;
	meta->page = call->page;
	meta->has_prev = call->page > 1;
	if (meta->has_total)
	{
		meta->total = total;
		meta->total_is_exact = true;
		meta->total_is_lower_bound = false;
	}
	return true;
}

/*
 * Check that the query's columns can be returned as the rowtype, column by
 * column, and work out how to convert them (no map when they fit as they
 * are).  Runs as the page starts, with the columns as they are now.
 */
static void
MatchRowtype(TupleDesc columns, void *arg)
{
	StoreRows  *rows = (StoreRows *) arg;
	TupleDesc	rowtype = rows->rowtype;
	Oid			rowtype_oid = rows->rowtype_oid;
	MemoryContext old = MemoryContextSwitchTo(rows->context);

	/* the columns past the row's carry its cursor */
	TupleDesc	query_columns = CreateTupleDescTruncatedCopy(columns,
															 columns->natts - rows->ncursor);
	int			live = 0;
	int			column = 0;
	int			i;

	rows->row = query_columns;

	for (i = 0; i < rowtype->natts; i++)
		live += TupleDescAttr(rowtype, i)->attisdropped ? 0 : 1;
	if (live != query_columns->natts)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("query does not match rowtype %s", format_type_be(rowtype_oid)),
				 errdetail_plural("The query returns %d column, but %s has %d.",
								  "The query returns %d columns, but %s has %d.",
								  query_columns->natts,
								  query_columns->natts,
								  format_type_be(rowtype_oid), live)));

	for (i = 0; i < rowtype->natts; i++)
	{
		Form_pg_attribute want = TupleDescAttr(rowtype, i);
		Form_pg_attribute got;

		if (want->attisdropped)
			continue;
		got = TupleDescAttr(query_columns, column++);
		if (got->atttypid != want->atttypid ||
			(want->atttypmod >= 0 && got->atttypmod != want->atttypmod))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("query does not match rowtype %s", format_type_be(rowtype_oid)),
					 errdetail("Query column %d \"%s\" has type %s, but %s expects %s there.",
							   column, OwnName(rows->query, column, NameStr(got->attname)),
							   format_type_with_typemod(got->atttypid, got->atttypmod),
							   format_type_be(rowtype_oid),
							   format_type_with_typemod(want->atttypid, want->atttypmod))));
	}

	rows->map = convert_tuples_by_position(query_columns, rowtype,
										   "query does not match rowtype");
	MemoryContextSwitchTo(old);
}

/*
 * The query's own name of a column the statements return under the name
 * given, which they rename where it is a key's and another column's too.
 */
static const char *
OwnName(PaginateQuery *query, int column, const char *name)
{
	int			i;

	for (i = 0; i < query->nkeys; i++)
	{
		if (query->keys[i].column == column && query->keys[i].own_name != NULL)
			return query->keys[i].own_name;
	}
	return name;
}

/*
 * Get ready to put the typed form's rows, typed as rowtype, into the
 * result's tuplestore; as edges, with the call's row cursors.
 */
static void
InitStoreRows(StoreRows *rows, ReturnSetInfo *rsinfo, PaginateCall *call,
			  bool edges, Oid rowtype_oid, TupleDesc rowtype)
{
	rows->store = rsinfo->setResult;
	rows->store_desc = rsinfo->setDesc;
	rows->ncursor = PaginateCursorColumns(call->query);
	rows->query = call->query;
	rows->call = edges ? call : NULL;
	rows->rowtype_oid = rowtype_oid;
	rows->rowtype = rowtype;
	rows->composite = get_typtype(rowtype_oid) == TYPTYPE_COMPOSITE;
	rows->context = CurrentMemoryContext;
	rows->row_context = AllocSetContextCreate(CurrentMemoryContext,
											  "paginate row conversion",
											  ALLOCSET_SMALL_SIZES);
}

/* Put a row into the result tuplestore: its first columns, converted. */
static void
StoreRow(TupleTableSlot *slot, void *arg)
{
	StoreRows  *rows = (StoreRows *) arg;
	MemoryContext old;
	HeapTuple	tuple;

	/*
	 * An edge: the row as one value of rowtype (its first column, for a
	 * scalar type), beside its cursor.
	 */
	if (rows->call != NULL)
	{
		Datum		edge[2];
		bool		edge_null[2] = {false, false};

		old = MemoryContextSwitchTo(rows->row_context);
		slot_getallattrs(slot);
		if (!rows->composite)
		{
			edge[0] = slot->tts_values[0];
			edge_null[0] = slot->tts_isnull[0];
		}
		else if (rows->map == NULL)
			edge[0] = HeapTupleGetDatum(heap_form_tuple(rows->rowtype, slot->tts_values,
														slot->tts_isnull));
		else
		{
			tuple = heap_form_tuple(rows->row, slot->tts_values, slot->tts_isnull);
			edge[0] = HeapTupleGetDatum(execute_attr_map_tuple(tuple, rows->map));
		}
		edge[1] = CStringGetTextDatum(rows->call->row_cursor);
		tuplestore_putvalues(rows->store, rows->store_desc, edge, edge_null);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rows->row_context);
		return;
	}

	if (rows->map == NULL)
	{
		if (rows->ncursor == 0)
			tuplestore_puttupleslot(rows->store, slot);
		else
		{
			slot_getallattrs(slot);
			tuplestore_putvalues(rows->store, rows->store_desc,
								 slot->tts_values, slot->tts_isnull);
		}
		return;
	}

	old = MemoryContextSwitchTo(rows->row_context);
	slot_getallattrs(slot);
	tuple = heap_form_tuple(rows->row, slot->tts_values, slot->tts_isnull);
	tuplestore_puttuple(rows->store, execute_attr_map_tuple(tuple, rows->map));
	MemoryContextSwitchTo(old);
	MemoryContextReset(rows->row_context);
}

/* Get ready to make jsonb objects of the call's rows. */
static void
InitJsonRows(JsonRows *rows, PaginateCall *call)
{
	memset(rows, 0, sizeof(JsonRows));
	rows->call = call;
	rows->ncursor = PaginateCursorColumns(call->query);
	rows->context = CurrentMemoryContext;
	rows->row_context = AllocSetContextCreate(CurrentMemoryContext,
											  "paginate jsonb rows",
											  ALLOCSET_SMALL_SIZES);
}

/*
 * The page's columns are known: how the row's columns (the first ones)
 * become JSON, as jsonb or as text.
 */
static void
StartJsonRows(TupleDesc columns, void *arg)
{
	JsonRows   *rows = (JsonRows *) arg;
	MemoryContext old = MemoryContextSwitchTo(rows->context);

	rows->json = PaginateJsonColumnsFor(columns, columns->natts - rows->ncursor,
										rows->body != NULL);
	MemoryContextSwitchTo(old);
}

/* Make a row into a JSON object and put it where it goes. */
static void
JsonRow(TupleTableSlot *slot, void *arg)
{
	JsonRows   *rows = (JsonRows *) arg;
	MemoryContext old = MemoryContextSwitchTo(rows->row_context);

	/* (what a row's values need is made here; the body keeps a copy) */
	if (rows->body != NULL)
		AppendRow(rows, slot);
	else if (rows->items != NULL)
		WriteRow(rows, slot, rows->items);
	else
	{
		PaginateJsonOut out = {0};
		Datum		object;
		bool		isnull = false;

		WriteRow(rows, slot, &out);
		object = JsonbPGetDatum(out.result);
		tuplestore_putvalues(rows->store, rows->store_desc, &object, &isnull);
	}
	MemoryContextSwitchTo(old);
	MemoryContextReset(rows->row_context);
}

/*
 * Write a row as a jsonb object; with its cursor, as an edge: {"node": row,
 * "cursor": its cursor}.  The row's columns stay in node, so no column name
 * can clash with the cursor's key.
 */
static void
WriteRow(JsonRows *rows, TupleTableSlot *slot, PaginateJsonOut *out)
{
	if (rows->call->row_cursor == NULL)
	{
		PaginateJsonRow(out, rows->json, slot);
		return;
	}
	PaginateJsonBeginObject(out);
	PaginateJsonKey(out, "node");
	PaginateJsonRow(out, rows->json, slot);
	PaginateJsonKey(out, "cursor");
	PaginateJsonString(out, rows->call->row_cursor);
	PaginateJsonEndObject(out);
}

/* Append a row to the body as JSON text, after a comma but for the first. */
static void
AppendRow(JsonRows *rows, TupleTableSlot *slot)
{
	StringInfo	body = rows->body;

	if (rows->rows++ > 0)
		appendStringInfoChar(body, ',');
	if (rows->call->row_cursor == NULL)
	{
		PaginateJsonAppendRow(rows->json, slot, body);
		return;
	}
	appendStringInfoString(body, "{\"node\":");
	PaginateJsonAppendRow(rows->json, slot, body);
	appendStringInfoString(body, ",\"cursor\":");
	escape_json(body, rows->call->row_cursor);
	appendStringInfoChar(body, '}');
}

/*
 * Argument n, format: the body paginate_response returns.  NULL or items:
 * {items, pagination}; relay: a Relay connection; drf: Django REST
 * framework's PageNumberPagination body.
 */
static ResponseFormat
ReadFormat(FunctionCallInfo fcinfo, int n)
{
	char	   *name;

	if (PG_NARGS() <= n || PG_ARGISNULL(n))
		return FORMAT_ITEMS;
	name = text_to_cstring(PG_GETARG_TEXT_PP(n));
	if (strcmp(name, "items") == 0)
		return FORMAT_ITEMS;
	if (strcmp(name, "relay") == 0)
		return FORMAT_RELAY;
	if (strcmp(name, "drf") == 0)
		return FORMAT_DRF;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown response format \"%s\"", name),
			 errhint("Use items, relay or drf.")));
	pg_unreachable();
}

/*
 * The rest of a Relay connection (the edges are written already): pageInfo
 * as the Relay cursor connections spec has it, its cursors those of the
 * first and last edges (null without edges), and totalCount (null when not
 * counted, or only bounded).
 */
static void
WriteRelay(PaginateJsonOut *out, PaginateMeta *meta)
{
	/* (the keys in jsonb's order: shorter first, then bytewise) */
	PaginateJsonKey(out, "pageInfo");
	PaginateJsonBeginObject(out);
	PaginateJsonKey(out, "endCursor");
	PaginateJsonString(out, meta->rows > 0 ? meta->end_cursor : NULL);
	PaginateJsonKey(out, "hasNextPage");
	PaginateJsonBool(out, meta->has_next);
	PaginateJsonKey(out, "startCursor");
	PaginateJsonString(out, meta->rows > 0 ? meta->start_cursor : NULL);
	PaginateJsonKey(out, "hasPreviousPage");
	PaginateJsonBool(out, meta->has_prev);
	PaginateJsonEndObject(out);
	PaginateJsonKey(out, "totalCount");
	WriteCount(out, meta);
}

/*
 * The rest of Django REST framework's body (the results are written
 * already): count, when counted (DRF's CursorPagination, which has none,
 * leaves it out too), and next and previous, the URLs the Link header has
 * for them (relative to base_url; null where it has none).
 */
static void
WriteDrf(PaginateJsonOut *out, PaginateMeta *meta, const char *base_url)
{
	PaginateValue value;
	PaginateLink links[PAGINATE_MAX_LINKS];
	int			nlinks;
	const char *next = NULL;
	const char *previous = NULL;
	int			i;

	PaginateMetaValue(meta, &value);
	nlinks = PaginateLinks(&value, base_url != NULL ? base_url : "", links);
	for (i = 0; i < nlinks; i++)
	{
		if (strcmp(links[i].rel, "next") == 0)
			next = links[i].url;
		else if (strcmp(links[i].rel, "prev") == 0)
			previous = links[i].url;
	}
	/* (the keys in jsonb's order: shorter first, then bytewise) */
	PaginateJsonKey(out, "next");
	PaginateJsonString(out, next);
	if (meta->has_total && !meta->total_is_lower_bound)
	{
		PaginateJsonKey(out, "count");
		WriteCount(out, meta);
	}
	PaginateJsonKey(out, "previous");
	PaginateJsonString(out, previous);
}

/* Write the total as a number, or null when not counted or only bounded. */
static void
WriteCount(PaginateJsonOut *out, PaginateMeta *meta)
{
	if (meta->has_total && !meta->total_is_lower_bound)
		PaginateJsonInteger(out, meta->total);
	else
		PaginateJsonNull(out);
}
