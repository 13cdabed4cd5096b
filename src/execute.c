/*
 * execute.c
 *		Plan and run the statements of a call, all on one snapshot.
 *
 * Each statement built around a query is kept as a saved CachedPlanSource
 * (utils/cache/plancache.c) in the query's cache entry: analysed from its raw
 * tree the first time it is needed, planned as plan_cache_mode says, and
 * re-analysed when the objects it uses change.  Statements run through the
 * executor on the caller's active snapshot, so the count and the page of one
 * call see the same rows.  Rows go one by one to a callback, which streams
 * them to their destination (a tuplestore, a JSON array) instead of
 * collecting the result in memory.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/explain.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/plannodes.h"
#include "tcop/dest.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"

#include "internal.h"

/* A DestReceiver that hands each row to a PaginateRowCallback. */
typedef struct CallbackReceiver
{
	DestReceiver pub;
	PaginateStartCallback start;
	PaginateRowCallback row;
	void	   *arg;
	uint64		rows;
} CallbackReceiver;

static void QueryErrorCallback(void *arg);
static CachedPlanSource *Prepare(PaginateQuery *query, PaginateStatementKind kind,
								 PaginateShape shape);
static bool ReadsPage(PaginateStatementKind kind);
static CachedPlan *ChoosePlan(CachedPlanSource *source, PaginatePlanChoice *choice,
							  ParamListInfo params);
static bool SameShape(PlannedStmt *a, PlannedStmt *b);
static bool SamePlan(Plan *a, Plan *b);
static bool SamePlans(List *a, List *b);
static bool SameRelation(Plan *a, Plan *b);
static bool SameConditions(List *a, List *b);
static CachedPlan *GetPlan(PaginateQuery *query, PaginateStatementKind kind,
						   ParamListInfo params, PlannedStmt **planned);
static CachedPlan *OpenPlan(PaginateQuery *query, PaginateStatementKind kind,
							ParamListInfo params, PlannedStmt **planned,
							ErrorContextCallback *errcallback);
static void ClosePlan(CachedPlan *plan, ErrorContextCallback *errcallback);
static bool ReceiveSlot(TupleTableSlot *slot, DestReceiver *self);
static void ReceiverStartup(DestReceiver *self, int operation, TupleDesc typeinfo);
static void ReceiverNoop(DestReceiver *self);
static void ParamErrorCallback(void *arg);

/*
 * Bind the params array to the query's parameters $1..$n, each read with the
 * type the query gives it, and leave room for extra parameters after them.
 */
ParamListInfo
PaginateBindParams(PaginateQuery *query, ArrayType *params, int extra)
{
	ParamListInfo list = makeParamList(query->nparams + extra);
	Datum	   *values = NULL;
	bool	   *nulls = NULL;
	int			count = 0;
	int			i;

	if (params != NULL)
	{
		if (ARR_NDIM(params) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("params must be a one-dimensional array")));
		/* paginate_param[], or text[] (a 1.x function): both store text */
		deconstruct_array(params, ARR_ELEMTYPE(params), -1, false, TYPALIGN_INT,
						  &values, &nulls, &count);
	}

	if (count != query->nparams)
	{
		if (query->nparams == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("wrong number of params"),
					 errdetail_plural("The query has no parameters, but params has %d element.",
									  "The query has no parameters, but params has %d elements.",
									  count, count)));
		if (query->nparams == 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("wrong number of params"),
					 errdetail_plural("The query uses parameter $1, but params has %d element.",
									  "The query uses parameter $1, but params has %d elements.",
									  count, count)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("wrong number of params"),
				 errdetail_plural("The query uses parameters $1 to $%d, but params has %d element.",
								  "The query uses parameters $1 to $%d, but params has %d elements.",
								  count, query->nparams, count)));
	}

	list->numParams = query->nparams + extra;
	for (i = 0; i < query->nparams; i++)
	{
		ParamExternData *param = &list->params[i];
		ErrorContextCallback callback;

		param->ptype = query->param_types[i];
		param->pflags = PARAM_FLAG_CONST;
		param->isnull = nulls[i];
		param->value = (Datum) 0;
		if (!nulls[i])
		{
			Oid			input;
			Oid			ioparam;

			callback.callback = ParamErrorCallback;
			callback.arg = &i;
			callback.previous = error_context_stack;
			error_context_stack = &callback;

			getTypeInputInfo(param->ptype, &input, &ioparam);
			param->value = OidInputFunctionCall(input,
												TextDatumGetCString(values[i]),
												ioparam, -1);

			error_context_stack = callback.previous;
		}
	}
	for (i = query->nparams; i < query->nparams + extra; i++)
		PaginateSetInt64Param(list, i + 1, 0);

	return list;
}

/* Set the bigint parameter $number. */
void
PaginateSetInt64Param(ParamListInfo params, int number, int64 value)
{
	ParamExternData *param = &params->params[number - 1];

	param->ptype = INT8OID;
	param->pflags = PARAM_FLAG_CONST;
	param->isnull = false;
	param->value = Int64GetDatum(value);
}

/* Say which parameter a value was read for. */
static void
ParamErrorCallback(void *arg)
{
	errcontext("reading params[%d] as parameter $%d", *(int *) arg + 1,
			   *(int *) arg + 1);
}

/*
 * The statement of this kind and shape around the query: analysed and saved
 * the first time, from the cache entry after that.  The query keeps the
 * statements of its PAGINATE_SHAPES shapes used last of each kind (a walk
 * whose cursors have NULL keys, or another page size, builds another).
 */
static CachedPlanSource *
Prepare(PaginateQuery *query, PaginateStatementKind kind, PaginateShape shape)
{
	CachedPlanSource **statements = query->statements[kind];
	PaginateShape *shapes = query->shapes[kind];
	PaginatePlanChoice *plans = query->plans[kind];
	CachedPlanSource *source;
	RawStmt    *stmt;
	int			nparams;
	Oid		   *types;
	List	   *analyzed;
	int			options;
	int			slot;
	int			i;

	/* the statement of this shape, moved to the front; or room there for it */
	for (slot = 0; slot < PAGINATE_SHAPES; slot++)
		if (statements[slot] != NULL && shapes[slot].limit == shape.limit &&
			shapes[slot].null_keys == shape.null_keys)
			break;
	if (slot == PAGINATE_SHAPES)
	{
		/* not built: the least recently used statement of the kind goes */
		slot = PAGINATE_SHAPES - 1;
		if (statements[slot] != NULL)
			DropCachedPlan(statements[slot]);
		statements[slot] = NULL;
	}
	source = statements[slot];
	memmove(&statements[1], &statements[0], sizeof(*statements) * slot);
	memmove(&shapes[1], &shapes[0], sizeof(*shapes) * slot);
	memmove(&plans[1], &plans[0], sizeof(*plans) * slot);
	statements[0] = source;
	shapes[0] = shape;
	if (source != NULL)
		return source;
	memset(&plans[0], 0, sizeof(*plans));

	nparams = query->nparams + PaginateExtraParams(query, kind);
	types = palloc(sizeof(Oid) * Max(nparams, 1));
	/* the query's own, then bigint: the limit, the offset, the cap... */
	for (i = 0; i < nparams; i++)
		types[i] = i < query->nparams ? query->param_types[i] : INT8OID;
	/* ... but the cursor's keys, of their types */
	if (PAGINATE_COMPARES_KEYS(query, kind))
		for (i = 0; i < query->nkeys; i++)
			types[PAGINATE_PARAM_KEY(query, i) - 1] = query->keys[i].type;

	stmt = PaginateWrap(query, kind, shape);
	source = CreateCachedPlan(stmt, query->text, CMDTAG_SELECT);
	analyzed = pg_analyze_and_rewrite_fixedparams(stmt, query->text, types,
												  nparams, NULL);

	/*
	 * A statement that compares with a cursor runs its ranges in an Append,
	 * which runs them in order unless it is a Parallel Append: no parallel
	 * plan for it.  Where it is built for the cursor's NULL keys
	 * (PaginateShapedByNulls), its ranges are conditions an index serves
	 * whatever the values, and it is planned once for every cursor of that
	 * shape (a generic plan: the same index range scans at any depth;
	 * PostgreSQL's own choice between generic and custom plans went by
	 * estimates that differ with the cursor, and planned a deep page for
	 * every call), unless it is a page with its LIMIT as a parameter (a query
	 * whose rows can be copies), which a generic plan would take for a tenth
	 * of the rows.  The others are planned for the cursor's values every time
	 * (a custom plan), or PostgreSQL chooses.  A statement that reads a page
	 * and would be planned for each call's values is planned so until
	 * ChoosePlan finds that its generic plan is the one the values get.
	 */
	if (!PAGINATE_COMPARES_KEYS(query, kind))
		options = CURSOR_OPT_PARALLEL_OK;
	else if (PaginateShapedByNulls(query, kind) &&
			 (shape.limit > 0 || kind == PAGINATE_TIES || kind == PAGINATE_COUNT_BEFORE))
		options = CURSOR_OPT_GENERIC_PLAN;
	else
		options = CURSOR_OPT_CUSTOM_PLAN;
	if (ReadsPage(kind) && !(options & CURSOR_OPT_GENERIC_PLAN))
	{
		plans[0].options = options;
		options |= CURSOR_OPT_CUSTOM_PLAN;
		plans[0].choosing = true;
	}
	CompleteCachedPlan(source, analyzed, NULL, types, nparams, NULL, NULL,
					   options, false);
	SaveCachedPlan(source);
	statements[0] = source;

	return source;
}

/* A plan of the statement for these parameter values. */
static CachedPlan *
GetPlan(PaginateQuery *query, PaginateStatementKind kind,
		ParamListInfo params, PlannedStmt **planned)
{
	CachedPlanSource *source = Prepare(query, kind,
									   PaginateStatementShape(query, kind, params));
	PaginatePlanChoice *choice = &query->plans[kind][0];
	CachedPlan *plan;

	if (choice->choosing && plan_cache_mode == PLAN_CACHE_MODE_AUTO)
		plan = ChoosePlan(source, choice, params);
	else
		plan = GetCachedPlan(source, params, CurrentResourceOwner, NULL);

	if (list_length(plan->stmt_list) != 1)
		elog(ERROR, "paginate statement planned into %d statements",
			 list_length(plan->stmt_list));
	*planned = linitial_node(PlannedStmt, plan->stmt_list);

	/* A view's FOR UPDATE shows only once the view is expanded: here. */
	if ((*planned)->rowMarks != NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("query must not use FOR UPDATE or FOR SHARE"),
				 errdetail("A view the query reads locks rows; paginate only reads.")));
	return plan;
}

/* Does a statement of this kind read a page's rows (or their keys)? */
static bool
ReadsPage(PaginateStatementKind kind)
{
	return kind == PAGINATE_PAGE_COLUMNS || kind == PAGINATE_PAGE_PROBE ||
		kind == PAGINATE_PAGE_LOOKUP ||
		kind == PAGINATE_AFTER_COLUMNS || kind == PAGINATE_AFTER_PROBE ||
		kind == PAGINATE_BEFORE_COLUMNS || kind == PAGINATE_BEFORE_PROBE ||
		kind == PAGINATE_LAST_COLUMNS || kind == PAGINATE_LAST_PROBE;
}

/*
 * A custom plan for the call's values, and the generic plan compared with
 * it.  A page's plan seldom depends on its limit, offset and keys: an index
 * scan in the query's order under a Limit, whatever the values.  Where it
 * does not, planning every call is work thrown away; where it does (a page
 * deep enough for a sort to be cheaper, a condition that folds away for a
 * NULL), the generic plan, made for a tenth of the rows and for any value,
 * is another plan.  So the statement keeps custom plans until
 * its first PLAN_AGREEMENTS custom plans have had the generic plan's shape
 * (the same nodes, scanning the same relations by the same indexes under the
 * same conditions), and from then on runs the generic plan; the first custom
 * plan of another shape gives the statement its own options back, and
 * PostgreSQL chooses for it as it did before (by cost, after five custom
 * plans, unless the statement is always planned for its values), for as long
 * as the statement lives (a change to what the query reads makes its
 * statements anew).  A call of paginate_explain counts as a call.
 * plan_cache_mode other than auto decides instead, as for any statement.
 */
#define PLAN_AGREEMENTS 3

static CachedPlan *
ChoosePlan(CachedPlanSource *source, PaginatePlanChoice *choice,
		   ParamListInfo params)
{
	CachedPlan *plan = GetCachedPlan(source, params, CurrentResourceOwner, NULL);
	CachedPlan *generic = GetCachedPlan(source, NULL, CurrentResourceOwner, NULL);

	/* the generic plan is only looked at: paginate_cache() counts plans run */
	source->num_generic_plans--;
	if (list_length(plan->stmt_list) == 1 && list_length(generic->stmt_list) == 1 &&
		SameShape(linitial_node(PlannedStmt, plan->stmt_list),
				  linitial_node(PlannedStmt, generic->stmt_list)))
	{
		if (++choice->agreed == PLAN_AGREEMENTS)
		{
			source->cursor_options &= ~CURSOR_OPT_CUSTOM_PLAN;
			source->cursor_options |= CURSOR_OPT_GENERIC_PLAN;
			choice->choosing = false;
		}
	}
	else
	{
		/* the statement's own options again: PostgreSQL chooses, as before */
		source->cursor_options = choice->options;
		choice->choosing = false;
	}
	ReleaseCachedPlan(generic, CurrentResourceOwner);
	return plan;
}

/* Are two plans of one statement the same but for their values and costs? */
static bool
SameShape(PlannedStmt *a, PlannedStmt *b)
{
	return SamePlan(a->planTree, b->planTree) && SamePlans(a->subplans, b->subplans);
}

/*
 * Are two plan trees the same but for their values and costs: node by node,
 * the same kind of node over the same relation and index, in the same
 * direction, under conditions of the same number and kinds, with the same
 * children?  (Long: a case for each kind of node that has more than its
 * children to compare.)
 */
static bool
SamePlan(Plan *a, Plan *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	check_stack_depth();
	if (nodeTag(a) != nodeTag(b) || a->parallel_aware != b->parallel_aware ||
		!SameConditions(a->qual, b->qual) ||
		!SamePlan(a->lefttree, b->lefttree) || !SamePlan(a->righttree, b->righttree) ||
		list_length(a->initPlan) != list_length(b->initPlan))
		return false;
	switch (nodeTag(a))
	{
		case T_SeqScan:
		case T_SampleScan:
		case T_TidScan:
		case T_TidRangeScan:
		case T_FunctionScan:
		case T_ValuesScan:
		case T_CteScan:
		case T_WorkTableScan:
		case T_BitmapHeapScan:
			return SameRelation(a, b);
		case T_IndexScan:
			return SameRelation(a, b) &&
				((IndexScan *) a)->indexid == ((IndexScan *) b)->indexid &&
				((IndexScan *) a)->indexorderdir == ((IndexScan *) b)->indexorderdir &&
				SameConditions(((IndexScan *) a)->indexqual, ((IndexScan *) b)->indexqual) &&
				SameConditions(((IndexScan *) a)->indexorderby, ((IndexScan *) b)->indexorderby);
		case T_IndexOnlyScan:
			return SameRelation(a, b) &&
				((IndexOnlyScan *) a)->indexid == ((IndexOnlyScan *) b)->indexid &&
				((IndexOnlyScan *) a)->indexorderdir == ((IndexOnlyScan *) b)->indexorderdir &&
				SameConditions(((IndexOnlyScan *) a)->indexqual,
							   ((IndexOnlyScan *) b)->indexqual);
		case T_BitmapIndexScan:
			return SameRelation(a, b) &&
				((BitmapIndexScan *) a)->indexid == ((BitmapIndexScan *) b)->indexid &&
				SameConditions(((BitmapIndexScan *) a)->indexqual,
							   ((BitmapIndexScan *) b)->indexqual);
		case T_SubqueryScan:
			return SameRelation(a, b) &&
				SamePlan(((SubqueryScan *) a)->subplan, ((SubqueryScan *) b)->subplan);
		case T_Append:
			return SamePlans(((Append *) a)->appendplans, ((Append *) b)->appendplans);
		case T_MergeAppend:
			return SamePlans(((MergeAppend *) a)->mergeplans, ((MergeAppend *) b)->mergeplans);
		case T_BitmapAnd:
			return SamePlans(((BitmapAnd *) a)->bitmapplans, ((BitmapAnd *) b)->bitmapplans);
		case T_BitmapOr:
			return SamePlans(((BitmapOr *) a)->bitmapplans, ((BitmapOr *) b)->bitmapplans);
		case T_NestLoop:
		case T_MergeJoin:
		case T_HashJoin:
			return ((Join *) a)->jointype == ((Join *) b)->jointype &&
				SameConditions(((Join *) a)->joinqual, ((Join *) b)->joinqual);
		case T_Agg:
			return ((Agg *) a)->aggstrategy == ((Agg *) b)->aggstrategy;
		case T_Gather:
			return ((Gather *) a)->num_workers == ((Gather *) b)->num_workers;
		case T_GatherMerge:
			return ((GatherMerge *) a)->num_workers == ((GatherMerge *) b)->num_workers;
		case T_Result:
			/* a condition on the values alone, a one-time filter */
			return (((Result *) a)->resconstantqual == NULL) ==
				(((Result *) b)->resconstantqual == NULL);
		case T_CustomScan:
		case T_ForeignScan:
			/* what they run is theirs to decide, by the values */
			return false;
		default:

			/*
			 * Limit, Sort, Material, Unique, WindowAgg...: their children
			 */
			return true;
	}
}

/* Do two scans read the same entry of the range table? */
static bool
SameRelation(Plan *a, Plan *b)
{
	return ((Scan *) a)->scanrelid == ((Scan *) b)->scanrelid;
}

/* Are two lists of plans pairwise the same? */
static bool
SamePlans(List *a, List *b)
{
	int			i;

	if (list_length(a) != list_length(b))
		return false;
	for (i = 0; i < list_length(a); i++)
		if (!SamePlan((Plan *) list_nth(a, i), (Plan *) list_nth(b, i)))
			return false;
	return true;
}

/*
 * Are two lists of conditions alike: as many, each of the same kind of node
 * (a value that folds a condition away, or turns an OR into one of its arms,
 * changes them)?
 */
static bool
SameConditions(List *a, List *b)
{
	int			i;

	if (list_length(a) != list_length(b))
		return false;
	for (i = 0; i < list_length(a); i++)
		if (nodeTag(list_nth(a, i)) != nodeTag(list_nth(b, i)))
			return false;
	return true;
}

/*
 * Run a statement to completion on the active snapshot: start is told its
 * columns, then row is handed each row.  Returns the number of rows.
 */
uint64
PaginateRun(PaginateQuery *query, PaginateStatementKind kind,
			ParamListInfo params, PaginateStartCallback start,
			PaginateRowCallback row, void *arg)
{
	CachedPlan *plan;
	PlannedStmt *planned;
	QueryDesc  *desc;
	CallbackReceiver receiver;
	ErrorContextCallback errcallback;

	plan = OpenPlan(query, kind, params, &planned, &errcallback);

	memset(&receiver, 0, sizeof(receiver));
	receiver.pub.receiveSlot = ReceiveSlot;
	receiver.pub.rStartup = ReceiverStartup;
	receiver.pub.rShutdown = ReceiverNoop;
	receiver.pub.rDestroy = ReceiverNoop;
	receiver.pub.mydest = DestNone;
	receiver.start = start;
	receiver.row = row;
	receiver.arg = arg;

	desc = CreateQueryDesc(planned, query->text,
						   GetActiveSnapshot(), InvalidSnapshot,
						   &receiver.pub, params, NULL, 0);
	ExecutorStart(desc, 0);
	ExecutorRun(desc, ForwardScanDirection, 0);
	ExecutorFinish(desc);
	ExecutorEnd(desc);
	FreeQueryDesc(desc);

	ClosePlan(plan, &errcallback);

	return receiver.rows;
}

/* The planner's estimate of the rows of the query. */
double
PaginatePlannedRows(PaginateQuery *query, ParamListInfo params)
{
	CachedPlan *plan;
	PlannedStmt *planned;
	double		rows;
	ErrorContextCallback errcallback;

	plan = OpenPlan(query, PAGINATE_UNORDERED, params, &planned, &errcallback);
	/* an estimate of rows the caller may not read is not theirs to see */
	ExecCheckPermissions(planned->rtable, planned->permInfos, true);
	rows = planned->planTree->plan_rows;
	ClosePlan(plan, &errcallback);

	return rows;
}

/* Append the EXPLAIN of a statement, as these parameters would run it. */
void
PaginateExplain(PaginateQuery *query, PaginateStatementKind kind,
				ParamListInfo params, StringInfo out)
{
	CachedPlan *plan;
	PlannedStmt *planned;
	ExplainState *es = NewExplainState();
	ErrorContextCallback errcallback;

	plan = OpenPlan(query, kind, params, &planned, &errcallback);

	es->format = EXPLAIN_FORMAT_TEXT;
	ExplainBeginOutput(es);
	ExplainPlannedStatement(planned, es, query->text, params);
	ExplainEndOutput(es);
	appendBinaryStringInfo(out, es->str->data, es->str->len);

	ClosePlan(plan, &errcallback);
}

/*
 * The plan of a statement, from the errors of which on (until ClosePlan)
 * are errors in the caller's query.
 */
static CachedPlan *
OpenPlan(PaginateQuery *query, PaginateStatementKind kind,
		 ParamListInfo params, PlannedStmt **planned,
		 ErrorContextCallback *errcallback)
{
	PaginatePushQueryContext(query, errcallback);
	return GetPlan(query, kind, params, planned);
}

/* Done with a plan of OpenPlan. */
static void
ClosePlan(CachedPlan *plan, ErrorContextCallback *errcallback)
{
	ReleaseCachedPlan(plan, CurrentResourceOwner);
	PaginatePopQueryContext(errcallback);
}

/* Hand one row to the callback. */
static bool
ReceiveSlot(TupleTableSlot *slot, DestReceiver *self)
{
	CallbackReceiver *receiver = (CallbackReceiver *) self;

	receiver->rows++;
	if (receiver->row != NULL)
		receiver->row(slot, receiver->arg);
	return true;
}

/* Tell the callback the columns of the rows to come. */
static void
ReceiverStartup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
	CallbackReceiver *receiver = (CallbackReceiver *) self;

	if (receiver->start != NULL)
		receiver->start(typeinfo, receiver->arg);
}

/* Nothing to tear down. */
static void
ReceiverNoop(DestReceiver *self)
{
}

/*
 * Report errors raised while the caller's query is parsed, planned or run as
 * errors in that query: a position becomes a position in its text.
 */
void
PaginatePushQueryContext(PaginateQuery *query, ErrorContextCallback *callback)
{
	callback->callback = QueryErrorCallback;
	callback->arg = (void *) query->text;
	callback->previous = error_context_stack;
	error_context_stack = callback;
}

/* Undo PaginatePushQueryContext. */
void
PaginatePopQueryContext(ErrorContextCallback *callback)
{
	error_context_stack = callback->previous;
}

/* Point an error's position into the caller's query, as SPI does. */
static void
QueryErrorCallback(void *arg)
{
	const char *text = (const char *) arg;
	int			position = geterrposition();

	if (position > 0)
	{
		errposition(0);
		internalerrposition(position);
		internalerrquery(text);
	}
	else
		errcontext("paginated query: %s", text);
}
