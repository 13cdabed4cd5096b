/*
 * json.c
 *		Rows as JSON objects keyed by column name, straight from their
 *		columns: written as jsonb in its binary form (jsonb.c), or appended
 *		as JSON text to a body; and the members of a body that are
 *		paginate's own, in either form.
 *
 * How each column becomes JSON is worked out once per call, as to_jsonb and
 * to_json decide it for the column's type (through domains): booleans,
 * numbers and date/times as JSON's own, json and jsonb as themselves, any
 * other scalar as its text.  A row then costs the output of its values and
 * nothing more: it is not formed into a record, made into a jsonb object,
 * copied and unpacked again, and no type is looked up per row.  Values whose
 * JSON is made of other values (arrays, composites, types with a cast to
 * json) go through to_jsonb or to_json of the value, as they would inside a
 * row.
 */
#include "postgres.h"

#include "access/transam.h"
#include "catalog/pg_type.h"
#include "common/jsonapi.h"
#include "nodes/makefuncs.h"
#include "parser/parse_coerce.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgroids.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "internal.h"

/* How a column's values become JSON. */
typedef enum JsonKind
{
	JSON_KIND_BOOL,				/* true or false */
	JSON_KIND_INTEGER,			/* int2, int4, int8: always a number */
	JSON_KIND_NUMBER,			/* float4, float8, numeric: a number, or a
								 * string (NaN, Infinity) */
	JSON_KIND_DATETIME,			/* date, timestamp, timestamptz: ISO 8601 */
	JSON_KIND_JSON,				/* as text: json or jsonb, its own text */
	JSON_KIND_JSONB,			/* as jsonb: jsonb, itself */
	JSON_KIND_TEXT,				/* text, varchar, char(n): its text, which as
								 * jsonb is the value's own bytes */
	JSON_KIND_STRING,			/* any other scalar: its text */
	JSON_KIND_NESTED			/* to_jsonb or to_json of the value */
} JsonKind;

typedef struct JsonColumn
{
	int			attnum;			/* in the rows' slots, from 0 */
	JsonKind	kind;
	Oid			type;			/* the base type, through domains */
	FmgrInfo	function;		/* its output function; to_json(b) if nested */
	const char *name;			/* the key */
	int			name_len;
	char	   *key;			/* as text: the key escaped, and a colon */
	int			key_len;
} JsonColumn;

struct PaginateJsonColumns
{
	bool		as_text;		/* JSON text, not jsonb */
	int			ncolumns;
	JsonColumn *columns;		/* as jsonb: in the order of their keys */
	PaginateJsonbKeys *keys;	/* as jsonb: the keys of every row */
};

static void SortColumns(PaginateJsonColumns *json);
static int	WriteJsonbRow(PaginateJsonColumns *json, TupleTableSlot *slot,
						  StringInfo buf);
static void JsonbValueOf(JsonColumn *column, Datum value, PaginateJsonbValue *v,
						 char *date);
static void AppendValue(StringInfo out, JsonColumn *column, Datum value);

/*
 * How the first ncolumns of these columns become the keys and values of an
 * object: as jsonb, or (as_text) as JSON text.  In the current memory context,
 * which must last as long as the rows are made.  The columns' names must
 * differ (PaginateCheckJsonKeys).
 */
PaginateJsonColumns *
PaginateJsonColumnsFor(TupleDesc desc, int ncolumns, bool as_text)
{
	PaginateJsonColumns *json = palloc(sizeof(PaginateJsonColumns));
	int			i;

	json->as_text = as_text;

	json->ncolumns = 0;
	json->columns = palloc0(sizeof(JsonColumn) * Max(ncolumns, 1));
	for (i = 0; i < ncolumns; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);
		JsonColumn *column;
		Oid			type;
		Oid			output;
		bool		varlena;
		StringInfoData key;

		if (attr->attisdropped)
			continue;
		column = &json->columns[json->ncolumns++];
		column->attnum = i;
		column->name = pstrdup(NameStr(attr->attname));
		column->name_len = strlen(column->name);
		initStringInfo(&key);
		escape_json(&key, column->name);
		appendStringInfoChar(&key, ':');
		column->key = key.data;
		column->key_len = key.len;

		type = getBaseType(attr->atttypid);
		column->type = type;
		switch (type)
		{
			case BOOLOID:
				column->kind = JSON_KIND_BOOL;
				continue;
			case INT2OID:
			case INT4OID:
			case INT8OID:
				column->kind = JSON_KIND_INTEGER;
				break;
			case FLOAT4OID:
			case FLOAT8OID:
			case NUMERICOID:
				column->kind = JSON_KIND_NUMBER;
				break;
			case DATEOID:
			case TIMESTAMPOID:
			case TIMESTAMPTZOID:
				column->kind = JSON_KIND_DATETIME;
				continue;
			case JSONBOID:
				column->kind = as_text ? JSON_KIND_JSON : JSON_KIND_JSONB;

				break;
			case JSONOID:
				column->kind = as_text ? JSON_KIND_JSON : JSON_KIND_NESTED;

				break;
			case TEXTOID:
			case VARCHAROID:
			case BPCHAROID:
				column->kind = JSON_KIND_TEXT;
				break;
			default:
				{
					Oid			cast = InvalidOid;

					/* what to_json(b) takes for an array or a composite */
					if (OidIsValid(get_element_type(type)) || type == ANYARRAYOID ||
						type == ANYCOMPATIBLEARRAYOID || type == RECORDARRAYOID ||
						type_is_rowtype(type))
						column->kind = JSON_KIND_NESTED;
					/* ... and for a type with its own cast to json */
					else if (type >= FirstNormalObjectId &&
							 find_coercion_pathway(JSONOID, type, COERCION_EXPLICIT,
												   &cast) == COERCION_PATH_FUNC &&
							 OidIsValid(cast))
						column->kind = JSON_KIND_NESTED;
					else
						column->kind = JSON_KIND_STRING;
				}
				break;
		}

		if (column->kind == JSON_KIND_NESTED)
		{
			Oid			function = as_text ? F_TO_JSON : F_TO_JSONB;

			/* to_json(b)(anyelement) reads its argument's type off fn_expr */
			fmgr_info(function, &column->function);
			column->function.fn_expr = (Node *)
				makeFuncExpr(function, as_text ? JSONOID : JSONBOID,
							 list_make1(makeNullConst(attr->atttypid, attr->atttypmod,
													  attr->attcollation)),
							 InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL);
		}
		else
		{
			getTypeOutputInfo(type, &output, &varlena);
			fmgr_info(output, &column->function);
		}
	}
	if (!as_text)
		SortColumns(json);
	return json;
}

/*
 * Put jsonb's columns in the order jsonb keeps their keys, which every row's
 * object has, and make the keys' part of every object.
 */
static void
SortColumns(PaginateJsonColumns *json)
{
	int			n = json->ncolumns;
	const char **names = palloc(sizeof(char *) * Max(n, 1));
	int		   *lens = palloc(sizeof(int) * Max(n, 1));
	int		   *order = palloc(sizeof(int) * Max(n, 1));
	JsonColumn *sorted = palloc(sizeof(JsonColumn) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
	{
		names[i] = json->columns[i].name;
		lens[i] = json->columns[i].name_len;
	}
	json->keys = PaginateJsonbKeysFor(names, lens, n, order);
	for (i = 0; i < n; i++)
		sorted[i] = json->columns[order[i]];
	json->columns = sorted;
}

/*
 * Write a row's object at the end of buf (on a 4-byte boundary); where it
 * begins.
 */
static int
WriteJsonbRow(PaginateJsonColumns *json, TupleTableSlot *slot, StringInfo buf)
{
	int			start;
	int			j;
	char		date[MAXDATELEN + 1];

	Assert(!json->as_text);
	slot_getallattrs(slot);
	start = PaginateJsonbBeginRow(buf, json->keys);
	for (j = 0; j < json->ncolumns; j++)
	{
		JsonColumn *column = &json->columns[j];
		PaginateJsonbValue v;

		if (slot->tts_isnull[column->attnum])
			PaginateJsonbScalar(&v, JENTRY_ISNULL);
		else
			JsonbValueOf(column, slot->tts_values[column->attnum], &v, date);
		PaginateJsonbRowValue(buf, start, json->keys, j, &v);
	}
	PaginateJsonbEndRow(buf, start);
	return start;
}

/*
 * One value, as to_jsonb makes it.  It is made in the current memory
 * context, or in date (a date/time's text), or refers to the slot's, and
 * must last until it is written.
 */
static void
JsonbValueOf(JsonColumn *column, Datum value, PaginateJsonbValue *v, char *date)
{
	char	   *string;

	switch (column->kind)
	{
		case JSON_KIND_BOOL:
			PaginateJsonbScalar(v, DatumGetBool(value) ?
								JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE);
			return;
		case JSON_KIND_INTEGER:
			PaginateJsonbNumeric(v, int64_to_numeric(column->type == INT2OID ?
													 DatumGetInt16(value) :
													 column->type == INT4OID ?
													 DatumGetInt32(value) :
													 DatumGetInt64(value)));
			return;
		case JSON_KIND_NUMBER:
			if (column->type == NUMERICOID)
			{
				Numeric		number = DatumGetNumeric(value);

				if (!numeric_is_nan(number) && !numeric_is_inf(number))
				{
					PaginateJsonbNumeric(v, number);
					return;
				}
			}
			/* a float as its text reads as numeric; NaN, Infinity as text */
			string = OutputFunctionCall(&column->function, value);
			if (strchr(string, 'N') != NULL || strchr(string, 'n') != NULL)
			{
				PaginateJsonbString(v, string);
				return;
			}
			PaginateJsonbNumeric(v, DatumGetNumeric(DirectFunctionCall3(numeric_in,
																		CStringGetDatum(string),
																		ObjectIdGetDatum(InvalidOid),
																		Int32GetDatum(-1))));
			return;
		case JSON_KIND_DATETIME:
			PaginateJsonbString(v, JsonEncodeDateTime(date, value, column->type, NULL));
			return;
		case JSON_KIND_JSONB:
			PaginateJsonbOfJsonb(DatumGetJsonbP(value), v);
			return;
		case JSON_KIND_NESTED:
			PaginateJsonbOfJsonb(DatumGetJsonbP(FunctionCall1(&column->function, value)), v);
			return;
		case JSON_KIND_TEXT:
			{
				/* (what textout, varcharout and bpcharout make of it) */
				text	   *string = DatumGetTextPP(value);

				PaginateJsonbBytes(v, VARDATA_ANY(string), VARSIZE_ANY_EXHDR(string));
			}
			return;
		case JSON_KIND_STRING:
			PaginateJsonbString(v, OutputFunctionCall(&column->function, value));
			return;
		case JSON_KIND_JSON:
			break;
	}
	elog(ERROR, "JSON text column kind in a jsonb row");
}

/*
 * Append a row as a JSON object, the text row_to_json makes of it: its
 * columns in order, no spaces.
 */
void
PaginateJsonAppendRow(PaginateJsonColumns *json, TupleTableSlot *slot,
					  StringInfo out)
{
	int			i;

	Assert(json->as_text);
	slot_getallattrs(slot);
	appendStringInfoChar(out, '{');
	for (i = 0; i < json->ncolumns; i++)
	{
		JsonColumn *column = &json->columns[i];

		if (i > 0)
			appendStringInfoChar(out, ',');
		appendBinaryStringInfo(out, column->key, column->key_len);
		if (slot->tts_isnull[column->attnum])
			appendStringInfoString(out, "null");
		else
			AppendValue(out, column, slot->tts_values[column->attnum]);
	}
	appendStringInfoChar(out, '}');
}

/* Append one value, as to_json makes it. */
static void
AppendValue(StringInfo out, JsonColumn *column, Datum value)
{
	char	   *string;

	switch (column->kind)
	{
		case JSON_KIND_BOOL:
			appendStringInfoString(out, DatumGetBool(value) ? "true" : "false");
			return;
		case JSON_KIND_INTEGER:
		case JSON_KIND_JSON:
			appendStringInfoString(out, OutputFunctionCall(&column->function, value));
			return;
		case JSON_KIND_NUMBER:
			string = OutputFunctionCall(&column->function, value);
			if (IsValidJsonNumber(string, strlen(string)))
				appendStringInfoString(out, string);
			else
				escape_json(out, string);
			return;
		case JSON_KIND_DATETIME:
			{
				char		buf[MAXDATELEN + 1];

				JsonEncodeDateTime(buf, value, column->type, NULL);
				appendStringInfoChar(out, '"');
				appendStringInfoString(out, buf);
				appendStringInfoChar(out, '"');
			}
			return;
		case JSON_KIND_NESTED:
			{
				text	   *json = DatumGetTextPP(FunctionCall1(&column->function, value));

				appendBinaryStringInfo(out, VARDATA_ANY(json), VARSIZE_ANY_EXHDR(json));
			}
			return;
		case JSON_KIND_TEXT:
		case JSON_KIND_STRING:
			escape_json(out, OutputFunctionCall(&column->function, value));
			return;
		case JSON_KIND_JSONB:
			break;
	}
	elog(ERROR, "jsonb column kind in a JSON text row");
}

/*
 * The members of a body: paginate's own (its metadata, a Relay
 * connection's pageInfo and an edge's keys, DRF's links), written once for
 * both forms, as jsonb values or appended as the compact JSON text json_agg
 * and row_to_json write; and as jsonb also the rows and their array (the
 * text form appends its rows itself).  Callers write an object's keys in the
 * order jsonb keeps them (shorter first, then bytewise), so the text has the
 * jsonb's order.  Keys are paginate's own names, which need no escaping and
 * last as long as the body is written.
 */

/* Begin an object, as a value or at the top. */
void
PaginateJsonBeginObject(PaginateJsonOut *out)
{
	if (out->text == NULL)
	{
		out->jsonb = PaginateJsonbBegin(out->jsonb, true);
		return;
	}
	appendStringInfoChar(out->text, '{');
	out->comma = false;
}

/* End an object. */
void
PaginateJsonEndObject(PaginateJsonOut *out)
{
	if (out->text == NULL)
	{
		out->jsonb = PaginateJsonbEnd(out->jsonb, &out->result);
		return;
	}
	appendStringInfoChar(out->text, '}');
	out->comma = true;
}

/* Begin an array, as a value (jsonb only). */
void
PaginateJsonBeginArray(PaginateJsonOut *out)
{
	Assert(out->text == NULL && out->jsonb != NULL);
	out->jsonb = PaginateJsonbBegin(out->jsonb, false);
}

/* End an array. */
void
PaginateJsonEndArray(PaginateJsonOut *out)
{
	out->jsonb = PaginateJsonbEnd(out->jsonb, &out->result);
}

/*
 * Write a row's object (jsonb only): as a value, or with nothing open, as
 * the whole jsonb (out->result).
 */
void
PaginateJsonRow(PaginateJsonOut *out, PaginateJsonColumns *json,
				TupleTableSlot *slot)
{
	StringInfoData buf;

	Assert(out->text == NULL);
	if (out->jsonb != NULL)
	{
		StringInfo	data = PaginateJsonbRowBuffer(out->jsonb);

		PaginateJsonbPutRow(out->jsonb, WriteJsonbRow(json, slot, data));
		return;
	}
	initStringInfo(&buf);
	appendStringInfoSpaces(&buf, VARHDRSZ);
	WriteJsonbRow(json, slot, &buf);
	SET_VARSIZE(buf.data, buf.len);
	out->result = (Jsonb *) buf.data;
}

/* Write an object's key; its value follows. */
void
PaginateJsonKey(PaginateJsonOut *out, const char *key)
{
	if (out->text == NULL)
	{
		PaginateJsonbKey(out->jsonb, key, strlen(key));
		return;
	}
	if (out->comma)
		appendStringInfoChar(out->text, ',');
	appendStringInfoChar(out->text, '"');
	appendStringInfoString(out->text, key);
	appendStringInfoString(out->text, "\":");
	out->comma = false;
}

/* Write a string value; NULL: a JSON null. */
void
PaginateJsonString(PaginateJsonOut *out, const char *string)
{
	if (out->text == NULL)
	{
		PaginateJsonbValue v;

		if (string == NULL)
			PaginateJsonbScalar(&v, JENTRY_ISNULL);
		else
			PaginateJsonbString(&v, string);
		PaginateJsonbPut(out->jsonb, &v);
		return;
	}
	if (string == NULL)
		appendStringInfoString(out->text, "null");
	else
		escape_json(out->text, string);
	out->comma = true;
}

/* Write an integer value, as a JSON number. */
void
PaginateJsonInteger(PaginateJsonOut *out, int64 value)
{
	char		digits[MAXINT8LEN + 1];
	int			len;

	if (out->text == NULL)
	{
		PaginateJsonbValue v;

		PaginateJsonbNumeric(&v, int64_to_numeric(value));
		PaginateJsonbPut(out->jsonb, &v);
		return;
	}
	len = pg_lltoa(value, digits);
	appendBinaryStringInfo(out->text, digits, len);
	out->comma = true;
}

/* Write a boolean value. */
void
PaginateJsonBool(PaginateJsonOut *out, bool value)
{
	if (out->text == NULL)
	{
		PaginateJsonbValue v;

		PaginateJsonbScalar(&v, value ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE);
		PaginateJsonbPut(out->jsonb, &v);
		return;
	}
	appendStringInfoString(out->text, value ? "true" : "false");
	out->comma = true;
}

/* Write a JSON null. */
void
PaginateJsonNull(PaginateJsonOut *out)
{
	PaginateJsonString(out, NULL);
}
