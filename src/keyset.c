/*
 * keyset.c
 *		The sort keys of a query, as keyset paging uses them.
 *
 * The keys are the query's top-level ORDER BY items, each an output column,
 * with the ordering operator, collation and NULLS placement of the ORDER BY.
 * A cursor holds their values for one row.  When the keys may tie (they are
 * not a NOT NULL unique key of the one table the query reads), rows that tie
 * are ordered by a hash of the whole row, and a cursor also holds that hash
 * and how many rows with the same keys and hash precede it or are it: so a
 * walk over the pages neither skips nor repeats a row, whatever the ties.
 */
#include "paginate.h"

#include "access/htup_details.h"
#include "catalog/index.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"
#include "access/genam.h"
#include "access/table.h"
#include "parser/parsetree.h"

static bool ColumnIsNotNull(Query *analyzed, TargetEntry *tle);
static bool HasOuterJoin(Node *node);
static bool KeysAreUnique(Query *analyzed, PaginateKey *keys, int nkeys);
static bool RowsHashBinary(Query *analyzed);
static bool IsAnonymousRecord(Oid type);

/*
 * Describe the sort keys of an analysed query, or say in keyset_problem why
 * they cannot serve as cursors.
 */
void
PaginateDescribeKeys(PaginateQuery *query, Query *analyzed)
{
	ListCell   *lc;
	int			i = 0;

	if (analyzed->sortClause == NIL)
		return;

	query->keys = palloc0(sizeof(PaginateKey) * list_length(analyzed->sortClause));
	foreach(lc, analyzed->sortClause)
	{
		SortGroupClause *sort = lfirst_node(SortGroupClause, lc);
		TargetEntry *tle = get_sortgroupclause_tle(sort, analyzed->targetList);
		PaginateKey *key = &query->keys[i];
		ListCell   *other;

		if (tle->resjunk)
		{
			query->keyset_problem =
				psprintf("ORDER BY item %d is not a column of the select list; a cursor holds the values of output columns.",
						 i + 1);
			return;
		}
		foreach(other, analyzed->targetList)
		{
			TargetEntry *o = lfirst_node(TargetEntry, other);

			if (o != tle && !o->resjunk && o->resname != NULL &&
				tle->resname != NULL && strcmp(o->resname, tle->resname) == 0)
			{
				query->keyset_problem =
					psprintf("ORDER BY column \"%s\" shares its name with another output column.",
							 tle->resname);
				return;
			}
		}
		if (tle->resname == NULL)
		{
			query->keyset_problem = psprintf("ORDER BY item %d has no column name.", i + 1);
			return;
		}

		key->column = tle->resno;
		key->name = pstrdup(tle->resname);
		key->type = exprType((Node *) tle->expr);
		key->typmod = exprTypmod((Node *) tle->expr);
		key->collation = exprCollation((Node *) tle->expr);
		key->sortop = sort->sortop;
		key->eqop = sort->eqop;
		key->nulls_first = sort->nulls_first;
		key->reverse_sortop = get_commutator(sort->sortop);
		key->not_null = ColumnIsNotNull(analyzed, tle);
		if (IsAnonymousRecord(key->type))
		{
			query->keyset_problem =
				psprintf("ORDER BY column \"%s\" has type %s, which a cursor cannot read back; cast it to a named composite type.",
						 key->name, format_type_be(key->type));
			return;
		}
		if (!OidIsValid(key->reverse_sortop))
		{
			query->keyset_problem =
				psprintf("The ordering operator of ORDER BY item %d has no commutator to walk backward with.",
						 i + 1);
			return;
		}
		i++;
	}
	query->nkeys = i;
	query->tiebreak = !KeysAreUnique(analyzed, query->keys, query->nkeys);
	query->hash_binary = RowsHashBinary(analyzed);
}

/* Can the call's query be paged with cursors?  An error says why not. */
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
				 errdetail_internal("%s", query->keyset_problem),
				 errhint("Sort by output columns with distinct names, adding the expressions to the select list with AS if needed.")));
}

/* Do the query's pages carry cursors? */
bool
PaginateHasCursors(PaginateQuery *query)
{
	return query->has_order && query->keyset_problem == NULL && query->nkeys > 0;
}

/*
 * Is the output column a column declared NOT NULL of a table the query reads
 * directly (not through a subquery, view or CTE), that no outer join or
 * grouping set can make null?
 */
static bool
ColumnIsNotNull(Query *analyzed, TargetEntry *tle)
{
	HeapTuple	tuple;
	bool		not_null;
	Var		   *var;
	RangeTblEntry *rte;

	if (!IsA(tle->expr, Var) || analyzed->groupingSets != NIL ||
		analyzed->setOperations != NULL ||
		HasOuterJoin((Node *) analyzed->jointree))
		return false;

	/* a column of a table read at this level: not through a subquery */
	var = (Var *) tle->expr;
	if (var->varlevelsup != 0 || var->varattno <= 0)
		return false;
	rte = rt_fetch(var->varno, analyzed->rtable);
	if (rte->rtekind != RTE_RELATION)
		return false;

	tuple = SearchSysCache2(ATTNUM, ObjectIdGetDatum(rte->relid),
							Int16GetDatum(var->varattno));
	if (!HeapTupleIsValid(tuple))
		return false;
	not_null = ((Form_pg_attribute) GETSTRUCT(tuple))->attnotnull;
	ReleaseSysCache(tuple);
	return not_null;
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
 * Can no two rows of the query have the same keys?  Proven only for a plain
 * query over one table whose keys include every column of a unique,
 * immediate, non-partial index on plain NOT NULL columns.
 */
static bool
KeysAreUnique(Query *analyzed, PaginateKey *keys, int nkeys)
{
	RangeTblRef *ref;
	RangeTblEntry *rte;
	Relation	rel;
	List	   *indexes;
	ListCell   *lc;
	bool		unique = false;

	if (analyzed->setOperations != NULL || analyzed->groupClause != NIL ||
		analyzed->groupingSets != NIL || analyzed->hasAggs ||
		analyzed->hasTargetSRFs || analyzed->hasWindowFuncs ||
		analyzed->distinctClause != NIL || analyzed->havingQual != NULL ||
		analyzed->jointree == NULL ||
		list_length(analyzed->jointree->fromlist) != 1 ||
		!IsA(linitial(analyzed->jointree->fromlist), RangeTblRef))
		return false;

	ref = linitial_node(RangeTblRef, analyzed->jointree->fromlist);
	rte = rt_fetch(ref->rtindex, analyzed->rtable);
	/* an inheritance parent's unique index says nothing of its children */
	if (rte->rtekind != RTE_RELATION || rte->relkind != RELKIND_RELATION ||
		(rte->inh && has_subclass(rte->relid)))
		return false;

	rel = table_open(rte->relid, AccessShareLock);
	indexes = RelationGetIndexList(rel);
	foreach(lc, indexes)
	{
		Relation	index = index_open(lfirst_oid(lc), AccessShareLock);
		Form_pg_index form = index->rd_index;
		bool		covered = form->indisunique && form->indimmediate &&
			RelationGetIndexPredicate(index) == NIL &&
			RelationGetIndexExpressions(index) == NIL;
		int			c;

		for (c = 0; covered && c < form->indnkeyatts; c++)
		{
			AttrNumber	attnum = form->indkey.values[c];
			int			k;
			bool		found = false;

			for (k = 0; k < nkeys && !found; k++)
			{
				TargetEntry *tle = list_nth_node(TargetEntry, analyzed->targetList,
												 keys[k].column - 1);

				/* a case-insensitive collation can tie distinct values */
				found = (!OidIsValid(keys[k].collation) ||
						 get_collation_isdeterministic(keys[k].collation)) &&
					IsA(tle->expr, Var) &&
					((Var *) tle->expr)->varno == ref->rtindex &&
					((Var *) tle->expr)->varlevelsup == 0 &&
					((Var *) tle->expr)->varattno == attnum &&
					keys[k].not_null;
			}
			covered = found;
		}
		index_close(index, AccessShareLock);
		if (covered)
		{
			unique = true;
			break;
		}
	}
	list_free(indexes);
	table_close(rel, AccessShareLock);
	return unique;
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

/*
 * Can every output column be hashed by value (hash_record_extended)?  If not,
 * rows are hashed by their text.
 */
static bool
RowsHashBinary(Query *analyzed)
{
	ListCell   *lc;

	foreach(lc, analyzed->targetList)
	{
		TargetEntry *tle = lfirst_node(TargetEntry, lc);
		TypeCacheEntry *entry;

		if (tle->resjunk)
			continue;
		entry = lookup_type_cache(exprType((Node *) tle->expr),
								  TYPECACHE_HASH_EXTENDED_PROC);
		if (!OidIsValid(entry->hash_extended_proc))
			return false;
	}
	return true;
}
