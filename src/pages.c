/*
 * pages.c
 *		paginate_pages: the page numbers a pagination widget shows.
 *
 * The numbers are those of Flask-SQLAlchemy's Pagination.iter_pages (3.x),
 * so a template written for it can be fed from the database unchanged: the
 * first left_edge pages; the pages from left_current before the current
 * page to right_current after it; the last right_edge pages; a NULL where
 * numbers are skipped.  It keeps iter_pages' behaviour in the corners too:
 *
 *	- it stops after the middle run when that reaches the last page, so a
 *	  page past the last one shows the left edge and one NULL;
 *	- the NULL before the right edge comes whenever the right edge does not
 *	  start right after the middle run, even when the middle run is empty
 *	  because the left edge already passed the current page, and then the
 *	  right edge can repeat numbers of the left edge (left_edge 5,
 *	  right_current 0, right_edge 4 on page 1 of 7: 1 2 3 4 5 NULL 4 5 6 7).
 *
 * A total that is a lower bound (the capped count mode) has no last page:
 * the numbers go as far as the pages the bound proves, and end in a NULL
 * where the right edge would be, for "more pages" (GitLab's widget without
 * a last page).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"

#include "internal.h"

PG_FUNCTION_INFO_V1(paginate_pages);

/* The defaults of iter_pages, taken when an argument is NULL. */
#define DEFAULT_LEFT_EDGE		2
#define DEFAULT_LEFT_CURRENT	2
#define DEFAULT_RIGHT_CURRENT	4
#define DEFAULT_RIGHT_EDGE		2

static int64 EdgeArgument(FunctionCallInfo fcinfo, int number,
						  const char *name, int32 default_value);
static void PutPages(Tuplestorestate *store, TupleDesc desc,
					 int64 from, int64 to);
static void PutGap(Tuplestorestate *store, TupleDesc desc);

/*
 * paginate_pages(pagination, left_edge, left_current, right_current,
 *		right_edge) returns setof integer
 *
 * The page numbers to show around the page, NULL for a gap.  It needs a page
 * number and a count of pages or a lower bound of the total: keyset-mode
 * metadata (page NULL) and metadata without a count (pages NULL) are errors.
 * (Long: argument checks, then Flask-SQLAlchemy's iter_pages loop, kept in
 * one piece so that it reads as theirs does.)
 */
Datum
paginate_pages(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PaginateValue value;
	int64		left_edge;
	int64		left_current;
	int64		right_current;
	int64		right_edge;
	int64		pages_end;
	int64		left_end;
	int64		mid_start;
	int64		mid_end;
	int64		right_start;
	bool		open_end;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pagination must not be NULL")));
	left_edge = EdgeArgument(fcinfo, 1, "left_edge", DEFAULT_LEFT_EDGE);
	left_current = EdgeArgument(fcinfo, 2, "left_current", DEFAULT_LEFT_CURRENT);
	right_current = EdgeArgument(fcinfo, 3, "right_current", DEFAULT_RIGHT_CURRENT);
	right_edge = EdgeArgument(fcinfo, 4, "right_edge", DEFAULT_RIGHT_EDGE);

	PaginateReadValue(PG_GETARG_HEAPTUPLEHEADER(0), &value);
	if (!value.has_page)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pagination has no page number"),
				 errdetail("Its page field is NULL: it describes a page asked for with a cursor."),
				 errhint("Page numbers need a page asked for by number; link the pages around a cursor page with its start_cursor and end_cursor.")));
	open_end = value.total_is_lower_bound && value.has_total &&
		value.has_per_page && value.per_page > 0 && value.total >= 0;
	if (!value.has_pages && !open_end)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pagination has no number of pages"),
				 errdetail("Its pages field is NULL: the total was not counted."),
				 errhint("Get the metadata with count 'exact', 'estimated', 'capped' or 'planned', not 'none'.")));
	/* more rows than total: the pages up to row total + 1 exist */
	if (open_end)
		value.pages = (int32) Min(value.total / value.per_page + 1, (int64) PG_INT32_MAX);
	if (value.page < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid page number in pagination: %d", value.page),
				 errdetail("Pages are numbered from 1.")));
	if (value.pages < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid number of pages in pagination: %d", value.pages),
				 errdetail("The number of pages cannot be negative.")));

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);

	/* iter_pages, step by step; ranges are [start, end) */
	pages_end = (int64) value.pages + 1;
	if (pages_end == 1)
		return (Datum) 0;

	left_end = Min(1 + left_edge, pages_end);
	PutPages(rsinfo->setResult, rsinfo->setDesc, 1, left_end);
	if (left_end == pages_end && !open_end)
		return (Datum) 0;

	mid_start = Max(left_end, value.page - left_current);
	mid_end = Min(value.page + right_current + 1, pages_end);
	if (mid_start > left_end)
		PutGap(rsinfo->setResult, rsinfo->setDesc);
	PutPages(rsinfo->setResult, rsinfo->setDesc, mid_start, mid_end);
	if (open_end)
	{
		/* no right edge: a NULL for the pages after, unless one just came */
		if (mid_end > mid_start || mid_start == left_end)
			PutGap(rsinfo->setResult, rsinfo->setDesc);
		return (Datum) 0;
	}
	if (mid_end == pages_end)
		return (Datum) 0;

	right_start = Max(mid_end, pages_end - right_edge);
	if (right_start > mid_end)
		PutGap(rsinfo->setResult, rsinfo->setDesc);
	PutPages(rsinfo->setResult, rsinfo->setDesc, right_start, pages_end);

	return (Datum) 0;
}

/* An edge argument: its default when NULL, an error when negative. */
static int64
EdgeArgument(FunctionCallInfo fcinfo, int number, const char *name,
			 int32 default_value)
{
	int32		value;

	if (PG_ARGISNULL(number))
		return default_value;
	value = PG_GETARG_INT32(number);
	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative", name),
				 errdetail("%s is %d.", name, value),
				 errhint("It is how many page numbers to show; 0 shows none.")));
	return value;
}

/* Return the page numbers from up to (not including) to. */
static void
PutPages(Tuplestorestate *store, TupleDesc desc, int64 from, int64 to)
{
	int64		page;

	for (page = from; page < to; page++)
	{
		Datum		value = Int32GetDatum((int32) page);
		bool		isnull = false;

		CHECK_FOR_INTERRUPTS();
		tuplestore_putvalues(store, desc, &value, &isnull);
	}
}

/* Return a NULL: numbers are skipped here. */
static void
PutGap(Tuplestorestate *store, TupleDesc desc)
{
	Datum		value = (Datum) 0;
	bool		isnull = true;

	tuplestore_putvalues(store, desc, &value, &isnull);
}
