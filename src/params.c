/*
 * params.c
 *		The paginate_param type: one element of params, as drivers send it.
 *
 * A driver binds a list as whatever array its language's list becomes: an
 * untyped array literal (node-postgres, ruby-pg, PgJDBC with
 * stringtype=unspecified), text[] (psycopg's list of str, psycopg2,
 * asyncpg), an array of the type a driver reads from the server
 * (postgres.js), or an array of integers, numerics, booleans, dates,
 * timestamps or uuids (psycopg's list of int, PgJDBC's createArrayOf("int4",
 * ...)).  PostgreSQL picks a function by its argument types before it runs,
 * and no built-in type takes all of those: an anyarray or "any" argument
 * refuses an untyped $n, text[] refuses int4[], and two functions make every
 * untyped call ambiguous.  So params is paginate_param[]: a paginate_param
 * is the text of one value (stored as text is), read when the call binds it
 * with the type the query gives its parameter; text casts to it as it is,
 * and the other types drivers send by their output functions (WITH INOUT),
 * all implicitly, so that their arrays cast to paginate_param[] element by
 * element.  paginate_param[] being an array type of its own, drivers that
 * read pg_type (postgres.js, asyncpg) send a list to it as an array.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "internal.h"

PG_FUNCTION_INFO_V1(paginate_param_in);
PG_FUNCTION_INFO_V1(paginate_param_out);
PG_FUNCTION_INFO_V1(paginate_param_recv);
PG_FUNCTION_INFO_V1(paginate_param_send);

/* paginate_param_in(cstring): the text as it is. */
Datum
paginate_param_in(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(PG_GETARG_CSTRING(0)));
}

/* paginate_param_out(paginate_param): the text. */
Datum
paginate_param_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(TextDatumGetCString(PG_GETARG_DATUM(0)));
}

/* paginate_param_recv(internal): text's binary form, its characters. */
Datum
paginate_param_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			nbytes;
	char	   *str = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	text	   *result = cstring_to_text_with_len(str, nbytes);

	pfree(str);
	PG_RETURN_TEXT_P(result);
}

/* paginate_param_send(paginate_param): as text sends it. */
Datum
paginate_param_send(PG_FUNCTION_ARGS)
{
	text	   *value = PG_GETARG_TEXT_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendtext(&buf, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
