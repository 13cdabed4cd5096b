-- api.sql: the contracts of paginate_pages, paginate_headers and
-- paginate_set_headers: signatures, every SQLSTATE they raise, paginate_pages
-- against Flask-SQLAlchemy's iter_pages written again here in PL/pgSQL over
-- every page of every result of 0..25 pages, and X-Pagination and the other
-- headers against values worked out by hand.
BEGIN;
SELECT plan(71);

-- ---------------------------------------------------------------------------
-- Signatures.
-- ---------------------------------------------------------------------------

-- paginate_pages(pagination, left_edge, left_current, right_current, right_edge)
SELECT has_function('paginate_pages',
    ARRAY['pagination', 'integer', 'integer', 'integer', 'integer']);
SELECT function_returns('paginate_pages',
    ARRAY['pagination', 'integer', 'integer', 'integer', 'integer'], 'setof integer');
SELECT function_lang_is('paginate_pages',
    ARRAY['pagination', 'integer', 'integer', 'integer', 'integer'], 'c');
SELECT isnt_strict('paginate_pages',
    ARRAY['pagination', 'integer', 'integer', 'integer', 'integer']);
SELECT volatility_is('paginate_pages',
    ARRAY['pagination', 'integer', 'integer', 'integer', 'integer'], 'immutable');
SELECT is(
    (SELECT proargnames FROM pg_proc WHERE oid =
      'paginate_pages(pagination, integer, integer, integer, integer)'::regprocedure),
    ARRAY['pagination', 'left_edge', 'left_current', 'right_current', 'right_edge'],
    'paginate_pages argument names');
SELECT is(
    (SELECT pg_get_function_arguments(
      'paginate_pages(pagination, integer, integer, integer, integer)'::regprocedure)),
    'pagination pagination, left_edge integer DEFAULT 2, left_current integer DEFAULT 2, '
    'right_current integer DEFAULT 4, right_edge integer DEFAULT 2',
    'paginate_pages defaults are iter_pages'' (2, 2, 4, 2)');

-- paginate_headers(pagination, base_url) -> jsonb
SELECT has_function('paginate_headers', ARRAY['pagination', 'text']);
SELECT function_returns('paginate_headers', ARRAY['pagination', 'text'], 'jsonb');
SELECT function_lang_is('paginate_headers', ARRAY['pagination', 'text'], 'c');
SELECT isnt_strict('paginate_headers', ARRAY['pagination', 'text']);
SELECT volatility_is('paginate_headers', ARRAY['pagination', 'text'], 'immutable');
SELECT is(
    (SELECT pg_get_function_arguments('paginate_headers(pagination, text)'::regprocedure)),
    'pagination pagination, base_url text DEFAULT NULL::text',
    'paginate_headers arguments: base_url defaults to NULL');

-- paginate_set_headers(pagination, base_url) -> void
SELECT has_function('paginate_set_headers', ARRAY['pagination', 'text']);
SELECT function_returns('paginate_set_headers', ARRAY['pagination', 'text'], 'void');
SELECT function_lang_is('paginate_set_headers', ARRAY['pagination', 'text'], 'c');
SELECT isnt_strict('paginate_set_headers', ARRAY['pagination', 'text']);
SELECT volatility_is('paginate_set_headers', ARRAY['pagination', 'text'], 'volatile');
SELECT is(
    (SELECT pg_get_function_arguments('paginate_set_headers(pagination, text)'::regprocedure)),
    'pagination pagination, base_url text DEFAULT NULL::text',
    'paginate_set_headers arguments: base_url defaults to NULL');

SELECT is(
    (SELECT bool_or(prosecdef) FROM pg_proc
      WHERE proname IN ('paginate_pages', 'paginate_headers', 'paginate_set_headers')),
    false, 'none of them is SECURITY DEFINER');
SELECT is(
    (SELECT array_agg(DISTINCT proparallel) FROM pg_proc
      WHERE proname IN ('paginate_pages', 'paginate_headers')),
    ARRAY['s']::"char"[], 'paginate_pages and paginate_headers are parallel safe');

-- ---------------------------------------------------------------------------
-- SQLSTATEs: 22023 for every bad argument.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE api_n AS SELECT g AS n FROM generate_series(1, 50) g;

SELECT throws_ok($$SELECT * FROM paginate_pages(NULL)$$,
    '22023', 'pagination must not be NULL', 'paginate_pages: NULL pagination');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(paginate_meta('select n from api_n order by n', 2, count => 'none'))$$,
    '22023', 'pagination has no number of pages', 'paginate_pages: count none');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(paginate_meta('select n from api_n order by n',
        after => (paginate_meta('select n from api_n order by n')).end_cursor))$$,
    '22023', 'pagination has no page number', 'paginate_pages: a cursor page');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(paginate_meta('select n from api_n order by n'), -1)$$,
    '22023', 'left_edge must not be negative', 'paginate_pages: left_edge -1');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(paginate_meta('select n from api_n order by n'), left_current => -1)$$,
    '22023', 'left_current must not be negative', 'paginate_pages: left_current -1');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(paginate_meta('select n from api_n order by n'), right_current => -5)$$,
    '22023', 'right_current must not be negative', 'paginate_pages: right_current -5');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(paginate_meta('select n from api_n order by n'), right_edge => -2147483648)$$,
    '22023', 'right_edge must not be negative', 'paginate_pages: right_edge INT_MIN');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(ROW(0, 10, 50, true, 5, false, true, NULL, 1, 0, 0, NULL, NULL, false)::pagination)$$,
    '22023', 'invalid page number in pagination: 0', 'paginate_pages: a page 0 made by hand');
SELECT throws_ok(
    $$SELECT * FROM paginate_pages(ROW(1, 10, 50, true, -5, false, true, NULL, 2, 1, 10, NULL, NULL, false)::pagination)$$,
    '22023', 'invalid number of pages in pagination: -5', 'paginate_pages: -5 pages made by hand');

SELECT throws_ok($$SELECT paginate_headers(NULL)$$,
    '22023', 'pagination must not be NULL', 'paginate_headers: NULL pagination');
SELECT throws_ok($$SELECT paginate_headers(NULL, '/users')$$,
    '22023', 'pagination must not be NULL', 'paginate_headers: NULL pagination with a base URL');
SELECT throws_ok($$SELECT paginate_set_headers(NULL)$$,
    '22023', 'pagination must not be NULL', 'paginate_set_headers: NULL pagination');

SET LOCAL response.headers = '[{"Cache-Control": "no-store"}';
SELECT throws_ok(
    $$SELECT paginate_set_headers(paginate_meta('select n from api_n order by n'))$$,
    '22023', 'response.headers is not valid JSON', 'paginate_set_headers: response.headers not JSON');
SET LOCAL response.headers = '{"Cache-Control": "no-store"}';
SELECT throws_ok(
    $$SELECT paginate_set_headers(paginate_meta('select n from api_n order by n'))$$,
    '22023', 'response.headers is not a JSON array', 'paginate_set_headers: response.headers an object');
SET LOCAL response.headers = '42';
SELECT throws_ok(
    $$SELECT paginate_set_headers(paginate_meta('select n from api_n order by n'))$$,
    '22023', 'response.headers is not a JSON array', 'paginate_set_headers: response.headers a number');
SET LOCAL response.headers = '';

-- ---------------------------------------------------------------------------
-- paginate_pages is iter_pages: every page 1..27 of every result of 0..25
-- pages, with the defaults and other edges, against this PL/pgSQL copy of
-- Flask-SQLAlchemy 3's Pagination.iter_pages.
-- ---------------------------------------------------------------------------
CREATE FUNCTION pg_temp.iter_pages(pages integer, page integer,
    left_edge integer, left_current integer, right_current integer, right_edge integer)
RETURNS integer[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    pages_end integer := pages + 1;
    left_end integer;
    mid_start integer;
    mid_end integer;
    right_start integer;
    result integer[] := '{}';
BEGIN
    IF pages_end = 1 THEN
        RETURN result;
    END IF;
    left_end := least(1 + left_edge, pages_end);
    result := result || array(SELECT generate_series(1, left_end - 1));
    IF left_end = pages_end THEN
        RETURN result;
    END IF;
    mid_start := greatest(left_end, page - left_current);
    mid_end := least(page + right_current + 1, pages_end);
    IF mid_start - left_end > 0 THEN
        result := result || NULL::integer;
    END IF;
    result := result || array(SELECT generate_series(mid_start, mid_end - 1));
    IF mid_end = pages_end THEN
        RETURN result;
    END IF;
    right_start := greatest(mid_end, pages_end - right_edge);
    IF right_start - mid_end > 0 THEN
        result := result || NULL::integer;
    END IF;
    RETURN result || array(SELECT generate_series(right_start, pages_end - 1));
END
$$;

-- The reference agrees with Flask-SQLAlchemy's documented example.
SELECT is(pg_temp.iter_pages(20, 7, 2, 2, 4, 2),
    ARRAY[1, 2, NULL, 5, 6, 7, 8, 9, 10, 11, NULL, 19, 20],
    'reference: 20 pages, page 7 (Flask-SQLAlchemy''s own example)');

-- Every (pages, page) with real metadata: pages rows at one a page.
CREATE TEMP TABLE api_widget AS
SELECT t AS pages, p AS page, m
FROM generate_series(0, 25) t, generate_series(1, 27) p,
    LATERAL paginate_meta('select g from generate_series(1, $1::int) g order by g',
        p, 1, params => array[t::text]) m;
SELECT is((SELECT count(*) FROM api_widget WHERE (m).pages = pages), 702::bigint,
    '702 combinations of pages 0..25 and page 1..27');

CREATE TEMP TABLE api_edges (left_edge int, left_current int, right_current int, right_edge int);
INSERT INTO api_edges VALUES
    (2, 2, 4, 2),   -- the defaults
    (1, 2, 2, 1),   -- Flask-SQLAlchemy 2's defaults
    (0, 0, 0, 0),
    (3, 1, 1, 3),
    (0, 3, 3, 0),
    (5, 0, 0, 4),   -- a left edge past the current page: numbers repeat
    (10, 10, 10, 10);

SELECT is_empty(format(
    $$SELECT pages, page, %1$s, %2$s, %3$s, %4$s
      FROM api_widget
      WHERE pg_temp.iter_pages(pages, page, %1$s, %2$s, %3$s, %4$s)
            IS DISTINCT FROM
            (SELECT coalesce(array_agg(n ORDER BY i), '{}')
             FROM paginate_pages(m, %1$s, %2$s, %3$s, %4$s) WITH ORDINALITY AS w(n, i))$$,
        left_edge, left_current, right_current, right_edge),
    format('paginate_pages = iter_pages for all 702, edges (%s, %s, %s, %s)',
        left_edge, left_current, right_current, right_edge))
FROM api_edges;

-- And the defaults are those of iter_pages.
SELECT is_empty(
    $$SELECT pages, page FROM api_widget
      WHERE pg_temp.iter_pages(pages, page, 2, 2, 4, 2) IS DISTINCT FROM
            (SELECT coalesce(array_agg(n ORDER BY i), '{}')
             FROM paginate_pages(m) WITH ORDINALITY AS w(n, i))$$,
    'paginate_pages with no edges given = iter_pages with its defaults');

-- ---------------------------------------------------------------------------
-- X-Pagination: flask-smorest's header, byte for byte, worked out by hand.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE api_smorest (total int, per_page int, page int, header text);
INSERT INTO api_smorest VALUES
    (1000, 5, 2, '{"total": 1000, "total_pages": 200, "first_page": 1, "last_page": 200, "page": 2, "previous_page": 1, "next_page": 3}'),
    (1000, 5, 1, '{"total": 1000, "total_pages": 200, "first_page": 1, "last_page": 200, "page": 1, "next_page": 2}'),
    (1000, 5, 200, '{"total": 1000, "total_pages": 200, "first_page": 1, "last_page": 200, "page": 200, "previous_page": 199}'),
    (1000, 5, 201, '{"total": 1000, "total_pages": 200, "first_page": 1, "last_page": 200}'),
    (0, 10, 1, '{"total": 0, "total_pages": 0}'),
    (0, 10, 4, '{"total": 0, "total_pages": 0}'),
    (1, 10, 1, '{"total": 1, "total_pages": 1, "first_page": 1, "last_page": 1, "page": 1}'),
    (1, 10, 2, '{"total": 1, "total_pages": 1, "first_page": 1, "last_page": 1}'),
    (10, 10, 1, '{"total": 10, "total_pages": 1, "first_page": 1, "last_page": 1, "page": 1}'),
    (11, 10, 2, '{"total": 11, "total_pages": 2, "first_page": 1, "last_page": 2, "page": 2, "previous_page": 1}'),
    (25, 7, 3, '{"total": 25, "total_pages": 4, "first_page": 1, "last_page": 4, "page": 3, "previous_page": 2, "next_page": 4}'),
    (99, 100, 1, '{"total": 99, "total_pages": 1, "first_page": 1, "last_page": 1, "page": 1}');

SELECT is(
    paginate_headers(paginate_meta('select g from generate_series(1, $1::int) g order by g',
        page, per_page, params => array[total::text])) ->> 'X-Pagination',
    header,
    format('X-Pagination: %s rows, %s a page, page %s', total, per_page, page))
FROM api_smorest ORDER BY total, per_page, page;

SELECT is(
    paginate_headers(paginate_meta('select n from api_n order by n', 2, count => 'none')) ? 'X-Pagination',
    false, 'X-Pagination: none without a total');
SELECT is(
    paginate_headers(paginate_meta('select n from api_n order by n',
        after => (paginate_meta('select n from api_n order by n')).end_cursor)) ? 'X-Pagination',
    false, 'X-Pagination: none for a cursor page');

-- ---------------------------------------------------------------------------
-- Content-Range, X-Total-Count, Link, worked out by hand.
-- ---------------------------------------------------------------------------
SELECT is(
    paginate_headers(paginate_meta('select n from api_n order by n', 3, 20)),
    jsonb_build_object('X-Pagination',
        '{"total": 50, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 3, "previous_page": 2}',
        'Content-Range', '40-49/50', 'X-Total-Count', '50'),
    'headers of the last page of 50 rows at 20 a page');
SELECT is(
    paginate_headers(paginate_meta('select n from api_n order by n', 4, 20)) ->> 'Content-Range',
    '*/50', 'Content-Range: an empty page');
SELECT is(
    paginate_headers(paginate_meta('select n from api_n order by n', 2, 20, count => 'none')),
    '{"Content-Range": "20-39/*"}'::jsonb, 'headers: count none');
SELECT is(
    paginate_headers(paginate_meta('select n from api_n where n < 0 order by n')),
    '{"X-Pagination": "{\"total\": 0, \"total_pages\": 0}", "Content-Range": "*/0", "X-Total-Count": "0"}'::jsonb,
    'headers: no rows');
SELECT is(
    paginate_headers(paginate_meta('select n from api_n order by n', 2, 20),
        'https://h.example/n?x=1&page=7') ->> 'Link',
    '<https://h.example/n?x=1&page=1&per_page=20>; rel="first", '
    '<https://h.example/n?x=1&page=1&per_page=20>; rel="prev", '
    '<https://h.example/n?x=1&page=3&per_page=20>; rel="next", '
    '<https://h.example/n?x=1&page=3&per_page=20>; rel="last"',
    'Link: a middle page, the base URL''s own parameter kept, its page replaced');
SELECT is(
    (SELECT paginate_headers(m, '/n?before=zz') ->> 'Link'
     FROM paginate_meta('select n from api_n order by n', per_page => 20,
        after => (paginate_meta('select n from api_n order by n', 1, 20)).end_cursor) m),
    (SELECT format('</n?per_page=20>; rel="first", </n?before=%s&per_page=20>; rel="prev", '
                   '</n?after=%s&per_page=20>; rel="next", </n?last=true&per_page=20>; rel="last"',
                   m.start_cursor, m.end_cursor)
     FROM paginate_meta('select n from api_n order by n', per_page => 20,
        after => (paginate_meta('select n from api_n order by n', 1, 20)).end_cursor) m),
    'Link: a cursor page links before its start_cursor, after its end_cursor, and to last=true');

-- ---------------------------------------------------------------------------
-- paginate_set_headers: response.headers as PostgREST reads it.
-- ---------------------------------------------------------------------------
SET LOCAL response.headers = '[{"Cache-Control": "no-store"}, {"x-total-count": "1"}]';
SELECT lives_ok(
    $$SELECT paginate_set_headers(paginate_meta('select n from api_n order by n', 3, 20), '/n')$$,
    'paginate_set_headers runs');
SELECT is(
    nullif(current_setting('response.headers', true), ''),
    '[{"Cache-Control": "no-store"}, {"X-Total-Count": "50"}, '
    '{"X-Pagination": "{\"total\": 50, \"total_pages\": 3, \"first_page\": 1, \"last_page\": 3, \"page\": 3, \"previous_page\": 2}"}, '
    '{"Content-Range": "40-49/50"}, '
    '{"Link": "</n?page=1&per_page=20>; rel=\"first\", </n?page=2&per_page=20>; rel=\"prev\", </n?page=3&per_page=20>; rel=\"last\""}]',
    'response.headers: kept, replaced in place, appended');
SELECT is(
    (SELECT bool_and(jsonb_typeof(h) = 'object'
                     AND (SELECT count(*) FROM jsonb_object_keys(h)) = 1
                     AND jsonb_typeof(h -> (SELECT k FROM jsonb_object_keys(h) k)) = 'string')
     FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h),
    true, 'response.headers: an array of objects of one string each, as PostgREST wants');

-- A role without any privilege but on the table can set them (PostgREST's
-- anonymous role).
CREATE ROLE paginate_tap_anon NOLOGIN;
GRANT SELECT ON api_n TO paginate_tap_anon;
SET LOCAL ROLE paginate_tap_anon;
SET LOCAL response.headers = '';
SELECT lives_ok(
    $$SELECT paginate_set_headers(paginate_meta('select n from api_n order by n', 1, 20))$$,
    'paginate_set_headers as a role with no other privileges');
SELECT is(
    current_setting('response.headers')::jsonb -> 2,
    '{"X-Total-Count": "50"}'::jsonb, 'response.headers set by that role');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
