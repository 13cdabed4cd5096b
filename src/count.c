/*
 * count.c
 *		The total of a result, in the four count modes.
 *
 *	exact		count(*) over the query, without its ORDER BY where that
 *				cannot change the count, so that counting never sorts
 *	planned		the planner's row estimate for the query
 *	estimated	exact up to paginate.count_threshold rows, counted with a
 *				cap of threshold + 1, and the planner's estimate above it
 *	capped		counted the same way, and above the threshold a lower bound:
 *				"more than threshold rows" (GitLab's "10,000+"), never the
 *				planner's guess
 *	none		no total
 *
 * In all but none, a page that shows the end of the result proves the
 * total, and no count runs (PageProvesTotal); in estimated and
 * capped, a page with a row after it that reaches past the threshold proves
 * that the result is over it, and the capped count does not run either.
 *
 * A count may be given a time budget (paginate.count_timeout, or the call's
 * count_timeout): one that runs past it is abandoned, and the total is the
 * planner's.  It runs in a subtransaction, and the budget's timer asks the
 * backend to cancel the statement, as statement_timeout does; the cancel
 * that comes of it is caught, the subtransaction rolled back (its locks,
 * buffers and plans go with it), and the call goes on.
 */
#include "postgres.h"

#include <math.h>

#include "access/xact.h"
#include "miscadmin.h"
#include "storage/latch.h"
#include "utils/array.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/timeout.h"

#include "internal.h"

/* The budget's timer, registered in this backend on first use, and its flag. */
static TimeoutId count_timeout_id = MAX_TIMEOUTS;
static volatile sig_atomic_t count_timed_out = false;

static bool PageProvesTotal(PaginateCall *call);
static bool CountWithin(PaginateCall *call, bool capped, int64 cap, int64 *total);
static void CountTimeoutHandler(void);
static int64 RunCount(PaginateCall *call, bool capped, int64 cap);
static ParamListInfo CountParams(PaginateCall *call, bool capped, int64 cap);
static int64 PlannedTotal(PaginateCall *call);
static bool UsePlanned(PaginateCall *call);
static bool PageProvesOverThreshold(PaginateCall *call);
static bool UseLowerBound(PaginateCall *call);

/*
 * What PaginateCount does in a call's count mode, decided in one place for
 * it and for paginate_explain (PaginateExplainCount).
 */
typedef struct CountPlan
{
	bool		page_may_prove; /* a page read first may prove the total, and
								 * then no count runs (PageProvesTotal) */
	bool		page_may_pass;	/* ... or prove the result is over the
								 * threshold (PageProvesOverThreshold) */
	PaginateStatementKind count;	/* the count that runs: PAGINATE_COUNT,
									 * PAGINATE_COUNT_UP_TO (capped at cap),
									 * or PAGINATE_STATEMENT_KINDS: none */
	int64		cap;
	bool		planned;		/* the planner's figure, instead of a count
								 * (planned) or above the cap (estimated) */
	bool		lower_bound;	/* above the cap, a lower bound (capped) */
} CountPlan;

/* Decide what the call's count mode runs (CountPlan). */
static void
PlanCount(PaginateCall *call, CountPlan *plan)
{
	memset(plan, 0, sizeof(CountPlan));
	plan->page_may_prove = call->count_mode != PAGINATE_COUNT_NONE &&
		(call->walk == PAGINATE_WALK_OFFSET || call->walk == PAGINATE_WALK_LAST);
	plan->page_may_pass = PaginatePageMayPassThreshold(call);
	plan->count = PAGINATE_STATEMENT_KINDS;
	switch (call->count_mode)
	{
		case PAGINATE_COUNT_EXACT:
			plan->count = PAGINATE_COUNT;
			break;
		case PAGINATE_COUNT_PLANNED:
			plan->planned = true;
			break;
		case PAGINATE_COUNT_ESTIMATED:
		case PAGINATE_COUNT_CAPPED:
			plan->count = PAGINATE_COUNT_UP_TO;
			plan->cap = (int64) paginate_count_threshold + 1;
			plan->planned = call->count_mode == PAGINATE_COUNT_ESTIMATED;
			plan->lower_bound = call->count_mode == PAGINATE_COUNT_CAPPED;
			break;
		case PAGINATE_COUNT_NONE:
			break;
	}
}

/*
 * Find the total of the call's query as its count mode says (PlanCount),
 * into its metadata.  Returns true when the total is exact.
 */
bool
PaginateCount(PaginateCall *call)
{
	PaginateMeta *meta = &call->meta;
	CountPlan	plan;
	int64		total;

	PlanCount(call, &plan);
	meta->has_total = true;
	meta->total_is_exact = true;
	meta->total_is_lower_bound = false;

	if (plan.page_may_prove && PageProvesTotal(call))
	{
		meta->total = call->offset + meta->rows;
		return true;
	}
	if (plan.page_may_pass && PageProvesOverThreshold(call))
		return plan.lower_bound ? UseLowerBound(call) : UsePlanned(call);
	if (call->count_mode == PAGINATE_COUNT_NONE)
	{
		meta->has_total = false;
		meta->total_is_exact = false;
		return false;
	}
	if (plan.count == PAGINATE_STATEMENT_KINDS)
		return UsePlanned(call);

	/* past the budget: the planner's figure */
	if (!CountWithin(call, plan.count == PAGINATE_COUNT_UP_TO, plan.cap, &total))
		return UsePlanned(call);
	if (plan.count == PAGINATE_COUNT || total < plan.cap)
	{
		meta->total = total;
		return true;
	}
	if (plan.lower_bound)
		return UseLowerBound(call);
	/* there are more rows than the threshold, whatever the planner says */
	meta->total = Max(PlannedTotal(call), total);
	meta->total_is_exact = false;
	return false;
}

/*
 * Has the call read a page that shows the end of the result: an offset page
 * with no row after it, that has rows or starts at the first row?  Then the
 * total is its offset and its rows (as Spring Data's PageableExecutionUtils
 * takes it).  So does the last page with no row before it (its offset is
 * 0).  A page past the end shows nothing of where the end is, and a keyset
 * page nothing of the rows before its cursor.
 */
static bool
PageProvesTotal(PaginateCall *call)
{
	if (!call->page_read)
		return false;
	if (call->walk == PAGINATE_WALK_LAST)
		return !call->meta.has_prev;
	return call->walk == PAGINATE_WALK_OFFSET &&
		!call->meta.has_next && (call->meta.rows > 0 || call->offset == 0);
}

/*
 * Has the call read an offset page in the estimated or capped mode whose
 * next row is past paginate.count_threshold rows?  Then the result has more
 * rows than the threshold, which is all the capped count would have found.
 */
static bool
PageProvesOverThreshold(PaginateCall *call)
{
	return PaginatePageMayPassThreshold(call) && call->page_read &&
		call->meta.has_next &&
		call->offset + call->meta.rows >= (int64) paginate_count_threshold;
}

/*
 * Could the call's page prove that the result is over the threshold of its
 * estimated or capped count: an offset page that ends past it?  Such a page
 * is read before counting (paginate_meta), and paginate_explain says so.
 */
bool
PaginatePageMayPassThreshold(PaginateCall *call)
{
	return (call->count_mode == PAGINATE_COUNT_ESTIMATED ||
			call->count_mode == PAGINATE_COUNT_CAPPED) &&
		call->walk == PAGINATE_WALK_OFFSET &&
		call->offset + call->per_page >= (int64) paginate_count_threshold;
}

/*
 * The result has more rows than the threshold: the total is a lower bound,
 * the threshold or, past a page with a row after it, the rows up to the end
 * of that page, and the result has more rows than it.  Returns false (not
 * exact).
 */
static bool
UseLowerBound(PaginateCall *call)
{
	PaginateMeta *meta = &call->meta;

	meta->total = paginate_count_threshold;
	if (call->page_read && call->walk == PAGINATE_WALK_OFFSET && meta->has_next)
		meta->total = Max(meta->total, call->offset + meta->rows);
	meta->total_is_exact = false;
	meta->total_is_lower_bound = true;
	return false;
}

/*
 * Run the count within the call's budget: true with the total, or false if
 * it ran past the budget and was abandoned.  Any other error, a cancel by
 * the user or statement_timeout among them, ends the call as before.
 */
static bool
CountWithin(PaginateCall *call, bool capped, int64 cap, int64 *total)
{
	MemoryContext context = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile bool done = false;

	if (count_timeout_id == MAX_TIMEOUTS && call->count_timeout > 0)
		count_timeout_id = RegisterTimeout(USER_TIMEOUT, CountTimeoutHandler);

	/*
	 * No budget; or this call runs inside a count that has one (a function
	 * the query calls pages too): that budget stays armed, and its cancel
	 * ends this count and the outer one together, caught by the outer.
	 */
	if (call->count_timeout <= 0 ||
		get_timeout_active(count_timeout_id))
	{
		*total = RunCount(call, capped, cap);
		return true;
	}

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(context);
	count_timed_out = false;
	PG_TRY();
	{
		enable_timeout_after(count_timeout_id, call->count_timeout);
		*total = RunCount(call, capped, cap);
		disable_timeout(count_timeout_id, false);
		/* the budget ran out as the count ended: its cancel is not needed */
		if (count_timed_out)
			QueryCancelPending = false;
		ReleaseCurrentSubTransaction();
		done = true;
	}
	PG_CATCH();
	{
		ErrorData  *error;

		disable_timeout(count_timeout_id, false);
		MemoryContextSwitchTo(context);
		error = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		/* the cancel the budget asked for, and no other */
		if (!count_timed_out || error->sqlerrcode != ERRCODE_QUERY_CANCELED ||
			error->message_id == NULL ||
			strcmp(error->message_id, "canceling statement due to user request") != 0)
			ReThrowError(error);
		FreeErrorData(error);
	}
	PG_END_TRY();
	MemoryContextSwitchTo(context);
	CurrentResourceOwner = owner;
	count_timed_out = false;
	return done;
}

/*
 * The budget ran out: ask for the statement to be cancelled, as the SIGINT
 * that statement_timeout sends does (a signal handler: flags only).
 */
static void
CountTimeoutHandler(void)
{
	count_timed_out = true;
	QueryCancelPending = true;
	InterruptPending = true;
	SetLatch(MyLatch);
}

/* The exact total of the call's query, whatever its count mode, no budget. */
int64
PaginateExactTotal(PaginateCall *call)
{
	return RunCount(call, false, 0);
}

/* Run count(*) over the query, capped at cap rows when capped. */
static int64
RunCount(PaginateCall *call, bool capped, int64 cap)
{
	int64		total = 0;

	PaginateRun(call->query, capped ? PAGINATE_COUNT_UP_TO : PAGINATE_COUNT,
				CountParams(call, capped, cap), NULL, PaginateTakeCount, &total);
	return total;
}

/* The parameters of the count: the query's, and the cap when capped. */
static ParamListInfo
CountParams(PaginateCall *call, bool capped, int64 cap)
{
	PaginateStatementKind kind = capped ? PAGINATE_COUNT_UP_TO : PAGINATE_COUNT;
	ParamListInfo params = PaginateBindParams(call->query, call->params,
											  PaginateExtraParams(call->query, kind));

	if (capped)
		PaginateSetInt64Param(params, PAGINATE_PARAM_CAP(call->query), cap);
	return params;
}

/*
 * For paginate_explain: what PaginateCount does in the call's count mode, a
 * line each (when a page read first makes it skip the count, as
 * PageProvesTotal and PageProvesOverThreshold say; the count it runs; what
 * stands in when that count cannot say), with the EXPLAIN of each statement
 * it runs or plans.
 */
void
PaginateExplainCount(PaginateCall *call, StringInfo out)
{
	PaginateQuery *query = call->query;
	ParamListInfo none = PaginateBindParams(query, call->params, 0);
	CountPlan	plan;

	PlanCount(call, &plan);
	if (plan.page_may_prove && call->walk == PAGINATE_WALK_OFFSET)
		appendStringInfoString(out, "-- count: skipped if the page shows the end (no row after it): total = offset + rows\n");
	if (plan.page_may_prove && call->walk == PAGINATE_WALK_LAST)
		appendStringInfoString(out, "-- count: skipped if the page shows the start (no row before it): total = rows\n");
	if (plan.page_may_pass)
		appendStringInfo(out, "-- count: skipped if the page has a row after it: more than %d rows\n",
						 paginate_count_threshold);
	if (call->count_mode == PAGINATE_COUNT_NONE)
		appendStringInfoString(out, "-- count: none\n");
	else if (plan.count == PAGINATE_STATEMENT_KINDS)
	{
		appendStringInfoString(out, "-- count: planned, the planner's figure (not run)\n");
		PaginateExplain(query, PAGINATE_UNORDERED, none, out);
	}
	else if (plan.count == PAGINATE_COUNT)
	{
		if (call->count_timeout > 0)
			appendStringInfo(out, "-- count: exact, abandoned after %d ms for the planner's figure\n",
							 call->count_timeout);
		else
			appendStringInfoString(out, "-- count: exact\n");
		PaginateExplain(query, PAGINATE_COUNT, CountParams(call, false, 0), out);
	}
	else
	{
		appendStringInfo(out, "-- count: %s, exact up to %d rows\n",
						 plan.lower_bound ? "capped" : "estimated",
						 paginate_count_threshold);
		if (call->count_timeout > 0)
			appendStringInfo(out, "-- (abandoned after %d ms for the planner's figure)\n",
							 call->count_timeout);
		PaginateExplain(query, PAGINATE_COUNT_UP_TO, CountParams(call, true, plan.cap), out);
		if (plan.lower_bound)
			appendStringInfo(out, "-- count: capped, above that \"more than %d\" (a lower bound, not run)\n",
							 paginate_count_threshold);
		else
		{
			appendStringInfoString(out, "-- count: estimated, the planner's figure above that\n");
			PaginateExplain(query, PAGINATE_UNORDERED, none, out);
		}
	}
}

/* The total is the planner's estimate, not exact: returns false. */
static bool
UsePlanned(PaginateCall *call)
{
	call->meta.total = PlannedTotal(call);
	call->meta.total_is_exact = false;
	return false;
}

/* The planner's estimate of the rows of the query. */
static int64
PlannedTotal(PaginateCall *call)
{
	double		rows;

	rows = PaginatePlannedRows(call->query,
							   PaginateBindParams(call->query, call->params, 0));
	if (rows >= (double) PG_INT64_MAX)
		return PG_INT64_MAX;
	return (int64) rint(rows);
}

/* Keep the one value a count(*) returns. */
void
PaginateTakeCount(TupleTableSlot *slot, void *arg)
{
	bool		isnull;
	Datum		value = slot_getattr(slot, 1, &isnull);

	*(int64 *) arg = isnull ? 0 : DatumGetInt64(value);
}
