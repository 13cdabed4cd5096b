-- signatures.sql: the SQL surface of paginate 2.0 (sql/paginate--1.0.sql and
-- the update to 2.0, sql/paginate--1.0--2.0.sql):
-- every function with its exact argument types, return type, language,
-- strictness and argument names; the pagination type with its 13 fields in
-- order; and that every argument but query can be left out (the cursors of
-- those calls' pages are URL-safe and after =>, before => take them).
BEGIN;
SELECT plan(125);

-- A query whose rows we know without paginate: 1..25, in order.
CREATE TEMP TABLE sig_n AS SELECT g AS n FROM generate_series(1, 25) g;

-- A pagination with its two cursors set to NULL: the tests below compare
-- every other field with a hand-computed row and check the cursors apart.
CREATE FUNCTION pg_temp.no_cursors(m pagination) RETURNS pagination
LANGUAGE plpgsql AS $$
BEGIN
	m.start_cursor := NULL;
	m.end_cursor := NULL;
	RETURN m;
END
$$;

-- What a cursor field holds: 'null', 'url-safe' (base64url letters only), or
-- the offending text, so a failure shows it.
CREATE FUNCTION pg_temp.cursor_kind(c text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN c IS NULL THEN 'null'
	            WHEN c ~ '^[A-Za-z0-9_-]+$' THEN 'url-safe'
	            ELSE 'not url-safe: ' || c END
$$;

-- The text of paginate(query => ..., after|before => cursor, per_page => n).
-- A missing cursor becomes text no cursor can be, so the call is an error
-- instead of quietly serving page 1.
CREATE FUNCTION pg_temp.keyset_call(dir text, cursor text, n integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT format('SELECT * FROM paginate(query => %L, %s => %L, per_page => %s)',
	              'select n from sig_n order by n', dir,
	              coalesce(cursor, '(no ' || dir || ' cursor)'), n)
$$;

-- ---------------------------------------------------------------------------
-- Functions: existence, return type, language, not strict, volatility.
-- ---------------------------------------------------------------------------

-- paginate(query, page, per_page, after, before, params) -> setof jsonb
SELECT has_function('paginate',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'boolean']);
SELECT function_returns('paginate',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'boolean'], 'setof jsonb');
SELECT function_lang_is('paginate',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'boolean'], 'c');
SELECT isnt_strict('paginate',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'boolean']);
SELECT volatility_is('paginate',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'boolean'], 'volatile');

-- paginate_as(rowtype, query, page, per_page, after, before, params, order_by,
-- last, count, count_timeout, set_headers, base_url) -> setof anyelement
SELECT has_function('paginate_as',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'text', 'integer', 'boolean', 'text']);
SELECT function_returns('paginate_as',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'text', 'integer', 'boolean', 'text'],
    'setof anyelement');
SELECT function_lang_is('paginate_as',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'text', 'integer', 'boolean', 'text'], 'c');
SELECT isnt_strict('paginate_as',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'text', 'integer', 'boolean', 'text']);
SELECT volatility_is('paginate_as',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean', 'text', 'integer', 'boolean', 'text'],
    'volatile');

-- paginate_edges(rowtype, query, page, per_page, after, before, params,
-- order_by, last) -> table (node anyelement, cursor text)
SELECT has_function('paginate_edges',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean']);
SELECT function_returns('paginate_edges',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean'], 'setof record');
SELECT function_lang_is('paginate_edges',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean'], 'c');
SELECT isnt_strict('paginate_edges',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean']);
SELECT volatility_is('paginate_edges',
    ARRAY['anyelement', 'text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'paginate_sort', 'boolean'], 'volatile');
SELECT is((SELECT proargnames FROM pg_proc
      WHERE oid = 'paginate_edges(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean)'::regprocedure),
    ARRAY['rowtype', 'query', 'page', 'per_page', 'after', 'before', 'params', 'order_by', 'last', 'node', 'cursor'],
    'paginate_edges argument and column names');
SELECT is((SELECT pronargdefaults::int FROM pg_proc
      WHERE oid = 'paginate_edges(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean)'::regprocedure),
    7, 'paginate_edges: every argument but rowtype and query has a default');

-- ... and no typed form named paginate is left: paginate is the jsonb form
-- alone, so a call with untyped arguments always means it
SELECT is((SELECT count(*)::int FROM pg_proc WHERE proname = 'paginate'
             AND pronamespace = (SELECT extnamespace FROM pg_extension WHERE extname = 'paginate')),
    1, 'one function is named paginate');

-- paginate_meta(query, page, per_page, after, before, params, count) -> pagination
SELECT has_function('paginate_meta',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean']);
SELECT function_returns('paginate_meta',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean'], 'pagination');
SELECT function_lang_is('paginate_meta',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean'], 'c');
SELECT isnt_strict('paginate_meta',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean']);
SELECT volatility_is('paginate_meta',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean'], 'volatile');

-- paginate_response(query, page, per_page, after, before, params, count) -> jsonb
SELECT has_function('paginate_response',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text']);
SELECT function_returns('paginate_response',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text'], 'jsonb');
SELECT function_lang_is('paginate_response',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text'], 'c');
SELECT isnt_strict('paginate_response',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text']);
SELECT volatility_is('paginate_response',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text'], 'volatile');

-- paginate_response_json(the same arguments) -> json
SELECT has_function('paginate_response_json',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text']);
SELECT function_returns('paginate_response_json',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text'], 'json');
SELECT function_lang_is('paginate_response_json',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text'], 'c');
SELECT isnt_strict('paginate_response_json',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text']);
SELECT volatility_is('paginate_response_json',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean', 'boolean', 'text', 'text'], 'volatile');

-- paginate_explain(query, page, per_page, after, before, params, count) -> setof text
SELECT has_function('paginate_explain',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean']);
SELECT function_returns('paginate_explain',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean'], 'setof text');
SELECT function_lang_is('paginate_explain',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean'], 'c');
SELECT isnt_strict('paginate_explain',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean']);
SELECT volatility_is('paginate_explain',
    ARRAY['text', 'bigint', 'bigint', 'text', 'text', 'paginate_param[]', 'text', 'integer', 'paginate_sort', 'boolean'], 'volatile');

-- The argument names (named notation depends on them) and that every
-- argument but the first (query, or rowtype and query) has a default.
SELECT is(
    (SELECT proargnames FROM pg_proc
      WHERE oid = 'paginate(text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, boolean)'::regprocedure),
    ARRAY['query', 'page', 'per_page', 'after', 'before', 'params', 'order_by', 'last', 'with_cursors'],
    'paginate(jsonb) argument names');
SELECT is(
    (SELECT pronargdefaults::int FROM pg_proc
      WHERE oid = 'paginate(text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, boolean)'::regprocedure),
    8, 'paginate(jsonb): every argument but query has a default');
SELECT is(
    (SELECT proargnames FROM pg_proc
      WHERE oid = 'paginate_as(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, text, integer, boolean, text)'::regprocedure),
    ARRAY['rowtype', 'query', 'page', 'per_page', 'after', 'before', 'params', 'order_by', 'last',
          'count', 'count_timeout', 'set_headers', 'base_url'],
    'paginate_as argument names');
SELECT is(
    (SELECT pronargdefaults::int FROM pg_proc
      WHERE oid = 'paginate_as(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, text, integer, boolean, text)'::regprocedure),
    11, 'paginate_as: every argument but rowtype and query has a default');
SELECT is(
    (SELECT proargnames FROM pg_proc
      WHERE oid = 'paginate_meta(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean)'::regprocedure),
    ARRAY['query', 'page', 'per_page', 'after', 'before', 'params', 'count', 'count_timeout', 'order_by', 'last'],
    'paginate_meta argument names');
SELECT is(
    (SELECT pronargdefaults::int FROM pg_proc
      WHERE oid = 'paginate_meta(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean)'::regprocedure),
    9, 'paginate_meta: every argument but query has a default');
SELECT is(
    (SELECT proargnames FROM pg_proc
      WHERE oid = 'paginate_response(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean, boolean, text, text)'::regprocedure),
    ARRAY['query', 'page', 'per_page', 'after', 'before', 'params', 'count', 'count_timeout', 'order_by', 'last', 'with_cursors', 'format', 'base_url'],
    'paginate_response argument names');
SELECT is(
    (SELECT pronargdefaults::int FROM pg_proc
      WHERE oid = 'paginate_response(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean, boolean, text, text)'::regprocedure),
    12, 'paginate_response: every argument but query has a default');

SELECT is(
    (SELECT proargnames FROM pg_proc
      WHERE oid = 'paginate_explain(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean)'::regprocedure),
    ARRAY['query', 'page', 'per_page', 'after', 'before', 'params', 'count', 'count_timeout', 'order_by', 'last'],
    'paginate_explain argument names');
SELECT is(
    (SELECT pronargdefaults::int FROM pg_proc
      WHERE oid = 'paginate_explain(text, bigint, bigint, text, text, paginate_param[], text, integer, paginate_sort, boolean)'::regprocedure),
    9, 'paginate_explain: every argument but query has a default');

-- One function of each name: an untyped call (a driver's $1, $2, $3) has
-- one candidate.  (An update from 1.x keeps an integer form only under
-- another name, NAME_int4, for a view that uses it.)
SELECT is(
    (SELECT array_agg(proname::text ORDER BY proname) FROM pg_proc
      WHERE proname IN ('paginate', 'paginate_as', 'paginate_meta', 'paginate_response', 'paginate_response_json', 'paginate_explain')),
    ARRAY['paginate', 'paginate_as', 'paginate_explain', 'paginate_meta', 'paginate_response', 'paginate_response_json'],
    'one function of each name, page and per_page bigint');

-- params is paginate_param[]: the arrays drivers send cast to it implicitly
-- (their elements to paginate_param: text as it is, the others through
-- their output functions), and so do untyped array literals.
SELECT has_type('paginate_param');
SELECT is(
    (SELECT array_agg(format_type(castsource, NULL) ORDER BY format_type(castsource, NULL))
       FROM pg_cast WHERE casttarget = 'paginate_param'::regtype AND castcontext = 'i'),
    ARRAY['bigint', 'boolean', 'bytea', 'character', 'character varying', 'date',
          'double precision', 'inet', 'integer', 'interval', 'json', 'jsonb', 'money',
          'name', 'numeric', 'real', 'smallint', 'text', 'time with time zone',
          'time without time zone', 'timestamp with time zone',
          'timestamp without time zone', 'uuid'],
    'the types that cast to paginate_param implicitly');
SELECT is(
    (SELECT castmethod FROM pg_cast
      WHERE castsource = 'text'::regtype AND casttarget = 'paginate_param'::regtype),
    'b', 'text is a paginate_param as it is (binary-coercible)');
SELECT is(
    (SELECT count(*)::int FROM pg_cast
      WHERE casttarget = 'paginate_param'::regtype AND castcontext = 'i' AND castmethod = 'i'),
    22, 'the others by their output functions (WITH INOUT)');

-- order_by is paginate_sort: text (and varchar) as it is, and the arrays
-- drivers send (text[], varchar[]) by their output functions, as array
-- literals, which it reads as arrays of items.
SELECT has_type('paginate_sort');
SELECT is(
    (SELECT array_agg(format_type(castsource, NULL) || ' ' || castmethod::text ORDER BY format_type(castsource, NULL))
       FROM pg_cast WHERE casttarget = 'paginate_sort'::regtype AND castcontext = 'i'),
    ARRAY['character varying b', 'character varying[] i', 'text b', 'text[] i'],
    'the types that cast to paginate_sort implicitly, and how');

-- paginate_cache() names each entry's order_by.
SELECT is(
    (SELECT proargnames FROM pg_proc WHERE oid = 'paginate_cache()'::regprocedure),
    ARRAY['query', 'order_by', 'calls', 'statement', 'generic_plans', 'custom_plans'],
    'paginate_cache columns');

-- The extension is trusted: a database owner can create it.
SELECT is(
    (SELECT trusted FROM pg_available_extension_versions
      WHERE name = 'paginate' AND version = '1.0'),
    true, 'paginate 1.0 is a trusted extension');
SELECT is(
    (SELECT trusted FROM pg_available_extension_versions
      WHERE name = 'paginate' AND version = '2.0'),
    true, 'paginate 2.0 is a trusted extension');
SELECT is(
    (SELECT extversion FROM pg_extension WHERE extname = 'paginate'),
    '2.0', 'CREATE EXTENSION paginate installs 2.0');
SELECT is(
    (SELECT array_agg(path ORDER BY source) FROM pg_extension_update_paths('paginate')
      WHERE path IS NOT NULL),
    ARRAY['1.0--2.0'], 'paginate updates from 1.0 to 2.0');

-- 2.0: the planner support function, on both forms of paginate.
SELECT has_function('paginate_support', ARRAY['internal']);
SELECT function_returns('paginate_support', ARRAY['internal'], 'internal');
SELECT is_strict('paginate_support', ARRAY['internal']);
SELECT is(
    (SELECT prosupport FROM pg_proc
      WHERE oid = 'paginate(text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, boolean)'::regprocedure),
    'paginate_support'::regproc, 'paginate(jsonb) has the planner support function');
SELECT is(
    (SELECT prosupport FROM pg_proc
      WHERE oid = 'paginate_as(anyelement, text, bigint, bigint, text, text, paginate_param[], paginate_sort, boolean, text, integer, boolean, text)'::regprocedure),
    'paginate_support'::regproc, 'paginate_as has the planner support function');

-- ---------------------------------------------------------------------------
-- The pagination type: 13 fields, these types, this order.
-- ---------------------------------------------------------------------------
SELECT has_type('pagination');

SELECT has_column('pagination', 'page');
SELECT col_type_is('pagination', 'page', 'integer');
SELECT has_column('pagination', 'per_page');
SELECT col_type_is('pagination', 'per_page', 'integer');
SELECT has_column('pagination', 'total');
SELECT col_type_is('pagination', 'total', 'bigint');
SELECT has_column('pagination', 'total_is_exact');
SELECT col_type_is('pagination', 'total_is_exact', 'boolean');
SELECT has_column('pagination', 'pages');
SELECT col_type_is('pagination', 'pages', 'integer');
SELECT has_column('pagination', 'has_prev');
SELECT col_type_is('pagination', 'has_prev', 'boolean');
SELECT has_column('pagination', 'has_next');
SELECT col_type_is('pagination', 'has_next', 'boolean');
SELECT has_column('pagination', 'prev_page');
SELECT col_type_is('pagination', 'prev_page', 'integer');
SELECT has_column('pagination', 'next_page');
SELECT col_type_is('pagination', 'next_page', 'integer');
SELECT has_column('pagination', 'first_item');
SELECT col_type_is('pagination', 'first_item', 'bigint');
SELECT has_column('pagination', 'last_item');
SELECT col_type_is('pagination', 'last_item', 'bigint');
SELECT has_column('pagination', 'start_cursor');
SELECT col_type_is('pagination', 'start_cursor', 'text');
SELECT has_column('pagination', 'end_cursor');
SELECT col_type_is('pagination', 'end_cursor', 'text');

SELECT results_eq(
    $$SELECT attnum::int, attname::text COLLATE "default", format_type(atttypid, atttypmod)
        FROM pg_attribute
       WHERE attrelid = (SELECT typrelid FROM pg_type
                          WHERE oid = 'pagination'::regtype)
         AND attnum > 0 AND NOT attisdropped
       ORDER BY attnum$$,
    $$VALUES (1, 'page', 'integer'),
             (2, 'per_page', 'integer'),
             (3, 'total', 'bigint'),
             (4, 'total_is_exact', 'boolean'),
             (5, 'pages', 'integer'),
             (6, 'has_prev', 'boolean'),
             (7, 'has_next', 'boolean'),
             (8, 'prev_page', 'integer'),
             (9, 'next_page', 'integer'),
             (10, 'first_item', 'bigint'),
             (11, 'last_item', 'bigint'),
             (12, 'start_cursor', 'text'),
             (13, 'end_cursor', 'text'),
             (14, 'total_is_lower_bound', 'boolean')$$,
    'pagination has exactly these 14 fields, in this order');

-- ---------------------------------------------------------------------------
-- Defaults: calls that leave arguments out.  Expected values come from the
-- query run directly (page 1, paginate.default_per_page = 10 rows).
-- ---------------------------------------------------------------------------
SELECT is(
    (SELECT count(*)::int FROM paginate('select 1 order by 1')),
    1, 'paginate(query) alone works');

SELECT results_eq(
    $$SELECT * FROM paginate('select n from sig_n order by n')$$,
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n <= 10 ORDER BY n$$,
    'paginate(query): page 1 of 10 rows by default');

SELECT results_eq(
    $$SELECT * FROM paginate('select n from sig_n order by n', 2)$$,
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 11 AND 20 ORDER BY n$$,
    'paginate(query, page): positional page, default per_page');

SELECT results_eq(
    $$SELECT * FROM paginate(query => 'select n from sig_n order by n', per_page => 4)$$,
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n <= 4 ORDER BY n$$,
    'paginate(query =>, per_page =>): named, page defaults to 1');

SELECT results_eq(
    $$SELECT * FROM paginate(per_page => 3, page => 3, query => 'select n from sig_n order by n')$$,
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 7 AND 9 ORDER BY n$$,
    'paginate: named arguments in any order');

SELECT results_eq(
    $$SELECT * FROM paginate(query => 'select n from sig_n where n > $1 order by n',
                             params => ARRAY['20'])$$,
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n > 20 ORDER BY n$$,
    'paginate(query =>, params =>): page and per_page default');

SELECT results_eq(
    $$SELECT * FROM paginate_as(NULL::integer, 'select n from sig_n order by n')$$,
    $$SELECT n FROM sig_n WHERE n <= 10 ORDER BY n$$,
    'paginate(rowtype, query) alone works');

SELECT results_eq(
    $$SELECT * FROM paginate_as(NULL::integer, 'select n from sig_n order by n', per_page => 5, page => 5)$$,
    $$SELECT n FROM sig_n WHERE n BETWEEN 21 AND 25 ORDER BY n$$,
    'paginate(rowtype, query, per_page =>, page =>)');

SELECT is(
    pg_temp.no_cursors(paginate_meta('select n from sig_n order by n')),
    ROW(1, 10, 25, true, 3, false, true, NULL, 2, 1, 10, NULL, NULL, false)::pagination,
    'paginate_meta(query) alone: page 1, per_page 10, exact count');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta('select n from sig_n order by n') AS m) s),
    ARRAY['url-safe', 'url-safe'], 'paginate_meta(query) alone: both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('after', (m).end_cursor, 10)
       FROM (SELECT paginate_meta('select n from sig_n order by n') AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 11 AND 20 ORDER BY n$$,
    'paginate(after => end_cursor of page 1, per_page => 10) is page 2');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('before', (m).start_cursor, 10)
       FROM (SELECT paginate_meta('select n from sig_n order by n') AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE false$$,
    'paginate(before => start_cursor of page 1, per_page => 10) has no rows');

SELECT is(
    pg_temp.no_cursors(paginate_meta(query => 'select n from sig_n order by n', per_page => 5)),
    ROW(1, 5, 25, true, 5, false, true, NULL, 2, 1, 5, NULL, NULL, false)::pagination,
    'paginate_meta(query =>, per_page => 5)');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta(query => 'select n from sig_n order by n', per_page => 5) AS m) s),
    ARRAY['url-safe', 'url-safe'], 'paginate_meta(query =>, per_page => 5): both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('after', (m).end_cursor, 5)
       FROM (SELECT paginate_meta(query => 'select n from sig_n order by n', per_page => 5) AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 6 AND 10 ORDER BY n$$,
    'paginate(after => end_cursor of page 1, per_page => 5) is page 2');

SELECT is(
    pg_temp.no_cursors(paginate_meta(query => 'select n from sig_n order by n', page => 3,
                                     count => 'none')),
    ROW(3, 10, NULL, NULL, NULL, true, false, 2, NULL, 21, 25, NULL, NULL, NULL)::pagination,
    'paginate_meta(query =>, page =>, count =>)');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta(query => 'select n from sig_n order by n', page => 3,
                                  count => 'none') AS m) s),
    ARRAY['url-safe', 'url-safe'], 'paginate_meta(query =>, page =>, count =>): both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('before', (m).start_cursor, 10)
       FROM (SELECT paginate_meta(query => 'select n from sig_n order by n', page => 3,
                                  count => 'none') AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 11 AND 20 ORDER BY n$$,
    'paginate(before => start_cursor of page 3, per_page => 10) is page 2');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('after', (m).end_cursor, 10)
       FROM (SELECT paginate_meta(query => 'select n from sig_n order by n', page => 3,
                                  count => 'none') AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n > 25$$,
    'paginate(after => end_cursor of the last page, per_page => 10) has no rows');

SELECT is(
    paginate_response('select n from sig_n order by n')
        #- '{pagination,start_cursor}' #- '{pagination,end_cursor}',
    jsonb_build_object(
        'items', (SELECT jsonb_agg(jsonb_build_object('n', n) ORDER BY n)
                    FROM sig_n WHERE n <= 10),
        'pagination', jsonb_build_object(
            'page', 1, 'per_page', 10, 'total', 25, 'total_is_exact', true,
            'pages', 3, 'has_prev', false, 'has_next', true,
            'prev_page', NULL, 'next_page', 2, 'first_item', 1, 'last_item', 10,
            'total_is_lower_bound', false)),
    'paginate_response(query) alone (but the cursors)');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind(r -> 'pagination' ->> 'start_cursor'),
                  pg_temp.cursor_kind(r -> 'pagination' ->> 'end_cursor')]
       FROM paginate_response('select n from sig_n order by n') AS r),
    ARRAY['url-safe', 'url-safe'], 'paginate_response(query) alone: both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('after', r -> 'pagination' ->> 'end_cursor', 10)
       FROM paginate_response('select n from sig_n order by n') AS r),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 11 AND 20 ORDER BY n$$,
    'paginate(after => paginate_response(query) end_cursor, per_page => 10) is page 2');

SELECT is(
    (paginate_response(query => 'select n from sig_n order by n', page => 2, per_page => 20)
        #- '{pagination,start_cursor}' #- '{pagination,end_cursor}') -> 'pagination',
    jsonb_build_object(
        'page', 2, 'per_page', 20, 'total', 25, 'total_is_exact', true,
        'pages', 2, 'has_prev', true, 'has_next', false,
        'prev_page', 1, 'next_page', NULL, 'first_item', 21, 'last_item', 25,
        'total_is_lower_bound', false),
    'paginate_response(query =>, page =>, per_page =>) (but the cursors)');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind(r -> 'pagination' ->> 'start_cursor'),
                  pg_temp.cursor_kind(r -> 'pagination' ->> 'end_cursor')]
       FROM paginate_response(query => 'select n from sig_n order by n', page => 2,
                              per_page => 20) AS r),
    ARRAY['url-safe', 'url-safe'],
    'paginate_response(query =>, page =>, per_page =>): both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('before', r -> 'pagination' ->> 'start_cursor', 20)
       FROM paginate_response(query => 'select n from sig_n order by n', page => 2,
                              per_page => 20) AS r),
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n <= 20 ORDER BY n$$,
    'paginate(before => start_cursor of page 2, per_page => 20) is page 1');

SELECT results_eq(
    $$SELECT line FROM paginate_explain('select n from sig_n order by n') line
       WHERE line LIKE '-- %' AND line NOT LIKE '-- (%'$$,
    ARRAY['-- count: skipped if the page shows the end (no row after it): total = offset + rows',
          '-- count: exact',
          '-- page: rows 1 to 10, and one more for has_next'],
    'paginate_explain(query) alone: an exact count, page 1 of 10');
SELECT results_eq(
    $$SELECT line FROM paginate_explain(query => 'select n from sig_n order by n',
                                        page => 2, count => 'none') line
       WHERE line LIKE '-- %' AND line NOT LIKE '-- (%'$$,
    ARRAY['-- count: none', '-- page: rows 11 to 20, and one more for has_next'],
    'paginate_explain(query =>, page =>, count =>): no count, page 2 of 10');

-- The defaults follow the settings.
SET LOCAL paginate.default_per_page = 4;
SELECT results_eq(
    $$SELECT * FROM paginate('select n from sig_n order by n', 2)$$,
    $$SELECT jsonb_build_object('n', n) FROM sig_n WHERE n BETWEEN 5 AND 8 ORDER BY n$$,
    'per_page defaults to paginate.default_per_page');
SELECT is(
    (paginate_meta('select n from sig_n order by n')).per_page,
    4, 'paginate_meta: per_page defaults to paginate.default_per_page');
RESET paginate.default_per_page;

SET LOCAL paginate.count = 'none';
SELECT is(
    pg_temp.no_cursors(paginate_meta('select n from sig_n order by n', 3, 10)),
    ROW(3, 10, NULL, NULL, NULL, true, false, 2, NULL, 21, 25, NULL, NULL, NULL)::pagination,
    'count defaults to paginate.count (none: no total)');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta('select n from sig_n order by n', 3, 10) AS m) s),
    ARRAY['url-safe', 'url-safe'], 'count none from paginate.count: both cursors URL-safe');
RESET paginate.count;
SELECT is(
    (paginate_meta('select n from sig_n order by n', 3, 10)).total,
    25::bigint, 'count defaults to exact');

SELECT * FROM finish();
ROLLBACK;
