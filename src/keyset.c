/*
 * keyset.c
 *		The sort keys of a query, as keyset paging uses them.
 *
 * The keys are the query's top-level ORDER BY items, whatever they are, and
 * after them the columns of the result's own unique key that the ORDER BY
 * does not already hold (the tiebreak).  Then no two rows have the same keys,
 * a cursor (the keys' values of one row) is a position between rows, and the
 * rows after it are those whose keys come later: an UPDATE of any other
 * column never moves a row.
 *
 * The unique key is found, in this order: the GROUP BY items; DISTINCT; the
 * output of UNION, INTERSECT or EXCEPT without ALL; one row (an aggregate
 * without GROUP BY, no FROM); else, for each table the rows come from, its
 * primary key or a valid, immediate, non-partial unique index on NOT NULL
 * columns (through views and subqueries in FROM too), all of them together
 * for a join.  A result with no unique key is ordered among ties by its
 * other orderable output columns, and rows equal in every key ("copies")
 * are told apart by their count (page.c).
 *
 * The keys that are not output columns (ORDER BY created_at without
 * selecting it, lower(title), b COLLATE "C", a primary key not selected)
 * are added to the query as hidden columns after its own, named
 * "paginate key N": the statements that read rows in order use this keyed
 * form of the query, whose ORDER BY also holds the tiebreak, and callers
 * drop the hidden columns from the rows they return.
 */
#include "postgres.h"

#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/nbtree.h"
#include "access/table.h"
#include "catalog/index.h"
#include "catalog/pg_am.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_index.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_statistic.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "parser/analyze.h"
#include "parser/parsetree.h"
#include "rewrite/rewriteHandler.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "internal.h"


/*
 * One column of a unique key: no two rows of the result are equal in all the
 * columns of the key under their equality operators.
 */
typedef struct UniqueColumn
{
	Expr	   *expr;			/* the value, in the terms of the query level */
	AttrNumber	resno;			/* the output column that holds it, or 0 */
	Oid			eqop;			/* the equality it is unique under */
	Oid			sortop;			/* an ordering operator with that equality */
	Oid			collation;		/* the collation of that equality */
	RangeTblEntry *rte;			/* a table column: its range table entry */
	AttrNumber	attno;			/* and its column there */
	bool		reachable;		/* can be named at the top level as rte.column */
	Node	   *image;			/* or a hidden bytea of the value's bytes
								 * (raw) */
} UniqueColumn;

/* Whether a cursor can carry values of a type, and if not why (WhyUncarried). */
typedef enum Uncarried
{
	CARRIED,
	UNCARRIED_RECORD,			/* an anonymous record: no input reads it */
	UNCARRIED_PSEUDO,			/* a pseudo-type (the anyarray of
								 * pg_statistic) */
	UNCARRIED_NO_INPUT			/* input and receive refuse every value
								 * (pg_node_tree, the statistics types) */
} Uncarried;

static Query *CarryClauseItems(PaginateQuery *query, Query *analyzed,
							   const char *prefix, SelectStmt *keyed, int *nhidden);
static void AddTiebreak(PaginateQuery *query, Query *final, const char *prefix,
						SelectStmt *keyed, int *nhidden);
static void ReadKeys(PaginateQuery *query, Query *final, const char *prefix);
static Query *Analyze(PaginateQuery *query, RawStmt *raw);
static int	OutputColumns(Query *analyzed);
static List *KeyCandidates(SelectStmt *select, Query *analyzed, List *clauses);
static bool AnyJunk(Query *analyzed, List *clauses);
static List *Tiebreak(Query *analyzed, SelectStmt *select, int ncolumns, bool *copies);
static bool ImageEquality(Oid type, Oid collation);
static Node *ImageOf(Node *value, Oid type);
static Node *RawColumn(SelectStmt *select, Query *analyzed, TargetEntry *tle);
static bool Reachable(Query *analyzed, Node *node, Index rtindex, bool reachable);
static bool ResultUnique(Query *analyzed, Query *top, List **columns);
static bool FromUnique(Query *analyzed, Query *top, Node *node, bool reachable,
					   List **columns);
static List *RelationKeys(RangeTblEntry *rte);
static List *InnerKeys(Query *inner);
static int	FewerColumns(const ListCell *a, const ListCell *b);
static UniqueColumn *ClauseColumn(Query *analyzed, SortGroupClause *clause);
static bool Covered(Query *analyzed, UniqueColumn *column);
static bool SameValue(Expr *a, Expr *b);
static AttrNumber OutputOf(Query *analyzed, Expr *expr);
static bool UniqueName(Query *analyzed, int ncolumns, TargetEntry *tle);
static bool NamedOnce(List *names, AttrNumber attno);
static bool CollationsAgree(Oid a, Oid b);
static bool ColumnIsNotNull(Query *analyzed, TargetEntry *tle);
static bool InnerColumnIsNotNull(Query *inner, AttrNumber attno);
static bool HasOuterJoin(Node *node);
static bool IsAnonymousRecord(Oid type);
static Uncarried WhyUncarried(Oid type);
static char *UncarriedProblem(const char *item, Oid type);
static char *HiddenPrefix(Query *analyzed);
static ResTarget *HiddenTarget(const char *prefix, Node *value, int n);
static SortBy *PositionSort(int position, Oid sortop, Oid type);
static bool ReadsForeignTable(Node *node, void *context);
static bool RelationIsForeign(Oid relid, bool inh);
static void DescribeLookup(PaginateQuery *query, Query *final);
static double FirstKeyCorrelation(Query *final, RangeTblEntry *rte);
static bool LookupUnsafe(Node *node);
static bool SamplesOrPicks(Node *node, void *context);
static bool SurelyNotNull(RangeTblEntry *rte, AttrNumber attno);

/*
 * Describe the sort keys of an analysed query, adding what they need to the
 * query's keyed form, or say in keyset_problem why they cannot serve as
 * cursors.
 */
void
PaginateDescribeKeys(PaginateQuery *query, Query *analyzed)
{
	SelectStmt *keyed;
	Query	   *final;
	char	   *prefix;
	int			nhidden = 0;

	query->ncolumns = OutputColumns(analyzed);
	if (analyzed->sortClause == NIL)
		return;
	prefix = HiddenPrefix(analyzed);
	keyed = copyObject(castNode(SelectStmt, query->raw->stmt));

	final = CarryClauseItems(query, analyzed, prefix, keyed, &nhidden);
	if (final == NULL)
		return;
	AddTiebreak(query, final, prefix, keyed, &nhidden);

	query->keyed = copyObject(query->raw);
	query->keyed->stmt = (Node *) keyed;
	query->nhidden = nhidden;
	final = Analyze(query, query->keyed);
	ReadKeys(query, final, prefix);
	query->norder = list_length(analyzed->sortClause);
	query->row_ranges = !ReadsForeignTable((Node *) analyzed, NULL);
	DescribeLookup(query, final);
}

/*
 * Can an offset page of the query be read by late row lookup (wrap.c
 * WrapLookup): the keys of its rows first, then its rows by the table's
 * unique key?  Then the rows are the plain page's: a query that reads one
 * table (or materialized view) and nothing else, all of whose rows are
 * rows of the table, one each (no grouping, aggregate, window, DISTINCT,
 * set-returning function, set operation, LIMIT, CTE or TABLESAMPLE), where
 * nothing is volatile (a second reading of a row gives the same values, and
 * a function called for the rows the offset skips, as the plain page calls
 * it, is not missed), whose keys hold a unique key of the table, on NOT NULL
 * columns the top level can name.  Sets lookup_columns and lookup_keys.
 */
static void
DescribeLookup(PaginateQuery *query, Query *final)
{
	RangeTblEntry *rte;
	List	   *unique = NIL;
	List	   *columns = NIL;
	List	   *keys = NIL;
	ListCell   *lc;

	if (!PaginateHasCursors(query) || query->copies || !query->row_ranges ||
		final->setOperations != NULL || final->cteList != NIL ||
		final->hasAggs || final->hasWindowFuncs || final->hasTargetSRFs ||
		final->groupClause != NIL || final->groupingSets != NIL ||
		final->havingQual != NULL || final->distinctClause != NIL ||
		final->limitCount != NULL || final->limitOffset != NULL ||
		final->rowMarks != NIL || final->jointree == NULL ||
		list_length(final->jointree->fromlist) != 1 ||
		!IsA(linitial(final->jointree->fromlist), RangeTblRef) ||
		LookupUnsafe((Node *) final))
		return;
	rte = rt_fetch(linitial_node(RangeTblRef, final->jointree->fromlist)->rtindex,
				   final->rtable);
	if (rte->rtekind != RTE_RELATION || rte->tablesample != NULL ||
		(rte->relkind != RELKIND_RELATION && rte->relkind != RELKIND_PARTITIONED_TABLE &&
		 rte->relkind != RELKIND_MATVIEW) ||
		strcmp(rte->eref->aliasname, PAGINATE_LOOKUP_ALIAS) == 0 ||
		!FromUnique(final, final, linitial(final->jointree->fromlist), true, &unique))
		return;
	foreach(lc, unique)
	{
		UniqueColumn *column = lfirst(lc);
		ColumnRef  *ref;
		String	   *table;
		String	   *name;
		int			k;

		for (k = 0; k < query->nkeys; k++)
			if (column->resno != 0 && query->keys[k].column == column->resno)
				break;

		/*
		 * (a NULL would match no row by equality: that of a NULLS NOT
		 * DISTINCT index, or under a NOT NULL NOT VALID constraint)
		 */
		if (k == query->nkeys || !column->reachable || !query->keys[k].not_null ||
			query->keys[k].eqop != column->eqop || !SurelyNotNull(rte, column->attno))
			return;
		table = makeString(pstrdup(rte->eref->aliasname));
		name = makeString(pstrdup(strVal(list_nth(rte->eref->colnames, column->attno - 1))));
		ref = makeNode(ColumnRef);
		ref->fields = lappend(list_make1(table), name);
		ref->location = -1;
		columns = lappend(columns, ref);
		keys = lappend_int(keys, k);
	}

	/*
	 * what the rewriter adds (row-level security, views in sublinks) reads
	 * twice too
	 */
	foreach(lc, QueryRewrite(copyObject(final)))
	{
		if (LookupUnsafe(lfirst(lc)))
			return;
	}
	query->lookup_columns = columns;
	query->lookup_keys = keys;
	query->lookup_offset = PAGINATE_LOOKUP_OFFSET;
	if (fabs(FirstKeyCorrelation(final, rte)) >= PAGINATE_LOOKUP_CORRELATION)
		query->lookup_offset = PAGINATE_LOOKUP_OFFSET_IN_ORDER;
}

/*
 * Could the query's two readings by late row lookup differ (keyset.c
 * DescribeLookup)?  When anything in it is volatile, when it samples a
 * table (TABLESAMPLE draws a new sample for each plan node that reads it),
 * or when a subquery in it picks its rows by a LIMIT, OFFSET or DISTINCT ON
 * (two plans of it may break its ties apart).
 */
static bool
LookupUnsafe(Node *node)
{
	return contain_volatile_functions(node) || SamplesOrPicks(node, NULL);
}

/* Walker of LookupUnsafe: a TABLESAMPLE, or a (sub)query's LIMIT, OFFSET, DISTINCT ON. */
static bool
SamplesOrPicks(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, RangeTblEntry))
		return ((RangeTblEntry *) node)->tablesample != NULL;
	if (IsA(node, Query))
	{
		Query	   *q = (Query *) node;

		if (q->limitCount != NULL || q->limitOffset != NULL || q->hasDistinctOn)
			return true;
		return query_tree_walker(q, SamplesOrPicks, context, QTW_EXAMINE_RTES_BEFORE);
	}
	return expression_tree_walker(node, SamplesOrPicks, context);
}

/* Is the table's column NOT NULL by a constraint every row meets? */
static bool
SurelyNotNull(RangeTblEntry *rte, AttrNumber attno)
{
	Relation	rel = table_open(rte->relid, AccessShareLock);
	bool		not_null = PaginateColumnSurelyNotNull(RelationGetDescr(rel), attno);

	table_close(rel, AccessShareLock);
	return not_null;
}

/*
 * How far the table's rows lie in the order of the query's first key, a
 * column of the table: the correlation ANALYZE found between the column's
 * values and the rows' physical order (-1 to 1), as the planner reads it for
 * an index scan's cost; 0 for an expression or a column without statistics.
 */
static double
FirstKeyCorrelation(Query *final, RangeTblEntry *rte)
{
	TargetEntry *tle = get_sortgroupclause_tle(linitial_node(SortGroupClause,
															 final->sortClause),
											   final->targetList);
	Var		   *var = (Var *) tle->expr;
	HeapTuple	tuple;
	AttStatsSlot slot;
	double		correlation = 0;

	if (!IsA(var, Var) || var->varlevelsup != 0 || var->varattno <= 0)
		return 0;
	tuple = SearchSysCache3(STATRELATTINH, ObjectIdGetDatum(rte->relid),
							Int16GetDatum(var->varattno),
							BoolGetDatum(rte->relkind == RELKIND_PARTITIONED_TABLE));
	if (!HeapTupleIsValid(tuple))
		return 0;
	if (get_attstatsslot(&slot, tuple, STATISTIC_KIND_CORRELATION, InvalidOid,
						 ATTSTATSSLOT_NUMBERS))
	{
		if (slot.nnumbers == 1)
			correlation = slot.numbers[0];
		free_attstatsslot(&slot);
	}
	ReleaseSysCache(tuple);
	return correlation;
}

/*
 * Does the query read a foreign table: itself, through a view, or as a
 * partition or child of a table it reads?  (context: the view whose query
 * this is, or NULL.)  A foreign server is sent no row
 * comparison (postgres_fdw deparses none) but each range of one key on its
 * own, so such a query's ranges stay one per key (wrap.c CursorRanges).
 * Only a matter of speed, both being exact: a foreign partition attached
 * under a view later keeps the row comparisons until the query is described
 * again.
 */
static bool
ReadsForeignTable(Node *node, void *context)
{
	if (node == NULL)
		return false;
	if (IsA(node, RangeTblEntry))
	{
		RangeTblEntry *rte = (RangeTblEntry *) node;

		/* (a view's own query names the view, as OLD and NEW, before 16) */
		return rte->rtekind == RTE_RELATION &&
			(context == NULL || rte->relid != *(Oid *) context) &&
			RelationIsForeign(rte->relid, rte->inh);
	}
	if (IsA(node, Query))
		return query_tree_walker((Query *) node, ReadsForeignTable, context,
								 QTW_EXAMINE_RTES_BEFORE);
	return expression_tree_walker(node, ReadsForeignTable, context);
}

/* Is the relation a foreign table, or a view or parent (inh) that reads one? */
static bool
RelationIsForeign(Oid relid, bool inh)
{
	char		kind = get_rel_relkind(relid);
	ListCell   *lc;

	if (kind == RELKIND_FOREIGN_TABLE)
		return true;
	if (kind == RELKIND_VIEW)
	{
		Relation	rel = table_open(relid, AccessShareLock);
		Query	   *view = copyObject(get_view_query(rel));

		table_close(rel, AccessShareLock);
		return ReadsForeignTable((Node *) view, &relid);
	}
	if (!inh || (kind != RELKIND_PARTITIONED_TABLE && !has_subclass(relid)))
		return false;
	foreach(lc, find_all_inheritors(relid, AccessShareLock, NULL))
	{
		if (get_rel_relkind(lfirst_oid(lc)) == RELKIND_FOREIGN_TABLE)
			return true;
	}
	return false;
}

/*
 * ORDER BY items and GROUP BY items that are not output columns are copied
 * into the keyed query's select list, where they mean what they meant in the
 * clause: a bare name that is no output column's, and an expression, are
 * read from the FROM items in both.  Which raw items those were shows after
 * analysis: the clause now points to the copy, and the copies it does not
 * point to are left out.  Returns the keyed query analysed, or NULL with
 * keyset_problem set.
 */
static Query *
CarryClauseItems(PaginateQuery *query, Query *analyzed, const char *prefix,
				 SelectStmt *keyed, int *nhidden)
{
	SelectStmt *select = castNode(SelectStmt, query->raw->stmt);
	List	   *candidates = NIL;
	RawStmt    *raw;
	SelectStmt *trial;
	Query	   *final;
	ListCell   *lc;
	int			at = 0;

	if (AnyJunk(analyzed, analyzed->sortClause))
		candidates = KeyCandidates(select, analyzed, select->sortClause);
	if (analyzed->groupingSets == NIL && AnyJunk(analyzed, analyzed->groupClause))
		candidates = list_concat(candidates,
								 KeyCandidates(select, analyzed, select->groupClause));
	if (candidates == NIL)
		return analyzed;

	/* (DISTINCT ON compares its own items only: more columns do not matter) */
	if (select->op != SETOP_NONE || select->valuesLists != NIL ||
		(select->distinctClause != NIL && linitial(select->distinctClause) == NULL))
	{
		query->keyset_problem = pstrdup(_("An ORDER BY item is not an output column of a set operation, VALUES or DISTINCT."));
		return NULL;
	}
	trial = copyObject(select);
	foreach(lc, candidates)
		trial->targetList = lappend(trial->targetList,
									HiddenTarget(prefix, lfirst(lc), ++at));
	raw = copyObject(query->raw);
	raw->stmt = (Node *) trial;
	final = Analyze(query, raw);

	at = 0;
	foreach(lc, candidates)
	{
		TargetEntry *tle = list_nth_node(TargetEntry, final->targetList,
										 query->ncolumns + at++);

		if (tle->ressortgroupref != 0)
			keyed->targetList = lappend(keyed->targetList,
										HiddenTarget(prefix, lfirst(lc), ++*nhidden));
	}
	raw->stmt = (Node *) copyObject(keyed);
	final = Analyze(query, raw);
	if (AnyJunk(final, final->sortClause))
	{
		query->keyset_problem = pstrdup(_("An ORDER BY item could not be carried as a column."));
		return NULL;
	}
	return final;
}

/*
 * Add the tiebreak to the keyed query's ORDER BY: the columns of the
 * result's unique key that the keys do not hold (or, with none, the other
 * output columns and their bytes, and query->copies), by position; a table
 * column that is no output column is added as a hidden one, named
 * rte.column, and so are the bytes.
 */
static void
AddTiebreak(PaginateQuery *query, Query *final, const char *prefix,
			SelectStmt *keyed, int *nhidden)
{
	ListCell   *lc;

	foreach(lc, Tiebreak(final, castNode(SelectStmt, query->raw->stmt),
						 query->ncolumns, &query->copies))
	{
		UniqueColumn *column = lfirst(lc);

		if (column->image != NULL)
		{
			keyed->targetList = lappend(keyed->targetList,
										HiddenTarget(prefix, column->image, ++*nhidden));
			column->resno = query->ncolumns + *nhidden;
		}
		else if (column->resno == 0)
		{
			ColumnRef  *ref = makeNode(ColumnRef);
			String	   *table = makeString(pstrdup(column->rte->eref->aliasname));
			String	   *name = makeString(pstrdup(strVal(list_nth(column->rte->eref->colnames,
																  column->attno - 1))));

			ref->fields = lappend(list_make1(table), name);
			ref->location = -1;
			keyed->targetList = lappend(keyed->targetList,
										HiddenTarget(prefix, (Node *) ref, ++*nhidden));
			column->resno = query->ncolumns + *nhidden;
		}
		keyed->sortClause = lappend(keyed->sortClause,
									PositionSort(column->resno, column->sortop,
												 column->image ? BYTEAOID :
												 exprType((Node *) column->expr)));
	}
}

/*
 * The keys: every item of the keyed query's ORDER BY, each an output column
 * of it; or keyset_problem says why one cannot be.  The statements name the
 * keys' columns, so a key whose output column shares its name with another
 * (select a.id, b.id ... order by 1), or has none, gets a name of its own
 * there, "paginate key column N": query->column_names renames the keyed
 * query's columns up to the last such key, the others as they are.
 */
static void
ReadKeys(PaginateQuery *query, Query *final, const char *prefix)
{
	ListCell   *lc;
	int			i = 0;
	int			renamed = 0;

	query->keys = palloc0(sizeof(PaginateKey) * list_length(final->sortClause));
	foreach(lc, final->sortClause)
	{
		SortGroupClause *sort = lfirst_node(SortGroupClause, lc);
		TargetEntry *tle = get_sortgroupclause_tle(sort, final->targetList);
		PaginateKey *key = &query->keys[i];

		if (tle->resjunk)
		{
			query->keyset_problem = psprintf(_("ORDER BY item %d is not a column of the query."), i + 1);
			return;
		}
		if (tle->resno <= query->ncolumns && !UniqueName(final, query->ncolumns, tle))
		{
			key->name = psprintf("%scolumn %d", prefix, tle->resno);
			key->own_name = pstrdup(tle->resname ? tle->resname : "?column?");
			renamed = Max(renamed, tle->resno);
		}
		else
			key->name = pstrdup(tle->resname);
		key->column = tle->resno;
		key->hidden = tle->resno > query->ncolumns;
		key->type = exprType((Node *) tle->expr);
		key->typmod = exprTypmod((Node *) tle->expr);
		key->collation = exprCollation((Node *) tle->expr);
		key->sortop = sort->sortop;
		key->eqop = sort->eqop;
		key->nulls_first = sort->nulls_first;
		key->reverse_sortop = get_commutator(sort->sortop);
		key->not_null = ColumnIsNotNull(final, tle);
		if (WhyUncarried(key->type) != CARRIED)
		{
			query->keyset_problem =
				UncarriedProblem(key->hidden || tle->resname == NULL ?
								 psprintf("%d", i + 1) :
								 psprintf("\"%s\"", tle->resname),
								 key->type);
			return;
		}
		if (expression_returns_set((Node *) tle->expr))
		{
			query->keyset_problem =
				psprintf(_("ORDER BY item %d returns a set."), i + 1);
			return;
		}
		if (!OidIsValid(key->reverse_sortop))
		{
			query->keyset_problem =
				psprintf(_("The ordering operator of ORDER BY item %d has no commutator to walk backward with."),
						 i + 1);
			return;
		}
		i++;
	}
	query->nkeys = i;
	query->key_signature = PaginateKeySignature(query);
	query->column_names = NIL;
	for (i = 1; i <= renamed; i++)
	{
		TargetEntry *tle = list_nth_node(TargetEntry, final->targetList, i - 1);
		const char *name = tle->resname ? tle->resname : "?column?";
		int			k;

		for (k = 0; k < query->nkeys; k++)
			if (query->keys[k].column == i)
				name = query->keys[k].name;
		query->column_names = lappend(query->column_names, makeString(pstrdup(name)));
	}
}

/*
 * Can the call's query be paged with cursors?  An error says why not: it has
 * no ORDER BY, or one that cursors cannot carry.
 */
void
PaginateCheckKeyset(PaginateQuery *query)
{
	if (!query->has_order)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("keyset pagination requires a query with ORDER BY"),
				 errhint("Cursors are positions in the query's order; add an ORDER BY that ends with a unique column.")));
	if (query->keyset_problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query cannot be paged with cursors"),
		/* translated when it was made (ReadKeys) */
				 errdetail_internal("%s", query->keyset_problem),
				 errhint("Page the query by page number, or change its ORDER BY as the detail says.")));
}

/*
 * The key columns of the rows a statement returns (key i at key_at[i]) must
 * be where, and what, the cursors were described with: a table read through
 * a function or a type may have changed since.  If not, the description is
 * stale (the next call describes the query afresh) and this call an error.
 */
void
PaginateCheckKeyColumns(PaginateQuery *query, TupleDesc columns, const int *key_at)
{
	int			i;

	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];
		int			at = key_at[i];
		Form_pg_attribute att = at < columns->natts ? TupleDescAttr(columns, at) : NULL;

		if (att == NULL || strcmp(NameStr(att->attname), key->name) != 0)
		{
			query->stale = true;
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("sort key \"%s\" moved since the query was described", key->name),
					 errdetail("It was output column %d.", key->column),
					 errhint("Run the call again.")));
		}
		if (att->atttypid != key->type)
		{
			query->stale = true;
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("sort key \"%s\" changed type since the query was described",
							key->name),
					 errhint("Run the call again.")));
		}
	}
}

/* Analyse a raw statement built on the query, with the query's parameters. */
static Query *
Analyze(PaginateQuery *query, RawStmt *raw)
{
	ErrorContextCallback callback;
	Query	   *analyzed;

	PaginatePushQueryContext(query, &callback);
	analyzed = parse_analyze_fixedparams(copyObject(raw), query->text,
										 query->param_types, query->nparams,
										 NULL);
	PaginatePopQueryContext(&callback);
	return analyzed;
}

/* How many output columns the query has. */
static int
OutputColumns(Query *analyzed)
{
	ListCell   *lc;
	int			n = 0;

	foreach(lc, analyzed->targetList)
		n += lfirst_node(TargetEntry, lc)->resjunk ? 0 : 1;
	return n;
}

/* Is a clause's item not an output column? */
static bool
AnyJunk(Query *analyzed, List *clauses)
{
	ListCell   *lc;

	foreach(lc, clauses)
	{
		SortGroupClause *clause = lfirst_node(SortGroupClause, lc);

		if (get_sortgroupclause_tle(clause, analyzed->targetList)->resjunk)
			return true;
	}
	return false;
}

/*
 * The raw items of an ORDER BY or GROUP BY that may not be output columns:
 * all but positions and bare names of output columns.
 */
static List *
KeyCandidates(SelectStmt *select, Query *analyzed, List *clauses)
{
	List	   *candidates = NIL;
	ListCell   *lc;

	foreach(lc, clauses)
	{
		Node	   *item = lfirst(lc);

		if (IsA(item, SortBy))
			item = ((SortBy *) item)->node;
		if (IsA(item, A_Const))
			continue;
		if (IsA(item, ColumnRef) &&
			list_length(((ColumnRef *) item)->fields) == 1 &&
			IsA(linitial(((ColumnRef *) item)->fields), String))
		{
			const char *name = strVal(linitial(((ColumnRef *) item)->fields));
			ListCell   *t;
			bool		output = false;

			foreach(t, analyzed->targetList)
			{
				TargetEntry *tle = lfirst_node(TargetEntry, t);

				output |= !tle->resjunk && tle->resname != NULL &&
					strcmp(tle->resname, name) == 0;
			}
			if (output)
				continue;
		}
		/* GROUP BY ROLLUP and the like are not plain items */
		if (IsA(item, GroupingSet))
			continue;
		candidates = lappend(candidates, copyObject(item));
	}
	return candidates;
}

/*
 * The unique key's columns that the query's ORDER BY does not hold, in the
 * order to sort by them.  With no unique key, the other orderable output
 * columns, and *copies is set: rows equal in all of them are possible.
 * Rows are copies only when nothing tells them apart, so after those come
 * the bytes (binary send output) of every output column whose equality is
 * not the equality of its bytes (numeric 1.0 = 1.00, a case-insensitive
 * collation, interval, float -0 = 0, jsonb) or that has none (json, xml,
 * point): else two rows shown differently would count as copies, and a walk
 * could show one twice and the other never.  A column whose bytes cannot
 * be named at the top level (an expression under a * in the select list, a
 * volatile one, a column of a join's alias) gets none.
 */
static List *
Tiebreak(Query *analyzed, SelectStmt *select, int ncolumns, bool *copies)
{
	List	   *unique = NIL;
	List	   *tiebreak = NIL;
	ListCell   *lc;

	*copies = false;
	if (ResultUnique(analyzed, analyzed, &unique))
	{
		bool		usable = true;

		foreach(lc, unique)
		{
			UniqueColumn *column = lfirst(lc);

			if (Covered(analyzed, column))
				continue;
			/* a column that is no output column is named rte.column */
			if (column->resno == 0 && !column->reachable)
				usable = false;
			tiebreak = lappend(tiebreak, column);
		}
		if (usable)
			return tiebreak;
		tiebreak = NIL;
	}

	/* no unique key: the other output columns that sort */
	*copies = true;
	foreach(lc, analyzed->targetList)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);
		Oid			type = exprType((Node *) tle->expr);
		TypeCacheEntry *entry;
		UniqueColumn *column;

		if (tle->resjunk || tle->resno > ncolumns || tle->ressortgroupref != 0 ||
			WhyUncarried(type) != CARRIED)
			continue;
		entry = lookup_type_cache(type, TYPECACHE_LT_OPR | TYPECACHE_EQ_OPR);
		if (!OidIsValid(entry->lt_opr) || !OidIsValid(get_commutator(entry->lt_opr)))
			continue;
		column = palloc0(sizeof(UniqueColumn));
		column->expr = tle->expr;
		column->resno = tle->resno;
		column->sortop = entry->lt_opr;
		column->eqop = entry->eq_opr;
		column->collation = exprCollation((Node *) tle->expr);
		tiebreak = lappend(tiebreak, column);
	}
	foreach(lc, analyzed->targetList)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);
		Oid			type = exprType((Node *) tle->expr);
		Node	   *raw;
		UniqueColumn *column;

		if (tle->resjunk || tle->resno > ncolumns ||
			ImageEquality(type, exprCollation((Node *) tle->expr)) ||
			(raw = RawColumn(select, analyzed, tle)) == NULL ||
			(raw = ImageOf(raw, type)) == NULL)
			continue;
		column = palloc0(sizeof(UniqueColumn));
		column->expr = tle->expr;
		column->image = raw;
		column->sortop = ByteaLessOperator;
		column->eqop = ByteaEqualOperator;
		tiebreak = lappend(tiebreak, column);
	}
	return tiebreak;
}

/*
 * Does the type's btree equality (under this collation) hold exactly when
 * the bytes are equal (its opclass's equalimage function says so)?  A type
 * without a btree opclass has no equality: no.
 */
static bool
ImageEquality(Oid type, Oid collation)
{
	Oid			opclass = GetDefaultOpClass(getBaseType(type), BTREE_AM_OID);
	Oid			opfamily;
	Oid			opcintype;
	Oid			proc;

	if (!OidIsValid(opclass))
		return false;
	opfamily = get_opclass_family(opclass);
	opcintype = get_opclass_input_type(opclass);
	proc = get_opfamily_proc(opfamily, opcintype, opcintype, BTEQUALIMAGE_PROC);
	if (!OidIsValid(proc))
		return false;
	return DatumGetBool(OidFunctionCall1Coll(proc, collation, ObjectIdGetDatum(opcintype)));
}

/*
 * schema.send(value::input type): the binary send output of a value of the
 * type, as bytea, called by its exact name and argument type (so that no
 * function created later is found instead); NULL when the type has none.
 */
static Node *
ImageOf(Node *value, Oid type)
{
	HeapTuple	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(getBaseType(type)));
	Oid			send;
	HeapTuple	proc;
	Form_pg_proc form;
	TypeCast   *cast = makeNode(TypeCast);
	FuncCall   *call;
	List	   *name;

	if (!HeapTupleIsValid(tuple))
		return NULL;
	send = ((Form_pg_type) GETSTRUCT(tuple))->typsend;
	ReleaseSysCache(tuple);
	if (!OidIsValid(send))
		return NULL;
	proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(send));
	if (!HeapTupleIsValid(proc))
		return NULL;
	form = (Form_pg_proc) GETSTRUCT(proc);
	if (form->prorettype != BYTEAOID || form->pronargs != 1)
	{
		ReleaseSysCache(proc);
		return NULL;
	}
	cast->arg = value;
	cast->typeName = makeTypeNameFromOid(form->proargtypes.values[0], -1);
	cast->location = -1;
	name = list_make1(makeString(get_namespace_name(form->pronamespace)));
	name = lappend(name, makeString(pstrdup(NameStr(form->proname))));
	call = makeFuncCall(name, list_make1(cast), COERCE_EXPLICIT_CALL, -1);
	ReleaseSysCache(proc);
	return (Node *) call;
}

/*
 * A raw expression that means output column tle in the query's own select
 * list: its item in a plain SELECT without * (not volatile: it runs twice),
 * or rte.column for a column of a table or subquery in FROM that the top
 * level names so; NULL if neither.
 */
static Node *
RawColumn(SelectStmt *select, Query *analyzed, TargetEntry *tle)
{
	ListCell   *lc;
	bool		star = false;

	if (select->op != SETOP_NONE || select->valuesLists != NIL)
		return NULL;
	foreach(lc, select->targetList)
	{
		ResTarget  *target = lfirst_node(ResTarget, lc);

		star |= IsA(target->val, ColumnRef) &&
			IsA(llast(((ColumnRef *) target->val)->fields), A_Star);
	}
	if (!star && list_length(select->targetList) >= tle->resno &&
		!contain_volatile_functions((Node *) tle->expr))
		return copyObject(list_nth_node(ResTarget, select->targetList, tle->resno - 1)->val);

	if (IsA(tle->expr, Var) && ((Var *) tle->expr)->varlevelsup == 0 &&
		((Var *) tle->expr)->varattno > 0)
	{
		Var		   *var = (Var *) tle->expr;
		RangeTblEntry *rte = rt_fetch(var->varno, analyzed->rtable);
		ColumnRef  *ref;

		if ((rte->rtekind != RTE_RELATION && rte->rtekind != RTE_SUBQUERY) ||
			(rte->rtekind == RTE_SUBQUERY && rte->alias == NULL) ||
			!NamedOnce(rte->eref->colnames, var->varattno) ||
			!Reachable(analyzed, (Node *) analyzed->jointree, var->varno, true))
			return NULL;
		ref = makeNode(ColumnRef);
		ref->fields = list_make1(makeString(pstrdup(rte->eref->aliasname)));
		ref->fields = lappend(ref->fields,
							  makeString(pstrdup(strVal(list_nth(rte->eref->colnames,
																 var->varattno - 1)))));
		ref->location = -1;
		return (Node *) ref;
	}
	return NULL;
}

/* Is range table entry rtindex in FROM, and not under a join's alias? */
static bool
Reachable(Query *analyzed, Node *node, Index rtindex, bool reachable)
{
	ListCell   *lc;

	if (node == NULL)
		return false;
	if (IsA(node, RangeTblRef))
		return reachable && ((RangeTblRef *) node)->rtindex == (int) rtindex;
	if (IsA(node, JoinExpr))
	{
		JoinExpr   *join = (JoinExpr *) node;

		reachable = reachable && join->alias == NULL;
		return Reachable(analyzed, join->larg, rtindex, reachable) ||
			Reachable(analyzed, join->rarg, rtindex, reachable);
	}
	if (IsA(node, FromExpr))
	{
		foreach(lc, ((FromExpr *) node)->fromlist)
		{
			if (Reachable(analyzed, lfirst(lc), rtindex, reachable))
				return true;
		}
	}
	return false;
}

/*
 * Has the query's result a unique key?  Its columns go to *columns (none:
 * at most one row).  For the top level (top is the query itself) a table's
 * unique key that the ORDER BY holds is taken before its primary key.
 */
static bool
ResultUnique(Query *analyzed, Query *top, List **columns)
{
	ListCell   *lc;
	List	   *clauses = NIL;

	*columns = NIL;
	if (analyzed->groupingSets != NIL || analyzed->hasTargetSRFs)
		return false;
	if (analyzed->setOperations != NULL)
	{
		SetOperationStmt *setop = castNode(SetOperationStmt, analyzed->setOperations);
		int			resno = 0;

		if (setop->all)
			return false;
		/* every output column, with the equality that made them distinct */
		foreach(lc, setop->groupClauses)
		{
			SortGroupClause *clause = lfirst_node(SortGroupClause, lc);
			TargetEntry *tle = list_nth_node(TargetEntry, analyzed->targetList, resno++);
			UniqueColumn *column = palloc0(sizeof(UniqueColumn));

			if (!OidIsValid(clause->sortop))
				return false;
			column->expr = tle->expr;
			column->resno = tle->resno;
			column->eqop = clause->eqop;
			column->sortop = clause->sortop;
			column->collation = exprCollation((Node *) tle->expr);
			*columns = lappend(*columns, column);
		}
		return true;
	}
	if (analyzed->groupClause != NIL)
		clauses = analyzed->groupClause;
	else if (analyzed->distinctClause != NIL)
		clauses = analyzed->distinctClause;
	else if (analyzed->hasAggs || analyzed->havingQual != NULL)
		return true;			/* one row */
	if (clauses != NIL)
	{
		foreach(lc, clauses)
		{
			UniqueColumn *column = ClauseColumn(analyzed, lfirst_node(SortGroupClause, lc));

			if (column == NULL)
				return false;
			*columns = lappend(*columns, column);
		}
		return true;
	}
	if (analyzed->jointree == NULL || analyzed->jointree->fromlist == NIL)
		return true;			/* no FROM: one row */
	foreach(lc, analyzed->jointree->fromlist)
	{
		if (!FromUnique(analyzed, top, lfirst(lc), true, columns))
			return false;
	}
	return true;
}

/*
 * The unique key of the rows of one FROM item: a join's is its two sides'
 * together (an outer join's NULL-extended rows are told apart by the other
 * side's key).  A column is reachable when the top level can name it by the
 * table's reference name: not under a join with an alias of its own.
 */
static bool
FromUnique(Query *analyzed, Query *top, Node *node, bool reachable,
		   List **columns)
{
	RangeTblEntry *rte;
	List	   *keys = NIL;
	List	   *chosen;
	ListCell   *lc;

	if (IsA(node, JoinExpr))
	{
		JoinExpr   *join = (JoinExpr *) node;

		reachable = reachable && join->alias == NULL;
		return FromUnique(analyzed, top, join->larg, reachable, columns) &&
			FromUnique(analyzed, top, join->rarg, reachable, columns);
	}
	if (IsA(node, FromExpr))
	{
		foreach(lc, ((FromExpr *) node)->fromlist)
		{
			if (!FromUnique(analyzed, top, lfirst(lc), reachable, columns))
				return false;
		}
		return true;
	}
	if (!IsA(node, RangeTblRef))
		return false;

	rte = rt_fetch(((RangeTblRef *) node)->rtindex, analyzed->rtable);
	if (rte->rtekind == RTE_RELATION)
		keys = RelationKeys(rte);
	else if (rte->rtekind == RTE_SUBQUERY)
	{
		keys = InnerKeys(rte->subquery);
		if (rte->alias == NULL)
			reachable = false;
	}
	if (keys == NIL)
		return false;

	/*
	 * as columns of this level; the first key the ORDER BY holds, else the
	 * first
	 */
	chosen = linitial(keys);
	foreach(lc, keys)
	{
		List	   *key = lfirst(lc);
		ListCell   *c;
		bool		covered = top != NULL;

		foreach(c, key)
		{
			UniqueColumn *column = lfirst(c);

			column->expr = (Expr *) makeVar(((RangeTblRef *) node)->rtindex,
											column->attno,
											exprType((Node *) column->expr),
											exprTypmod((Node *) column->expr),
											exprCollation((Node *) column->expr), 0);
			column->rte = rte;
			column->reachable = reachable && NamedOnce(rte->eref->colnames, column->attno);
			column->resno = OutputOf(analyzed, column->expr);
			covered = covered && Covered(top, column);
		}
		if (covered)
		{
			chosen = key;
			break;
		}
	}
	*columns = list_concat(*columns, chosen);
	return true;
}

/*
 * The unique keys of a table's rows, as its own columns (attno), or of a
 * view's, as the view's: a list of keys, each a list of UniqueColumns.  A
 * table's: its primary key first, then its unique btree indexes by number of
 * columns, each valid, immediate, without predicate or expressions, on NOT
 * NULL columns (or NULLS NOT DISTINCT).  None for an inheritance parent with
 * children: its index does not cover them.
 */
static List *
RelationKeys(RangeTblEntry *rte)
{
	Relation	rel;
	List	   *indexes;
	List	   *primary = NIL;
	List	   *keys = NIL;
	ListCell   *lc;

	if (rte->relkind == RELKIND_VIEW)
	{
		Query	   *view;

		rel = table_open(rte->relid, AccessShareLock);
		view = copyObject(get_view_query(rel));
		table_close(rel, AccessShareLock);
		return InnerKeys(view);
	}
	if ((rte->relkind != RELKIND_RELATION && rte->relkind != RELKIND_PARTITIONED_TABLE &&
		 rte->relkind != RELKIND_MATVIEW) ||
		(rte->relkind == RELKIND_RELATION && rte->inh && has_subclass(rte->relid)))
		return NIL;

	rel = table_open(rte->relid, AccessShareLock);
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	index = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index form = index->rd_index;
		bool		usable = form->indisunique && form->indimmediate &&
		form->indisvalid && index->rd_rel->relam == BTREE_AM_OID &&
		RelationGetIndexPredicate(index) == NIL &&
		RelationGetIndexExpressions(index) == NIL;
		List	   *key = NIL;
		int			c;

		for (c = 0; usable && c < form->indnkeyatts; c++)
		{
			UniqueColumn *column = palloc0(sizeof(UniqueColumn));
			AttrNumber	attno = form->indkey.values[c];
			Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), attno - 1);
			Oid			family = index->rd_opfamily[c];
			Oid			input = index->rd_opcintype[c];

			column->expr = (Expr *) makeVar(1, attno, att->atttypid, att->atttypmod,
											att->attcollation, 0);
			column->attno = attno;
			column->collation = index->rd_indcollation[c];
			column->eqop = get_opfamily_member(family, input, input,
											   BTEqualStrategyNumber);
			column->sortop = get_opfamily_member(family, input, input,
												 BTLessStrategyNumber);

			/*
			 * NULLs would not be unique; ordered by the column's own
			 * collation
			 */
			usable = (PaginateColumnSurelyNotNull(RelationGetDescr(rel), attno) ||
					  form->indnullsnotdistinct) &&
				OidIsValid(column->sortop) &&
				CollationsAgree(att->attcollation, column->collation);
			key = lappend(key, column);
		}
		if (usable && form->indisprimary)
			primary = list_make1(key);
		else if (usable)
			keys = lappend(keys, key);
		index_close(index, AccessShareLock);
	}
	list_free(indexes);
	table_close(rel, AccessShareLock);
	list_sort(keys, FewerColumns);
	return list_concat(primary, keys);
}

/* list_sort order of unique keys: fewer columns first. */
static int
FewerColumns(const ListCell *a, const ListCell *b)
{
	return list_length(lfirst(a)) - list_length(lfirst(b));
}

/*
 * The unique key of the rows of a query read in FROM (a subquery, a view),
 * as a list of one key whose columns are its output columns (attno), or NIL
 * when it has none among them.
 */
static List *
InnerKeys(Query *inner)
{
	List	   *unique;
	List	   *key = NIL;
	ListCell   *lc;

	if (!ResultUnique(inner, NULL, &unique))
		return NIL;
	foreach(lc, unique)
	{
		UniqueColumn *column = lfirst(lc);

		if (column->resno == 0)
			return NIL;
		column->attno = column->resno;
		key = lappend(key, column);
	}
	return list_make1(key);
}

/* The column of a GROUP BY or DISTINCT item, or NULL if it cannot sort. */
static UniqueColumn *
ClauseColumn(Query *analyzed, SortGroupClause *clause)
{
	TargetEntry *tle = get_sortgroupclause_tle(clause, analyzed->targetList);
	UniqueColumn *column;

	if (!OidIsValid(clause->sortop))
		return NULL;
	column = palloc0(sizeof(UniqueColumn));
	column->expr = tle->expr;
	column->resno = tle->resjunk ? 0 : tle->resno;
	column->eqop = clause->eqop;
	column->sortop = clause->sortop;
	column->collation = exprCollation((Node *) tle->expr);
	return column;
}

/*
 * Does an ORDER BY item hold the unique key's column: the same value, the
 * same equality and a collation that agrees?
 */
static bool
Covered(Query *analyzed, UniqueColumn *column)
{
	ListCell   *lc;

	foreach(lc, analyzed->sortClause)
	{
		SortGroupClause *sort = lfirst_node(SortGroupClause, lc);
		TargetEntry *tle = get_sortgroupclause_tle(sort, analyzed->targetList);

		if (SameValue(tle->expr, column->expr) && sort->eqop == column->eqop &&
			CollationsAgree(exprCollation((Node *) tle->expr), column->collation))
			return true;
	}
	return false;
}

/* Are two expressions the same value: the same column, or equal trees? */
static bool
SameValue(Expr *a, Expr *b)
{
	if (IsA(a, Var) && IsA(b, Var))
		return ((Var *) a)->varno == ((Var *) b)->varno &&
			((Var *) a)->varattno == ((Var *) b)->varattno &&
			((Var *) a)->varlevelsup == ((Var *) b)->varlevelsup;
	return equal(a, b);
}

/* The output column whose value is expr, or 0. */
static AttrNumber
OutputOf(Query *analyzed, Expr *expr)
{
	ListCell   *lc;

	foreach(lc, analyzed->targetList)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);

		if (!tle->resjunk && SameValue(tle->expr, expr))
			return tle->resno;
	}
	return 0;
}

/*
 * Can an outer statement name this output column: it has a name that no
 * other output column has?
 */
static bool
UniqueName(Query *analyzed, int ncolumns, TargetEntry *tle)
{
	ListCell   *lc;

	if (tle->resname == NULL)
		return false;
	foreach(lc, analyzed->targetList)
	{
		TargetEntry *other = lfirst_node(TargetEntry, lc);

		if (other != tle && !other->resjunk && other->resname != NULL &&
			strcmp(other->resname, tle->resname) == 0)
			return false;
	}
	return true;
}

/* Is column attno's name, of a FROM item's column names, no other's? */
static bool
NamedOnce(List *names, AttrNumber attno)
{
	const char *name = strVal(list_nth(names, attno - 1));
	ListCell   *lc;

	foreach(lc, names)
	{
		if (foreach_current_index(lc) != attno - 1 && strcmp(strVal(lfirst(lc)), name) == 0)
			return false;
	}
	return true;
}

/* Is output column attno of a view's or subquery's query never NULL? */
static bool
InnerColumnIsNotNull(Query *inner, AttrNumber attno)
{
	TargetEntry *tle = get_tle_by_resno(inner->targetList, attno);

	return tle != NULL && !tle->resjunk && ColumnIsNotNull(inner, tle);
}

/*
 * Do two collations have the same equality: the same one, or both
 * deterministic (equal only when the bytes are)?  No collation: no text.
 */
static bool
CollationsAgree(Oid a, Oid b)
{
	if (a == b || !OidIsValid(a) || !OidIsValid(b))
		return true;
	return get_collation_isdeterministic(a) && get_collation_isdeterministic(b);
}

/*
 * Is the output column a column declared NOT NULL of a table the query reads
 * (directly, or through views and subqueries in FROM; not a CTE's), that no
 * outer join or grouping set at any of those levels can make null?
 */
static bool
ColumnIsNotNull(Query *analyzed, TargetEntry *tle)
{
	Var		   *var;
	RangeTblEntry *rte;

	if (!IsA(tle->expr, Var) || analyzed->groupingSets != NIL ||
		analyzed->setOperations != NULL ||
		HasOuterJoin((Node *) analyzed->jointree))
		return false;

	/* a column of a table read at this level, or through a view or subquery */
	var = (Var *) tle->expr;
	if (var->varlevelsup != 0 || var->varattno <= 0)
		return false;
	rte = rt_fetch(var->varno, analyzed->rtable);
	if (rte->rtekind == RTE_SUBQUERY)
		return InnerColumnIsNotNull(rte->subquery, var->varattno);
	if (rte->rtekind != RTE_RELATION)
		return false;
	if (rte->relkind == RELKIND_VIEW)
	{
		Relation	view = table_open(rte->relid, AccessShareLock);
		Query	   *definition = copyObject(get_view_query(view));

		table_close(view, AccessShareLock);
		return InnerColumnIsNotNull(definition, var->varattno);
	}

	/* (on 18 and later, a NOT NULL NOT VALID column can hold NULLs) */
	return SurelyNotNull(rte, var->varattno);
}

/* Does a join tree hold an outer join? */
static bool
HasOuterJoin(Node *node)
{
	if (node == NULL)
		return false;
	if (IsA(node, FromExpr))
	{
		ListCell   *lc;

		foreach(lc, ((FromExpr *) node)->fromlist)
		{
			if (HasOuterJoin(lfirst(lc)))
				return true;
		}
		return false;
	}
	if (IsA(node, JoinExpr))
	{
		JoinExpr   *join = (JoinExpr *) node;

		return join->jointype != JOIN_INNER ||
			HasOuterJoin(join->larg) || HasOuterJoin(join->rarg);
	}
	return false;
}

/*
 * Is the type record, or an array of record?  Their values have a send
 * function but no receive function can read them back without knowing
 * their columns, so a cursor cannot carry them.
 */
static bool
IsAnonymousRecord(Oid type)
{
	return type == RECORDOID || get_element_type(type) == RECORDOID;
}

/* Why ORDER BY item (its name or number) of an uncarried type cannot be a key. */
static char *
UncarriedProblem(const char *item, Oid type)
{
	char	   *name = format_type_be(type);

	switch (WhyUncarried(type))
	{
		case UNCARRIED_RECORD:
			return psprintf(_("ORDER BY item %s has type %s, which a cursor cannot read back; cast it to a named composite type."),
							item, name);
		case UNCARRIED_PSEUDO:
			return psprintf(_("ORDER BY item %s has type %s, a pseudo-type, whose values a cursor cannot read back."),
							item, name);
		default:
			return psprintf(_("ORDER BY item %s has type %s, whose values PostgreSQL reads back from no text or binary input, so a cursor cannot carry them."),
							item, name);
	}
}

/*
 * Why a cursor cannot carry values of the type (read them back exactly as
 * they were), or CARRIED when it can, through domains and arrays too.
 */
static Uncarried
WhyUncarried(Oid type)
{
	Oid			base = getBaseType(type);
	Oid			element = get_element_type(base);

	if (IsAnonymousRecord(base))
		return UNCARRIED_RECORD;
	if (OidIsValid(element))
		base = getBaseType(element);
	if (get_typtype(base) == TYPTYPE_PSEUDO)
		return UNCARRIED_PSEUDO;
	switch (base)
	{
		case PG_NODE_TREEOID:
		case PG_NDISTINCTOID:
		case PG_DEPENDENCIESOID:
		case PG_MCV_LISTOID:
		case PG_BRIN_BLOOM_SUMMARYOID:
		case PG_BRIN_MINMAX_MULTI_SUMMARYOID:
			return UNCARRIED_NO_INPUT;
		default:
			return CARRIED;
	}
}

/*
 * How the hidden columns are named, "paginate key 1" and on: a prefix that
 * no output column of the query starts with ("paginate key+ " if one does).
 */
static char *
HiddenPrefix(Query *analyzed)
{
	char	   *base = "paginate key";
	bool		clash;

	do
	{
		ListCell   *lc;
		char	   *prefix = psprintf("%s ", base);

		clash = false;
		foreach(lc, analyzed->targetList)
		{
			TargetEntry *tle = lfirst_node(TargetEntry, lc);

			clash |= tle->resname != NULL &&
				strncmp(tle->resname, prefix, strlen(prefix)) == 0;
		}
		if (!clash)
			return prefix;
		base = psprintf("%s+", base);
	} while (true);
}

/* value AS "paginate key n": a hidden column of the keyed query */
static ResTarget *
HiddenTarget(const char *prefix, Node *value, int n)
{
	ResTarget  *target = makeNode(ResTarget);

	target->name = psprintf("%s%d", prefix, n);
	target->val = copyObject(value);
	target->location = -1;
	return target;
}

/*
 * ORDER BY position USING sortop (ASC when it is the type's default
 * less-than), NULLS LAST.
 */
static SortBy *
PositionSort(int position, Oid sortop, Oid type)
{
	return PaginateSortBy(PaginateIntConst(position), sortop, type, false);
}
