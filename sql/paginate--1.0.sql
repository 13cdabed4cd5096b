-- paginate 1.0: page through the result of any SELECT.
\echo Use "CREATE EXTENSION paginate" to load this file. \quit

-- The metadata of one page.  Page-number fields follow Flask-SQLAlchemy's
-- Pagination; page, prev_page, next_page, first_item and last_item are NULL
-- for a page asked for with a cursor.
CREATE TYPE pagination AS (
	page integer,
	per_page integer,
	total bigint,
	total_is_exact boolean,
	pages integer,
	has_prev boolean,
	has_next boolean,
	prev_page integer,
	next_page integer,
	first_item bigint,
	last_item bigint,
	start_cursor text,
	end_cursor text
);

COMMENT ON TYPE pagination IS 'metadata of one page: totals, navigation, cursors';

-- The rows of one page, one jsonb object each.
CREATE FUNCTION paginate(
	query text,
	page integer DEFAULT NULL,
	per_page integer DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params text[] DEFAULT NULL)
RETURNS SETOF jsonb
AS 'MODULE_PATHNAME', 'paginate_rows'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate(text, integer, integer, text, text, text[])
IS 'the rows of one page of a query, as jsonb objects';

-- The rows of one page, typed as rowtype.
CREATE FUNCTION paginate(
	rowtype anyelement,
	query text,
	page integer DEFAULT NULL,
	per_page integer DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params text[] DEFAULT NULL)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'paginate_rows_typed'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate(anyelement, text, integer, integer, text, text, text[])
IS 'the rows of one page of a query, typed as rowtype';

-- The metadata of one page.
CREATE FUNCTION paginate_meta(
	query text,
	page integer DEFAULT NULL,
	per_page integer DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params text[] DEFAULT NULL,
	count text DEFAULT NULL)
RETURNS pagination
AS 'MODULE_PATHNAME', 'paginate_meta'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_meta(text, integer, integer, text, text, text[], text)
IS 'the metadata of one page of a query';

-- Rows and metadata of one page as the JSON body of an API response.
CREATE FUNCTION paginate_response(
	query text,
	page integer DEFAULT NULL,
	per_page integer DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params text[] DEFAULT NULL,
	count text DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'paginate_response'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_response(text, integer, integer, text, text, text[], text)
IS 'the rows and metadata of one page, as {"items": [...], "pagination": {...}}';

-- EXPLAIN of every statement paginate_response would run.
CREATE FUNCTION paginate_explain(
	query text,
	page integer DEFAULT NULL,
	per_page integer DEFAULT NULL,
	after text DEFAULT NULL,
	before text DEFAULT NULL,
	params text[] DEFAULT NULL,
	count text DEFAULT NULL)
RETURNS SETOF text
AS 'MODULE_PATHNAME', 'paginate_explain'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_explain(text, integer, integer, text, text, text[], text)
IS 'EXPLAIN of the count and page statements of a call';

-- What this backend's query cache holds: one row per prepared statement.
CREATE FUNCTION paginate_cache(
	OUT query text,
	OUT calls bigint,
	OUT statement text,
	OUT generic_plans bigint,
	OUT custom_plans bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'paginate_cache'
LANGUAGE C STRICT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_cache()
IS 'the queries and prepared statements in this backend''s paginate cache';

-- Page numbers for a pagination widget, NULL for a gap: Flask-SQLAlchemy's
-- Pagination.iter_pages.
CREATE FUNCTION paginate_pages(
	pagination pagination,
	left_edge integer DEFAULT 2,
	left_current integer DEFAULT 2,
	right_current integer DEFAULT 4,
	right_edge integer DEFAULT 2)
RETURNS SETOF integer
AS 'MODULE_PATHNAME', 'paginate_pages'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION paginate_pages(pagination, integer, integer, integer, integer)
IS 'page numbers for a pagination widget, NULL for a gap (Flask-SQLAlchemy iter_pages)';

-- A page's HTTP headers: X-Pagination, Content-Range, X-Total-Count, Link.
CREATE FUNCTION paginate_headers(
	pagination pagination,
	base_url text DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'paginate_headers'
LANGUAGE C CALLED ON NULL INPUT IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION paginate_headers(pagination, text)
IS 'HTTP headers of a page: X-Pagination, Content-Range, X-Total-Count and, with a base URL, Link';

-- Merge a page's HTTP headers into PostgREST's response.headers setting.
CREATE FUNCTION paginate_set_headers(
	pagination pagination,
	base_url text DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'paginate_set_headers'
LANGUAGE C CALLED ON NULL INPUT VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION paginate_set_headers(pagination, text)
IS 'add the HTTP headers of a page to PostgREST''s response.headers for this transaction';
