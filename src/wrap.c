/*
 * wrap.c
 *		Build the statements a call runs, on the parse tree of the query.
 *
 * Each statement puts a copy of the caller's raw SelectStmt into the FROM
 * clause of a new SelectStmt as a subquery; nothing is ever built as text.
 * The query's own parameters keep their numbers $1..$n; the statements built
 * here add bigint parameters after them (see PaginateStatementKind).
 * Function names are schema-qualified, so search_path cannot send
 * them elsewhere.
 */
#include "paginate.h"

#include "nodes/makefuncs.h"

#define ROWS_ALIAS		"paginate_rows"
#define CAPPED_ALIAS	"paginate_capped"

static RawStmt *WrapSlice(PaginateQuery *query, PaginateStatementKind kind);
static RawStmt *WrapCount(PaginateQuery *query, bool capped);
static SelectStmt *CopyQuery(PaginateQuery *query, bool keep_order);
static SelectStmt *SelectFrom(Node *subquery, const char *alias, List *targets);
static Node *MakeParam(int number);
static RawStmt *MakeRawStmt(SelectStmt *select);

/* Build the statement of the given kind around the query. */
RawStmt *
PaginateWrap(PaginateQuery *query, PaginateStatementKind kind)
{
	switch (kind)
	{
		case PAGINATE_PAGE_JSONB:
		case PAGINATE_PAGE_COLUMNS:
		case PAGINATE_PROBE:
			return WrapSlice(query, kind);
		case PAGINATE_COUNT:
			return WrapCount(query, false);
		case PAGINATE_COUNT_CAPPED:
			return WrapCount(query, true);
		case PAGINATE_UNORDERED:
			/* what the planner estimates for a planned count */
			return MakeRawStmt(CopyQuery(query, query->count_needs_order));
		case PAGINATE_STATEMENT_KINDS:
			break;
	}
	elog(ERROR, "unknown paginate statement kind %d", (int) kind);
	pg_unreachable();
}

/* How many bigint parameters a statement adds after the query's own. */
int
PaginateExtraParams(PaginateStatementKind kind)
{
	switch (kind)
	{
		case PAGINATE_PAGE_JSONB:
		case PAGINATE_PAGE_COLUMNS:
		case PAGINATE_PROBE:
			return 2;
		case PAGINATE_COUNT_CAPPED:
			return 1;
		default:
			return 0;
	}
}

/*
 * A slice of the query: the rows from offset $n+2 on, at most $n+1 of them,
 * in the query's order, returned as the query's columns, as one jsonb object
 * each, or as no columns at all when only the rows are counted.
 */
static RawStmt *
WrapSlice(PaginateQuery *query, PaginateStatementKind kind)
{
	List	   *targets = NIL;
	SelectStmt *select;
	bool		keep_order = true;

	switch (kind)
	{
		case PAGINATE_PAGE_COLUMNS:
			{
				ColumnRef  *star = makeNode(ColumnRef);
				ResTarget  *rt = makeNode(ResTarget);

				star->fields = list_make1(makeNode(A_Star));
				star->location = -1;
				rt->val = (Node *) star;
				rt->location = -1;
				targets = list_make1(rt);
				break;
			}
		case PAGINATE_PAGE_JSONB:
			{
				ColumnRef  *whole_row = makeNode(ColumnRef);
				ResTarget  *rt = makeNode(ResTarget);

				/* rows_alias.* as a function argument is the whole row */
				whole_row->fields = list_make2(makeString(ROWS_ALIAS),
											   makeNode(A_Star));
				whole_row->location = -1;
				rt->val = (Node *) makeFuncCall(list_make2(makeString("pg_catalog"),
														   makeString("to_jsonb")),
												list_make1(whole_row),
												COERCE_EXPLICIT_CALL, -1);
				rt->location = -1;
				targets = list_make1(rt);
				break;
			}
		default:
			/* How many rows fall in a window does not depend on their order. */
			keep_order = query->count_needs_order;
			break;
	}

	select = SelectFrom((Node *) CopyQuery(query, keep_order), ROWS_ALIAS, targets);
	select->limitCount = MakeParam(query->nparams + 1);
	select->limitOffset = MakeParam(query->nparams + 2);
	select->limitOption = LIMIT_OPTION_COUNT;

	return MakeRawStmt(select);
}

/*
 * count(*) over the query, without its ORDER BY where that cannot change the
 * count.  A capped count stops at $n+1 rows.
 */
static RawStmt *
WrapCount(PaginateQuery *query, bool capped)
{
	Node	   *rows = (Node *) CopyQuery(query, query->count_needs_order);
	FuncCall   *count;
	ResTarget  *rt = makeNode(ResTarget);

	if (capped)
	{
		SelectStmt *cap = SelectFrom(rows, ROWS_ALIAS, NIL);

		cap->limitCount = MakeParam(query->nparams + 1);
		cap->limitOption = LIMIT_OPTION_COUNT;
		rows = (Node *) cap;
	}

	count = makeFuncCall(list_make2(makeString("pg_catalog"), makeString("count")),
						 NIL, COERCE_EXPLICIT_CALL, -1);
	count->agg_star = true;
	rt->val = (Node *) count;
	rt->location = -1;

	return MakeRawStmt(SelectFrom(rows, capped ? CAPPED_ALIAS : ROWS_ALIAS,
								  list_make1(rt)));
}

/* A copy of the query's SelectStmt, with or without its ORDER BY. */
static SelectStmt *
CopyQuery(PaginateQuery *query, bool keep_order)
{
	SelectStmt *copy = copyObject(castNode(SelectStmt, query->raw->stmt));

	if (!keep_order)
		copy->sortClause = NIL;
	return copy;
}

/* SELECT targets FROM (subquery) AS alias */
static SelectStmt *
SelectFrom(Node *subquery, const char *alias, List *targets)
{
	RangeSubselect *from = makeNode(RangeSubselect);
	SelectStmt *select = makeNode(SelectStmt);

	from->subquery = subquery;
	from->alias = makeAlias(alias, NIL);
	select->targetList = targets;
	select->fromClause = list_make1(from);
	return select;
}

/* A reference to parameter $number. */
static Node *
MakeParam(int number)
{
	ParamRef   *param = makeNode(ParamRef);

	param->number = number;
	param->location = -1;
	return (Node *) param;
}

/* A top-level statement holding select. */
static RawStmt *
MakeRawStmt(SelectStmt *select)
{
	RawStmt    *raw = makeNode(RawStmt);

	raw->stmt = (Node *) select;
	raw->stmt_location = 0;
	raw->stmt_len = 0;
	return raw;
}
