/*
 * support.c
 *		Planner support for paginate: how many rows a call returns.
 *
 * The planner takes a set-returning function to return 1000 rows unless told
 * otherwise, and plans a join with a page of 10 rows as a join with 1000.  A
 * page holds per_page rows at most, after the default and the cap: when that
 * argument is a constant (or left out, or NULL: the default), the planner is
 * told that number.  When it is a parameter of a generic plan (a driver's
 * prepared statement), the planner is told a page of the default size, as
 * for a call that leaves per_page out: told the function's 1000 rows, the
 * generic plan of the caller's statement would cost more than its custom
 * plans, and PostgreSQL would plan that statement again on every call.
 * Anything else (a column) leaves the function's own estimate.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "nodes/nodeFuncs.h"
#include "nodes/primnodes.h"
#include "nodes/supportnodes.h"
#include "utils/syscache.h"

#include "internal.h"

PG_FUNCTION_INFO_V1(paginate_support);

static int	ArgumentPosition(Oid funcid, const char *name);

/*
 * paginate_support(internal) returns internal: answers the planner's
 * SupportRequestRows for the paginate functions.
 */
Datum
paginate_support(PG_FUNCTION_ARGS)
{
	Node	   *request = (Node *) PG_GETARG_POINTER(0);
	SupportRequestRows *rows_request;
	FuncExpr   *call;
	Node	   *argument;
	Const	   *per_page;
	int			position;
	int64		rows;

	if (!IsA(request, SupportRequestRows))
		PG_RETURN_POINTER(NULL);
	rows_request = (SupportRequestRows *) request;
	if (rows_request->node == NULL || !IsA(rows_request->node, FuncExpr))
		PG_RETURN_POINTER(NULL);
	call = (FuncExpr *) rows_request->node;

	/*
	 * by the time rows are estimated, named and default arguments are in
	 * place
	 */
	position = ArgumentPosition(call->funcid, "per_page");
	if (position < 0 || position >= list_length(call->args))
		PG_RETURN_POINTER(NULL);
	argument = strip_implicit_coercions((Node *) list_nth(call->args, position));
	if (IsA(argument, Param) && ((Param *) argument)->paramkind == PARAM_EXTERN)
		per_page = NULL;
	else if (IsA(argument, Const))
		per_page = (Const *) argument;
	else
		PG_RETURN_POINTER(NULL);
	if (per_page == NULL || per_page->constisnull)
		rows = paginate_default_per_page;
	else if (per_page->consttype == INT8OID)
		rows = DatumGetInt64(per_page->constvalue);
	else if (per_page->consttype == INT4OID)	/* a 1.x function kept for a
												 * view */
		rows = DatumGetInt32(per_page->constvalue);
	else
		PG_RETURN_POINTER(NULL);
	if (paginate_max_per_page > 0 && rows > paginate_max_per_page)
		rows = paginate_max_per_page;
	/* a per_page below 1 is an error when the call runs */
	rows_request->rows = Max(rows, 1);
	PG_RETURN_POINTER(rows_request);
}

/* The position, from 0, of the function's argument of that name, or -1. */
static int
ArgumentPosition(Oid funcid, const char *name)
{
	HeapTuple	tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcid));
	Oid		   *types;
	char	  **names;
	char	   *modes;
	int			count;
	int			position = -1;
	int			i;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for function %u", funcid);
	count = get_func_arg_info(tuple, &types, &names, &modes);
	for (i = 0; names != NULL && i < count; i++)
	{
		if (names[i] != NULL && strcmp(names[i], name) == 0)
		{
			position = i;
			break;
		}
	}
	ReleaseSysCache(tuple);
	return position;
}
