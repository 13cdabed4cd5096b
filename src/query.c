/*
 * query.c
 *		Parse the caller's query, check that it may be paged, and describe
 *		its shape for the statements built around it.
 *
 * The query is parsed into a raw parse tree and analysed here (again only
 * when its cache entry goes stale: cache.c), which finds its parameter types
 * (the way PREPARE finds them), its output columns and its top-level ORDER
 * BY.  The statements a call runs are built from the
 * raw tree in wrap.c; the text itself is never pasted into other SQL.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "parser/analyze.h"
#include "parser/parser.h"
#include "rewrite/rewriteHandler.h"
#include "storage/lmgr.h"
#include "storage/sinval.h"
#include "tcop/utility.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "internal.h"

static void CheckStatementKind(RawStmt *raw);
static void CheckAnalyzedQuery(Query *query);
static bool LocksRows(Node *node, void *context);
static bool OrderCanChangeCount(Query *query);
static bool SortChangesRows(Query *query);
static char *DuplicateColumnName(Query *query);
static bool FindDependencies(Node *node, PaginateQuery *query);
static PaginateQuery *DescribeQuery(const char *text, PaginateSort *sort);

/*
 * Each attempt keeps the locks it took, so DDL on the tables of an earlier
 * description can no longer commit: a later one goes stale only where its
 * names find other tables than before (a new table earlier in the search
 * path, say), which a second or third attempt finds locked in turn; three
 * serve but for a text whose names keep finding new tables while it is
 * described.  After the last attempt its description is used as it is:
 * its statements are re-analysed by the plan cache all the same, and a sort
 * key that no longer fits the rows is 55000, "run the call again"
 * (PaginateFetchPage).
 */
#define DESCRIBE_ATTEMPTS	3

/*
 * Parse and check the caller's query text; the result describes the one
 * statement it holds.  Errors in the text are PostgreSQL's own, with their
 * position pointing into the text.  With a sort (order_by), the query is
 * sorted so in place of its own ORDER BY.  A text seen before with the same
 * sort comes from the query cache.
 *
 * On return the tables the query reads (through its views too) are locked,
 * as a query's are once it is parsed: DDL that committed while the call
 * waited for a lock has been seen, and the description fits the tables as
 * they are.
 */
PaginateQuery *
PaginateParseQuery(const char *text, PaginateSort *sort)
{
	PaginateQuery *query = NULL;
	int			attempt;

	for (attempt = 0; attempt < DESCRIBE_ATTEMPTS; attempt++)
	{
		ListCell   *cell;

		uint64		invalidations = SharedInvalidMessageCounter;

		query = PaginateCacheLookup(text, sort ? sort->text : NULL);
		if (query == NULL)
			query = DescribeQuery(text, sort);

		/*
		 * Taking a lock that had to wait reads the invalidations since: the
		 * description may have gone stale, or the text may now mean other
		 * objects (the search path, the role).  Without any, it holds.
		 */
		foreach(cell, query->relations)
			LockRelationOid(lfirst_oid(cell), AccessShareLock);
		if (SharedInvalidMessageCounter == invalidations ||
			PaginateCacheHolds(query))
			break;
	}
	PaginateCachePin(query);
	return query;
}

/*
 * Has a table the query reads changed since the snapshot was taken: its
 * pg_class row written by a transaction the snapshot does not see?  DDL that
 * rewrites or truncates a table always writes that row (a new file), so a
 * snapshot older than it would find the table empty.  Every call of one
 * statement gets the same answer.
 */
bool
PaginateChangedSince(PaginateQuery *query, Snapshot snapshot)
{
	ListCell   *cell;

	foreach(cell, query->relations)
	{
		HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(lfirst_oid(cell)));
		TransactionId xmin;
		bool		changed;

		if (!HeapTupleIsValid(tuple))
			continue;
		xmin = HeapTupleHeaderGetXmin(tuple->t_data);
		changed = TransactionIdIsNormal(xmin) &&
			!TransactionIdIsCurrentTransactionId(xmin) &&
			XidInMVCCSnapshot(xmin, snapshot);
		ReleaseSysCache(tuple);
		if (changed)
			return true;
	}
	return false;
}

/*
 * Parse, check and analyse a query text, sorted as sort says (or as it is,
 * when sort is NULL), and keep it in the query cache.  (Long: the steps
 * share the error context and the memory context they run in.)
 */
static PaginateQuery *
DescribeQuery(const char *text, PaginateSort *sort)
{
	PaginateQuery *query;
	ErrorContextCallback callback;
	List	   *stmts;
	Query	   *analyzed;
	ListCell   *cell;
	int			i;

	query = palloc0(sizeof(PaginateQuery));
	query->text = text;

	query->order_by = sort ? sort->text : NULL;

	PaginatePushQueryContext(query, &callback);
	stmts = raw_parser(text, RAW_PARSE_DEFAULT);
	PaginatePopQueryContext(&callback);

	if (stmts == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query is empty"),
				 errhint("Pass one SELECT, VALUES or TABLE statement.")));
	if (list_length(stmts) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must be a single statement"),
				 errdetail("The query text holds %d statements.",
						   list_length(stmts))));

	query->raw = linitial_node(RawStmt, stmts);
	CheckStatementKind(query->raw);

	/* Analysis may scribble on the tree it is given: give it a copy. */
	PaginatePushQueryContext(query, &callback);
	analyzed = parse_analyze_varparams(copyObject(query->raw), text,
									   &query->param_types, &query->nparams,
									   NULL);
	PaginatePopQueryContext(&callback);

	/* Like PREPARE, every parameter must get a type from the query. */
	for (i = 0; i < query->nparams; i++)
	{
		Oid			type = query->param_types[i];

		if (type == InvalidOid || type == UNKNOWNOID)
			ereport(ERROR,
					(errcode(ERRCODE_INDETERMINATE_DATATYPE),
					 errmsg("could not determine data type of parameter $%d",
							i + 1),
					 errhint("Add a cast, such as $%d::integer, where the query uses the parameter.",
							 i + 1)));
	}

	CheckAnalyzedQuery(analyzed);

	/*
	 * A client's sort replaces the ORDER BY, or, where the order of the
	 * query's rows picks them or makes their values, orders them in a
	 * subquery; the sorted query is analysed again, for its keys.
	 */
	if (sort != NULL)
	{
		query->raw = PaginateApplySort(query->raw, analyzed, sort,
									   SortChangesRows(analyzed));
		PaginatePushQueryContext(query, &callback);
		analyzed = parse_analyze_varparams(copyObject(query->raw), text,
										   &query->param_types, &query->nparams,
										   NULL);
		PaginatePopQueryContext(&callback);
	}

	query->has_order = analyzed->sortClause != NIL;
	query->count_needs_order = OrderCanChangeCount(analyzed);
	query->duplicate_name = DuplicateColumnName(analyzed);
	PaginateDescribeKeys(query, analyzed);
	FindDependencies((Node *) analyzed, query);
	/* and what its views read, and their row-level security policies */
	foreach(cell, QueryRewrite(copyObject(analyzed)))
		FindDependencies((Node *) lfirst(cell), query);

	return PaginateCacheAdd(query);
}

/*
 * Refuse, before anything runs, every statement that is not a plain query:
 * DML (even with RETURNING), DDL, utility commands and SELECT INTO.
 */
static void
CheckStatementKind(RawStmt *raw)
{
	if (!IsA(raw->stmt, SelectStmt))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must be a SELECT, VALUES or TABLE statement"),
				 errdetail("The query is a statement of type %s.",
						   GetCommandTagName(CreateCommandTag(raw->stmt)))));

	if (((SelectStmt *) raw->stmt)->intoClause != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must not be SELECT INTO"),
				 errdetail("SELECT INTO creates a table; paginate only reads.")));
}

/*
 * Refuse what only analysis shows: data-modifying WITH and row locks at any
 * level of the query.
 */
static void
CheckAnalyzedQuery(Query *query)
{
	if (query->commandType != CMD_SELECT || query->utilityStmt != NULL)
		elog(ERROR, "paginate query analysed into command type %d",
			 (int) query->commandType);

	if (query->hasModifyingCTE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must not contain data-modifying statements in WITH"),
				 errdetail("paginate only reads; INSERT, UPDATE, DELETE and MERGE are refused.")));

	if (LocksRows((Node *) query, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must not use FOR UPDATE or FOR SHARE"),
				 errdetail("paginate only reads; it does not lock rows.")));
}

/* Does this query, or any query nested in it, lock rows? */
static bool
LocksRows(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, Query))
	{
		Query	   *query = (Query *) node;

		if (query->rowMarks != NIL || query->hasForUpdate)
			return true;
		return query_tree_walker(query, LocksRows, context, 0);
	}
	return expression_tree_walker(node, LocksRows, context);
}

/*
 * Can removing the top-level ORDER BY change how many rows the query has?
 * It can when a LIMIT, OFFSET or DISTINCT ON picks rows by that order, or when
 * an ORDER BY item that is not an output column returns a set.  Otherwise counting drops the ORDER BY, so
 * that a count never sorts.
 */
static bool
OrderCanChangeCount(Query *query)
{
	ListCell   *lc;

	if (query->sortClause == NIL)
		return false;
	if (query->limitCount != NULL || query->limitOffset != NULL ||
		query->hasDistinctOn)
		return true;

	foreach(lc, query->sortClause)
	{
		SortGroupClause *sort = lfirst_node(SortGroupClause, lc);
		TargetEntry *tle = get_sortgroupclause_tle(sort, query->targetList);

		/*
		 * an output column that returns a set adds its rows with or without
		 * ORDER BY
		 */
		if (tle->resjunk && expression_returns_set((Node *) tle->expr))
			return true;
	}
	return false;
}

/*
 * Would a sort put on the query's own level (in place of its ORDER BY, or
 * where it has none) change its rows, not only their order?  It would where
 * a LIMIT, OFFSET or DISTINCT ON picks rows by the order of that level, with
 * or without an ORDER BY of the query's (FROM (... ORDER BY id DESC) s LIMIT
 * 3 takes the newest three: sorted by id there, it would take the oldest);
 * where window functions read the rows in that order (row_number() OVER ()
 * numbers them as they come); and where removing the ORDER BY changes the
 * count (OrderCanChangeCount).  Then the sort orders the query's rows from
 * outside.
 */
static bool
SortChangesRows(Query *query)
{
	return query->limitCount != NULL || query->limitOffset != NULL ||
		query->hasDistinctOn || query->hasWindowFuncs ||
		OrderCanChangeCount(query);
}

/*
 * The tables and views the query reads, and the functions it calls: when one
 * of them changes, what the cache keeps of the query may no longer hold
 * (cache.c).  A function in FROM returning a table's row type counts as
 * reading that table.
 */
static bool
FindDependencies(Node *node, PaginateQuery *query)
{
	if (node == NULL)
		return false;
	if (IsA(node, RangeTblEntry))
	{
		RangeTblEntry *rte = (RangeTblEntry *) node;
		ListCell   *cell;

		if (rte->rtekind == RTE_RELATION)
			query->relations = list_append_unique_oid(query->relations, rte->relid);
		if (rte->rtekind != RTE_FUNCTION)
			return false;
		foreach(cell, rte->functions)
		{
			RangeTblFunction *function = lfirst_node(RangeTblFunction, cell);
			Oid			relid = get_typ_typrelid(exprType(function->funcexpr));

			if (OidIsValid(relid))
				query->relations = list_append_unique_oid(query->relations, relid);
		}
		return false;
	}
	if (IsA(node, FuncExpr))
		query->functions = list_append_unique_oid(query->functions,
												  ((FuncExpr *) node)->funcid);
	if (IsA(node, Aggref))
		query->functions = list_append_unique_oid(query->functions,
												  ((Aggref *) node)->aggfnoid);
	if (IsA(node, WindowFunc))
		query->functions = list_append_unique_oid(query->functions,
												  ((WindowFunc *) node)->winfnoid);
	if (IsA(node, Query))
		return query_tree_walker((Query *) node, FindDependencies, query,
								 QTW_EXAMINE_RTES_BEFORE);
	return expression_tree_walker(node, FindDependencies, query);
}

/* An output column name that two columns share, or NULL. */
static char *
DuplicateColumnName(Query *query)
{
	ListCell   *a;
	ListCell   *b;

	foreach(a, query->targetList)
	{
		TargetEntry *first = lfirst_node(TargetEntry, a);

		if (first->resjunk || first->resname == NULL)
			continue;
		for_each_cell(b, query->targetList, lnext(query->targetList, a))
		{
			TargetEntry *second = lfirst_node(TargetEntry, b);

			if (!second->resjunk && second->resname != NULL &&
				strcmp(first->resname, second->resname) == 0)
				return first->resname;
		}
	}
	return NULL;
}

/*
 * Refuse to turn rows into JSON objects when two columns share a name: one
 * would silently replace the other.
 */
void
PaginateCheckJsonKeys(PaginateQuery *query)
{
	if (query->duplicate_name != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_COLUMN),
				 errmsg("query has more than one column named \"%s\"",
						query->duplicate_name),
				 errdetail("Rows become JSON objects keyed by column name, and one column would hide the other."),
				 errhint("Give the columns distinct names with AS, or use the typed form paginate_as(NULL::rowtype, ...).")));
}

/*
 * Warn about, or refuse, paging a query by page number that has no ORDER
 * BY, as paginate.order_check says.  (Keyset paging cannot work without one:
 * PaginateCheckKeyset.)
 */
void
PaginateCheckOrder(PaginateQuery *query)
{
	if (query->has_order)
		return;

	if (paginate_order_check == PAGINATE_ORDER_CHECK_ERROR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query has no ORDER BY"),
				 errdetail("paginate.order_check is set to error."),
				 errhint("Without ORDER BY, pages can overlap or skip rows; add an ORDER BY that ends with a unique column.")));

	if (paginate_order_check == PAGINATE_ORDER_CHECK_NOTICE)
		ereport(NOTICE,
				(errmsg("query has no ORDER BY, so its pages can overlap or skip rows"),
				 errhint("Add an ORDER BY that ends with a unique column, or set paginate.order_check to off.")));
}
