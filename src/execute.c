/*
 * execute.c
 *		Plan and run the statements of a call, all on one snapshot.
 *
 * Statements are kept as CachedPlanSources (utils/cache/plancache.c), built
 * from the raw trees of wrap.c, so planning follows plan_cache_mode and a
 * plan is re-analysed from its raw tree when the objects it uses change.
 * Statements run through the executor with the caller's active snapshot:
 * the count and the page of one call see the same rows.  Rows go one by one
 * to a callback, which streams them to their destination (a tuplestore, a
 * JSON array) instead of collecting the result in memory.
 */
#include "paginate.h"

#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "tcop/dest.h"
#include "tcop/tcopprot.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
#include "utils/snapmgr.h"

struct PaginateStatement
{
	PaginateQuery *query;		/* the query it was built around */
	CachedPlanSource *source;
};

/* A DestReceiver that hands each row to a PaginateRowCallback. */
typedef struct CallbackReceiver
{
	DestReceiver pub;
	PaginateRowCallback callback;
	void	   *arg;
	uint64		rows;
} CallbackReceiver;

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
		deconstruct_array(params, TEXTOID, -1, false, TYPALIGN_INT,
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
 * Analyse a statement built around the query and get it ready to plan; the
 * query's parameter types are fixed, and its extra parameters are bigints.
 */
PaginateStatement *
PaginatePrepare(PaginateQuery *query, RawStmt *stmt, int extra_params)
{
	PaginateStatement *statement = palloc0(sizeof(PaginateStatement));
	int			nparams = query->nparams + extra_params;
	Oid		   *types = palloc(sizeof(Oid) * Max(nparams, 1));
	ErrorContextCallback callback;
	List	   *analyzed;
	int			i;

	for (i = 0; i < nparams; i++)
		types[i] = i < query->nparams ? query->param_types[i] : INT8OID;

	statement->query = query;
	PaginateEnterQuery(query, &callback);
	statement->source = CreateCachedPlan(stmt, query->text, CMDTAG_SELECT);
	analyzed = pg_analyze_and_rewrite_fixedparams(stmt, query->text, types,
												  nparams, NULL);
	CompleteCachedPlan(statement->source, analyzed, NULL, types, nparams,
					   NULL, NULL, CURSOR_OPT_PARALLEL_OK, false);
	PaginateLeaveQuery(&callback);

	return statement;
}

/* The columns a prepared statement returns. */
TupleDesc
PaginateStatementColumns(PaginateStatement *statement)
{
	return statement->source->resultDesc;
}

/*
 * Run a statement to completion on the active snapshot, handing each row to
 * callback; return the number of rows.
 */
uint64
PaginateRun(PaginateStatement *statement, ParamListInfo params,
			PaginateRowCallback callback, void *arg)
{
	CachedPlan *plan;
	PlannedStmt *planned;
	QueryDesc  *desc;
	CallbackReceiver receiver;
	ErrorContextCallback errcallback;

	PaginateEnterQuery(statement->query, &errcallback);
	plan = GetCachedPlan(statement->source, params, NULL, NULL);
	if (list_length(plan->stmt_list) != 1)
		elog(ERROR, "paginate statement planned into %d statements",
			 list_length(plan->stmt_list));
	planned = linitial_node(PlannedStmt, plan->stmt_list);

	memset(&receiver, 0, sizeof(receiver));
	receiver.pub.receiveSlot = ReceiveSlot;
	receiver.pub.rStartup = ReceiverStartup;
	receiver.pub.rShutdown = ReceiverNoop;
	receiver.pub.rDestroy = ReceiverNoop;
	receiver.pub.mydest = DestNone;
	receiver.callback = callback;
	receiver.arg = arg;

	desc = CreateQueryDesc(planned, statement->source->query_string,
						   GetActiveSnapshot(), InvalidSnapshot,
						   &receiver.pub, params, NULL, 0);
	ExecutorStart(desc, 0);
	ExecutorRun(desc, ForwardScanDirection, 0, true);
	ExecutorFinish(desc);
	ExecutorEnd(desc);
	FreeQueryDesc(desc);

	ReleaseCachedPlan(plan, NULL);
	PaginateLeaveQuery(&errcallback);

	return receiver.rows;
}

/* The planner's estimate of the rows a statement returns. */
double
PaginatePlannedRows(PaginateStatement *statement, ParamListInfo params)
{
	CachedPlan *plan;
	PlannedStmt *planned;
	double		rows;
	ErrorContextCallback errcallback;

	PaginateEnterQuery(statement->query, &errcallback);
	plan = GetCachedPlan(statement->source, params, NULL, NULL);
	planned = linitial_node(PlannedStmt, plan->stmt_list);
	/* an estimate of rows the caller may not read is not theirs to see */
	ExecCheckRTPerms(planned->rtable, true);
	rows = planned->planTree->plan_rows;
	ReleaseCachedPlan(plan, NULL);
	PaginateLeaveQuery(&errcallback);

	return rows;
}

/* Free what a statement holds. */
void
PaginateRelease(PaginateStatement *statement)
{
	DropCachedPlan(statement->source);
	pfree(statement);
}

/* Hand one row to the callback. */
static bool
ReceiveSlot(TupleTableSlot *slot, DestReceiver *self)
{
	CallbackReceiver *receiver = (CallbackReceiver *) self;

	receiver->rows++;
	if (receiver->callback != NULL)
		receiver->callback(slot, receiver->arg);
	return true;
}

/* Nothing to set up: the callback's state is ready before the run. */
static void
ReceiverStartup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

/* Nothing to tear down. */
static void
ReceiverNoop(DestReceiver *self)
{
}
