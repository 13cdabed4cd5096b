/*
 * count.c
 *		The total of a result, in the four count modes.
 *
 *	exact		count(*) over the query, without its ORDER BY where that
 *				cannot change the count, so that counting never sorts
 *	planned		the planner's row estimate for the query
 *	estimated	exact up to paginate.count_threshold rows, counted with a
 *				cap of threshold + 1, and the planner's estimate above it
 *	none		no total
 */
#include "paginate.h"

#include <math.h>

#include "utils/array.h"

static int64 RunCount(PaginateCall *call, bool capped, int64 cap);
static int64 PlannedTotal(PaginateCall *call);

/*
 * Find the total of the call's query as its count mode says, into its
 * metadata.  Returns true when the total is exact.
 */
bool
PaginateCount(PaginateCall *call)
{
	PaginateMeta *meta = &call->meta;
	int64		capped;

	meta->has_total = true;
	meta->total_is_exact = true;

	switch (call->count)
	{
		case PAGINATE_COUNT_EXACT:
			meta->total = RunCount(call, false, 0);
			return true;

		case PAGINATE_COUNT_PLANNED:
			meta->total = PlannedTotal(call);
			meta->total_is_exact = false;
			return false;

		case PAGINATE_COUNT_ESTIMATED:
			capped = RunCount(call, true, (int64) paginate_count_threshold + 1);
			if (capped <= paginate_count_threshold)
			{
				meta->total = capped;
				return true;
			}
			/* there are more rows than the threshold, whatever the planner says */
			meta->total = Max(PlannedTotal(call), capped);
			meta->total_is_exact = false;
			return false;

		case PAGINATE_COUNT_NONE:
			meta->has_total = false;
			meta->total_is_exact = false;
			return false;
	}
	pg_unreachable();
}

/* Run count(*) over the query, capped at cap rows when capped. */
static int64
RunCount(PaginateCall *call, bool capped, int64 cap)
{
	PaginateStatementKind kind = capped ? PAGINATE_COUNT_CAPPED : PAGINATE_COUNT;
	ParamListInfo params;
	int64		total = 0;

	params = PaginateBindParams(call->query, call->params,
								PaginateExtraParams(call->query, kind));
	if (capped)
		PaginateSetInt64Param(params, call->query->nparams + 1, cap);
	PaginateRun(call->query, kind, params, NULL, PaginateTakeCount, &total);

	return total;
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
