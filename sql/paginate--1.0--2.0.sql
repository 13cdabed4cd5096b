-- paginate 1.0 => 2.0
\echo Use "ALTER EXTENSION paginate UPDATE TO '2.0'" to load this file. \quit

-- Planner support: a call of paginate returns per_page rows at most (after
-- the default and the cap), not the 1000 rows the planner assumes of a
-- set-returning function, so joins with a page are planned for its size.
CREATE FUNCTION paginate_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'paginate_support'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION paginate_support(internal)
	IS 'planner support for paginate: estimates a call''s rows as its per_page';

ALTER FUNCTION paginate(text, integer, integer, text, text, text[])
	SUPPORT paginate_support;
ALTER FUNCTION paginate(anyelement, text, integer, integer, text, text, text[])
	SUPPORT paginate_support;

-- The capped count mode (paginate.count = 'capped') counts at most
-- paginate.count_threshold + 1 rows; past the threshold the total is a
-- lower bound, which this field says: the result has more rows than total
-- (GitLab's "10,000+"), and pages is NULL.  Added at the end, as ALTER TYPE
-- adds it, so that values stored by 1.x read back with it NULL.
ALTER TYPE pagination ADD ATTRIBUTE total_is_lower_bound boolean;

-- The typed form is paginate_as, so that paginate is the jsonb form alone
-- and a call whose arguments have no types yet (a driver's $1, $2, $3, or
-- paginate('...', NULL, 3)) always means it.  A rename keeps the function:
-- views and SQL-standard function bodies that call the typed form hold it
-- by OID and go on working; a function body written as text that calls
-- paginate(NULL::t, ...) is resolved when it runs and must say paginate_as.
ALTER FUNCTION paginate(anyelement, text, integer, integer, text, text, text[])
	RENAME TO paginate_as;

COMMENT ON FUNCTION paginate_as(anyelement, text, integer, integer, text, text, text[])
	IS 'the rows of one page of a query, typed as rowtype';

-- page and per_page are bigint, so that the integers drivers send as 64-bit
-- (JDBC's setLong, a JavaScript BigInt, a Python int bound as int8) are
-- taken; int2 and int4 arguments are cast to bigint as before, and a value
-- past 2147483647 is an error that names the argument.  PostgreSQL cannot
-- change a function's argument types in place, and cannot drop one that a
-- view or a SQL-standard function body uses: such a 1.x function is kept,
-- renamed NAME_int4 and taken out of the extension (what uses it goes on
-- working and shows that name; once it is recreated, DROP FUNCTION removes
-- the old one), the others are dropped, and the new functions take the
-- names.
DO $$
DECLARE
	f record;
	fn pg_catalog.regprocedure;
BEGIN
	FOR f IN SELECT * FROM (VALUES
			('paginate', '@extschema@.paginate(text, integer, integer, text, text, text[])'),
			('paginate_as', '@extschema@.paginate_as(anyelement, text, integer, integer, text, text, text[])'),
			('paginate_meta', '@extschema@.paginate_meta(text, integer, integer, text, text, text[], text)'),
			('paginate_response', '@extschema@.paginate_response(text, integer, integer, text, text, text[], text)'),
			('paginate_explain', '@extschema@.paginate_explain(text, integer, integer, text, text, text[], text)'))
			AS v(name, signature) LOOP
		IF EXISTS (SELECT FROM pg_catalog.pg_depend
				   WHERE refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
					 AND refobjid = f.signature::pg_catalog.regprocedure
					 AND deptype OPERATOR(pg_catalog.=) ANY (ARRAY['n', 'a']::"char"[])) THEN
			fn := f.signature::pg_catalog.regprocedure;
			EXECUTE pg_catalog.format('ALTER FUNCTION %s RENAME TO %I', f.signature, f.name || '_int4');
			EXECUTE pg_catalog.format('ALTER EXTENSION paginate DROP FUNCTION %s', fn);
			-- (a WARNING: an extension script's NOTICEs are not shown)
			RAISE WARNING '%(...) is used by a view or function: it is kept as %_int4', f.name, f.name
				USING HINT = pg_catalog.format('Recreate what uses it with %s (its page and per_page are bigint now), then drop %s_int4.', f.name, f.name);
		ELSE
			EXECUTE pg_catalog.format('DROP FUNCTION %s', f.signature);
		END IF;
	END LOOP;
END
$$;

-- params takes the arrays drivers send (src/params.c): it is a
-- paginate_param[], each element the text of one value; text casts to
-- paginate_param as it is, the other types drivers send through their
-- output functions, all implicitly, so that their arrays (and untyped array
-- literals) cast to paginate_param[].
CREATE TYPE paginate_param;

CREATE FUNCTION paginate_param_in(cstring)
RETURNS paginate_param
AS 'MODULE_PATHNAME', 'paginate_param_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION paginate_param_out(paginate_param)
RETURNS cstring
AS 'MODULE_PATHNAME', 'paginate_param_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION paginate_param_recv(internal)
RETURNS paginate_param
AS 'MODULE_PATHNAME', 'paginate_param_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION paginate_param_send(paginate_param)
RETURNS bytea
AS 'MODULE_PATHNAME', 'paginate_param_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE paginate_param (
	INPUT = paginate_param_in,
	OUTPUT = paginate_param_out,
	RECEIVE = paginate_param_recv,
	SEND = paginate_param_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended,
	CATEGORY = 'S');

COMMENT ON TYPE paginate_param
	IS 'one value of a paginated query''s params, as text; read with the type the query gives its parameter';

CREATE CAST (text AS paginate_param) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (paginate_param AS text) WITHOUT FUNCTION;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['smallint', 'integer', 'bigint', 'numeric', 'real',
			'double precision', 'boolean', 'date', 'time without time zone',
			'time with time zone', 'timestamp without time zone',
			'timestamp with time zone', 'interval', 'uuid', 'character varying',
			'character', 'name', 'json', 'jsonb', 'bytea', 'inet', 'money']
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE CAST (%s AS @extschema@.paginate_param) WITH INOUT AS IMPLICIT', t);
	END LOOP;
END
$$;

-- order_by takes a sort in PostgREST's syntax (src/sort.c) as the text
-- drivers send (text, varchar, an untyped literal) or as an array of items
-- (text[], varchar[], an untyped array literal, as drivers send a list): a
-- paginate_sort is that text, an array arriving as its array literal, and
-- is read when the call runs.
CREATE TYPE paginate_sort;

CREATE FUNCTION paginate_sort_in(cstring)
RETURNS paginate_sort
AS 'MODULE_PATHNAME', 'paginate_param_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION paginate_sort_out(paginate_sort)
RETURNS cstring
AS 'MODULE_PATHNAME', 'paginate_param_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION paginate_sort_recv(internal)
RETURNS paginate_sort
AS 'MODULE_PATHNAME', 'paginate_param_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION paginate_sort_send(paginate_sort)
RETURNS bytea
AS 'MODULE_PATHNAME', 'paginate_param_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE paginate_sort (
	INPUT = paginate_sort_in,
	OUTPUT = paginate_sort_out,
	RECEIVE = paginate_sort_recv,
	SEND = paginate_sort_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended,
	CATEGORY = 'S');

COMMENT ON TYPE paginate_sort
	IS 'a client''s sort for order_by, in PostgREST''s syntax: created_at.desc.nullslast,id';

CREATE CAST (text AS paginate_sort) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (character varying AS paginate_sort) WITHOUT FUNCTION AS IMPLICIT;
CREATE CAST (text[] AS paginate_sort) WITH INOUT AS IMPLICIT;
CREATE CAST (character varying[] AS paginate_sort) WITH INOUT AS IMPLICIT;
CREATE CAST (paginate_sort AS text) WITHOUT FUNCTION;

CREATE FUNCTION paginate(
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL,
	with_cursors boolean DEFAULT NULL)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'paginate_rows'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE
SUPPORT paginate_support;

COMMENT ON FUNCTION paginate(text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, boolean)
	IS 'the rows of one page of a query, as jsonb objects';

CREATE FUNCTION paginate_as(
	rowtype anyelement,
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL,
	count text DEFAULT NULL,
	count_timeout integer DEFAULT NULL,
	set_headers boolean DEFAULT NULL,
	base_url text DEFAULT NULL)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'paginate_rows_typed'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE
SUPPORT paginate_support;

COMMENT ON FUNCTION paginate_as(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, text, integer, boolean, text)
	IS 'the rows of one page of a query, typed as rowtype; with set_headers, also its headers in response.headers, from the same page and count';

-- The typed form with a cursor for every row (the jsonb form's
-- with_cursors => true): node is the row, typed as rowtype, and cursor its
-- own, in a column beside it so that no column of the row can clash with it.
CREATE FUNCTION paginate_edges(
	rowtype anyelement,
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL)
RETURNS TABLE (node anyelement, cursor text)
AS 'MODULE_PATHNAME', 'paginate_edges'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE
SUPPORT paginate_support;

COMMENT ON FUNCTION paginate_edges(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean)
	IS 'the rows of one page of a query, typed as rowtype, each with its cursor';

CREATE FUNCTION paginate_meta(
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	count text DEFAULT NULL,
	count_timeout integer DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL)
RETURNS pagination
AS 'MODULE_PATHNAME', 'paginate_meta'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_meta(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean)
	IS 'the metadata of one page of a query';

CREATE FUNCTION paginate_response(
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	count text DEFAULT NULL,
	count_timeout integer DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL,
	with_cursors boolean DEFAULT NULL,
	format text DEFAULT NULL,
	base_url text DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'paginate_response'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_response(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean, boolean, text, text)
	IS 'the rows and metadata of one page, as {"items": [...], "pagination": {...}}, a Relay connection or a DRF body';

-- The same body as JSON text, made as the rows are read: what an API sends
-- (each row's columns in order, as row_to_json writes them).
CREATE FUNCTION paginate_response_json(
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	count text DEFAULT NULL,
	count_timeout integer DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL,
	with_cursors boolean DEFAULT NULL,
	format text DEFAULT NULL,
	base_url text DEFAULT NULL)
RETURNS json
AS 'MODULE_PATHNAME', 'paginate_response_json'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_response_json(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean, boolean, text, text)
	IS 'paginate_response''s body as JSON text, each row''s columns in order';

CREATE FUNCTION paginate_explain(
	query text,
	page bigint DEFAULT NULL,
	per_page bigint DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params paginate_param[] DEFAULT NULL,
	count text DEFAULT NULL,
	count_timeout integer DEFAULT NULL,
	order_by paginate_sort DEFAULT NULL,
	last boolean DEFAULT NULL)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'paginate_explain'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_explain(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean)
	IS 'EXPLAIN of the count and page statements of a call';

-- paginate_cache() names the order_by of each entry (a query text can be
-- cached under several sorts): a column after query.
DROP FUNCTION paginate_cache();

CREATE FUNCTION paginate_cache(
	OUT query text,
	OUT order_by text,
	OUT calls bigint,
	OUT statement text,
	OUT generic_plans bigint,
	OUT custom_plans bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'paginate_cache'
LANGUAGE C STRICT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_cache()
IS 'the queries and prepared statements in this backend''s paginate cache';
