-- contracts.sql: what paginate promises, checked against values computed
-- without it: the rows of a page are the same slice of the query run
-- directly; the metadata follows Flask-SQLAlchemy's formulas; the response is
-- rows plus metadata; the cursors of a page with rows are URL-safe and lead
-- (after => end_cursor, before => start_cursor) to the pages next to it by
-- number, and are NULL on an empty page or without ORDER BY; the page size
-- cap; the four count modes; privileges and row-level security; a query text
-- reused after the objects it reads change; paginate_explain runs nothing.
BEGIN;
SELECT plan(247);

-- 47 items: not a multiple of any page size used below but 1 and 47.
CREATE TABLE ct_items (id integer PRIMARY KEY, grp integer NOT NULL, name text NOT NULL);
INSERT INTO ct_items SELECT g, g % 4, 'item ' || g FROM generate_series(1, 47) g;
-- 250 numbers, for the page size cap and the planner's estimates.
CREATE TABLE ct_big (n integer PRIMARY KEY);
INSERT INTO ct_big SELECT generate_series(1, 250);
ANALYZE ct_items;
ANALYZE ct_big;
CREATE TYPE ct_pair AS (id integer, name text);

-- The planner's row estimate for a query, from EXPLAIN: what the planned
-- count mode should report.
CREATE FUNCTION pg_temp.planned_rows(query text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
	RETURN round((plan -> 0 -> 'Plan' ->> 'Plan Rows')::numeric);
END
$$;

-- A pagination with its two cursors set to NULL: the metadata tests compare
-- every other field with a hand-computed or formula row, and check the
-- cursors on their own (they are opaque: no value to compute for them).
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

-- The text of paginate(query, after|before => cursor, per_page => n).  A
-- missing cursor becomes text no cursor can be, so the call is an error
-- instead of quietly serving page 1.
CREATE FUNCTION pg_temp.keyset_call(query text, dir text, cursor text, n integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT format('SELECT * FROM paginate(%L, %s => %L, per_page => %s)',
	              query, dir, coalesce(cursor, '(no ' || dir || ' cursor)'), n)
$$;

-- ===========================================================================
-- Rows: a page is the slice OFFSET (page-1)*per_page LIMIT per_page of the
-- query run directly, in the same order.
-- ===========================================================================
SELECT results_eq(
    format('SELECT * FROM paginate(%L, %s, %s)',
           'select id, name from ct_items order by id', p, pp),
    format('SELECT jsonb_build_object(''id'', id, ''name'', name) FROM ct_items
             ORDER BY id OFFSET %s LIMIT %s', (p - 1) * pp, pp),
    format('paginate rows: page %s, per_page %s', p, pp))
  FROM (VALUES (1, 10), (2, 10), (5, 10), (6, 10), (1, 7), (7, 7), (8, 7),
               (1, 1), (47, 1), (48, 1), (1, 47), (1, 46), (2, 46), (1, 100))
       AS v(p, pp);

-- a descending order on a non-key column, ties broken by id
SELECT results_eq(
    $$SELECT * FROM paginate('select grp, id from ct_items order by grp desc, id', 3, 5)$$,
    $$SELECT jsonb_build_object('grp', grp, 'id', id) FROM ct_items
       ORDER BY grp DESC, id OFFSET 10 LIMIT 5$$,
    'paginate rows: ORDER BY grp DESC, id');

-- all pages, one after the other, are the whole query: no row twice, none missing
SELECT results_eq(
    $$SELECT r FROM generate_series(1, 7) AS p,
             LATERAL paginate('select id, name from ct_items order by name', p, 7)
                     WITH ORDINALITY AS x(r, o)
       ORDER BY p, o$$,
    $$SELECT jsonb_build_object('id', id, 'name', name) FROM ct_items ORDER BY name$$,
    'pages 1..7 of 7 rows together are the whole query, in order');

-- typed rows are the same slice, as the row type
SELECT results_eq(
    $$SELECT * FROM paginate_as(NULL::ct_items, 'select * from ct_items order by id', 3, 10)$$,
    $$SELECT * FROM ct_items ORDER BY id OFFSET 20 LIMIT 10$$,
    'paginate_as(NULL::table): page 3 of 10');
SELECT results_eq(
    $$SELECT * FROM paginate_as(NULL::ct_pair, 'select id, name from ct_items order by id desc', 2, 4)$$,
    $$SELECT id, name FROM ct_items ORDER BY id DESC OFFSET 4 LIMIT 4$$,
    'paginate_as(NULL::composite type): page 2 of 4, descending');
SELECT results_eq(
    $$SELECT * FROM paginate_as(NULL::bigint, 'select n::bigint * 2 from ct_big order by 1', 25, 10)$$,
    $$SELECT n::bigint * 2 FROM ct_big ORDER BY 1 OFFSET 240 LIMIT 10$$,
    'paginate_as(NULL::bigint): a scalar row type, last page');
SELECT is(
    (SELECT count(*) FROM paginate_as(NULL::ct_items, 'select * from ct_items order by id', 6, 10)),
    0::bigint, 'paginate(typed): a page past the end has no rows');

-- every kind of query: UNION, VALUES, WITH, TABLE, comments, a trailing ;
SELECT results_eq(
    $$SELECT * FROM paginate('select id from ct_items where id % 2 = 0
                               union select id from ct_items where id % 3 = 0
                               order by 1 desc', 2, 5)$$,
    $$SELECT jsonb_build_object('id', id)
        FROM (SELECT id FROM ct_items WHERE id % 2 = 0
              UNION SELECT id FROM ct_items WHERE id % 3 = 0
              ORDER BY 1 DESC OFFSET 5 LIMIT 5) s$$,
    'UNION ... ORDER BY');
SELECT results_eq(
    $$SELECT * FROM paginate('values (3, ''c''), (1, ''a''), (5, ''e''), (2, ''b''), (4, ''d'') order by 1', 2, 2)$$,
    $$VALUES ('{"column1": 3, "column2": "c"}'::jsonb), ('{"column1": 4, "column2": "d"}')$$,
    'VALUES ... ORDER BY: page 2 of 2 rows');
SELECT results_eq(
    $$SELECT * FROM paginate('with x as (select id * 2 as d from ct_items) select d from x order by d desc', 3, 4)$$,
    $$VALUES ('{"d": 78}'::jsonb), ('{"d": 76}'), ('{"d": 74}'), ('{"d": 72}')$$,
    'WITH ... ORDER BY DESC: page 3 of 4 rows');
SELECT results_eq(
    $$SELECT * FROM paginate('table ct_big order by n', 13, 20)$$,
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n > 240 ORDER BY n$$,
    'TABLE ... ORDER BY: the last, partial page');
SELECT results_eq(
    $$SELECT * FROM paginate(E'/* head */ select id from ct_items -- tail\n order by id;', 2, 5)$$,
    $$SELECT jsonb_build_object('id', id) FROM ct_items WHERE id BETWEEN 6 AND 10 ORDER BY id$$,
    'comments and a trailing semicolon');
SELECT results_eq(
    $$SELECT * FROM paginate('select id from ct_items order by id desc limit 13 offset 2', 2, 5)$$,
    $$SELECT jsonb_build_object('id', id)
        FROM (SELECT id FROM ct_items ORDER BY id DESC LIMIT 13 OFFSET 2) s
       ORDER BY id DESC OFFSET 5 LIMIT 5$$,
    'a query with its own LIMIT and OFFSET');
SELECT results_eq(
    $$SELECT * FROM paginate('select distinct on (grp) grp, id from ct_items order by grp, id desc', 1, 10)$$,
    $$VALUES ('{"grp": 0, "id": 44}'::jsonb), ('{"grp": 1, "id": 45}'),
             ('{"grp": 2, "id": 46}'), ('{"grp": 3, "id": 47}')$$,
    'DISTINCT ON');

-- params: each read as the type the query gives it; NULL is SQL NULL
SELECT results_eq(
    $$SELECT * FROM paginate('select id, name from ct_items where grp = $1 and id > $2 order by id',
                             2, 3, params => ARRAY['1', '10'])$$,
    $$SELECT jsonb_build_object('id', id, 'name', name) FROM ct_items
       WHERE grp = 1 AND id > 10 ORDER BY id OFFSET 3 LIMIT 3$$,
    'params $1, $2');
SELECT results_eq(
    $$SELECT * FROM paginate('select id from ct_items where $1::int is null or id <= $1 order by id',
                             1, 100, params => ARRAY[NULL])$$,
    $$SELECT jsonb_build_object('id', id) FROM ct_items ORDER BY id$$,
    'a NULL params element is SQL NULL');
SELECT results_eq(
    $$SELECT * FROM paginate('select id from ct_items where id = any($1) order by id desc',
                             params => ARRAY['{3,30,300}'])$$,
    $$VALUES ('{"id": 30}'::jsonb), ('{"id": 3}')$$,
    'an array parameter, read with its array type');

-- ===========================================================================
-- Metadata: Flask-SQLAlchemy's formulas.  Hand-computed for 47 rows.
-- ===========================================================================
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 1, 10)),
    ROW(1, 10, 47, true, 5, false, true, NULL, 2, 1, 10, NULL, NULL, false)::pagination,
    'meta: first page');
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 3, 10)),
    ROW(3, 10, 47, true, 5, true, true, 2, 4, 21, 30, NULL, NULL, false)::pagination,
    'meta: a middle page');
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 5, 10)),
    ROW(5, 10, 47, true, 5, true, false, 4, NULL, 41, 47, NULL, NULL, false)::pagination,
    'meta: the last, partial page');
SELECT is(paginate_meta('select id from ct_items order by id', 6, 10),
    ROW(6, 10, 47, true, 5, true, false, 5, NULL, 0, 0, NULL, NULL, false)::pagination,
    'meta: the page after the last: empty, has_prev, no next');
SELECT is(paginate_meta('select id from ct_items order by id', 1000, 10),
    ROW(1000, 10, 47, true, 5, true, false, 999, NULL, 0, 0, NULL, NULL, false)::pagination,
    'meta: far past the end');
SELECT is(paginate_meta('select id from ct_items order by id', 2147483647, 10),
    ROW(2147483647, 10, 47, true, 5, true, false, 2147483646, NULL, 0, 0, NULL, NULL, false)::pagination,
    'meta: page INT_MAX (offset past INT_MAX)');
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 1, 47)),
    ROW(1, 47, 47, true, 1, false, false, NULL, NULL, 1, 47, NULL, NULL, false)::pagination,
    'meta: one full page holds everything');
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 1, 46)),
    ROW(1, 46, 47, true, 2, false, true, NULL, 2, 1, 46, NULL, NULL, false)::pagination,
    'meta: one row short of one page');
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 2, 46)),
    ROW(2, 46, 47, true, 2, true, false, 1, NULL, 47, 47, NULL, NULL, false)::pagination,
    'meta: a last page of one row');
SELECT is(pg_temp.no_cursors(paginate_meta('select id from ct_items order by id', 47, 1)),
    ROW(47, 1, 47, true, 47, true, false, 46, NULL, 47, 47, NULL, NULL, false)::pagination,
    'meta: per_page 1, last page');
SELECT is(paginate_meta('select id from ct_items where false order by id', 1, 10),
    ROW(1, 10, 0, true, 0, false, false, NULL, NULL, 0, 0, NULL, NULL, false)::pagination,
    'meta: no rows: 0 pages, first and last 0');
SELECT is(paginate_meta('select id from ct_items where false order by id', 2, 10),
    ROW(2, 10, 0, true, 0, true, false, 1, NULL, 0, 0, NULL, NULL, false)::pagination,
    'meta: no rows, page 2');

-- the cursors of the pages above that have rows: both URL-safe; the page
-- after end_cursor is the next page by number, the page before start_cursor
-- the previous one, both as the query run directly slices them
SELECT is(
    ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)],
    ARRAY['url-safe', 'url-safe'],
    format('meta cursors: page %s, per_page %s: both URL-safe', p, pp))
  FROM (VALUES (1, 10), (3, 10), (5, 10), (1, 47), (1, 46), (2, 46), (47, 1)) AS v(p, pp),
       LATERAL (SELECT paginate_meta('select id from ct_items order by id', p, pp) AS m) s;
SELECT results_eq(
    pg_temp.keyset_call('select id from ct_items order by id', 'after', (m).end_cursor, pp),
    format('SELECT jsonb_build_object(''id'', id) FROM ct_items ORDER BY id OFFSET %s LIMIT %s',
           p * pp, pp),
    format('after => end_cursor of page %s, per_page %s: the rows of page %s', p, pp, p + 1))
  FROM (VALUES (1, 10), (3, 10), (5, 10), (1, 47), (1, 46), (2, 46), (47, 1)) AS v(p, pp),
       LATERAL (SELECT paginate_meta('select id from ct_items order by id', p, pp) AS m) s;
SELECT results_eq(
    pg_temp.keyset_call('select id from ct_items order by id', 'before', (m).start_cursor, pp),
    format('SELECT jsonb_build_object(''id'', id) FROM ct_items ORDER BY id OFFSET %s LIMIT %s',
           greatest(p - 2, 0) * pp, CASE WHEN p > 1 THEN pp ELSE 0 END),
    format('before => start_cursor of page %s, per_page %s: the rows of page %s', p, pp, p - 1))
  FROM (VALUES (1, 10), (3, 10), (5, 10), (1, 47), (1, 46), (2, 46), (47, 1)) AS v(p, pp),
       LATERAL (SELECT paginate_meta('select id from ct_items order by id', p, pp) AS m) s;

-- the same formulas for many pages and sizes, against the direct count
SELECT is(
    pg_temp.no_cursors(paginate_meta('select id, name from ct_items where grp <> 1 order by id', p, pp)),
    ROW(p, pp, c.total, true,
        ceil(c.total::numeric / pp)::integer,
        p > 1,
        p::bigint * pp < c.total,
        CASE WHEN p > 1 THEN p - 1 END,
        CASE WHEN p::bigint * pp < c.total THEN p + 1 END,
        CASE WHEN (p - 1)::bigint * pp < c.total THEN (p - 1)::bigint * pp + 1 ELSE 0 END,
        CASE WHEN (p - 1)::bigint * pp < c.total THEN least(p::bigint * pp, c.total) ELSE 0 END,
        NULL, NULL, false)::pagination,
    format('meta formulas: page %s, per_page %s', p, pp))
  FROM generate_series(1, 6) AS p,
       (VALUES (3), (10), (17), (35), (36)) AS s(pp),
       (SELECT count(*) AS total FROM ct_items WHERE grp <> 1) AS c
 ORDER BY pp, p;

-- their cursors: both URL-safe on a page with rows, both NULL on one without
SELECT is(
    ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)],
    CASE WHEN (p - 1)::bigint * pp < c.total THEN ARRAY['url-safe', 'url-safe']
         ELSE ARRAY['null', 'null'] END,
    format('meta formulas cursors: page %s, per_page %s', p, pp))
  FROM generate_series(1, 6) AS p,
       (VALUES (3), (10), (17), (35), (36)) AS s(pp),
       (SELECT count(*) AS total FROM ct_items WHERE grp <> 1) AS c,
       LATERAL (SELECT paginate_meta('select id, name from ct_items where grp <> 1 order by id',
                                     p, pp) AS m) x
 ORDER BY pp, p;
-- and on each of the 15 pages with rows, after => end_cursor and before =>
-- start_cursor serve the neighbouring pages by number, sliced directly
SELECT results_eq(
    pg_temp.keyset_call('select id, name from ct_items where grp <> 1 order by id',
                        'after', (m).end_cursor, pp),
    format('SELECT jsonb_build_object(''id'', id, ''name'', name) FROM ct_items
             WHERE grp <> 1 ORDER BY id OFFSET %s LIMIT %s', p * pp, pp),
    format('meta formulas: after => end_cursor of page %s, per_page %s is page %s', p, pp, p + 1))
  FROM generate_series(1, 6) AS p,
       (VALUES (3), (10), (17), (35), (36)) AS s(pp),
       (SELECT count(*) AS total FROM ct_items WHERE grp <> 1) AS c,
       LATERAL (SELECT paginate_meta('select id, name from ct_items where grp <> 1 order by id',
                                     p, pp) AS m) x
 WHERE (p - 1)::bigint * pp < c.total
 ORDER BY pp, p;
SELECT results_eq(
    pg_temp.keyset_call('select id, name from ct_items where grp <> 1 order by id',
                        'before', (m).start_cursor, pp),
    format('SELECT jsonb_build_object(''id'', id, ''name'', name) FROM ct_items
             WHERE grp <> 1 ORDER BY id OFFSET %s LIMIT %s',
           greatest(p - 2, 0) * pp, CASE WHEN p > 1 THEN pp ELSE 0 END),
    format('meta formulas: before => start_cursor of page %s, per_page %s is page %s', p, pp, p - 1))
  FROM generate_series(1, 6) AS p,
       (VALUES (3), (10), (17), (35), (36)) AS s(pp),
       (SELECT count(*) AS total FROM ct_items WHERE grp <> 1) AS c,
       LATERAL (SELECT paginate_meta('select id, name from ct_items where grp <> 1 order by id',
                                     p, pp) AS m) x
 WHERE (p - 1)::bigint * pp < c.total
 ORDER BY pp, p;

-- first_item..last_item are the positions of the rows on the page
SELECT is(
    (SELECT (m).last_item - (m).first_item + 1
       FROM (SELECT paginate_meta('select id from ct_items order by id', 4, 13) AS m) s),
    (SELECT count(*) FROM ct_items WHERE id > 39),
    'meta: last_item - first_item + 1 is the number of rows on the page');

-- the total of a query with its own LIMIT, DISTINCT ON, a set-returning ORDER BY
SELECT is((paginate_meta('select id from ct_items order by id desc limit 13 offset 2', 1, 5)).total,
    (SELECT count(*) FROM (SELECT id FROM ct_items ORDER BY id DESC LIMIT 13 OFFSET 2) s),
    'total: a query with its own LIMIT and OFFSET');
SELECT is((paginate_meta('select distinct on (grp) grp, id from ct_items order by grp, id desc')).total,
    4::bigint, 'total: DISTINCT ON');
SELECT is((paginate_meta('select id from ct_items where id <= 3 order by generate_series(1, 2), id')).total,
    (SELECT count(*) FROM (SELECT id FROM ct_items WHERE id <= 3 ORDER BY generate_series(1, 2), id) s),
    'total: a set-returning function in ORDER BY adds rows');
SELECT is((paginate_meta('select grp, count(*) from ct_items group by grp order by grp')).total,
    4::bigint, 'total: GROUP BY');
SELECT is((paginate_meta('select id from ct_items where grp = $1 order by id', params => ARRAY['2'])).total,
    (SELECT count(*) FROM ct_items WHERE grp = 2), 'total: with params');

-- no cursors on an empty page, or for a query without ORDER BY
SET LOCAL paginate.order_check = off;
SELECT is(
    (SELECT ARRAY[(m).start_cursor, (m).end_cursor]
       FROM (SELECT paginate_meta('select id from ct_items', 1, 10) AS m) s),
    ARRAY[NULL, NULL]::text[], 'meta: no cursors without ORDER BY');
RESET paginate.order_check;
SELECT is(
    (SELECT ARRAY[(m).start_cursor, (m).end_cursor]
       FROM (SELECT paginate_meta('select id from ct_items order by id', 9, 10) AS m) s),
    ARRAY[NULL, NULL]::text[], 'meta: no cursors on an empty page');

-- ===========================================================================
-- paginate_response = paginate's rows + to_jsonb(paginate_meta(...)).
-- ===========================================================================
SELECT is(
    paginate_response('select id, name from ct_items order by id', p, pp, count => c) -> 'items',
    (SELECT coalesce(jsonb_agg(r ORDER BY o), '[]')
       FROM paginate('select id, name from ct_items order by id', p, pp)
            WITH ORDINALITY AS x(r, o)),
    format('response items = paginate rows: page %s, per_page %s, count %s', p, pp, c))
  FROM (VALUES (1, 10, 'exact'), (5, 10, 'exact'), (6, 10, 'exact'), (2, 10, 'none'),
               (2, 10, 'planned'), (5, 10, 'planned'), (3, 7, 'estimated'))
       AS v(p, pp, c);

SELECT is(
    paginate_response('select id, name from ct_items order by id', p, pp, count => c) -> 'pagination',
    to_jsonb(paginate_meta('select id, name from ct_items order by id', p, pp, count => c)),
    format('response pagination = paginate_meta: page %s, per_page %s, count %s', p, pp, c))
  FROM (VALUES (1, 10, 'exact'), (5, 10, 'exact'), (6, 10, 'exact'), (2, 10, 'none'),
               (6, 10, 'none'), (2, 10, 'planned'), (5, 10, 'planned'), (3, 7, 'estimated'))
       AS v(p, pp, c);

SELECT is(
    paginate_response('select id, name from ct_items order by id', 4, 12)
        #- '{pagination,start_cursor}' #- '{pagination,end_cursor}',
    jsonb_build_object(
        'items', (SELECT jsonb_agg(jsonb_build_object('id', id, 'name', name) ORDER BY id)
                    FROM ct_items WHERE id > 36),
        'pagination', jsonb_build_object(
            'page', 4, 'per_page', 12, 'total', 47, 'total_is_exact', true, 'pages', 4,
            'has_prev', true, 'has_next', false, 'prev_page', 3, 'next_page', NULL,
            'first_item', 37, 'last_item', 47, 'total_is_lower_bound', false)),
    'response: the whole body but the cursors, hand-computed');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind(r -> 'pagination' ->> 'start_cursor'),
                  pg_temp.cursor_kind(r -> 'pagination' ->> 'end_cursor')]
       FROM paginate_response('select id, name from ct_items order by id', 4, 12) AS r),
    ARRAY['url-safe', 'url-safe'], 'response: both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select id, name from ct_items order by id', 'before',
                                r -> 'pagination' ->> 'start_cursor', 12)
       FROM paginate_response('select id, name from ct_items order by id', 4, 12) AS r),
    $$SELECT jsonb_build_object('id', id, 'name', name) FROM ct_items
       WHERE id BETWEEN 25 AND 36 ORDER BY id$$,
    'response: before => its start_cursor is page 3');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select id, name from ct_items order by id', 'after',
                                r -> 'pagination' ->> 'end_cursor', 12)
       FROM paginate_response('select id, name from ct_items order by id', 4, 12) AS r),
    $$SELECT jsonb_build_object('id', id, 'name', name) FROM ct_items WHERE id > 47$$,
    'response: after => the last page''s end_cursor has no rows');
SELECT is(
    paginate_response('select id from ct_items order by id', 5, 12),
    '{"items": [], "pagination": {"page": 5, "per_page": 12, "total": 47,
      "total_is_exact": true, "pages": 4, "has_prev": true, "has_next": false,
      "prev_page": 4, "next_page": null, "first_item": 0, "last_item": 0,
      "start_cursor": null, "end_cursor": null, "total_is_lower_bound": false}}'::jsonb,
    'response: a page past the end has items []');
SET LOCAL paginate.order_check = off;
SELECT is(
    (SELECT ARRAY[r #> '{pagination,start_cursor}', r #> '{pagination,end_cursor}']
       FROM paginate_response('select id from ct_items', 1, 10) AS r),
    ARRAY['null'::jsonb, 'null'::jsonb], 'response: "start_cursor": null, "end_cursor": null without ORDER BY');
RESET paginate.order_check;
SELECT is(
    paginate_response('select id, name from ct_items where grp = $1 order by id desc', 2, 5,
                      params => ARRAY['3']) -> 'items',
    (SELECT jsonb_agg(jsonb_build_object('id', id, 'name', name) ORDER BY id DESC)
       FROM (SELECT id, name FROM ct_items WHERE grp = 3 ORDER BY id DESC OFFSET 5 LIMIT 5) s),
    'response: items with params');

-- ===========================================================================
-- The page size cap: paginate.max_per_page (100 by default; 0 = no cap).
-- ===========================================================================
SELECT is(pg_temp.no_cursors(paginate_meta('select n from ct_big order by n', 1, 500)),
    ROW(1, 100, 250, true, 3, false, true, NULL, 2, 1, 100, NULL, NULL, false)::pagination,
    'cap: per_page 500 is served as 100');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta('select n from ct_big order by n', 1, 500) AS m) s),
    ARRAY['url-safe', 'url-safe'], 'cap: per_page 500: both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select n from ct_big order by n', 'after', (m).end_cursor, 500)
       FROM (SELECT paginate_meta('select n from ct_big order by n', 1, 500) AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n BETWEEN 101 AND 200 ORDER BY n$$,
    'cap: after => end_cursor at per_page 500 is rows 101..200');
SELECT results_eq(
    $$SELECT * FROM paginate('select n from ct_big order by n', 2, 500)$$,
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n BETWEEN 101 AND 200 ORDER BY n$$,
    'cap: page 2 at per_page 500 is rows 101..200');
SELECT is(
    (SELECT count(*) FROM paginate_as(NULL::integer, 'select n from ct_big order by n', 1, 500)),
    100::bigint, 'cap: typed rows are capped too');
SELECT is(
    (SELECT ARRAY[jsonb_array_length(r -> 'items'), (r -> 'pagination' ->> 'per_page')::int]
       FROM paginate_response('select n from ct_big order by n', 1, 500) AS r),
    ARRAY[100, 100], 'cap: paginate_response: 100 items, per_page 100');
SELECT is((paginate_meta('select n from ct_big order by n', 1, 100)).per_page,
    100, 'cap: per_page equal to the cap is kept');

SET LOCAL paginate.max_per_page = 20;
SELECT is(pg_temp.no_cursors(paginate_meta('select n from ct_big order by n', 3, 50)),
    ROW(3, 20, 250, true, 13, true, true, 2, 4, 41, 60, NULL, NULL, false)::pagination,
    'cap: paginate.max_per_page = 20 lowers per_page 50 to 20');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta('select n from ct_big order by n', 3, 50) AS m) s),
    ARRAY['url-safe', 'url-safe'], 'cap 20: both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select n from ct_big order by n', 'after', (m).end_cursor, 50)
       FROM (SELECT paginate_meta('select n from ct_big order by n', 3, 50) AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n BETWEEN 61 AND 80 ORDER BY n$$,
    'cap 20: after => end_cursor of rows 41..60 is rows 61..80');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select n from ct_big order by n', 'before', (m).start_cursor, 50)
       FROM (SELECT paginate_meta('select n from ct_big order by n', 3, 50) AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n BETWEEN 21 AND 40 ORDER BY n$$,
    'cap 20: before => start_cursor of rows 41..60 is rows 21..40');
SET LOCAL paginate.default_per_page = 30;
SELECT is((paginate_meta('select n from ct_big order by n')).per_page,
    20, 'cap: the default per_page is capped too');
RESET paginate.default_per_page;

SET LOCAL paginate.max_per_page = 0;
SELECT is(pg_temp.no_cursors(paginate_meta('select n from ct_big order by n', 1, 500)),
    ROW(1, 500, 250, true, 1, false, false, NULL, NULL, 1, 250, NULL, NULL, false)::pagination,
    'no cap: paginate.max_per_page = 0 keeps per_page 500');
SELECT is(
    (SELECT ARRAY[pg_temp.cursor_kind((m).start_cursor), pg_temp.cursor_kind((m).end_cursor)]
       FROM (SELECT paginate_meta('select n from ct_big order by n', 1, 500) AS m) s),
    ARRAY['url-safe', 'url-safe'], 'no cap: both cursors URL-safe');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select n from ct_big order by n', 'after', (m).end_cursor, 500)
       FROM (SELECT paginate_meta('select n from ct_big order by n', 1, 500) AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n > 250$$,
    'no cap: after => end_cursor of the one page of 250 rows has no rows');
SELECT results_eq(
    (SELECT pg_temp.keyset_call('select n from ct_big order by n', 'before', (m).start_cursor, 500)
       FROM (SELECT paginate_meta('select n from ct_big order by n', 1, 500) AS m) s),
    $$SELECT jsonb_build_object('n', n) FROM ct_big WHERE n < 1$$,
    'no cap: before => start_cursor of the one page of 250 rows has no rows');
SELECT results_eq(
    $$SELECT * FROM paginate('select n from ct_big order by n', 1, 500)$$,
    $$SELECT jsonb_build_object('n', n) FROM ct_big ORDER BY n$$,
    'no cap: all 250 rows on one page');
SELECT is(paginate_meta('select n from ct_big order by n', 2147483647, 2147483647, count => 'none'),
    ROW(2147483647, 2147483647, NULL, NULL, NULL, true, false, 2147483646, NULL, 0, 0, NULL, NULL, NULL)::pagination,
    'no cap: page INT_MAX at per_page INT_MAX');
SELECT results_eq(
    $$SELECT * FROM paginate('select n from ct_big order by n', 1, 2147483647)$$,
    $$SELECT jsonb_build_object('n', n) FROM ct_big ORDER BY n$$,
    'no cap: per_page INT_MAX holds every row');
RESET paginate.max_per_page;

-- ===========================================================================
-- Count modes.
-- ===========================================================================

-- exact: count(*) of the query
SELECT is(
    (SELECT ARRAY[(m).total, (m).pages]
       FROM (SELECT paginate_meta('select id from ct_items where grp = 2 order by id', 2, 5,
                                  count => 'exact') AS m) s),
    (SELECT ARRAY[count(*), ceil(count(*) / 5.0)]::bigint[] FROM ct_items WHERE grp = 2),
    'exact: total and pages from the direct count');
SELECT is((paginate_meta('select id from ct_items order by id', 2, 5, count => 'exact')).total_is_exact,
    true, 'exact: total_is_exact');

-- none: no total, no pages, has_next still exact
SELECT is(
    (SELECT ROW((m).page, (m).per_page, (m).total, (m).pages, (m).has_prev, (m).has_next,
                (m).prev_page, (m).next_page, (m).first_item, (m).last_item)
       FROM (SELECT paginate_meta('select id from ct_items order by id', p, pp, count => 'none') AS m) s),
    ROW(p, pp, NULL::bigint, NULL::integer, p > 1, nxt, prv, nxtp, fi, li),
    format('none: page %s, per_page %s', p, pp))
  FROM (VALUES (1, 10, true, NULL::integer, 2, 1::bigint, 10::bigint),
               (4, 10, true, 3, 5, 31, 40),
               (5, 10, false, 4, NULL, 41, 47),
               (6, 10, false, 5, NULL, 0, 0),
               (1, 47, false, NULL, NULL, 1, 47),
               (1, 46, true, NULL, 2, 1, 46))
       AS v(p, pp, nxt, prv, nxtp, fi, li);
SELECT is(
    paginate_response('select id from ct_items order by id', 5, 10, count => 'none') -> 'pagination'
        -> 'total',
    'null'::jsonb, 'none: paginate_response has "total": null');

-- planned: the planner's estimate, not exact, on a page that is not the last
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact, (m).pages, (m).has_next, (m).first_item, (m).last_item)
       FROM (SELECT paginate_meta('select n from ct_big order by n', 2, 10, count => 'planned') AS m) s),
    ROW(pg_temp.planned_rows('select n from ct_big'), false,
        ceil(pg_temp.planned_rows('select n from ct_big') / 10.0)::integer,
        true, 11::bigint, 20::bigint),
    'planned: total is the planner''s estimate, not exact');
-- an estimate below what the page shows is raised to what it shows
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact, (m).has_next)
       FROM (SELECT paginate_meta('select n from ct_big where n % 7 = 0 order by n', 2, 10,
                                  count => 'planned') AS m) s),
    ROW(greatest(pg_temp.planned_rows('select n from ct_big where n % 7 = 0'), 21), false,
        (SELECT count(*) > 20 FROM ct_big WHERE n % 7 = 0)),
    'planned: a low estimate is raised to at least one row past the page');
-- the last page shows the end: then the total is known exactly
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact, (m).has_next)
       FROM (SELECT paginate_meta('select n from ct_big where n % 7 = 0 order by n', 4, 10,
                                  count => 'planned') AS m) s),
    ROW((SELECT count(*) FROM ct_big WHERE n % 7 = 0), true, false),
    'planned: on the last page the total is exact');
SELECT is(
    (paginate_response('select n from ct_big order by n', 2, 10, count => 'planned')
        -> 'pagination' -> 'total_is_exact'),
    'false'::jsonb, 'planned: paginate_response says total_is_exact false');
SET LOCAL paginate.count = 'planned';
SELECT is((paginate_meta('select n from ct_big order by n', 2, 10)).total_is_exact,
    false, 'planned: from paginate.count');
RESET paginate.count;

-- estimated: exact up to paginate.count_threshold, planned above it
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact)
       FROM (SELECT paginate_meta('select id from ct_items order by id', 2, 10, count => 'estimated') AS m) s),
    ROW((SELECT count(*) FROM ct_items), true),
    'estimated: under the default threshold (10000) it is exact');
SET LOCAL paginate.count_threshold = 47;
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact)
       FROM (SELECT paginate_meta('select id from ct_items order by id', 2, 10, count => 'estimated') AS m) s),
    ROW(47::bigint, true),
    'estimated: a total equal to the threshold is exact');
SET LOCAL paginate.count_threshold = 46;
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact)
       FROM (SELECT paginate_meta('select id from ct_items order by id', 2, 10, count => 'estimated') AS m) s),
    ROW(greatest(pg_temp.planned_rows('select id from ct_items'), 47), false),
    'estimated: one row above the threshold it is the planner''s, not exact');
SET LOCAL paginate.count_threshold = 20;
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact, (m).has_next)
       FROM (SELECT paginate_meta('select n from ct_big where n % 7 = 0 order by n', 1, 10,
                                  count => 'estimated') AS m) s),
    ROW(greatest(pg_temp.planned_rows('select n from ct_big where n % 7 = 0'), 21), false, true),
    'estimated: above the threshold the total is at least threshold + 1');
SELECT is(
    paginate_response('select n from ct_big where n % 7 = 0 order by n', 1, 10, count => 'estimated')
        -> 'pagination',
    to_jsonb(paginate_meta('select n from ct_big where n % 7 = 0 order by n', 1, 10, count => 'estimated')),
    'estimated: paginate_response agrees with paginate_meta above the threshold');
SET LOCAL paginate.count_threshold = 0;
SELECT is(
    (SELECT ROW((m).total, (m).total_is_exact)
       FROM (SELECT paginate_meta('select id from ct_items where false order by id', 1, 10,
                                  count => 'estimated') AS m) s),
    ROW(0::bigint, true),
    'estimated: threshold 0, no rows: exact 0');
RESET paginate.count_threshold;

-- capped: exact up to paginate.count_threshold; above it a lower bound, the
-- result has more rows than total: total_is_lower_bound, not exact, pages
-- NULL; total is the threshold, or the rows up to the end of a page with a
-- row after it.  Every page of 47 rows at two sizes, for five thresholds;
-- each test lists the (threshold, page, per_page) where a field is wrong.
CREATE FUNCTION pg_temp.capped_misses(th integer) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
	pp integer;
	p integer;
	m pagination;
	off bigint;
	shows_end boolean;
	lb boolean;
	want bigint;
	want_pages integer;
	misses text[] := '{}';
BEGIN
	PERFORM set_config('paginate.count_threshold', th::text, true);
	FOREACH pp IN ARRAY ARRAY[3, 10] LOOP
		FOR p IN 1 .. 47 / pp + 3 LOOP
			m := paginate_meta('select id from ct_items order by id', p, pp, count => 'capped');
			off := (p - 1)::bigint * pp;
			shows_end := off < 47 AND off + pp >= 47;
			lb := 47 > th AND NOT shows_end;
			want := CASE WHEN NOT lb THEN 47
						 WHEN off + pp < 47 THEN greatest(th, off + pp)
						 ELSE th END;
			want_pages := CASE WHEN lb THEN NULL ELSE 46 / pp + 1 END;
			IF m.total IS DISTINCT FROM want OR m.total_is_lower_bound IS DISTINCT FROM lb
			   OR m.total_is_exact IS DISTINCT FROM NOT lb
			   OR m.pages IS DISTINCT FROM want_pages
			   OR m.has_next IS DISTINCT FROM (off + pp < 47)
			   OR (lb AND m.total >= 47) THEN
				misses := misses || format('(%s, %s, %s): %s', th, p, pp, m);
			END IF;
		END LOOP;
	END LOOP;
	RETURN misses;
END
$$;
SELECT is(pg_temp.capped_misses(th), '{}'::text[],
    format('capped: every page of 47 rows, threshold %s', th))
  FROM unnest(ARRAY[0, 10, 46, 47, 100]) th;
RESET paginate.count_threshold;
SET LOCAL paginate.count_threshold = 20;
SELECT is(
    (SELECT ROW(m.total, m.total_is_exact, m.total_is_lower_bound, m.pages)
       FROM paginate_meta('select id from ct_items order by id', per_page => 5, count => 'capped',
                          after => (paginate_meta('select id from ct_items order by id', 2, 5)).end_cursor) m),
    ROW(20::bigint, false, true, NULL::integer),
    'capped: a keyset page over the threshold has the threshold as its lower bound');
SELECT is(
    paginate_response('select id from ct_items order by id', 2, 5, count => 'capped') -> 'pagination',
    to_jsonb(paginate_meta('select id from ct_items order by id', 2, 5, count => 'capped')),
    'capped: paginate_response agrees with paginate_meta');
SELECT is(
    paginate_headers(paginate_meta('select id from ct_items order by id', 2, 5, count => 'capped'), '/i'),
    jsonb_build_object('Content-Range', '5-9/*',
        'Link', '</i?page=1&per_page=5>; rel="first", </i?page=1&per_page=5>; rel="prev", </i?page=3&per_page=5>; rel="next"'),
    'capped: headers of a lower bound: no X-Pagination, no X-Total-Count, Content-Range "/*", no last link');
SET LOCAL paginate.count = 'capped';
SELECT is((paginate_meta('select id from ct_items order by id', 2, 5)).total_is_lower_bound,
    true, 'capped: from paginate.count');
RESET paginate.count;
RESET paginate.count_threshold;
SELECT is(
    (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
      WHERE attrelid = 'pagination'::regclass AND attnum > 0 AND NOT attisdropped),
    ARRAY['page', 'per_page', 'total', 'total_is_exact', 'pages', 'has_prev', 'has_next',
          'prev_page', 'next_page', 'first_item', 'last_item', 'start_cursor', 'end_cursor',
          'total_is_lower_bound'],
    'pagination: its fields, total_is_lower_bound last');

-- ===========================================================================
-- Privileges: the query runs as the caller; row-level security applies.
-- ===========================================================================
SELECT is(
    (SELECT bool_or(prosecdef) FROM pg_proc
      WHERE proname IN ('paginate', 'paginate_meta', 'paginate_response', 'paginate_response_json')),
    false, 'no function is SECURITY DEFINER');
CREATE TABLE ct_rls (id integer PRIMARY KEY, owner text NOT NULL);
INSERT INTO ct_rls SELECT g, CASE WHEN g % 3 = 0 THEN 'paginate_tap_reader' ELSE 'other' END
  FROM generate_series(1, 30) g;
ALTER TABLE ct_rls ENABLE ROW LEVEL SECURITY;
CREATE POLICY ct_rls_own ON ct_rls USING (owner = current_user);
CREATE ROLE paginate_tap_reader NOLOGIN;
GRANT SELECT ON ct_rls TO paginate_tap_reader;
-- the superuser sees every row (and the query text is now in paginate's cache)
SELECT is((paginate_meta('select id from ct_rls order by id', 1, 4)).total,
    30::bigint, 'RLS: a superuser sees all 30 rows');
SET LOCAL ROLE paginate_tap_reader;
SELECT results_eq(
    $$SELECT * FROM paginate('select id from ct_rls order by id', 2, 4)$$,
    $$VALUES ('{"id": 15}'::jsonb), ('{"id": 18}'), ('{"id": 21}'), ('{"id": 24}')$$,
    'RLS: the rows are the caller''s');
SELECT is((paginate_meta('select id from ct_rls order by id', 1, 4)).total,
    10::bigint, 'RLS: the total counts only the caller''s rows');
RESET ROLE;

-- ===========================================================================
-- The same query text later: it reads the objects as they are now.
-- ===========================================================================
CREATE SCHEMA ct_a;
CREATE SCHEMA ct_b;
CREATE TABLE ct_a.ct_sp (x integer);
INSERT INTO ct_a.ct_sp VALUES (1), (2);
CREATE TABLE ct_b.ct_sp (x integer);
INSERT INTO ct_b.ct_sp VALUES (10), (20), (30);
SET LOCAL search_path = ct_a, public;
SELECT results_eq($$SELECT * FROM paginate('select x from ct_sp order by x')$$,
    $$VALUES ('{"x": 1}'::jsonb), ('{"x": 2}')$$, 'search_path ct_a: ct_a.ct_sp');
SET LOCAL search_path = ct_b, public;
SELECT results_eq($$SELECT * FROM paginate('select x from ct_sp order by x')$$,
    $$VALUES ('{"x": 10}'::jsonb), ('{"x": 20}'), ('{"x": 30}')$$,
    'search_path ct_b: the same text reads ct_b.ct_sp');
SELECT is((paginate_meta('select x from ct_sp order by x')).total, 3::bigint,
    'search_path ct_b: the total is ct_b.ct_sp''s');
RESET search_path;

CREATE TABLE ct_cols (id integer PRIMARY KEY);
INSERT INTO ct_cols VALUES (1), (2);
SELECT results_eq($$SELECT * FROM paginate('select * from ct_cols order by id')$$,
    $$VALUES ('{"id": 1}'::jsonb), ('{"id": 2}')$$, 'select * before ALTER TABLE');
ALTER TABLE ct_cols ADD COLUMN note text DEFAULT 'n';
SELECT results_eq($$SELECT * FROM paginate('select * from ct_cols order by id')$$,
    $$VALUES ('{"id": 1, "note": "n"}'::jsonb), ('{"id": 2, "note": "n"}')$$,
    'select * after ALTER TABLE ADD COLUMN has the new column');
SELECT results_eq($$SELECT * FROM paginate_as(NULL::ct_cols, 'select * from ct_cols order by id')$$,
    $$SELECT * FROM ct_cols ORDER BY id$$,
    'typed rows after ALTER TABLE ADD COLUMN');

-- paginate inside a paginated query
SELECT results_eq(
    $$SELECT * FROM paginate('select p from paginate(''select g from generate_series(1, 12) g order by g'', 2, 5) p
                              order by (p ->> ''g'')::int desc', 1, 3)$$,
    $$VALUES ('{"p": {"g": 10}}'::jsonb), ('{"p": {"g": 9}}'), ('{"p": {"g": 8}}')$$,
    'a paginate call nested in a paginated query');

-- ===========================================================================
-- paginate_explain: shows the statements, runs nothing.
-- ===========================================================================
SELECT lives_ok(
    $$SELECT paginate_explain('select 1 / (id - 3) from ct_items order by id', count => c)
        FROM unnest(ARRAY['exact', 'planned', 'estimated', 'none']) AS c$$,
    'paginate_explain does not run the query (no division by zero)');
SELECT ok(
    (SELECT bool_or(line ~ '^\s*(->\s+)?Limit\M')
       FROM paginate_explain('select id from ct_items order by id', 2, 10, count => 'none') AS line),
    'paginate_explain: the page is a Limit');
SELECT ok(
    (SELECT bool_or(line ~ '\mAggregate\M')
       FROM paginate_explain('select id from ct_items order by id', 2, 10, count => 'exact') AS line),
    'paginate_explain count exact: shows the count(*) aggregate');
SELECT ok(
    (SELECT NOT bool_or(line ~ '\mAggregate\M')
       FROM paginate_explain('select id from ct_items order by id', 2, 10, count => 'none') AS line),
    'paginate_explain count none: no count');

SELECT * FROM finish();
ROLLBACK;
