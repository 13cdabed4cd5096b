/*
 * headers.c
 *		paginate_headers and paginate_set_headers: a page's metadata as the
 *		HTTP response headers APIs send.
 *
 *	X-Pagination	flask-smorest's header, byte for byte: a JSON object with
 *					the keys total, total_pages, first_page, last_page, page,
 *					previous_page, next_page in that order, written as
 *					Python's json.dumps writes it, and with the keys left out
 *					where flask-smorest leaves them out.  Only for a page
 *					asked for by number whose total was counted.
 *	Content-Range	PostgREST's: 0-based positions of the page's first and
 *					last row, a slash and the total ("0-9/100"); an asterisk
 *					stands for the range of an empty page and for a total not
 *					counted.  Only for a page asked for by number: a cursor
 *					page has no positions.
 *	X-Total-Count	the total, when it was counted.
 *	Link			RFC 8288 links to the first, previous, next and last pages
 *					(those that exist), when a base URL is given.
 *
 * A total that is a lower bound (the capped count mode past its threshold)
 * is not a count: as GitLab does past 10,000 rows, there is no X-Total-Count
 * and no last link, no X-Pagination (flask-smorest sends none without a
 * count), and Content-Range ends in an asterisk.  The bound itself is in the
 * pagination value and paginate_response's body.
 *
 * paginate_set_headers merges them into PostgREST's response.headers
 * setting, a JSON array of one-key objects, for the current transaction.
 */
#include "postgres.h"

#include "common/jsonapi.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"

#include "internal.h"

PG_FUNCTION_INFO_V1(paginate_headers);
PG_FUNCTION_INFO_V1(paginate_set_headers);

/* One HTTP response header. */
typedef struct Header
{
	const char *name;
	char	   *value;
} Header;

#define MAX_HEADERS 4

/* The setting PostgREST reads the headers of its response from. */
#define RESPONSE_HEADERS "response.headers"

/* The headers that describe a page, but for Link. */
static const char *const page_headers[] = {
	"X-Pagination", "Content-Range", "X-Total-Count"
};

/* The query parameters the Link URLs set; the base URL's own are dropped. */
static const char *const paging_parameters[] = {
	"page", "per_page", "after", "before", "last"
};

static int	BuildHeaders(PaginateValue *value, const char *base_url, Header *headers);
static bool HeaderName(JsonbValue *element, JsonbValue *name);
static bool DescribesPage(JsonbValue *name, bool with_link);
static bool SameName(JsonbValue *name, const char *header);
static void ReadArguments(FunctionCallInfo fcinfo, PaginateValue *value,
						  char **base_url);
static char *PaginationHeader(PaginateValue *value);
static char *ContentRange(PaginateValue *value);
static char *LinkHeader(PaginateValue *value, const char *base_url);
static void KeepParameters(StringInfo kept, const char *query);
static char *CursorParameter(const char *name, const char *cursor);
static PaginateLink MakeLink(const char *base, const char *kept,
							 const char *fragment, const char *position,
							 const char *per_page, const char *rel);
static void AppendEscaped(StringInfo buf, const char *text, bool keep_uri);
static bool IsPagingParameter(const char *parameter, size_t length);
static Jsonb *ReadResponseHeaders(void);
static void PushHeader(JsonbInState *state, Header *header);
static void PushString(JsonbInState *state, JsonbIteratorToken token,
					   const char *text);

/*
 * paginate_headers(pagination, base_url) returns jsonb
 *
 * The headers of the page as one JSON object, header name to value.
 */
Datum
paginate_headers(PG_FUNCTION_ARGS)
{
	PaginateValue value;
	char	   *base_url;
	Header		headers[MAX_HEADERS];
	int			nheaders;
	JsonbInState state = {0};
	JsonbValue *result;
	int			i;

	ReadArguments(fcinfo, &value, &base_url);
	nheaders = BuildHeaders(&value, base_url, headers);

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < nheaders; i++)
	{
		PushString(&state, WJB_KEY, headers[i].name);
		PushString(&state, WJB_VALUE, headers[i].value);
	}
	pushJsonbValue(&state, WJB_END_OBJECT, NULL);
	result = state.result;

	PG_RETURN_JSONB_P(JsonbValueToJsonb(result));
}

/*
 * paginate_set_headers(pagination, base_url) returns void
 *
 * Merge the page's headers into response.headers for the rest of the
 * transaction, as set_config(..., true) would.  Headers already there keep
 * their order.  Those that describe a page (X-Pagination, Content-Range,
 * X-Total-Count, and Link when base_url is given) are this page's now: one
 * of them is replaced where it stands by this page's header of that name
 * (names compare in any letter case), or dropped when this page has none,
 * so that no header is left from another page.  Other headers are kept as
 * they are, and this page's headers not placed yet are appended.
 */
Datum
paginate_set_headers(PG_FUNCTION_ARGS)
{
	PaginateValue value;
	char	   *base_url;

	ReadArguments(fcinfo, &value, &base_url);
	PaginateSetResponseHeaders(&value, base_url);
	PG_RETURN_VOID();
}

/* What paginate_set_headers does, for a page's value (paginate_as too). */
void
PaginateSetResponseHeaders(PaginateValue *value, const char *base_url)
{
	Header		headers[MAX_HEADERS];
	bool		placed[MAX_HEADERS] = {false};
	int			nheaders;
	Jsonb	   *current;
	JsonbInState state = {0};
	JsonbValue *result;
	int			i;

	nheaders = BuildHeaders(value, base_url, headers);
	current = ReadResponseHeaders();

	pushJsonbValue(&state, WJB_BEGIN_ARRAY, NULL);
	if (current != NULL)
	{
		JsonbIterator *it = JsonbIteratorInit(&current->root);
		JsonbIteratorToken token;
		JsonbValue	element;

		while ((token = JsonbIteratorNext(&it, &element, true)) != WJB_DONE)
		{
			JsonbValue	name;
			int			match = -1;

			if (token != WJB_ELEM)
				continue;
			if (!HeaderName(&element, &name) ||
				!DescribesPage(&name, base_url != NULL))
			{
				pushJsonbValue(&state, WJB_ELEM, &element);
				continue;
			}
			for (i = 0; i < nheaders; i++)
				if (SameName(&name, headers[i].name))
					match = i;
			if (match >= 0 && !placed[match])
			{
				PushHeader(&state, &headers[match]);
				placed[match] = true;
			}
			/* else from another page, or a second one of the name: dropped */
		}
	}
	for (i = 0; i < nheaders; i++)
		if (!placed[i])
			PushHeader(&state, &headers[i]);
	pushJsonbValue(&state, WJB_END_ARRAY, NULL);
	result = state.result;

	(void) set_config_option(RESPONSE_HEADERS,
							 JsonbToCString(NULL, &JsonbValueToJsonb(result)->root, 0),
							 superuser() ? PGC_SUSET : PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_LOCAL, true, 0, false);
}

/*
 * Work out the headers of a page into headers (room for MAX_HEADERS), in the
 * order X-Pagination, Content-Range, X-Total-Count, Link, leaving out those
 * that do not apply.  Returns how many there are.
 */
static int
BuildHeaders(PaginateValue *value, const char *base_url, Header *headers)
{
	PaginateValue counted = *value;
	int			n = 0;

	if (counted.total_is_lower_bound)
	{
		counted.has_total = false;
		counted.has_pages = false;
	}
	value = &counted;

	if (value->has_page && value->has_total && value->has_pages)
	{
		headers[n].name = "X-Pagination";
		headers[n++].value = PaginationHeader(value);
	}
	if (value->has_page && value->has_items)
	{
		headers[n].name = "Content-Range";
		headers[n++].value = ContentRange(value);
	}
	if (value->has_total)
	{
		headers[n].name = "X-Total-Count";
		headers[n++].value = psprintf(INT64_FORMAT, value->total);
	}
	if (base_url != NULL)
	{
		headers[n].name = "Link";
		headers[n++].value = LinkHeader(value, base_url);
	}
	return n;
}

/*
 * The name of a header in response.headers, an object of one key, into
 * name; false for an element of any other shape.
 */
static bool
HeaderName(JsonbValue *element, JsonbValue *name)
{
	JsonbIterator *it;

	if (element->type != jbvBinary ||
		!JsonContainerIsObject(element->val.binary.data) ||
		JsonContainerSize(element->val.binary.data) != 1)
		return false;
	it = JsonbIteratorInit(element->val.binary.data);
	while (JsonbIteratorNext(&it, name, true) != WJB_KEY)
		;
	return true;
}

/* Is this the name of a header that describes a page (with_link: or Link)? */
static bool
DescribesPage(JsonbValue *name, bool with_link)
{
	int			i;

	for (i = 0; i < (int) lengthof(page_headers); i++)
		if (SameName(name, page_headers[i]))
			return true;
	return with_link && SameName(name, "Link");
}

/* Does a JSON string name this header?  Header names ignore letter case. */
static bool
SameName(JsonbValue *name, const char *header)
{
	return name->val.string.len == (int) strlen(header) &&
		pg_strncasecmp(name->val.string.val, header, name->val.string.len) == 0;
}

/* The pagination argument, which must not be NULL, and the base URL. */
static void
ReadArguments(FunctionCallInfo fcinfo, PaginateValue *value, char **base_url)
{
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("pagination must not be NULL")));
	PaginateReadValue(PG_GETARG_HEAPTUPLEHEADER(0), value);
	*base_url = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
}

/*
 * flask-smorest's X-Pagination value: its _make_pagination_metadata, dumped
 * by json.dumps (", " between items, ": " after keys).  No rows: only total
 * and total_pages.  A page past the last one: no page, previous_page or
 * next_page.  No previous_page on the first page, no next_page on the last.
 */
static char *
PaginationHeader(PaginateValue *value)
{
	StringInfoData buf;
	int64		page = value->page;
	int64		last_page = value->pages;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"total\": " INT64_FORMAT ", \"total_pages\": %d",
					 value->total, value->pages);
	if (value->total != 0)
	{
		appendStringInfo(&buf, ", \"first_page\": 1, \"last_page\": " INT64_FORMAT,
						 last_page);
		if (page <= last_page)
		{
			appendStringInfo(&buf, ", \"page\": " INT64_FORMAT, page);
			if (page > 1)
				appendStringInfo(&buf, ", \"previous_page\": " INT64_FORMAT, page - 1);
			if (page < last_page)
				appendStringInfo(&buf, ", \"next_page\": " INT64_FORMAT, page + 1);
		}
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/*
 * PostgREST's Content-Range value: first-last/total with 0-based positions,
 * "*" for the range of an empty page (or of any page when the total is 0),
 * "*" for a total not counted.
 */
static char *
ContentRange(PaginateValue *value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (value->first_item >= 1 && value->last_item >= value->first_item &&
		!(value->has_total && value->total == 0))
		appendStringInfo(&buf, INT64_FORMAT "-" INT64_FORMAT,
						 value->first_item - 1, value->last_item - 1);
	else
		appendStringInfoChar(&buf, '*');
	if (value->has_total)
		appendStringInfo(&buf, "/" INT64_FORMAT, value->total);
	else
		appendStringInfoString(&buf, "/*");
	return buf.data;
}

/*
 * The Link value: <url>; rel="first", <url>; rel="prev", ... for the pages
 * that exist.  Each URL is the base URL with its own page, per_page, after,
 * before and last parameters dropped, its other parameters kept in order, and the
 * page's appended.
 *
 * By page number: first (page 1) always; prev and next when the metadata has
 * prev_page and next_page; last when the pages were counted (and there is
 * at least one).  By cursor: first (no page, no cursor) always; prev
 * (before=start_cursor) when has_prev and next (after=end_cursor) when
 * has_next, each only when the page has that cursor; last (last=true, the
 * call's last => true) when has_next: the page is not the last.
 */
static char *
LinkHeader(PaginateValue *value, const char *base_url)
{
	PaginateLink links[PAGINATE_MAX_LINKS];
	int			nlinks = PaginateLinks(value, base_url, links);
	StringInfoData header;
	int			i;

	initStringInfo(&header);
	for (i = 0; i < nlinks; i++)
		appendStringInfo(&header, "%s<%s>; rel=\"%s\"", i > 0 ? ", " : "",
						 links[i].url, links[i].rel);
	return header.data;
}

/*
 * The links of the page (see LinkHeader), each a rel and its URL, into
 * links; returns how many.  paginate_response's DRF body takes its next and
 * previous URLs from them.
 */
int
PaginateLinks(PaginateValue *value, const char *base_url, PaginateLink *links)
{
	StringInfoData base;
	StringInfoData kept;
	char	   *fragment = NULL;
	char	   *mark;
	const char *per_page;
	int			n = 0;

	/* the base URL as URI characters: what a URI cannot hold, %-encoded */
	initStringInfo(&base);
	AppendEscaped(&base, base_url, true);

	/* split off the fragment, then the query, keeping its other parameters */
	mark = strchr(base.data, '#');
	if (mark != NULL)
	{
		*mark = '\0';
		fragment = mark + 1;
	}
	initStringInfo(&kept);
	mark = strchr(base.data, '?');
	if (mark != NULL)
	{
		*mark = '\0';
		KeepParameters(&kept, mark + 1);
	}

	per_page = value->has_per_page ? psprintf("per_page=%d", value->per_page) : "";
	if (value->has_page)
	{
		links[n++] = MakeLink(base.data, kept.data, fragment, "page=1", per_page,
							  "first");
		if (value->has_prev_page)
			links[n++] = MakeLink(base.data, kept.data, fragment,
								  psprintf("page=%d", value->prev_page), per_page, "prev");
		if (value->has_next_page)
			links[n++] = MakeLink(base.data, kept.data, fragment,
								  psprintf("page=%d", value->next_page), per_page, "next");
		if (value->has_pages && value->pages >= 1)
			links[n++] = MakeLink(base.data, kept.data, fragment,
								  psprintf("page=%d", value->pages), per_page, "last");
	}
	else
	{
		links[n++] = MakeLink(base.data, kept.data, fragment, "", per_page, "first");
		if (value->has_prev && value->start_cursor != NULL)
			links[n++] = MakeLink(base.data, kept.data, fragment,
								  CursorParameter("before", value->start_cursor), per_page,
								  "prev");
		if (value->has_next && value->end_cursor != NULL)
			links[n++] = MakeLink(base.data, kept.data, fragment,
								  CursorParameter("after", value->end_cursor), per_page,
								  "next");
		if (value->has_next)
			links[n++] = MakeLink(base.data, kept.data, fragment, "last=true",
								  per_page, "last");
	}
	return n;
}

/*
 * Append to kept the parameters of a query string that are not paging
 * parameters, in order, each followed by "&"; empty ones are dropped.
 */
static void
KeepParameters(StringInfo kept, const char *query)
{
	while (*query != '\0')
	{
		size_t		length = strcspn(query, "&");

		if (length > 0 && !IsPagingParameter(query, length))
		{
			appendBinaryStringInfo(kept, query, length);
			appendStringInfoChar(kept, '&');
		}
		query += length;
		if (*query == '&')
			query++;
	}
}

/* A cursor as a query parameter: name=cursor, %-encoded. */
static char *
CursorParameter(const char *name, const char *cursor)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s=", name);
	AppendEscaped(&buf, cursor, false);
	return buf.data;
}

/*
 * One link: rel, and the URL base?query#fragment, whose query is the kept
 * parameters (each followed by "&"), then position and per_page, either of
 * which may be empty.
 */
static PaginateLink
MakeLink(const char *base, const char *kept, const char *fragment,
		 const char *position, const char *per_page, const char *rel)
{
	StringInfoData query;
	StringInfoData url;
	PaginateLink link;

	initStringInfo(&query);
	appendStringInfoString(&query, kept);
	if (*position != '\0')
		appendStringInfo(&query, "%s&", position);
	if (*per_page != '\0')
		appendStringInfo(&query, "%s&", per_page);
	if (query.len > 0)
		query.data[--query.len] = '\0'; /* the last "&" */

	initStringInfo(&url);
	appendStringInfoString(&url, base);
	if (query.len > 0)
		appendStringInfo(&url, "?%s", query.data);
	if (fragment != NULL)
		appendStringInfo(&url, "#%s", fragment);
	link.rel = rel;
	link.url = url.data;
	return link;
}

/*
 * Append text %-encoded.  keep_uri: encode only the bytes no URI can hold
 * (controls, space, non-ASCII, "<>\"\\^`{|}"), which turns an IRI into a URI
 * and keeps a Link value from being broken or split; otherwise encode all
 * but RFC 3986's unreserved characters, for a query parameter's value.
 */
static void
AppendEscaped(StringInfo buf, const char *text, bool keep_uri)
{
	const unsigned char *c;

	for (c = (const unsigned char *) text; *c != '\0'; c++)
	{
		bool		keep;

		if (keep_uri)
			keep = *c > 0x20 && *c < 0x7f && strchr("<>\"\\^`{|}", *c) == NULL;
		else
			keep = (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
				(*c >= '0' && *c <= '9') || strchr("-._~", *c) != NULL;
		if (keep)
			appendStringInfoChar(buf, (char) *c);
		else
			appendStringInfo(buf, "%%%02X", *c);
	}
}

/* Is this query parameter (name=value, or a name alone) one Link sets? */
static bool
IsPagingParameter(const char *parameter, size_t length)
{
	size_t		name_length = strcspn(parameter, "=&");
	int			i;

	if (name_length > length)
		name_length = length;
	for (i = 0; i < (int) lengthof(paging_parameters); i++)
		if (strlen(paging_parameters[i]) == name_length &&
			strncmp(parameter, paging_parameters[i], name_length) == 0)
			return true;
	return false;
}

/*
 * The headers in response.headers now, a JSON array, or NULL when the
 * setting is unset or empty.  Anything else in it is an error: PostgREST
 * would refuse it too.
 */
static Jsonb *
ReadResponseHeaders(void)
{
	const char *setting = GetConfigOption(RESPONSE_HEADERS, true, false);
	JsonLexContext *lex;
	JsonParseErrorType error;
	Jsonb	   *headers;

	if (setting == NULL || setting[0] == '\0')
		return NULL;

	lex = makeJsonLexContextCstringLen(NULL, pstrdup(setting), strlen(setting),
									   GetDatabaseEncoding(), false);
	error = pg_parse_json(lex, &nullSemAction);
	if (error != JSON_SUCCESS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("response.headers is not valid JSON"),
				 errdetail_internal("%s", json_errdetail(error, lex)),
				 errhint("PostgREST reads response.headers as a JSON array of objects of one header each, such as [{\"Cache-Control\": \"no-store\"}].")));

	headers = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(setting)));
	if (!JB_ROOT_IS_ARRAY(headers) || JB_ROOT_IS_SCALAR(headers))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("response.headers is not a JSON array"),
				 errdetail("Its value is a JSON %s.",
						   JB_ROOT_IS_SCALAR(headers) ? "scalar" : "object"),
				 errhint("PostgREST reads response.headers as a JSON array of objects of one header each, such as [{\"Cache-Control\": \"no-store\"}].")));
	return headers;
}

/* Push one header as an array element: {"name": "value"}. */
static void
PushHeader(JsonbInState *state, Header *header)
{
	pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
	PushString(state, WJB_KEY, header->name);
	PushString(state, WJB_VALUE, header->value);
	pushJsonbValue(state, WJB_END_OBJECT, NULL);
}

/* Push a string as a key, a value or an element. */
static void
PushString(JsonbInState *state, JsonbIteratorToken token, const char *text)
{
	JsonbValue	value;

	value.type = jbvString;
	value.val.string.val = (char *) text;

	value.val.string.len = strlen(text);
	pushJsonbValue(state, token, &value);
}
