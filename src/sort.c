/*
 * sort.c
 *		order_by: a sort an API's client chose, in PostgREST's syntax, put on
 *		the query's parse tree in place of its ORDER BY.
 *
 * order_by is a list of items separated by commas, each an output column
 * name of the query, then optionally .asc or .desc, then optionally
 * .nullsfirst or .nullslast: "created_at.desc.nullslast,id".  As in
 * PostgREST, a name is letters, digits, "_", "$" and spaces, in words joined
 * by "-", with the spaces around it dropped, or any text in double quotes,
 * where a backslash takes the next character as it is ("\"" is a quote).
 * It may also be an array of such items (text[], or an array literal
 * "{created_at.desc,id}" as drivers send a list), read as its elements
 * joined by commas.  An empty one ('', '{}') is no sort, as if order_by were
 * NULL (PostgREST answers an empty order= with an error; an API that wants
 * that can refuse '' itself).  Spaces and tabs may stand around items and
 * between a name and its .asc, as in PostgREST, and, unlike PostgREST,
 * after the last modifier too.
 *
 * The sort is checked against the query's output columns (each named once,
 * each of a type with a default ordering) and becomes the query's top-level
 * ORDER BY, each item a positional reference to its column: the names are
 * never parsed as SQL, and nothing of the text reaches other SQL text.  A
 * query whose LIMIT, OFFSET or DISTINCT ON picks its rows by its own ORDER
 * BY keeps it, inside a subquery that the sort orders.
 *
 * A sort has one canonical text (every name quoted, every direction and
 * NULLS placement spelled out), which keys the query cache and binds
 * cursors (cursor.c): a cursor of one sort is refused under another.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "internal.h"

/* The alias of the query under a sort that does not replace its ORDER BY. */
#define SORTED_ALIAS "paginate_sorted"

static void ArrayErrorCallback(void *arg);
static void ParseList(const char *list, List **items);
static const char *ParseItem(const char *item, const char *end,
							 PaginateSortItem *sort);
static bool ParseName(const char **at, const char *end, StringInfo name);
static bool IsNameChar(char c);
static bool TakeWord(const char **p, const char *end, const char *word);
pg_noreturn static void Malformed(const char *item, const char *end);
pg_noreturn static void EmptyItem(void);
static void AppendCanonical(StringInfo out, PaginateSortItem *item);

/*
 * Read an order_by argument (its text: an array arrives as its array
 * literal): its items, and its canonical text.  NULL when it names none.
 * (Long: one pass of a small parser, a case per character class, with the
 * error for each malformed item where it is found.)
 */
PaginateSort *
PaginateReadSort(const char *spec)
{
	PaginateSort *sort;
	List	   *items = NIL;
	StringInfoData canonical;
	ListCell   *a;
	ListCell   *b;
	const char *p = spec;

	while (*p == ' ' || *p == '\t')
		p++;
	/* an array's literal: {...}, or [lower:upper]={...} off the usual bounds */
	if (*p == '{' || *p == '[')
	{
		ErrorContextCallback callback;
		ArrayType  *array;
		Datum	   *values;
		bool	   *nulls;
		int			count;
		int			i;

		callback.callback = ArrayErrorCallback;
		callback.arg = NULL;
		callback.previous = error_context_stack;
		error_context_stack = &callback;
		array = DatumGetArrayTypeP(OidFunctionCall3(F_ARRAY_IN, CStringGetDatum(p),
													ObjectIdGetDatum(TEXTOID),
													Int32GetDatum(-1)));
		error_context_stack = callback.previous;

		if (ARR_NDIM(array) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("order_by must be a one-dimensional array"),
					 errdetail("The order_by array has %d dimensions.", ARR_NDIM(array))));
		deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT,
						  &values, &nulls, &count);
		for (i = 0; i < count; i++)
		{
			char	   *element;

			if (nulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("order_by must not hold a NULL"),
						 errdetail("Element %d of the order_by array is NULL.", i + 1)));
			element = TextDatumGetCString(values[i]);
			if (strspn(element, " \t") == strlen(element))
				EmptyItem();
			ParseList(element, &items);
		}
	}
	else
		ParseList(p, &items);

	if (items == NIL)
		return NULL;

	/* no query has more columns: a longer sort names one that is not there */
	if (list_length(items) > MaxTupleAttributeNumber)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("order_by has %d items, more than a query can have columns",
						list_length(items)),
				 errdetail("A query has at most %d columns.", MaxTupleAttributeNumber)));

	foreach(a, items)
	{
		PaginateSortItem *first = lfirst(a);

		CHECK_FOR_INTERRUPTS();
		for_each_cell(b, items, lnext(items, a))
		{
			PaginateSortItem *second = lfirst(b);

			if (strcmp(first->column, second->column) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("order_by names column \"%s\" twice", first->column),
						 errdetail("A column can be sorted by once.")));
		}
	}

	initStringInfo(&canonical);
	foreach(a, items)
	{
		if (canonical.len > 0)
			appendStringInfoChar(&canonical, ',');
		AppendCanonical(&canonical, lfirst(a));
	}

	sort = palloc(sizeof(PaginateSort));
	sort->items = items;
	sort->text = canonical.data;
	return sort;
}

/*
 * The raw parse tree of the query sorted by sort: its ORDER BY replaced, or,
 * where removing its ORDER BY would change its rows (keep is true), it in a
 * subquery.  analyzed is the query as it is: each item must name one of its
 * output columns, whose type can be sorted.  (Long: most of it is the four
 * errors an item can have, each with its detail.)
 */
RawStmt *
PaginateApplySort(RawStmt *raw, Query *analyzed, PaginateSort *sort, bool keep)
{
	List	   *order = NIL;
	ListCell   *cell;
	SelectStmt *select;
	RawStmt    *sorted;

	foreach(cell, sort->items)
	{
		PaginateSortItem *item = lfirst(cell);
		TargetEntry *found = NULL;
		ListCell   *tl;
		Oid			type;
		TypeCacheEntry *ops;

		foreach(tl, analyzed->targetList)
		{
			TargetEntry *tle = lfirst_node(TargetEntry, tl);

			if (tle->resjunk || tle->resname == NULL ||
				strcmp(tle->resname, item->column) != 0)
				continue;
			if (found != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("order_by column \"%s\" is ambiguous", item->column),
						 errdetail("The query has more than one column of that name.")));
			found = tle;
		}
		if (found == NULL)
		{
			StringInfoData names;

			initStringInfo(&names);
			foreach(tl, analyzed->targetList)
			{
				TargetEntry *tle = lfirst_node(TargetEntry, tl);

				if (tle->resjunk || tle->resname == NULL)
					continue;
				appendStringInfo(&names, "%s%s", names.len > 0 ? ", " : "",
								 quote_identifier(tle->resname));
			}
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("order_by column \"%s\" is not a column of the query",
							item->column),
					 errdetail("The query's columns are %s.", names.data)));
		}

		type = exprType((Node *) found->expr);
		ops = lookup_type_cache(type, TYPECACHE_LT_OPR | TYPECACHE_GT_OPR);
		if (!OidIsValid(item->descending ? ops->gt_opr : ops->lt_opr))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("order_by column \"%s\" cannot be sorted", item->column),
					 errdetail("Its type %s has no default ordering.",
							   format_type_be(type))));

		/* the type's own less-than or greater-than: ASC or DESC */
		order = lappend(order,
						PaginateSortBy(PaginateIntConst(found->resno),
									   item->descending ? ops->gt_opr : ops->lt_opr,
									   type, item->nulls_first));
	}

	select = copyObject(castNode(SelectStmt, raw->stmt));
	if (keep)
	{
		SelectStmt *outer = makeNode(SelectStmt);
		RangeSubselect *from = makeNode(RangeSubselect);
		ColumnRef  *star = makeNode(ColumnRef);
		ResTarget  *target = makeNode(ResTarget);

		from->subquery = (Node *) select;
		from->alias = makeAlias(SORTED_ALIAS, NIL);
		star->fields = list_make1(makeNode(A_Star));
		star->location = -1;
		target->val = (Node *) star;
		target->location = -1;
		outer->targetList = list_make1(target);
		outer->fromClause = list_make1(from);
		select = outer;
	}
	select->sortClause = order;

	sorted = makeNode(RawStmt);
	sorted->stmt = (Node *) select;
	sorted->stmt_location = raw->stmt_location;
	sorted->stmt_len = raw->stmt_len;
	return sorted;
}

/* Say where an array literal that array_in refuses came from. */
static void
ArrayErrorCallback(void *arg)
{
	errcontext("reading order_by as an array of items");
}

/* Read a comma-separated list of items, appending them to *items. */
static void
ParseList(const char *list, List **items)
{
	const char *p = list;
	const char *end = list + strlen(list);
	const char *rest;

	/* an empty (or blank) list is no sort, but an empty item is malformed */
	for (rest = p; rest < end && (*rest == ' ' || *rest == '\t'); rest++)
		;
	if (rest == end)
		return;

	while (true)
	{
		PaginateSortItem *item = palloc0(sizeof(PaginateSortItem));

		p = ParseItem(p, end, item);
		*items = lappend(*items, item);
		if (p == end)
			return;
		p++;					/* the comma */
	}
}

/*
 * Read one item from p: name, [.asc|.desc], [.nullsfirst|.nullslast], with
 * spaces or tabs around it.  Returns where it ends: at a comma or the end.
 */
static const char *
ParseItem(const char *item, const char *end, PaginateSortItem *sort)
{
	const char *p = item;
	StringInfoData name;
	bool		nulls_given = false;

	initStringInfo(&name);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == ',')
		EmptyItem();
	if (!ParseName(&p, end, &name) || name.len == 0)
		Malformed(item, end);
	/* as PostgREST, spaces may follow the name (quoted too) before .asc */
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;

	sort->column = name.data;
	sort->descending = false;
	if (TakeWord(&p, end, ".asc"))
		sort->descending = false;
	else if (TakeWord(&p, end, ".desc"))
		sort->descending = true;
	if (TakeWord(&p, end, ".nullsfirst"))
		sort->nulls_first = nulls_given = true;
	else if (TakeWord(&p, end, ".nullslast"))
	{
		sort->nulls_first = false;
		nulls_given = true;
	}
	/* PostgreSQL's default: NULLs sort as if larger than any value */
	if (!nulls_given)
		sort->nulls_first = sort->descending;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p != ',')
		Malformed(item, end);
	return p;
}

/*
 * Read a column name at *at into name: quoted, or words of name characters
 * joined by "-", without the spaces around them; *at moves past it.  False
 * when it is malformed (an unclosed quote, nothing before or after a "-").
 */
static bool
ParseName(const char **at, const char *end, StringInfo name)
{
	const char *p = *at;

	if (p < end && *p == '"')
	{
		for (p++; p < end && *p != '"'; p++)
		{
			if (*p == '\\' && p + 1 < end)
				p++;
			appendStringInfoChar(name, *p);
		}
		if (p == end)
			return false;
		*at = p + 1;
		return true;
	}

	while (p < end)
	{
		const char *word = p;
		const char *stop;

		while (p < end && IsNameChar(*p))
			p++;
		/* each word without the spaces around it, as PostgREST strips them */
		for (stop = p; stop > word && stop[-1] == ' '; stop--)
			;
		while (word < stop && *word == ' ')
			word++;
		if (word == stop)
			return false;
		appendBinaryStringInfo(name, word, stop - word);
		/* a "-" joins words, but "->" is a JSON path, which is not taken */
		if (p + 1 < end && p[0] == '-' && p[1] != '>')
		{
			appendStringInfoChar(name, '-');
			p++;
			continue;
		}
		break;
	}
	*at = p;
	return true;
}

/*
 * A character of an unquoted name: a letter, a digit, "_", "$" or a space;
 * any byte of a multibyte character counts as a letter (PostgREST takes
 * Unicode letters alone, but a name here only ever matches a column's).
 */
static bool
IsNameChar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_' || c == '$' || c == ' ' ||
		IS_HIGHBIT_SET(c);
}

/*
 * Take word at *p when it is there and ends there (at a ".", a comma, a space,
 * a tab or the end); true when taken.
 */
static bool
TakeWord(const char **p, const char *end, const char *word)
{
	size_t		len = strlen(word);
	const char *after = *p + len;

	if ((size_t) (end - *p) < len || strncmp(*p, word, len) != 0)
		return false;
	if (after < end && *after != '.' && *after != ',' && *after != ' ' &&
		*after != '\t')
		return false;
	*p = after;
	return true;
}

/*
 * An item that is not name[.asc|.desc][.nullsfirst|.nullslast]: report it
 * as far as the comma that ends it (out of quotes).
 */
static void
Malformed(const char *item, const char *end)
{
	const char *stop;
	bool		quoted = false;

	for (stop = item; stop < end && (quoted || *stop != ','); stop++)
	{
		if (quoted && *stop == '\\' && stop + 1 < end)
			stop++;
		else if (*stop == '"')
			quoted = !quoted;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("order_by item \"%s\" is malformed", pnstrdup(item, stop - item)),
			 errdetail("An item is a column name, then optionally .asc or .desc, then optionally .nullsfirst or .nullslast, such as created_at.desc.nullslast."),
			 errhint("Put a column name that holds other characters than letters, digits, \"_\", \"$\", \"-\" and spaces in double quotes.")));
}

/* An item with nothing in it: two commas in a row, or one at an end. */
static void
EmptyItem(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("order_by has an empty item"),
			 errdetail("Items are separated by single commas, without one at either end.")));
}

/* Append an item in canonical form: "name".asc|desc.nullsfirst|nullslast */
static void
AppendCanonical(StringInfo out, PaginateSortItem *item)
{
	const char *c;

	appendStringInfoChar(out, '"');
	for (c = item->column; *c != '\0'; c++)
	{
		if (*c == '"' || *c == '\\')
			appendStringInfoChar(out, '\\');
		appendStringInfoChar(out, *c);
	}
	appendStringInfo(out, "\".%s.%s", item->descending ? "desc" : "asc",
					 item->nulls_first ? "nullsfirst" : "nullslast");
}
