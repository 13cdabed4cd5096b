/*
 * wrap.c
 *		Build the statements a call runs, on the parse tree of the query.
 *
 * Each statement puts a copy of the caller's raw SelectStmt into the FROM
 * clause of a new SelectStmt as a subquery; nothing is ever built as text.
 * The query's own parameters keep their numbers $1..$n; the statements built
 * here add parameters after them (PAGINATE_PARAM_*, internal.h, where the
 * layout is written): the limit and offset, and a cursor's key values; or
 * the cap of a capped count.  Function and operator names are
 * schema-qualified, so search_path cannot send them elsewhere.
 *
 * Keyset statements compare the keys (keyset.c: the ORDER BY items and the
 * tiebreak, columns of the subquery) with the cursor's, so that the rows
 * after a cursor are exactly those whose keys come later in the walk.  The
 * page after or before a cursor reads them as ranges, one after the other
 * (CursorRanges): the first keys equal to the cursor's and the next one
 * later, each range a condition an index on the keys serves, stopping after
 * the page.  Where the query's own LIMIT or DISTINCT ON keeps a condition
 * out of it, the rows are filtered above it instead, key by key in the walk:
 *
 *	after(key i) = gt(i) OR (eq(i) AND after(key i + 1))
 *
 * where gt is "comes later in the walk" with the ORDER BY's operator and
 * NULLS placement and eq the operator family's equality, with a bound on
 * the first key in front where it is exact.
 *
 * The statements that read rows in order read the query's keyed form: its
 * hidden key columns after its own, and the tiebreak in its ORDER BY.
 * Every operator is named with its schema and given operands of exactly its
 * input types, so that nothing created later can be found in its place.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/stratnum.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_operator.h"
#include "nodes/makefuncs.h"
#include "parser/parse_oper.h"
#include "parser/parser.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "internal.h"

#define ROWS_ALIAS		"paginate_rows"
#define CAPPED_ALIAS	"paginate_capped"

static RawStmt *WrapRows(PaginateQuery *query, PaginateStatementKind kind,
						 PaginateShape shape);
static RawStmt *WrapLookup(PaginateQuery *query);
static RawStmt *WrapCount(PaginateQuery *query, bool capped);
static RawStmt *WrapCursorCount(PaginateQuery *query, PaginateStatementKind kind,
								PaginateShape shape);
static RawStmt *WrapEndRow(PaginateQuery *query, bool last);
static Node *AfterCursor(PaginateQuery *query, bool backward, bool inclusive);
static Node *CursorRanges(PaginateQuery *query, uint64 null_keys, bool backward,
						  bool inclusive, Node *limit);
static Node *Prefixed(PaginateQuery *query, int n, uint64 null_keys, Node *range);
static bool JoinsRun(PaginateQuery *query, uint64 null_keys, int i, int last,
					 bool backward);
static bool TrailingNulls(PaginateQuery *query, uint64 null_keys, int i,
						  bool backward);
static SelectStmt *RangeBranch(PaginateQuery *query, bool backward, Node *range,
							   Node *limit);
static Node *KeysEqual(PaginateQuery *query, int n, const uint64 *null_keys);
static Node *MakeInt8(int64 value);
static Node *LaterValues(PaginateQuery *query, int first, int last, bool backward);
static Oid	RowOperator(PaginateKey *key, bool backward);
static Node *FirstKeyBound(PaginateQuery *query, bool backward);
static Node *KeyAfter(PaginateQuery *query, int i, bool backward);
static Node *KeyEqual(PaginateQuery *query, int i, const uint64 *null_keys);
static List *WalkOrder(PaginateQuery *query, bool backward);
static List *ReverseOrder(PaginateQuery *query);
static List *CursorTargets(PaginateQuery *query);
static Node *KeyRef(PaginateKey *key);
static Node *OperatorExpr(Oid opno, Oid type, Node *left, Node *right);
static void ExactOperands(Oid opno, Oid type, Node **left, Node **right);
static Node *CastTo(Node *arg, Oid type);
static Node *IsNull(Node *arg, bool is_null);
static List *OperatorName(Oid opno);
static Node *Or(Node *a, Node *b);
static Node *And(Node *a, Node *b);
static SelectStmt *CopyQuery(PaginateQuery *query, bool keyed, bool keep_order);
static SelectStmt *SelectFrom(Node *subquery, const char *alias, List *targets);
static SelectStmt *SelectFromKeyed(PaginateQuery *query, SelectStmt *rows, List *targets);
static ResTarget *Target(Node *value, const char *name);
static Node *MakeParam(int number);
static RawStmt *MakeRawStmt(SelectStmt *select);

/* Build the statement of the given kind around the query. */
RawStmt *
PaginateWrap(PaginateQuery *query, PaginateStatementKind kind, PaginateShape shape)
{
	switch (kind)
	{
		case PAGINATE_COUNT:
			return WrapCount(query, false);
		case PAGINATE_COUNT_UP_TO:
			return WrapCount(query, true);
		case PAGINATE_TIES:
		case PAGINATE_COUNT_BEFORE:
			return WrapCursorCount(query, kind, shape);
		case PAGINATE_FIRST_ROW:
		case PAGINATE_LAST_ROW:
			return WrapEndRow(query, kind == PAGINATE_LAST_ROW);
		case PAGINATE_PAGE_LOOKUP:
			return WrapLookup(query);
		case PAGINATE_UNORDERED:
			/* what the planner estimates for a planned count */
			return MakeRawStmt(CopyQuery(query, false, query->count_needs_order));
		case PAGINATE_STATEMENT_KINDS:
			break;
		default:
			return WrapRows(query, kind, shape);
	}
	elog(ERROR, "unknown paginate statement kind %d", (int) kind);
	pg_unreachable();
}

/*
 * How many parameters a statement adds after the query's own: the limit and
 * the offset for the statements that read rows, then the cursor's keys and
 * for those that compare with a cursor; the cap of a capped count.
 */
int
PaginateExtraParams(PaginateQuery *query, PaginateStatementKind kind)
{
	switch (kind)
	{
		case PAGINATE_COUNT:
		case PAGINATE_UNORDERED:
		case PAGINATE_FIRST_ROW:
		case PAGINATE_LAST_ROW:
			return 0;
		case PAGINATE_COUNT_UP_TO:
			return PAGINATE_PARAM_CAP(query) - query->nparams;
		case PAGINATE_PAGE_COLUMNS:
		case PAGINATE_PAGE_PROBE:
		case PAGINATE_PAGE_LOOKUP:
		case PAGINATE_LAST_COLUMNS:
		case PAGINATE_LAST_PROBE:
			return PAGINATE_ROW_PARAMS;
		default:
			return PAGINATE_ROW_PARAMS + query->nkeys;
	}
}

/*
 * The statements that read rows: a page from an offset, after or before a
 * cursor, or the last rows (backward from the end, with the constant LIMIT
 * of their shape), or the rows up to or from a cursor (to learn whether any
 * exist).
 * When the query's pages carry cursors, they return the keyed query's
 * columns (its own, then the hidden keys), or (probes) the key values; else
 * the query's columns, or nothing.  (jsonb rows are made from the columns
 * after the LIMIT, in C: a to_jsonb here would run below the LIMIT, for every
 * row the OFFSET skips.)
 * (Long: the eight kinds share one shape, targets, ranges, order, limit, and
 * differ in a line or two at each step; split per kind they would repeat it.)
 */
static RawStmt *
WrapRows(PaginateQuery *query, PaginateStatementKind kind, PaginateShape shape)
{
	int64		limit = shape.limit;
	bool		cursors = PaginateHasCursors(query);
	PaginateWalk walk = PaginateKindWalk(kind);
	bool		backward = PaginateWalkBackward(walk);
	List	   *targets = NIL;
	Node	   *where = NULL;
	List	   *order = NIL;
	bool		keep_order = true;
	SelectStmt *rows;
	SelectStmt *select;

	switch (kind)
	{
		case PAGINATE_PAGE_COLUMNS:
		case PAGINATE_AFTER_COLUMNS:
		case PAGINATE_BEFORE_COLUMNS:
		case PAGINATE_LAST_COLUMNS:
			{
				ColumnRef  *star = makeNode(ColumnRef);

				star->fields = list_make2(makeString(ROWS_ALIAS), makeNode(A_Star));
				star->location = -1;
				targets = list_make1(Target((Node *) star, NULL));
				break;
			}
		case PAGINATE_PAGE_PROBE:
			/* How many rows fall in a window does not depend on their order. */
			keep_order = cursors || query->count_needs_order;
			break;
		default:
			break;
	}

	/*
	 * After or before a cursor, the rows come from ranges of the keyed query
	 * that an index on the keys can serve, one after the other; where a LIMIT
	 * or DISTINCT ON of the query picks its rows by their order, a condition
	 * cannot go into the query, and the rows are filtered and sorted here.
	 */
	if (PaginateShapedByNulls(query, kind))
	{
		/*
		 * a constant limit and no offset (PaginateStatementShape), or the
		 * parameters
		 */
		Node	   *count = limit > 0 ? MakeInt8(limit) : MakeParam(PAGINATE_PARAM_LIMIT(query));
		Node	   *branch_limit = limit > 0 ? MakeInt8(limit) :
		(Node *) makeA_Expr(AEXPR_OP,
							list_make2(makeString("pg_catalog"), makeString("+")),
							MakeParam(PAGINATE_PARAM_LIMIT(query)),
							MakeParam(PAGINATE_PARAM_OFFSET(query)), -1);

		if (targets == NIL)
			targets = CursorTargets(query);
		select = SelectFrom(CursorRanges(query, shape.null_keys, walk == PAGINATE_WALK_BEFORE,
										 query->copies, branch_limit),
							ROWS_ALIAS, targets);
		select->limitCount = count;
		if (limit == 0)
			select->limitOffset = MakeParam(PAGINATE_PARAM_OFFSET(query));
		select->limitOption = LIMIT_OPTION_COUNT;
		return MakeRawStmt(select);
	}

	/*
	 * A row of the keyed query holds its key values already, the hidden ones
	 * after the query's own columns: the outer select passes the subquery's
	 * rows on as they are, and the planner drops its Subquery Scan instead of
	 * projecting every row the OFFSET skips.
	 */
	if (cursors && targets == NIL)
		targets = CursorTargets(query);
	/* with copies the page starts at the cursor's, skipped by count */
	if (walk == PAGINATE_WALK_AFTER || walk == PAGINATE_WALK_BEFORE)
		where = AfterCursor(query, backward, query->copies);

	/*
	 * The subquery's own ORDER BY orders the rows, and the planner, seeing no
	 * sort at this level, plans the subquery for the LIMIT (an index scan
	 * that stops early).  Only a LIMIT or DISTINCT ON in the query keeps its
	 * order as written, and backward they are sorted here.
	 */
	if (cursors && backward && query->count_needs_order)
		order = WalkOrder(query, true);

	rows = CopyQuery(query, cursors, keep_order);
	/* a LIMIT or DISTINCT ON picks rows by the order: it must stay as written */
	if (backward && !query->count_needs_order)
		rows->sortClause = ReverseOrder(query);
	select = cursors ? SelectFromKeyed(query, rows, targets) :
		SelectFrom((Node *) rows, ROWS_ALIAS, targets);
	select->whereClause = where;
	select->sortClause = order;
	/* the last rows: from the end, with the constant limit of the shape */
	if (limit > 0)
		select->limitCount = MakeInt8(limit);
	else
	{
		select->limitCount = MakeParam(PAGINATE_PARAM_LIMIT(query));
		select->limitOffset = MakeParam(PAGINATE_PARAM_OFFSET(query));
	}
	select->limitOption = LIMIT_OPTION_COUNT;

	return MakeRawStmt(select);
}

/*
 * An offset page read by late row lookup (GitLab's deferred join), for a
 * query that allows it (keyset.c DescribeLookup): the page's keys first,
 * from the keyed query with the LIMIT and OFFSET, whose other columns the
 * planner drops, so that an index on the keys serves it alone (an
 * index-only scan where the table is all-visible) instead of reading every
 * row the offset skips; then the rows of the table whose unique key is one
 * of the page's, in the keyed query's order, on the same snapshot:
 *
 *	SELECT paginate_rows.* FROM (
 *		SELECT ... FROM t WHERE ... AND EXISTS (
 *			SELECT FROM (SELECT ... FROM t WHERE ... ORDER BY keys
 *						 LIMIT $l OFFSET $o) AS paginate_page
 *			WHERE t.id OPERATOR(pg_catalog.=) paginate_page.id)
 *		ORDER BY keys) AS paginate_rows
 *
 * The keys end in the unique key, so the order is the same, row for row.
 */
static RawStmt *
WrapLookup(PaginateQuery *query)
{
	SelectStmt *page = CopyQuery(query, true, true);
	SelectStmt *rows = CopyQuery(query, true, true);
	SelectStmt *match;
	SubLink    *exists = makeNode(SubLink);
	ColumnRef  *star = makeNode(ColumnRef);
	Node	   *same = NULL;
	int			i;

	page->limitCount = MakeParam(PAGINATE_PARAM_LIMIT(query));
	page->limitOffset = MakeParam(PAGINATE_PARAM_OFFSET(query));
	page->limitOption = LIMIT_OPTION_COUNT;
	for (i = 0; i < list_length(query->lookup_columns); i++)
	{
		Node	   *column = list_nth(query->lookup_columns, i);
		PaginateKey *key = &query->keys[list_nth_int(query->lookup_keys, i)];
		ColumnRef  *in_page = makeNode(ColumnRef);
		Node	   *equal;

		in_page->fields = list_make2(makeString(PAGINATE_LOOKUP_ALIAS),
									 makeString(key->name));
		in_page->location = -1;
		equal = OperatorExpr(key->eqop, key->type, copyObject(column), (Node *) in_page);
		same = same == NULL ? equal : And(same, equal);
	}
	match = SelectFrom((Node *) page, PAGINATE_LOOKUP_ALIAS, NIL);
	linitial_node(RangeSubselect, match->fromClause)->alias->colnames =
		copyObject(query->column_names);
	match->whereClause = same;

	exists->subLinkType = EXISTS_SUBLINK;
	exists->subselect = (Node *) match;
	exists->location = -1;
	rows->whereClause = rows->whereClause == NULL ? (Node *) exists :
		And(rows->whereClause, (Node *) exists);

	star->fields = list_make2(makeString(ROWS_ALIAS), makeNode(A_Star));
	star->location = -1;
	return MakeRawStmt(SelectFromKeyed(query, rows,
									   list_make1(Target((Node *) star, NULL))));
}

/*
 * The keys of the query's first row (or last), which tell has_prev (has_next)
 * of a page after (before) a cursor: a row at or before the cursor exists
 * exactly when the first row is one.  No cursor parameter: one plan serves
 * every call.
 */
static RawStmt *
WrapEndRow(PaginateQuery *query, bool last)
{
	SelectStmt *rows = CopyQuery(query, true, true);
	SelectStmt *select;

	/* a LIMIT or DISTINCT ON picks rows by the order: it must stay as written */
	if (last && !query->count_needs_order)
		rows->sortClause = ReverseOrder(query);
	select = SelectFromKeyed(query, rows, CursorTargets(query));
	if (last && query->count_needs_order)
		select->sortClause = WalkOrder(query, true);
	select->limitCount = PaginateIntConst(1);
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
	Node	   *rows = (Node *) CopyQuery(query, false, query->count_needs_order);
	FuncCall   *count;

	if (capped)
	{
		SelectStmt *cap = SelectFrom(rows, ROWS_ALIAS, NIL);

		cap->limitCount = MakeParam(PAGINATE_PARAM_CAP(query));
		cap->limitOption = LIMIT_OPTION_COUNT;
		rows = (Node *) cap;
	}

	count = makeFuncCall(SystemFuncName("count"), NIL, COERCE_EXPLICIT_CALL, -1);
	count->agg_star = true;

	return MakeRawStmt(SelectFrom(rows, capped ? CAPPED_ALIAS : ROWS_ALIAS,
								  list_make1(Target((Node *) count, NULL))));
}

/*
 * count(*) of the rows that are copies of a cursor's (equal in every key),
 * or of the rows before them.
 */
static RawStmt *
WrapCursorCount(PaginateQuery *query, PaginateStatementKind kind,
				PaginateShape shape)
{
	bool		shaped = PaginateShapedByNulls(query, kind);
	FuncCall   *count = makeFuncCall(SystemFuncName("count"), NIL,
									 COERCE_EXPLICIT_CALL, -1);
	SelectStmt *select;
	Node	   *where = NULL;

	count->agg_star = true;
	if (kind == PAGINATE_TIES)
		where = KeysEqual(query, query->nkeys, shaped ? &shape.null_keys : NULL);
	else if (shaped)
		return MakeRawStmt(SelectFrom(CursorRanges(query, shape.null_keys, true, false, NULL),
									  ROWS_ALIAS,
									  list_make1(Target((Node *) count, NULL))));
	else
		where = AfterCursor(query, true, false);

	select = SelectFromKeyed(query, CopyQuery(query, true, query->count_needs_order),
							 list_make1(Target((Node *) count, NULL)));
	select->whereClause = where;
	return MakeRawStmt(select);
}

/*
 * The rows after the cursor in the walk's direction (the query's order, or
 * backward), or at or after it when inclusive: "at" is equal in every key.
 */
static Node *
AfterCursor(PaginateQuery *query, bool backward, bool inclusive)
{
	Node	   *expr = NULL;	/* NULL: false, unless inclusive */
	Node	   *bound;
	int			i;

	/* after(i) = gt(i) OR (eq(i) AND after(i + 1)), from the last key up */
	for (i = query->nkeys - 1; i >= 0; i--)
	{
		Node	   *rest;

		if (expr == NULL && !inclusive)
			rest = NULL;		/* eq AND false */
		else if (expr == NULL)
			rest = KeyEqual(query, i, NULL);	/* eq AND true */
		else
			rest = And(KeyEqual(query, i, NULL), expr);
		expr = rest == NULL ? KeyAfter(query, i, backward) :
			Or(KeyAfter(query, i, backward), rest);
	}

	bound = FirstKeyBound(query, backward);
	return bound == NULL ? expr : And(bound, expr);
}

/*
 * The rows after the cursor in the walk's direction (at or after it when
 * inclusive) as ranges of the keyed query, each a condition that an index
 * on the keys serves as an Index Cond, for a cursor whose NULL keys are
 * null_keys: the keys before key i equal to the cursor's and key i later,
 * for i from the last key to the first, and where key i is nullable its
 * NULLs on the side where they come after the cursor's value (or, after a
 * NULL that sorts first, its values).  The ranges do not overlap and follow
 * one another in the walk, so UNION ALL of them, each in the walk's order,
 * is the rows in the walk's order; each branch stops after limit rows (none:
 * no limit).
 *
 * Built for which of the cursor's keys are NULL, every condition is a plain
 * one an index serves whatever the values ("key = $k" or "key IS NULL", no
 * OR), so that one plan serves every cursor of that shape; and consecutive
 * ranges of keys that share an operator, with no NULLs between them, are
 * one row comparison: (a, b) > ($a, $b) for "a > $a, then a = $a AND
 * b > $b", as a hand-written keyset query has it (unless the query reads a
 * foreign table, whose server is sent ranges of one key only).
 */
static Node *
CursorRanges(PaginateQuery *query, uint64 null_keys, bool backward,
			 bool inclusive, Node *limit)
{
	SelectStmt *all = NULL;
	List	   *branches = NIL;
	ListCell   *lc;
	int			i;

	if (inclusive)
		branches = lappend(branches, KeysEqual(query, query->nkeys, &null_keys));
	for (i = query->nkeys - 1; i >= 0; i--)
	{
		PaginateKey *key = &query->keys[i];
		bool		nulls_first = backward ? !key->nulls_first : key->nulls_first;
		int			first = i;

		if (null_keys & (UINT64CONST(1) << i))
		{
			/*
			 * after a NULL come all the values if NULLs sort first, else
			 * nothing
			 */
			if (nulls_first)
				branches = lappend(branches,
								   Prefixed(query, i, null_keys, IsNull(KeyRef(key), false)));
			continue;
		}

		/* the keys before key i that make one row comparison with it */
		while (first > 0 && JoinsRun(query, null_keys, first - 1, i, backward))
			first--;
		branches = lappend(branches, Prefixed(query, first, null_keys,
											  LaterValues(query, first, i, backward)));
		if (TrailingNulls(query, null_keys, first, backward))
			/* after a value come the later ones, then the NULLs */
			branches = lappend(branches,
							   Prefixed(query, first, null_keys,
										IsNull(KeyRef(&query->keys[first]), true)));
		i = first;
	}

	foreach(lc, branches)
	{
		SelectStmt *branch = RangeBranch(query, backward, lfirst(lc), copyObject(limit));

		if (all == NULL)
			all = branch;
		else
		{
			SelectStmt *both = makeNode(SelectStmt);

			both->op = SETOP_UNION;
			both->all = true;
			both->larg = all;
			both->rarg = branch;
			all = both;
		}
	}
	return (Node *) all;
}

/* The first n keys equal to the cursor's (NULL keys null_keys) AND range. */
static Node *
Prefixed(PaginateQuery *query, int n, uint64 null_keys, Node *range)
{
	return n == 0 ? range : And(KeysEqual(query, n, &null_keys), range);
}

/*
 * Can key i (the cursor's value not NULL) be the first of the row comparison
 * that runs to key last?  Its range must come right before key i + 1's (no
 * NULLs of key i + 1 between them) and take the same operator, of the same
 * kind (a row comparison reads each column with its operator, and stops at
 * the first column that is not equal).
 */
static bool
JoinsRun(PaginateQuery *query, uint64 null_keys, int i, int last, bool backward)
{
	PaginateKey *key = &query->keys[i];
	PaginateKey *next = &query->keys[i + 1];
	Oid			family;
	Oid			type;
	CompareType kind;
	CompareType last_kind;

	if (!query->row_ranges || null_keys & (UINT64CONST(1) << i) ||
		TrailingNulls(query, null_keys, i + 1, backward))
		return false;
	if (!get_ordering_op_properties(RowOperator(key, backward), &family, &type, &kind) ||
		!get_ordering_op_properties(RowOperator(&query->keys[last], backward),
									&family, &type, &last_kind) ||
		kind != last_kind)
		return false;
	return equal(OperatorName(RowOperator(key, backward)),
				 OperatorName(RowOperator(next, backward)));
}

/*
 * Does key i, its cursor value not NULL, have NULLs after that value in the
 * walk (a nullable key whose NULLs sort last)?
 */
static bool
TrailingNulls(PaginateQuery *query, uint64 null_keys, int i, bool backward)
{
	PaginateKey *key = &query->keys[i];
	bool		nulls_first = backward ? !key->nulls_first : key->nulls_first;

	return !key->not_null && !nulls_first && !(null_keys & (UINT64CONST(1) << i));
}

/*
 * Are the statement's conditions on the cursor built for which of its keys
 * are NULL (PaginateShape.null_keys)?  Those of a query whose rows the keys
 * can bound (no LIMIT or DISTINCT ON keeps a condition out) and that has at
 * most PAGINATE_MAX_RANGE_KEYS keys: the pages after and before a cursor,
 * the count of rows before one and of its copies.
 */
bool
PaginateShapedByNulls(PaginateQuery *query, PaginateStatementKind kind)
{
	switch (kind)
	{
		case PAGINATE_AFTER_COLUMNS:
		case PAGINATE_AFTER_PROBE:
		case PAGINATE_BEFORE_COLUMNS:
		case PAGINATE_BEFORE_PROBE:
		case PAGINATE_TIES:
		case PAGINATE_COUNT_BEFORE:
			break;
		default:
			return false;
	}
	return PaginateHasCursors(query) && !query->count_needs_order &&
		query->nkeys <= PAGINATE_MAX_RANGE_KEYS;
}

/*
 * What a statement is built for, for these parameters (see PaginateShape).
 * The page after or before a cursor of a query without copies starts at its
 * first row (no offset) and is built with a constant LIMIT, so that one
 * plan, made with it, serves every cursor (PostgreSQL plans a LIMIT
 * parameter as a tenth of the rows, and may then sort them all); so is the
 * page of the last rows; the others take their limit and offset as
 * parameters.
 */
PaginateShape
PaginateStatementShape(PaginateQuery *query, PaginateStatementKind kind,
					   ParamListInfo params)
{
	PaginateShape shape = {0, 0};
	int			i;

	/* the last rows start at the end: one plan, with its limit, serves */
	if (kind == PAGINATE_LAST_COLUMNS || kind == PAGINATE_LAST_PROBE)
	{
		Assert(DatumGetInt64(params->params[PAGINATE_PARAM_OFFSET(query) - 1].value) == 0);
		shape.limit = DatumGetInt64(params->params[PAGINATE_PARAM_LIMIT(query) - 1].value);
		return shape;
	}
	if (!PaginateShapedByNulls(query, kind))
		return shape;
	for (i = 0; i < query->nkeys; i++)
		if (!query->keys[i].not_null &&
			params->params[PAGINATE_PARAM_KEY(query, i) - 1].isnull)
			shape.null_keys |= UINT64CONST(1) << i;
	if (kind == PAGINATE_TIES || kind == PAGINATE_COUNT_BEFORE || query->copies)
		return shape;
	Assert(DatumGetInt64(params->params[PAGINATE_PARAM_OFFSET(query) - 1].value) == 0);
	shape.limit = DatumGetInt64(params->params[PAGINATE_PARAM_LIMIT(query) - 1].value);
	return shape;
}

/*
 * SELECT * FROM (the keyed query, in the walk's order) WHERE range, with
 * the LIMIT given (NULL: none).
 */
static SelectStmt *
RangeBranch(PaginateQuery *query, bool backward, Node *range, Node *limit)
{
	SelectStmt *rows = CopyQuery(query, true, true);
	ColumnRef  *star = makeNode(ColumnRef);
	SelectStmt *branch;

	if (backward)
		rows->sortClause = ReverseOrder(query);
	star->fields = list_make2(makeString(ROWS_ALIAS), makeNode(A_Star));
	star->location = -1;
	branch = SelectFromKeyed(query, rows, list_make1(Target((Node *) star, NULL)));
	branch->whereClause = range;
	if (limit != NULL)
	{
		branch->limitCount = limit;
		branch->limitOption = LIMIT_OPTION_COUNT;
	}
	return branch;
}

/*
 * The first n keys equal to the cursor's (NULL if n is 0): for a cursor
 * whose NULL keys are *null_keys, each "key = $k" or "key IS NULL"; without
 * them (null_keys NULL), NULL equal to NULL.
 */
static Node *
KeysEqual(PaginateQuery *query, int n, const uint64 *null_keys)
{
	Node	   *expr = NULL;
	int			i;

	for (i = n - 1; i >= 0; i--)
		expr = expr == NULL ? KeyEqual(query, i, null_keys) :
			And(KeyEqual(query, i, null_keys), expr);
	return expr;
}

/*
 * Keys first to last of a row come after the cursor's (none NULL there): one
 * comparison, or a row comparison of several keys, the columns on the left.
 */
static Node *
LaterValues(PaginateQuery *query, int first, int last, bool backward)
{
	RowExpr    *left;
	RowExpr    *right;
	int			i;

	if (first == last)
	{
		PaginateKey *key = &query->keys[first];

		return OperatorExpr(backward ? key->reverse_sortop : key->sortop, key->type,
							MakeParam(PAGINATE_PARAM_KEY(query, first)), KeyRef(key));
	}

	left = makeNode(RowExpr);
	right = makeNode(RowExpr);
	for (i = first; i <= last; i++)
	{
		PaginateKey *key = &query->keys[i];
		Node	   *column = KeyRef(key);
		Node	   *value = MakeParam(PAGINATE_PARAM_KEY(query, i));

		ExactOperands(RowOperator(key, backward), key->type, &column, &value);
		left->args = lappend(left->args, column);
		right->args = lappend(right->args, value);
	}
	left->row_format = right->row_format = COERCE_IMPLICIT_CAST;
	left->location = right->location = -1;
	return (Node *) makeA_Expr(AEXPR_OP,
							   OperatorName(RowOperator(&query->keys[first], backward)),
							   (Node *) left, (Node *) right, -1);
}

/*
 * The operator that says "key comes after $k" with the key on its left: the
 * commutator of the one that says "$k comes before key".
 */
static Oid
RowOperator(PaginateKey *key, bool backward)
{
	return backward ? key->sortop : key->reverse_sortop;
}

/*
 * A bound on the first key that every row at or after the cursor meets and
 * that an index on it can serve: first_key >= cursor (in the walk's
 * direction).  Only exact when no row can have a NULL key after the cursor:
 * the key is NOT NULL, or NULLs come first in the walk.  NULL when none.
 */
static Node *
FirstKeyBound(PaginateQuery *query, bool backward)
{
	PaginateKey *key = &query->keys[0];
	Oid			op = backward ? key->reverse_sortop : key->sortop;
	bool		nulls_first = backward ? !key->nulls_first : key->nulls_first;
	Oid			opfamily;
	Oid			opcintype;
	CompareType cmptype;
	Oid			inclusive;
	Node	   *cursor = MakeParam(PAGINATE_PARAM_KEY(query, 0));

	if (!key->not_null && !nulls_first)
		return NULL;
	if (!get_ordering_op_properties(op, &opfamily, &opcintype, &cmptype))
		return NULL;
	inclusive = get_opfamily_member(opfamily, opcintype, opcintype,
									cmptype == COMPARE_LT ?
									BTLessEqualStrategyNumber :
									BTGreaterEqualStrategyNumber);
	if (!OidIsValid(inclusive))
		return NULL;

	/* a NULL cursor value (NULLs first) bounds nothing */
	return Or(IsNull(cursor, true),
			  OperatorExpr(inclusive, key->type, MakeParam(PAGINATE_PARAM_KEY(query, 0)),
						   KeyRef(key)));
}

/*
 * Key i of a row comes strictly after the cursor's in the walk, NULLs placed
 * as the ORDER BY places them.  With the ordering operator <, "after c" is
 * "c < key".
 */
static Node *
KeyAfter(PaginateQuery *query, int i, bool backward)
{
	PaginateKey *key = &query->keys[i];
	Oid			op = backward ? key->reverse_sortop : key->sortop;
	bool		nulls_first = backward ? !key->nulls_first : key->nulls_first;
	int			param = PAGINATE_PARAM_KEY(query, i);
	Node	   *later = OperatorExpr(op, key->type, MakeParam(param), KeyRef(key));

	if (key->not_null)
		return later;
	if (nulls_first)
		/* after a NULL come all values; after a value, the larger ones */
		return Or(And(IsNull(MakeParam(param), true), IsNull(KeyRef(key), false)),
				  later);
	/* after a NULL comes nothing; after a value, the larger ones and NULL */
	return And(IsNull(MakeParam(param), false),
			   Or(IsNull(KeyRef(key), true), later));
}

/*
 * Key i of a row equals the cursor's: for a cursor whose NULL keys are
 * *null_keys, "key = $k" or "key IS NULL"; without them (NULL), NULL equal
 * to NULL.
 */
static Node *
KeyEqual(PaginateQuery *query, int i, const uint64 *null_keys)
{
	PaginateKey *key = &query->keys[i];
	int			param = PAGINATE_PARAM_KEY(query, i);
	Node	   *equal;

	if (null_keys != NULL && (*null_keys & (UINT64CONST(1) << i)))
		return IsNull(KeyRef(key), true);
	equal = OperatorExpr(key->eqop, key->type, KeyRef(key), MakeParam(param));
	if (key->not_null || null_keys != NULL)
		return equal;
	return Or(equal, And(IsNull(KeyRef(key), true),
						 IsNull(MakeParam(param), true)));
}

/* ORDER BY the keys in the walk's direction. */
static List *
WalkOrder(PaginateQuery *query, bool backward)
{
	List	   *order = NIL;
	int			i;

	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];
		Oid			op = backward ? key->reverse_sortop : key->sortop;
		bool		nulls_first = backward ? !key->nulls_first : key->nulls_first;

		order = lappend(order, PaginateSortBy(KeyRef(key), op, key->type,
											  nulls_first));
	}
	return order;
}

/*
 * The query's ORDER BY reversed, by output column position: ORDER BY 2 DESC,
 * 1 ASC NULLS FIRST, ...  An index that serves the ORDER BY serves it
 * backward.
 */
static List *
ReverseOrder(PaginateQuery *query)
{
	List	   *order = NIL;
	int			i;

	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];

		order = lappend(order, PaginateSortBy(PaginateIntConst(key->column),
											  key->reverse_sortop, key->type,
											  !key->nulls_first));
	}
	return order;
}

/* The key values of each row: what cursors are made of. */
static List *
CursorTargets(PaginateQuery *query)
{
	List	   *targets = NIL;
	int			i;

	for (i = 0; i < query->nkeys; i++)
		targets = lappend(targets, Target(KeyRef(&query->keys[i]), NULL));
	return targets;
}

/* The subquery's output column of a key. */
static Node *
KeyRef(PaginateKey *key)
{
	ColumnRef  *ref = makeNode(ColumnRef);

	ref->fields = list_make2(makeString(ROWS_ALIAS), makeString(key->name));
	ref->location = -1;
	return (Node *) ref;
}

/* The schema-qualified name of operator opno. */
static List *
OperatorName(Oid opno)
{
	HeapTuple	tuple = SearchSysCache1(OPEROID, ObjectIdGetDatum(opno));
	Form_pg_operator form;
	List	   *name;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for operator %u", opno);
	form = (Form_pg_operator) GETSTRUCT(tuple);
	name = list_make2(makeString(get_namespace_name(form->oprnamespace)),
					  makeString(pstrdup(NameStr(form->oprname))));
	ReleaseSysCache(tuple);
	return name;
}

/*
 * left OPERATOR(schema.op) right, for the operator opno and operands of the
 * given type.  The operands are cast to the operator's own input types
 * where they differ (a domain, a binary-coercible type, as pg_ndistinct
 * sorts with bytea's operators), so that the name finds opno by an exact
 * match of name, schema and types, which no operator created later can
 * take from it: not one on the domain, not one in another schema.
 */
static Node *
OperatorExpr(Oid opno, Oid type, Node *left, Node *right)
{
	ExactOperands(opno, type, &left, &right);
	return (Node *) makeA_Expr(AEXPR_OP, OperatorName(opno), left, right, -1);
}

/* Operands of the given type, cast to operator opno's input types where they differ. */
static void
ExactOperands(Oid opno, Oid type, Node **left, Node **right)
{
	Oid			left_type;
	Oid			right_type;

	op_input_types(opno, &left_type, &right_type);
	if (get_typtype(left_type) != TYPTYPE_PSEUDO && left_type != type)
		*left = CastTo(*left, left_type);
	if (get_typtype(right_type) != TYPTYPE_PSEUDO && right_type != type)
		*right = CastTo(*right, right_type);
}

/* CAST(arg AS type) */
static Node *
CastTo(Node *arg, Oid type)
{
	TypeCast   *cast = makeNode(TypeCast);

	cast->arg = arg;
	cast->typeName = makeTypeNameFromOid(type, -1);
	cast->location = -1;
	return (Node *) cast;
}

/* An integer constant of a raw parse tree: a LIMIT, or an output column's position. */
Node *
PaginateIntConst(int value)
{
	A_Const    *constant = makeNode(A_Const);

	constant->val.ival.type = T_Integer;
	constant->val.ival.ival = value;
	constant->location = -1;
	return (Node *) constant;
}

/*
 * ORDER BY node with the ordering operator opno, for a node of this type:
 * ASC or DESC when opno is the type's default less-than or greater-than
 * (found as the query's own ORDER BY found it, not by name), else USING.
 */
SortBy *
PaginateSortBy(Node *node, Oid opno, Oid type, bool nulls_first)
{
	TypeCacheEntry *entry = lookup_type_cache(type, TYPECACHE_LT_OPR |
											  TYPECACHE_GT_OPR);
	SortBy	   *sort = makeNode(SortBy);

	sort->node = node;
	if (opno == entry->lt_opr)
		sort->sortby_dir = SORTBY_ASC;
	else if (opno == entry->gt_opr)
		sort->sortby_dir = SORTBY_DESC;
	else
	{
		sort->sortby_dir = SORTBY_USING;
		sort->useOp = OperatorName(opno);
	}
	sort->sortby_nulls = nulls_first ? SORTBY_NULLS_FIRST : SORTBY_NULLS_LAST;
	sort->location = -1;
	return sort;
}

/* arg IS NULL, or IS NOT NULL. */
static Node *
IsNull(Node *arg, bool is_null)
{
	NullTest   *test = makeNode(NullTest);

	test->arg = (Expr *) arg;
	test->nulltesttype = is_null ? IS_NULL : IS_NOT_NULL;
	test->location = -1;
	return (Node *) test;
}

/* a OR b */
static Node *
Or(Node *a, Node *b)
{
	return (Node *) makeBoolExpr(OR_EXPR, list_make2(a, b), -1);
}

/* a AND b */
static Node *
And(Node *a, Node *b)
{
	return (Node *) makeBoolExpr(AND_EXPR, list_make2(a, b), -1);
}

/*
 * A copy of the query's SelectStmt, or of its keyed form, with or without its
 * ORDER BY.
 */
static SelectStmt *
CopyQuery(PaginateQuery *query, bool keyed, bool keep_order)
{
	RawStmt    *raw = keyed ? query->keyed : query->raw;
	SelectStmt *copy = copyObject(castNode(SelectStmt, raw->stmt));

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

/*
 * SELECT targets FROM (the keyed query) AS paginate_rows(column names), its
 * columns renamed where a key's name is not its own (keyset.c ReadKeys).
 */
static SelectStmt *
SelectFromKeyed(PaginateQuery *query, SelectStmt *rows, List *targets)
{
	SelectStmt *select = SelectFrom((Node *) rows, ROWS_ALIAS, targets);

	linitial_node(RangeSubselect, select->fromClause)->alias->colnames =
		copyObject(query->column_names);
	return select;
}

/* An output column: value AS name (no name: the default one). */
static ResTarget *
Target(Node *value, const char *name)
{
	ResTarget  *target = makeNode(ResTarget);

	target->name = name ? pstrdup(name) : NULL;
	target->val = value;
	target->location = -1;
	return target;
}

/* A bigint constant. */
static Node *
MakeInt8(int64 value)
{
	A_Const    *constant = makeNode(A_Const);
	TypeCast   *cast = makeNode(TypeCast);

	constant->val.sval.type = T_String;
	constant->val.sval.sval = psprintf(INT64_FORMAT, value);
	constant->location = -1;
	cast->arg = (Node *) constant;
	cast->typeName = makeTypeNameFromOid(INT8OID, -1);
	cast->location = -1;
	return (Node *) cast;
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
