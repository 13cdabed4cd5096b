/*
 * json.c
 *		Rows as JSON objects keyed by column name, straight from their
 *		columns: pushed as jsonb into the value being built, or appended as
 *		JSON text to a body.
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
	JsonColumn *columns;
};

static void PushValue(JsonbInState *state, JsonColumn *column, Datum value);
static void AppendValue(StringInfo out, JsonColumn *column, Datum value);

/*
 * How the first ncolumns of these columns become the keys and values of an
 * object: as jsonb, or (as_text) as JSON text.  In the current memory context,
 * which must last as long as the rows are made.
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
	return json;
}

/*
 * Push a row as a jsonb object (an array's element, or the value after a
 * key).  The values refer to memory of the current context, which must last
 * until the jsonb is made.
 */
void
PaginateJsonPushRow(PaginateJsonColumns *json, TupleTableSlot *slot,
					JsonbInState *state)
{
	int			i;

	Assert(!json->as_text);
	slot_getallattrs(slot);
	pushJsonbValue(state, WJB_BEGIN_OBJECT, NULL);
	for (i = 0; i < json->ncolumns; i++)
	{
		JsonColumn *column = &json->columns[i];
		JsonbValue	key;

		key.type = jbvString;
		key.val.string.val = (char *) column->name;
		key.val.string.len = column->name_len;
		pushJsonbValue(state, WJB_KEY, &key);
		if (slot->tts_isnull[column->attnum])
		{
			JsonbValue	null;

			null.type = jbvNull;
			pushJsonbValue(state, WJB_VALUE, &null);
		}
		else
			PushValue(state, column, slot->tts_values[column->attnum]);
	}
	pushJsonbValue(state, WJB_END_OBJECT, NULL);
}

/* Push one value, as to_jsonb makes it, after its key. */
static void
PushValue(JsonbInState *state, JsonColumn *column, Datum value)
{
	JsonbValue	v;
	char	   *string;

	switch (column->kind)
	{
		case JSON_KIND_BOOL:
			v.type = jbvBool;
			v.val.boolean = DatumGetBool(value);
			break;
		case JSON_KIND_INTEGER:
			v.type = jbvNumeric;
			v.val.numeric = int64_to_numeric(column->type == INT2OID ?
											 DatumGetInt16(value) :
											 column->type == INT4OID ?
											 DatumGetInt32(value) :
											 DatumGetInt64(value));
			break;
		case JSON_KIND_NUMBER:
			if (column->type == NUMERICOID)
			{
				/* a copy: the slot's value goes with its row */
				Numeric		number = DatumGetNumericCopy(value);

				if (!numeric_is_nan(number) && !numeric_is_inf(number))
				{
					v.type = jbvNumeric;
					v.val.numeric = number;
					break;
				}
			}
			/* a float as its text reads as numeric; NaN, Infinity as text */
			string = OutputFunctionCall(&column->function, value);
			if (strchr(string, 'N') != NULL || strchr(string, 'n') != NULL)
			{
				PaginateJsonPushString(state, string);
				return;
			}
			v.type = jbvNumeric;
			v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in,
																CStringGetDatum(string),
																ObjectIdGetDatum(InvalidOid),
																Int32GetDatum(-1)));
			break;
		case JSON_KIND_DATETIME:
			PaginateJsonPushString(state, JsonEncodeDateTime(NULL, value, column->type, NULL));
			return;
		case JSON_KIND_JSONB:
			{
				/* a copy: the pushed values point into it */
				Jsonb	   *jsonb = DatumGetJsonbPCopy(value);

				v.type = jbvBinary;
				v.val.binary.data = &jsonb->root;
				v.val.binary.len = VARSIZE(jsonb) - VARHDRSZ;
			}
			break;
		case JSON_KIND_NESTED:
			{
				Jsonb	   *jsonb = DatumGetJsonbP(FunctionCall1(&column->function,
																 value));

				v.type = jbvBinary;
				v.val.binary.data = &jsonb->root;
				v.val.binary.len = VARSIZE(jsonb) - VARHDRSZ;
			}
			break;
		case JSON_KIND_STRING:
			PaginateJsonPushString(state, OutputFunctionCall(&column->function, value));
			return;
		case JSON_KIND_JSON:
			elog(ERROR, "JSON text column kind in a jsonb row");
	}
	pushJsonbValue(state, WJB_VALUE, &v);
}

/*
 * Push a string value (NULL: a JSON null) after a key or into an array, as
 * to_jsonb does (within jsonb's limit).  The string must last until the
 * jsonb is made.
 */
void
PaginateJsonPushString(JsonbInState *state, const char *string)
{
	JsonbValue	v;
	size_t		len;

	if (string == NULL)
	{
		v.type = jbvNull;
		pushJsonbValue(state, WJB_VALUE, &v);
		return;
	}
	len = strlen(string);
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("string too long to represent as jsonb string"),
				 errdetail("Due to an implementation restriction, jsonb strings cannot exceed %d bytes.",
						   JENTRY_OFFLENMASK)));
	v.type = jbvString;
	v.val.string.val = (char *) string;
	v.val.string.len = len;
	pushJsonbValue(state, WJB_VALUE, &v);
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
		case JSON_KIND_STRING:
			escape_json(out, OutputFunctionCall(&column->function, value));
			return;
		case JSON_KIND_JSONB:
			break;
	}
	elog(ERROR, "jsonb column kind in a JSON text row");
}

/*
 * The members of a body that are paginate's own (its metadata, a Relay
 * connection's pageInfo and an edge's keys, DRF's links), written once for
 * both forms: pushed as jsonb values, or appended as the compact JSON text
 * json_agg and row_to_json write.  Callers write an object's keys in the order jsonb
 * keeps them (shorter first, then bytewise), so the text has the jsonb's
 * order and jsonb has no keys to sort.  Keys are paginate's own names, which
 * need no escaping.
 */

/* Begin an object, as a value or at the top. */
void
PaginateJsonBeginObject(PaginateJsonOut *out)
{
	if (out->jsonb != NULL)
	{
		pushJsonbValue(out->jsonb, WJB_BEGIN_OBJECT, NULL);
		return;
	}
	appendStringInfoChar(out->text, '{');
	out->comma = false;
}

/* End an object. */
void
PaginateJsonEndObject(PaginateJsonOut *out)
{
	if (out->jsonb != NULL)
	{
		pushJsonbValue(out->jsonb, WJB_END_OBJECT, NULL);
		return;
	}
	appendStringInfoChar(out->text, '}');
	out->comma = true;
}

/* Write an object's key; its value follows. */
void
PaginateJsonKey(PaginateJsonOut *out, const char *key)
{
	if (out->jsonb != NULL)
	{
		JsonbValue	v;

		v.type = jbvString;
		v.val.string.val = (char *) key;
		v.val.string.len = strlen(key);
		pushJsonbValue(out->jsonb, WJB_KEY, &v);
		return;
	}
	if (out->comma)
		appendStringInfoChar(out->text, ',');
	appendStringInfoChar(out->text, '"');
	appendStringInfoString(out->text, key);
	appendStringInfoString(out->text, "\":");
	out->comma = false;
}

/* Write a string value; NULL: a JSON null.  It must last until jsonb is made. */
void
PaginateJsonString(PaginateJsonOut *out, const char *string)
{
	if (out->jsonb != NULL)
	{
		PaginateJsonPushString(out->jsonb, string);
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

	if (out->jsonb != NULL)
	{
		JsonbValue	v;

		v.type = jbvNumeric;
		v.val.numeric = int64_to_numeric(value);
		pushJsonbValue(out->jsonb, WJB_VALUE, &v);
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
	if (out->jsonb != NULL)
	{
		JsonbValue	v;

		v.type = jbvBool;
		v.val.boolean = value;
		pushJsonbValue(out->jsonb, WJB_VALUE, &v);
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
