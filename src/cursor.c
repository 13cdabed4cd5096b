/*
 * cursor.c
 *		Cursors: the position of a row, as opaque URL-safe text.
 *
 * A cursor holds the values of the row's keys (keyset.c: the ORDER BY items
 * and the tiebreak), each in its type's binary send format (text output for
 * a type without one), so any value comes back exactly; when rows can be
 * copies of one another also the row's place among its copies.  It is bound
 * to the query text, order_by and params it came from by a 64-bit fingerprint, and to
 * the keys' types, collations and operators by a 32-bit signature, and
 * closed by a CRC-32C, or, when paginate.cursor_secret_file is set, by an
 * HMAC-SHA256 under its first secret (secret.c), which only the server can
 * make; any of its secrets verifies one.  The bytes are base64url without
 * padding.
 *
 *	version (1) flags (1) fingerprint (8) keys (4) nkeys (2)
 *	per key: kind (1: null, binary, text) [length (4) bytes]
 *	[ties (8)]						when flags has CURSOR_COPIES
 *	CRC-32C (4) or HMAC-SHA256 (32)	as flags has CURSOR_SIGNED
 *
 * Version 1 (paginate 1.0 and 1.1) had no key signature, and held a row hash
 * (and ties) where the ORDER BY could tie: its cursors are read where the
 * ORDER BY alone is the keys, and refused with a hint to start again where
 * 2.0 adds a tiebreak.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/base64.h"
#include "common/hashfn.h"
#include "common/hmac.h"
#include "common/sha2.h"
#include "libpq/pqformat.h"
#include "port/pg_crc32c.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "internal.h"

#define CURSOR_VERSION		2
#define CURSOR_VERSION_1	1	/* paginate 1.0 and 1.1 */
#define CURSOR_COPIES		0x01
#define CURSOR_SIGNED		0x02

/*
 * What every cursor holds before its keys: its version and flags (a byte
 * each), the fingerprint (8 bytes) and the number of keys (2); version 2
 * puts its key signature (4 bytes) before that number.
 */
#define CURSOR_HEAD_LEN		(1 + 1 + 8 + 2)

/*
 * The seed of the fingerprint's hash ("pagi"): any constant serves, but a
 * new one would change every fingerprint, and so refuse every cursor made.
 */
#define FINGERPRINT_SEED	0x70616769

#define VALUE_NULL			0
#define VALUE_BINARY		1
#define VALUE_TEXT			2

/*
 * Refuse the cursor given as argument, saying why (detail: a string
 * literal, so that it is translated as errdetail's are).
 */
#define Invalid(argument, detail) \
	ereport(ERROR, \
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE), \
			 errmsg("invalid cursor in %s", (argument)), \
			 errdetail(detail), \
			 errhint("Pass start_cursor or end_cursor of a page of the same query, order_by and params, unchanged.")))

static void AppendSeal(StringInfo buf, const char *secret);
static bool SameBytes(const char *a, const char *b, int len);
static char *Base64Url(const char *data, int len);
static bool HasBinaryIO(Oid type);
static void AppendValue(StringInfo buf, int kind, const char *data, int len);
static void SwapBase64Url(char *chars, int len, bool to_url);
static char *Base64UrlDecode(const char *url, int *nbytes, const char *argument);
static void CheckSeal(const char *bytes, int nbytes, int flags, int seal_len,
					  const char *argument);
static void ReadHeader(StringInfo buf, PaginateQuery *query, uint64 fingerprint,
					   int version, int flags, const char *argument);
static PaginateCursor *ReadKeyValues(StringInfo buf, PaginateQuery *query,
									 const char *argument);
static void Need(StringInfo buf, int bytes, const char *argument);
static Datum ReadValue(PaginateKey *key, int kind, StringInfo value,
					   const char *argument);

/*
 * The fingerprint that binds cursors to a query text, its order_by and its
 * params: a 64-bit hash of them.
 */
uint64
PaginateFingerprint(PaginateQuery *query, ArrayType *params)
{
	StringInfoData buf;
	uint64		hash;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, query->text, strlen(query->text) + 1);
	/* and to the sort order_by put on it (none: as before order_by was) */
	if (query->order_by != NULL)
	{
		appendStringInfoChar(&buf, 'S');
		appendBinaryStringInfo(&buf, query->order_by, strlen(query->order_by) + 1);
	}
	if (params != NULL)
	{
		Datum	   *values;
		bool	   *nulls;
		int			count;
		int			i;

		/* paginate_param[], or text[] (a 1.x function): both store text */
		deconstruct_array(params, ARR_ELEMTYPE(params), -1, false, TYPALIGN_INT,
						  &values, &nulls, &count);
		for (i = 0; i < count; i++)
		{
			if (nulls[i])
				appendStringInfoChar(&buf, 'N');
			else
			{
				char	   *value = TextDatumGetCString(values[i]);

				appendStringInfoChar(&buf, 'V');
				pq_sendint32(&buf, (uint32) strlen(value));
				appendStringInfoString(&buf, value);
			}
		}
	}
	hash = hash_bytes_extended((const unsigned char *) buf.data, buf.len, FINGERPRINT_SEED);
	pfree(buf.data);
	return hash;
}

/* The cursor of a row, from its key values and place among its copies. */
char *
PaginateEncodeCursor(PaginateQuery *query, uint64 fingerprint,
					 Datum *values, bool *nulls, int64 ties)
{
	StringInfoData buf;
	List	   *secrets = PaginateCursorSecrets();
	bool		sign = secrets != NIL;
	int			i;

	initStringInfo(&buf);
	pq_sendbyte(&buf, CURSOR_VERSION);
	pq_sendbyte(&buf, (query->copies ? CURSOR_COPIES : 0) | (sign ? CURSOR_SIGNED : 0));
	pq_sendint64(&buf, (int64) fingerprint);
	pq_sendint32(&buf, query->key_signature);
	pq_sendint16(&buf, (uint16) query->nkeys);

	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];

		if (nulls[i])
			pq_sendbyte(&buf, VALUE_NULL);
		else if (HasBinaryIO(key->type))
		{
			Oid			send;
			bool		varlena;
			bytea	   *bytes;

			getTypeBinaryOutputInfo(key->type, &send, &varlena);
			bytes = OidSendFunctionCall(send, values[i]);
			AppendValue(&buf, VALUE_BINARY, VARDATA(bytes), VARSIZE(bytes) - VARHDRSZ);
		}
		else
		{
			Oid			output;
			bool		varlena;
			char	   *value;

			getTypeOutputInfo(key->type, &output, &varlena);
			value = OidOutputFunctionCall(output, values[i]);
			AppendValue(&buf, VALUE_TEXT, value, strlen(value));
		}
	}
	if (query->copies)
		pq_sendint64(&buf, ties);
	AppendSeal(&buf, sign ? strVal(linitial(secrets)) : NULL);
	return Base64Url(buf.data, buf.len);
}

/* Are two byte strings equal?  In a time that does not depend on where they differ. */
static bool
SameBytes(const char *a, const char *b, int len)
{
	unsigned char diff = 0;
	int			i;

	for (i = 0; i < len; i++)
		diff |= (unsigned char) a[i] ^ (unsigned char) b[i];
	return diff == 0;
}

/*
 * base64 and base64url differ in two letters: '+' and '/' are '-' and '_'.
 * Swap them in chars, len bytes, one way (to_url) or back.
 */
static void
SwapBase64Url(char *chars, int len, bool to_url)
{
	int			i;

	for (i = 0; i < len; i++)
	{
		if (chars[i] == (to_url ? '+' : '-'))
			chars[i] = to_url ? '-' : '+';
		else if (chars[i] == (to_url ? '/' : '_'))
			chars[i] = to_url ? '_' : '/';
	}
}

/* A key value of a cursor: its kind, its length and its bytes. */
static void
AppendValue(StringInfo buf, int kind, const char *data, int len)
{
	pq_sendbyte(buf, kind);
	pq_sendint32(buf, len);
	pq_sendbytes(buf, data, len);
}

/* bytes as base64url text, without padding */
static char *
Base64Url(const char *data, int len)
{
	char	   *out = palloc(pg_b64_enc_len(len) + 1);
	int			n = pg_b64_encode((const uint8 *) data, len, out, pg_b64_enc_len(len));

	if (n < 0)
		elog(ERROR, "could not encode cursor");
	while (n > 0 && out[n - 1] == '=')
		n--;
	out[n] = '\0';
	SwapBase64Url(out, n, true);
	return out;
}

/*
 * The bytes of base64url text, as Base64Url makes it and no other spelling
 * of the same bytes; their length in *nbytes.
 */
static char *
Base64UrlDecode(const char *url, int *nbytes, const char *argument)
{
	int			len = strlen(url);
	char	   *b64 = palloc(len + 4);
	char	   *bytes;
	int			i;

	for (i = 0; i < len; i++)
	{
		char		c = url[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			  (c >= '0' && c <= '9') || c == '-' || c == '_'))
			Invalid(argument, "A cursor holds only letters, digits, \"-\" and \"_\".");
		b64[i] = c;
	}
	SwapBase64Url(b64, len, false);
	while (i % 4 != 0)
		b64[i++] = '=';
	b64[i] = '\0';

	bytes = palloc(pg_b64_dec_len(i) + 1);
	*nbytes = pg_b64_decode(b64, i, (uint8 *) bytes, pg_b64_dec_len(i));
	if (*nbytes < 0 || strcmp(Base64Url(bytes, *nbytes), url) != 0)
		Invalid(argument, "The cursor is not valid base64url text.");
	pfree(b64);
	return bytes;
}

/*
 * Read the cursor given as argument (after or before) for this query and
 * params.  Anything but a cursor this server made for them is an error.
 */
PaginateCursor *
PaginateDecodeCursor(PaginateQuery *query, uint64 fingerprint,
					 const char *text, const char *argument)
{
	PaginateCursor *cursor;
	int			nbytes;
	char	   *bytes = Base64UrlDecode(text, &nbytes, argument);
	StringInfoData buf;
	int			version;
	int			flags;
	int			seal_len;

	if (nbytes < CURSOR_HEAD_LEN + (int) sizeof(pg_crc32c))
		Invalid(argument, "The cursor is too short to be one.");
	version = (unsigned char) bytes[0];
	flags = (unsigned char) bytes[1];
	if (version != CURSOR_VERSION && version != CURSOR_VERSION_1)
		Invalid(argument, "The cursor was not made by paginate, or by another version of it.");

	/* check the seal before reading anything else */
	seal_len = (flags & CURSOR_SIGNED) ? PG_SHA256_DIGEST_LENGTH : sizeof(pg_crc32c);
	if (nbytes < CURSOR_HEAD_LEN + seal_len)
		Invalid(argument, "The cursor is truncated.");
	CheckSeal(bytes, nbytes, flags, seal_len, argument);

	buf.data = bytes;
	buf.len = nbytes - seal_len;
	buf.maxlen = nbytes;
	buf.cursor = 2;
	ReadHeader(&buf, query, fingerprint, version, flags, argument);
	cursor = ReadKeyValues(&buf, query, argument);
	cursor->text = pstrdup(text);
	return cursor;
}

/*
 * The cursor's seal, its last seal_len bytes, must be the one this server
 * makes of the bytes before it: the HMAC of one of its secrets when the
 * cursor is signed (and only when it has secrets), else their CRC.
 */
static void
CheckSeal(const char *bytes, int nbytes, int flags, int seal_len,
		  const char *argument)
{
	List	   *secrets = PaginateCursorSecrets();
	StringInfoData sealed;

	if ((flags & CURSOR_SIGNED) && secrets == NIL)
		Invalid(argument, "The cursor is signed, and this server has no paginate.cursor_secret_file to check it with.");
	if (!(flags & CURSOR_SIGNED) && secrets != NIL)
		Invalid(argument, "The cursor is not signed, and paginate.cursor_secret_file is set.");
	initStringInfo(&sealed);
	if (flags & CURSOR_SIGNED)
	{
		ListCell   *lc;
		bool		verified = false;

		/* every secret is tried, so the time does not tell which one served */
		foreach(lc, secrets)
		{
			resetStringInfo(&sealed);
			appendBinaryStringInfo(&sealed, bytes, nbytes - seal_len);
			AppendSeal(&sealed, strVal(lfirst(lc)));
			verified |= SameBytes(sealed.data + nbytes - seal_len,
								  bytes + nbytes - seal_len, seal_len);
		}
		if (!verified)
			Invalid(argument, "The cursor's signature does not match: it was altered, or signed with a secret this server no longer has.");
	}
	else
	{
		appendBinaryStringInfo(&sealed, bytes, nbytes - seal_len);
		AppendSeal(&sealed, NULL);
		if (!SameBytes(sealed.data + nbytes - seal_len, bytes + nbytes - seal_len, seal_len))
			Invalid(argument, "The cursor's checksum does not match: it was truncated or altered.");
	}
	pfree(sealed.data);
}

/*
 * After the version and flags: the fingerprint, which must be the query's
 * (its text, order_by and params), then in version 2 the key signature,
 * which must be its keys', and the number of keys, which must be theirs.
 */
static void
ReadHeader(StringInfo buf, PaginateQuery *query, uint64 fingerprint,
		   int version, int flags, const char *argument)
{
	int			nkeys;

	/* the fingerprint and, in version 1, the number of keys */
	Need(buf, sizeof(uint64) + sizeof(uint16), argument);
	if ((uint64) pq_getmsgint64(buf) != fingerprint)
		Invalid(argument, "The cursor was made for another query, another order_by or other params.");
	if (version == CURSOR_VERSION_1)
	{
		/*
		 * A 1.x cursor holds the ORDER BY's values and, where they could tie,
		 * a row hash: it reads as a 2.0 cursor only where the ORDER BY alone
		 * is the keys.
		 */
		if ((flags & CURSOR_COPIES) || query->copies || query->nkeys != query->norder)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid cursor in %s", argument),
					 errdetail("The cursor was made by paginate 1.x for a query whose rows can tie, which this version orders otherwise."),
					 errhint("Start again from the first page, without after or before.")));
	}
	else
	{
		/* the key signature and the number of keys */
		Need(buf, sizeof(uint32) + sizeof(uint16), argument);
		if ((uint32) pq_getmsgint(buf, 4) != query->key_signature)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid cursor in %s", argument),
					 errdetail("The query's sort keys changed since the cursor was made: a type, a collation, an operator or a unique key."),
					 errhint("Start again from the first page, without after or before.")));
	}
	nkeys = pq_getmsgint(buf, 2);
	if (nkeys != query->nkeys ||
		((flags & CURSOR_COPIES) != 0) != query->copies)
		Invalid(argument, "The cursor does not fit the query's ORDER BY.");
}

/*
 * The cursor's key values, each NULL, binary (for a type with binary I/O)
 * or text, then with copies its place among them; nothing after.
 */
static PaginateCursor *
ReadKeyValues(StringInfo buf, PaginateQuery *query, const char *argument)
{
	PaginateCursor *cursor = palloc0(sizeof(PaginateCursor));
	int			i;

	cursor->values = palloc0(sizeof(Datum) * Max(query->nkeys, 1));
	cursor->nulls = palloc0(sizeof(bool) * Max(query->nkeys, 1));
	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];
		int			kind;
		int			vlen;
		StringInfoData value;

		Need(buf, 1, argument);
		kind = pq_getmsgbyte(buf);
		if (kind == VALUE_NULL)
		{
			cursor->nulls[i] = true;
			continue;
		}
		/* binary only for a type that has it, as PaginateEncodeCursor does */
		if (kind != VALUE_TEXT &&
			(kind != VALUE_BINARY || !HasBinaryIO(key->type)))
			Invalid(argument, "The cursor does not fit the query's ORDER BY.");
		Need(buf, 4, argument);
		vlen = pq_getmsgint(buf, 4);
		if (vlen < 0 || vlen > buf->len - buf->cursor)
			Invalid(argument, "The cursor is truncated.");
		initStringInfo(&value);
		appendBinaryStringInfo(&value, pq_getmsgbytes(buf, vlen), vlen);

		cursor->values[i] = ReadValue(key, kind, &value, argument);
		if (kind == VALUE_BINARY && value.cursor != value.len)
			Invalid(argument, "A value in the cursor does not fit its type.");
	}
	if (query->copies)
	{
		Need(buf, 8, argument);
		cursor->ties = pq_getmsgint64(buf);
		if (cursor->ties < 1)
			Invalid(argument, "The cursor does not fit the query's ORDER BY.");
	}
	if (buf->cursor != buf->len)
		Invalid(argument, "The cursor has bytes past its end.");
	return cursor;
}

/*
 * Read one key value of a cursor: its bytes with the type's receive
 * function, or its text with the type's input function.
 *
 * Without paginate.cursor_secret_file a cursor can be forged (a CRC is no
 * secret), so these functions may be handed any bytes.  They refuse what
 * they cannot read with errors of their own: 22P03, 22P02, 22021, 08P01
 * from pq_getmsg*, 42804 or 54000 from array_recv, even XX000 from
 * jsonb_recv.  Those are a bad cursor as far as the caller is concerned,
 * and become its 22023, with the function's message as detail.  Errors that
 * say something about the server rather than the bytes (cancel, out of
 * memory, I/O, corruption) pass unchanged.
 */
static Datum
ReadValue(PaginateKey *key, int kind, StringInfo value, const char *argument)
{
	MemoryContext context = CurrentMemoryContext;
	Datum		result = (Datum) 0;

	PG_TRY();
	{
		Oid			function;
		Oid			ioparam;

		if (kind == VALUE_BINARY)
		{
			getTypeBinaryInputInfo(key->type, &function, &ioparam);
			result = OidReceiveFunctionCall(function, value, ioparam,
											key->typmod);
		}
		else
		{
			getTypeInputInfo(key->type, &function, &ioparam);
			result = OidInputFunctionCall(function, value->data, ioparam,
										  key->typmod);
		}
	}
	PG_CATCH();
	{
		ErrorData  *error;
		int			category;

		MemoryContextSwitchTo(context);
		error = CopyErrorData();
		category = ERRCODE_TO_CATEGORY(error->sqlerrcode);
		if (error->elevel > ERROR ||
			category == ERRCODE_INSUFFICIENT_RESOURCES ||
			category == ERRCODE_OPERATOR_INTERVENTION ||
			category == ERRCODE_SYSTEM_ERROR ||
			error->sqlerrcode == ERRCODE_DATA_CORRUPTED ||
			error->sqlerrcode == ERRCODE_INDEX_CORRUPTED)
			PG_RE_THROW();

		/* nothing runs between here and the new error: abort cleans up */
		FlushErrorState();
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid cursor in %s", argument),
				 errdetail("A value in the cursor does not fit its type: %s.",
						   error->message),
				 errhint("Pass start_cursor or end_cursor of a page of the same query, order_by and params, unchanged.")));
	}
	PG_END_TRY();

	return result;
}

/*
 * Close the cursor's bytes with an HMAC-SHA256 under secret, or without one
 * (NULL) a CRC-32C.
 */
static void
AppendSeal(StringInfo buf, const char *secret)
{
	if (secret != NULL)
	{
		pg_hmac_ctx *ctx = pg_hmac_create(PG_SHA256);
		uint8		digest[PG_SHA256_DIGEST_LENGTH];

		if (ctx == NULL ||
			pg_hmac_init(ctx, (const uint8 *) secret, strlen(secret)) < 0 ||
			pg_hmac_update(ctx, (const uint8 *) buf->data, buf->len) < 0 ||
			pg_hmac_final(ctx, digest, sizeof(digest)) < 0)
			elog(ERROR, "could not sign cursor: %s", pg_hmac_error(ctx));
		pg_hmac_free(ctx);
		appendBinaryStringInfo(buf, (const char *) digest, sizeof(digest));
	}
	else
	{
		pg_crc32c	crc;

		INIT_CRC32C(crc);
		COMP_CRC32C(crc, buf->data, buf->len);
		FIN_CRC32C(crc);
		pq_sendint32(buf, crc);
	}
}

/* Refuse the cursor unless bytes more of it are left to read. */
static void
Need(StringInfo buf, int bytes, const char *argument)
{
	if (buf->len - buf->cursor < bytes)
		Invalid(argument, "The cursor is truncated.");
}

/*
 * What a cursor's values are read as: each key's type, typmod, collation,
 * operator and NULLS placement, hashed.  A cursor made before a key column
 * changed type is refused, never read as the new type.  Computed once, when
 * the keys are described (query->key_signature).
 */
uint32
PaginateKeySignature(PaginateQuery *query)
{
	StringInfoData buf;
	uint32		hash;
	int			i;

	initStringInfo(&buf);
	for (i = 0; i < query->nkeys; i++)
	{
		PaginateKey *key = &query->keys[i];

		pq_sendint32(&buf, key->type);
		pq_sendint32(&buf, (uint32) key->typmod);
		pq_sendint32(&buf, key->collation);
		pq_sendint32(&buf, key->sortop);
		pq_sendbyte(&buf, key->nulls_first ? 1 : 0);
	}
	hash = hash_bytes((const unsigned char *) buf.data, buf.len);
	pfree(buf.data);
	return hash;
}

/* Does the type have binary send and receive functions? */
static bool
HasBinaryIO(Oid type)
{
	HeapTuple	tuple = SearchSysCache1(TYPEOID, ObjectIdGetDatum(type));
	Form_pg_type form;
	bool		result;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for type %u", type);
	form = (Form_pg_type) GETSTRUCT(tuple);
	result = OidIsValid(form->typsend) && OidIsValid(form->typreceive);
	ReleaseSysCache(tuple);
	return result;
}
