/*
 * jsonb.c
 *		jsonb written straight in its binary form, as convertToJsonb lays it
 *		out, with no JsonbValue tree in between.
 *
 * A jsonb container is a header (its count, object or array), one JEntry per
 * key and value (an object's keys first, in jsonb's order: shorter first,
 * then bytewise), then their bytes in the same order.  A JEntry holds its
 * value's type and length, or every JB_OFFSET_STRIDE'th one the end offset
 * instead; numbers and containers start at a 4-byte boundary, the padding
 * counted in their length.  The bytes written here are the bytes
 * jsonb_in would make of the same JSON (sql/json.sql checks them with *=),
 * so lookups, comparisons and storage treat the value as any other jsonb.
 *
 * A page's rows are the bulk of a body: each row's object is written in one
 * pass (PaginateJsonbBeginRow, PaginateJsonbRowValue), its keys sorted and
 * their bytes made once per call.  The few objects and arrays around the
 * rows are open containers (PaginateJsonbFrame) that keep their members
 * until they end, then sort an object's keys and write themselves into the
 * container they are in.
 */
#include "postgres.h"

#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "internal.h"

/* A member of an open container: its key (objects), type and bytes. */
typedef struct JsonbMember
{
	const char *key;
	int			key_len;
	uint32		type;			/* JENTRY_ISSTRING ... JENTRY_ISCONTAINER */
	int			offset;			/* its bytes in the container's data */
	int			len;
} JsonbMember;

struct PaginateJsonbFrame
{
	PaginateJsonbFrame *parent; /* the container it is in, or NULL */
	bool		object;
	JsonbMember *members;
	int			nmembers;
	int			maxmembers;
	const char *key;			/* an object's key, until its value comes */
	int			key_len;
	StringInfoData data;		/* the members' bytes; numbers and containers
								 * at 4-byte boundaries */
};

/*
 * The keys of rows' objects, sorted, and the bytes every object begins with:
 * its header, the keys' JEntries, room for the values' JEntries, the keys.
 */
struct PaginateJsonbKeys
{
	int			nkeys;
	char	   *prefix;
	int			prefix_len;
};

static int	CompareKeys(const char *a, int a_len, const char *b, int b_len);
static int	CompareMembers(const void *a, const void *b);
static int	Pad(StringInfo buf);
static int	PutValue(StringInfo buf, const PaginateJsonbValue *value);
static uint32 Entry(bool object, int i, uint32 type, int len, int end);
static void CheckSize(bool object, int64 len);
static void AddMember(PaginateJsonbFrame *frame, uint32 type, int offset, int len);
static int	WriteContainer(PaginateJsonbFrame *frame, StringInfo buf);

/* jsonb's order of keys: shorter first, then bytewise. */
static int
CompareKeys(const char *a, int a_len, const char *b, int b_len)
{
	if (a_len != b_len)
		return a_len < b_len ? -1 : 1;
	return memcmp(a, b, a_len);
}

/* qsort's comparison of two members of an object, by key. */
static int
CompareMembers(const void *a, const void *b)
{
	const JsonbMember *ma = (const JsonbMember *) a;
	const JsonbMember *mb = (const JsonbMember *) b;

	return CompareKeys(ma->key, ma->key_len, mb->key, mb->key_len);
}

/* Pad buf with zeroes to a 4-byte boundary; the bytes added. */
static int
Pad(StringInfo buf)
{
	int			padding = INTALIGN(buf->len) - buf->len;

	if (padding > 0)
		appendStringInfoSpaces(buf, padding);
	memset(buf->data + buf->len - padding, 0, padding);
	return padding;
}

/*
 * Append a value's bytes (after padding, for a number or a container); the
 * length its JEntry gives.
 */
static int
PutValue(StringInfo buf, const PaginateJsonbValue *value)
{
	int			padding = 0;

	if (value->type == JENTRY_ISNUMERIC || value->type == JENTRY_ISCONTAINER)
		padding = Pad(buf);
	else if (value->type != JENTRY_ISSTRING)
		return 0;
	appendBinaryStringInfo(buf, value->data, value->len);
	return padding + value->len;
}

/*
 * The JEntry of the i'th key or value of a container: its type and length,
 * or for every JB_OFFSET_STRIDE'th its end, the bytes of the container's
 * values up to and with it (which may not pass jsonb's limit).
 */
static uint32
Entry(bool object, int i, uint32 type, int len, int end)
{
	CheckSize(object, end);
	if (i % JB_OFFSET_STRIDE == 0)
		return type | JENTRY_HAS_OFF | end;
	return type | len;
}

/*
 * A container's bytes, or its values' up to one of them, may not pass
 * jsonb's limit (convertToJsonb's errors).
 */
static void
CheckSize(bool object, int64 len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 object ?
				 errmsg("total size of jsonb object elements exceeds the maximum of %d bytes",
						JENTRY_OFFLENMASK) :
				 errmsg("total size of jsonb array elements exceeds the maximum of %d bytes",
						JENTRY_OFFLENMASK)));
}

/*
 * A jsonb value as a member of another: a container as it is, a scalar
 * (jsonb keeps one as an array of one element) as that element.  The value
 * must last until it is put.
 */
void
PaginateJsonbOfJsonb(Jsonb *jsonb, PaginateJsonbValue *value)
{
	JEntry		entry;
	char	   *data;

	if (!JB_ROOT_IS_SCALAR(jsonb))
	{
		value->type = JENTRY_ISCONTAINER;
		value->data = (char *) &jsonb->root;
		value->len = VARSIZE(jsonb) - VARHDRSZ;
		return;
	}

	/* the element's bytes follow its one JEntry, from offset 0 */
	entry = jsonb->root.children[0];
	data = (char *) &jsonb->root.children[1];
	value->type = entry & JENTRY_TYPEMASK;
	value->data = data;
	/* (its entry has its end, the length: offset 0 needs no padding) */
	value->len = JBE_OFFLENFLD(entry);
}

/* A string value (it must last until it is put), within jsonb's limit. */
void
PaginateJsonbString(PaginateJsonbValue *value, const char *string)
{
	PaginateJsonbBytes(value, string, strlen(string));
}

/* A string value of len bytes (as PaginateJsonbString). */
void
PaginateJsonbBytes(PaginateJsonbValue *value, const char *string, size_t len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("string too long to represent as jsonb string"),
				 errdetail("Due to an implementation restriction, jsonb strings cannot exceed %d bytes.",
						   JENTRY_OFFLENMASK)));
	value->type = JENTRY_ISSTRING;
	value->data = string;
	value->len = len;
}

/* A number (it must last until it is put; not NaN or infinite). */
void
PaginateJsonbNumeric(PaginateJsonbValue *value, Numeric number)
{
	value->type = JENTRY_ISNUMERIC;
	value->data = (char *) number;
	value->len = VARSIZE(number);
}

/* A value without bytes: null, true or false (type JENTRY_ISNULL, ...). */
void
PaginateJsonbScalar(PaginateJsonbValue *value, uint32 type)
{
	value->type = type;
	value->data = NULL;
	value->len = 0;
}

/*
 * The keys of rows' objects, from their names (which must last as long as
 * the keys): their order in every object, sorted (order[j] is the j'th key's
 * index in names), and their JEntries and bytes, the same in every row.
 * The names must differ.
 */
PaginateJsonbKeys *
PaginateJsonbKeysFor(const char **names, const int *lens, int nkeys, int *order)
{
	PaginateJsonbKeys *keys = palloc(sizeof(PaginateJsonbKeys));
	uint32		header;
	char	   *bytes;
	int			end = 0;
	int			i;
	int			j;

	/* an insertion sort: a few keys, once a call */
	for (i = 0; i < nkeys; i++)
	{
		for (j = i; j > 0; j--)
		{
			int			cmp = CompareKeys(names[order[j - 1]], lens[order[j - 1]],
										  names[i], lens[i]);

			if (cmp == 0)
				elog(ERROR, "duplicate key \"%s\" in a row", names[i]);
			if (cmp < 0)
				break;
			order[j] = order[j - 1];
		}
		order[j] = i;
	}

	keys->nkeys = nkeys;
	keys->prefix_len = sizeof(uint32) * (1 + 2 * nkeys);
	for (j = 0; j < nkeys; j++)
		keys->prefix_len += lens[order[j]];
	keys->prefix = palloc0(keys->prefix_len);
	header = nkeys | JB_FOBJECT;
	memcpy(keys->prefix, &header, sizeof(uint32));
	bytes = keys->prefix + sizeof(uint32) * (1 + 2 * nkeys);
	for (j = 0; j < nkeys; j++)
	{
		int			len = lens[order[j]];
		uint32		entry;

		memcpy(bytes + end, names[order[j]], len);
		end += len;
		entry = Entry(true, j, JENTRY_ISSTRING, len, end);
		memcpy(keys->prefix + sizeof(uint32) * (1 + j), &entry, sizeof(uint32));
	}
	return keys;
}

/*
 * Begin a row's object at the end of buf (padded to a 4-byte boundary):
 * its header, its keys, room for the JEntries of its values.  Where it
 * begins, for PaginateJsonbRowValue.
 */
int
PaginateJsonbBeginRow(StringInfo buf, PaginateJsonbKeys *keys)
{
	int			start;

	Pad(buf);
	start = buf->len;
	appendBinaryStringInfo(buf, keys->prefix, keys->prefix_len);
	return start;
}

/* The row begun at start is written: within jsonb's limit, all told. */
void
PaginateJsonbEndRow(StringInfo buf, int start)
{
	CheckSize(true, buf->len - start);
}

/* Write the value of the row's j'th key (in the keys' order). */
void
PaginateJsonbRowValue(StringInfo buf, int start, PaginateJsonbKeys *keys,
					  int j, const PaginateJsonbValue *value)
{
	int			data = start + sizeof(uint32) * (1 + 2 * keys->nkeys);
	int			len = PutValue(buf, value);
	uint32		entry = Entry(true, keys->nkeys + j, value->type, len,
							  buf->len - data);

	memcpy(buf->data + start + sizeof(uint32) * (1 + keys->nkeys + j),
		   &entry, sizeof(uint32));
}

/*
 * Begin an object or an array in parent (NULL: the value's outermost).  In
 * the current memory context, which must last until it ends.
 */
PaginateJsonbFrame *
PaginateJsonbBegin(PaginateJsonbFrame *parent, bool object)
{
	PaginateJsonbFrame *frame = palloc0(sizeof(PaginateJsonbFrame));

	frame->parent = parent;
	frame->object = object;
	frame->maxmembers = 8;
	frame->members = palloc(sizeof(JsonbMember) * frame->maxmembers);
	initStringInfo(&frame->data);
	return frame;
}

/* The key of an object's next member; it must last until the object ends. */
void
PaginateJsonbKey(PaginateJsonbFrame *frame, const char *key, int len)
{
	Assert(frame->object && frame->key == NULL);
	frame->key = key;
	frame->key_len = len;
}

/* Add a member whose bytes are in frame's data, after its key if any. */
static void
AddMember(PaginateJsonbFrame *frame, uint32 type, int offset, int len)
{
	JsonbMember *member;

	Assert(frame->object == (frame->key != NULL));
	/* (an array's data is its values' bytes; an object's, without its keys) */
	CheckSize(frame->object, frame->data.len);
	if (frame->nmembers == frame->maxmembers)
	{
		frame->maxmembers *= 2;
		frame->members = repalloc(frame->members,
								  sizeof(JsonbMember) * frame->maxmembers);
	}
	member = &frame->members[frame->nmembers++];
	member->key = frame->key;
	member->key_len = frame->key_len;
	member->type = type;
	member->offset = offset;
	member->len = len;
	frame->key = NULL;
}

/* Add a value (its bytes are copied). */
void
PaginateJsonbPut(PaginateJsonbFrame *frame, const PaginateJsonbValue *value)
{
	PutValue(&frame->data, value);
	AddMember(frame, value->type, frame->data.len - value->len, value->len);
}

/*
 * Where to write a row's object as the next value (PaginateJsonbBeginRow),
 * then PaginateJsonbPutRow with where it began.
 */
StringInfo
PaginateJsonbRowBuffer(PaginateJsonbFrame *frame)
{
	return &frame->data;
}

/* The row's object begun at start is written: it is the next value. */
void
PaginateJsonbPutRow(PaginateJsonbFrame *frame, int start)
{
	AddMember(frame, JENTRY_ISCONTAINER, start, frame->data.len - start);
}

/*
 * Write an open container at the end of buf (padded to a 4-byte boundary):
 * its header, its JEntries, then the bytes of its members, each number and
 * container moved to a 4-byte boundary of its new place.  An object's
 * members go in jsonb's order of keys.  Where it begins, after the padding.
 */
static int
WriteContainer(PaginateJsonbFrame *frame, StringInfo buf)
{
	int			n = frame->nmembers;
	int			nentries = frame->object ? 2 * n : n;
	uint32		header = n | (frame->object ? JB_FOBJECT : JB_FARRAY);
	int			start;
	int			begin;
	int			entries;
	int			data;
	int			i;

	if (frame->object)
	{
		qsort(frame->members, n, sizeof(JsonbMember), CompareMembers);
		for (i = 1; i < n; i++)
			if (CompareMembers(&frame->members[i - 1], &frame->members[i]) == 0)
				elog(ERROR, "duplicate key \"%s\" in an object",
					 frame->members[i].key);
	}

	start = buf->len;
	Pad(buf);
	begin = buf->len;
	appendBinaryStringInfo(buf, (char *) &header, sizeof(uint32));
	entries = buf->len;
	appendStringInfoSpaces(buf, sizeof(uint32) * nentries);
	data = buf->len;
	for (i = 0; i < nentries; i++)
	{
		JsonbMember *member = &frame->members[frame->object ? i % n : i];
		PaginateJsonbValue value;
		int			len;
		uint32		entry;

		if (frame->object && i < n)
		{
			value.type = JENTRY_ISSTRING;
			value.data = member->key;
			value.len = member->key_len;
		}
		else
		{
			value.type = member->type;
			value.data = frame->data.data + member->offset;
			value.len = member->len;
		}
		len = PutValue(buf, &value);
		entry = Entry(frame->object, i, value.type, len, buf->len - data);
		memcpy(buf->data + entries + sizeof(uint32) * i, &entry, sizeof(uint32));
	}
	/* (with its padding, header and entries) */
	CheckSize(frame->object, buf->len - start);
	return begin;
}

/*
 * End an open container: write it into its parent as the parent's next
 * value, or, the outermost, as the finished jsonb (*result).  Returns the
 * parent.
 */
PaginateJsonbFrame *
PaginateJsonbEnd(PaginateJsonbFrame *frame, Jsonb **result)
{
	PaginateJsonbFrame *parent = frame->parent;

	if (parent != NULL)
	{
		int			start = WriteContainer(frame, &parent->data);

		AddMember(parent, JENTRY_ISCONTAINER, start, parent->data.len - start);
	}
	else
	{
		StringInfoData buf;

		initStringInfo(&buf);
		appendStringInfoSpaces(&buf, VARHDRSZ);
		WriteContainer(frame, &buf);
		SET_VARSIZE(buf.data, buf.len);
		*result = (Jsonb *) buf.data;
	}
	pfree(frame->data.data);
	pfree(frame->members);
	pfree(frame);
	return parent;
}
