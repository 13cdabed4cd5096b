/*
 * meta.c
 *		The metadata of a page: the pagination type and its JSON form.
 *
 * The page-number fields follow Flask-SQLAlchemy's Pagination: pages is
 * ceil(total / per_page) and 0 for no rows, has_prev is page > 1, first and
 * last are the 1-based positions of the page's rows and 0 for an empty page.
 * has_next is what the page itself showed (one row more than the page was
 * fetched), so it is exact whatever the count mode.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "utils/builtins.h"
#include "utils/typcache.h"

#include "internal.h"

/* The fields of the pagination type, in its order. */
enum
{
	FIELD_PAGE,
	FIELD_PER_PAGE,
	FIELD_TOTAL,
	FIELD_TOTAL_IS_EXACT,
	FIELD_PAGES,
	FIELD_HAS_PREV,
	FIELD_HAS_NEXT,
	FIELD_PREV_PAGE,
	FIELD_NEXT_PAGE,
	FIELD_FIRST_ITEM,
	FIELD_LAST_ITEM,
	FIELD_START_CURSOR,
	FIELD_END_CURSOR,
	FIELD_TOTAL_IS_LOWER_BOUND, /* added in 2.0, so last */
	FIELD_COUNT
};

static const char *const field_names[FIELD_COUNT] = {
	"page", "per_page", "total", "total_is_exact", "pages", "has_prev",
	"has_next", "prev_page", "next_page", "first_item", "last_item",
	"start_cursor", "end_cursor", "total_is_lower_bound"
};

/*
 * The fields in the order jsonb keeps an object's keys (shorter first, then
 * bytewise), the order of the metadata's JSON in both forms.
 */
static const int json_order[FIELD_COUNT] = {
	FIELD_PAGE, FIELD_PAGES, FIELD_TOTAL, FIELD_HAS_NEXT, FIELD_HAS_PREV,
	FIELD_PER_PAGE, FIELD_LAST_ITEM, FIELD_NEXT_PAGE, FIELD_PREV_PAGE,
	FIELD_END_CURSOR, FIELD_FIRST_ITEM, FIELD_START_CURSOR,
	FIELD_TOTAL_IS_EXACT, FIELD_TOTAL_IS_LOWER_BOUND
};

static void CheckFields(TupleDesc desc);
static void MetaValues(PaginateMeta *meta, Datum *values, bool *nulls);
static void ValueFromFields(Datum *values, bool *nulls, PaginateValue *value);

/*
 * The pagination type has the fields above, or, where the library is newer
 * than the extension's SQL objects (1.x's, before ALTER EXTENSION UPDATE),
 * all but the last, total_is_lower_bound, which 2.0 added.
 */
static void
CheckFields(TupleDesc desc)
{
	if (desc->natts != FIELD_COUNT && desc->natts != FIELD_TOTAL_IS_LOWER_BOUND)
		elog(ERROR, "pagination type has %d attributes, expected %d",
			 desc->natts, FIELD_COUNT);
}

/* The metadata as a row of the pagination type, described by desc. */
HeapTuple
PaginateMetaTuple(PaginateMeta *meta, TupleDesc desc)
{
	Datum		values[FIELD_COUNT];
	bool		nulls[FIELD_COUNT];

	CheckFields(desc);
	MetaValues(meta, values, nulls);
	/* (of 1.x's type, before ALTER EXTENSION UPDATE, the first 13) */
	return heap_form_tuple(desc, values, nulls);
}

/* Write the metadata as a JSON object, its keys in jsonb's order. */
void
PaginateMetaToJson(PaginateMeta *meta, PaginateJsonOut *out)
{
	Datum		values[FIELD_COUNT];
	bool		nulls[FIELD_COUNT];
	int			n;

	MetaValues(meta, values, nulls);

	PaginateJsonBeginObject(out);
	for (n = 0; n < FIELD_COUNT; n++)
	{
		int			i = json_order[n];

		PaginateJsonKey(out, field_names[i]);
		if (nulls[i])
		{
			PaginateJsonNull(out);
			continue;
		}
		switch (i)
		{
			case FIELD_TOTAL_IS_EXACT:
			case FIELD_TOTAL_IS_LOWER_BOUND:
			case FIELD_HAS_PREV:
			case FIELD_HAS_NEXT:
				PaginateJsonBool(out, DatumGetBool(values[i]));
				break;
			case FIELD_TOTAL:
			case FIELD_FIRST_ITEM:
			case FIELD_LAST_ITEM:
				PaginateJsonInteger(out, DatumGetInt64(values[i]));
				break;
			case FIELD_START_CURSOR:
				PaginateJsonString(out, meta->start_cursor);
				break;
			case FIELD_END_CURSOR:
				PaginateJsonString(out, meta->end_cursor);
				break;
			default:
				PaginateJsonInteger(out, DatumGetInt32(values[i]));
				break;
		}
	}
	PaginateJsonEndObject(out);
}

/*
 * Fill in the rows on the page and has_next from an exact total, for a call
 * that did not fetch the page.
 */
void
PaginateMetaFromTotal(PaginateMeta *meta, int64 offset)
{
	int64		after = meta->total - offset;

	meta->rows = after <= 0 ? 0 : Min(after, (int64) meta->per_page);
	meta->has_next = after > meta->per_page;
}

/*
 * Make a total that is not exact agree with what the page showed: past a
 * page with no next page the total is known exactly, and before a next page
 * there are at least that many rows (a lower bound: more than the page's
 * last row).
 */
void
PaginateMetaFromPage(PaginateMeta *meta, int64 offset)
{
	if (!meta->has_total)
		return;
	if (!meta->has_next && (meta->rows > 0 || offset == 0))
	{
		meta->total = offset + meta->rows;
		meta->total_is_exact = true;
		meta->total_is_lower_bound = false;
	}
	else if (meta->total_is_lower_bound)
	{
		/* more rows than total: than the page's last row, before a next row */
		if (meta->has_next)
			meta->total = Max(meta->total, offset + meta->rows);
	}
	else if (meta->has_next)
		meta->total = Max(meta->total, offset + meta->rows + 1);
	else
		meta->total = Min(meta->total, offset);
}

/* Work out every field of the pagination type from what the call saw. */
static void
MetaValues(PaginateMeta *meta, Datum *values, bool *nulls)
{
	int64		first_item;

	memset(nulls, false, sizeof(bool) * FIELD_COUNT);

	values[FIELD_PER_PAGE] = Int32GetDatum(meta->per_page);
	values[FIELD_HAS_PREV] = BoolGetDatum(meta->has_prev);
	values[FIELD_HAS_NEXT] = BoolGetDatum(meta->has_next);

	if (meta->has_total)
	{
		int64		pages = meta->total == 0 ? 0 :
		(meta->total - 1) / meta->per_page + 1;

		if (pages > PG_INT32_MAX && !meta->total_is_lower_bound)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("number of pages is out of range for type integer"),
					 errdetail("The total is " INT64_FORMAT " rows, at most %d on a page.",
							   meta->total, meta->per_page)));
		values[FIELD_TOTAL] = Int64GetDatum(meta->total);
		values[FIELD_TOTAL_IS_EXACT] = BoolGetDatum(meta->total_is_exact);
		values[FIELD_TOTAL_IS_LOWER_BOUND] = BoolGetDatum(meta->total_is_lower_bound);
		/* past a lower bound the last page is not known */
		values[FIELD_PAGES] = Int32GetDatum((int32) pages);
		nulls[FIELD_PAGES] = meta->total_is_lower_bound;
	}
	else
	{
		nulls[FIELD_TOTAL] = true;
		nulls[FIELD_TOTAL_IS_EXACT] = true;
		nulls[FIELD_TOTAL_IS_LOWER_BOUND] = true;
		nulls[FIELD_PAGES] = true;
	}

	if (meta->keyset)
	{
		nulls[FIELD_PAGE] = true;
		nulls[FIELD_PREV_PAGE] = true;
		nulls[FIELD_NEXT_PAGE] = true;
		nulls[FIELD_FIRST_ITEM] = true;
		nulls[FIELD_LAST_ITEM] = true;
	}
	else
	{
		values[FIELD_PAGE] = Int32GetDatum(meta->page);
		values[FIELD_PREV_PAGE] = Int32GetDatum(meta->page - 1);
		nulls[FIELD_PREV_PAGE] = !meta->has_prev;
		/* past page INT_MAX there is no page number to give */
		values[FIELD_NEXT_PAGE] = Int32GetDatum(meta->page < PG_INT32_MAX ?
												meta->page + 1 : 0);
		nulls[FIELD_NEXT_PAGE] = !meta->has_next || meta->page == PG_INT32_MAX;

		first_item = meta->rows == 0 ? 0 :
			(int64) (meta->page - 1) * meta->per_page + 1;
		values[FIELD_FIRST_ITEM] = Int64GetDatum(first_item);
		values[FIELD_LAST_ITEM] = Int64GetDatum(meta->rows == 0 ? 0 :
												first_item + meta->rows - 1);
	}

	values[FIELD_START_CURSOR] = meta->start_cursor ?
		CStringGetTextDatum(meta->start_cursor) : (Datum) 0;
	nulls[FIELD_START_CURSOR] = meta->start_cursor == NULL;
	values[FIELD_END_CURSOR] = meta->end_cursor ?
		CStringGetTextDatum(meta->end_cursor) : (Datum) 0;
	nulls[FIELD_END_CURSOR] = meta->end_cursor == NULL;
}

/*
 * Read a value of the pagination type, as SQL passes it back to paginate
 * (paginate_pages, paginate_headers).  Any field may be NULL in a value made
 * by hand; has_prev and has_next read NULL as false.
 */
void
PaginateReadValue(HeapTupleHeader row, PaginateValue *value)
{
	TupleDesc	desc;
	HeapTupleData tuple;
	Datum		values[FIELD_COUNT];
	bool		nulls[FIELD_COUNT];

	desc = lookup_rowtype_tupdesc(HeapTupleHeaderGetTypeId(row),
								  HeapTupleHeaderGetTypMod(row));
	CheckFields(desc);
	/* 1.x's type has no total_is_lower_bound: NULL, read as false */
	nulls[FIELD_TOTAL_IS_LOWER_BOUND] = true;

	tuple.t_len = HeapTupleHeaderGetDatumLength(row);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = row;
	heap_deform_tuple(&tuple, desc, values, nulls);
	ReleaseTupleDesc(desc);
	ValueFromFields(values, nulls, value);
}

/* The metadata as SQL would read it back (PaginateReadValue), for links. */
void
PaginateMetaValue(PaginateMeta *meta, PaginateValue *value)
{
	Datum		values[FIELD_COUNT];
	bool		nulls[FIELD_COUNT];

	MetaValues(meta, values, nulls);
	ValueFromFields(values, nulls, value);
}

/* A PaginateValue from the fields of a pagination value. */
static void
ValueFromFields(Datum *values, bool *nulls, PaginateValue *value)
{
	memset(value, 0, sizeof(PaginateValue));
	value->has_page = !nulls[FIELD_PAGE];
	if (value->has_page)
		value->page = DatumGetInt32(values[FIELD_PAGE]);
	value->has_per_page = !nulls[FIELD_PER_PAGE];
	if (value->has_per_page)
		value->per_page = DatumGetInt32(values[FIELD_PER_PAGE]);
	value->has_total = !nulls[FIELD_TOTAL];
	if (value->has_total)
		value->total = DatumGetInt64(values[FIELD_TOTAL]);
	value->total_is_lower_bound = !nulls[FIELD_TOTAL_IS_LOWER_BOUND] &&
		DatumGetBool(values[FIELD_TOTAL_IS_LOWER_BOUND]);
	value->has_pages = !nulls[FIELD_PAGES];
	if (value->has_pages)
		value->pages = DatumGetInt32(values[FIELD_PAGES]);
	value->has_prev = !nulls[FIELD_HAS_PREV] && DatumGetBool(values[FIELD_HAS_PREV]);
	value->has_next = !nulls[FIELD_HAS_NEXT] && DatumGetBool(values[FIELD_HAS_NEXT]);
	value->has_prev_page = !nulls[FIELD_PREV_PAGE];
	if (value->has_prev_page)
		value->prev_page = DatumGetInt32(values[FIELD_PREV_PAGE]);
	value->has_next_page = !nulls[FIELD_NEXT_PAGE];
	if (value->has_next_page)
		value->next_page = DatumGetInt32(values[FIELD_NEXT_PAGE]);
	value->has_items = !nulls[FIELD_FIRST_ITEM] && !nulls[FIELD_LAST_ITEM];
	if (value->has_items)
	{
		value->first_item = DatumGetInt64(values[FIELD_FIRST_ITEM]);
		value->last_item = DatumGetInt64(values[FIELD_LAST_ITEM]);
	}
	value->start_cursor = nulls[FIELD_START_CURSOR] ? NULL :
		TextDatumGetCString(values[FIELD_START_CURSOR]);
	value->end_cursor = nulls[FIELD_END_CURSOR] ? NULL :
		TextDatumGetCString(values[FIELD_END_CURSOR]);
}
