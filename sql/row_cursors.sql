-- with_cursors => true: a cursor for every row (Relay's edges), each row an
-- edge {"node": row, "cursor": its cursor}; each cursor walks on exactly
-- from its row.
CREATE SCHEMA row_cursors_test;
SET search_path TO row_cursors_test, public;

CREATE TABLE ev (
	id integer PRIMARY KEY,
	created_at timestamptz,
	title text NOT NULL
);
INSERT INTO ev
SELECT i, CASE WHEN i % 5 = 0 THEN NULL ELSE '2026-01-01'::timestamptz + (i % 4) * interval '1 hour' END,
	'event ' || i
FROM generate_series(1, 23) i;
-- no unique key: copies, told apart by their place among them
CREATE TABLE tags (tag text, n int);
INSERT INTO tags SELECT 't' || (i % 3), i % 2 FROM generate_series(1, 19) i;
ANALYZE ev, tags;
-- row types for the typed form, paginate_edges
CREATE TYPE ev_row AS (id integer, created_at timestamptz);
CREATE TYPE tag_row AS (tag text, n integer);

-- The row is the node, whatever its columns are called (a column named
-- cursor or node stays inside it); the edge's cursor is the row's.
SELECT e -> 'node' AS node, e ->> 'cursor' ~ '^[A-Za-z0-9_-]+$' AS cursor_ok
FROM paginate('select id, title as cursor, id as node from ev order by id', 2, 3, with_cursors => true) e;
-- the first and last edges' cursors are the page's start_cursor and end_cursor
SELECT (array_agg(e ->> 'cursor'))[1] = m.start_cursor AS first_is_start,
	(array_agg(e ->> 'cursor'))[3] = m.end_cursor AS last_is_end
FROM paginate('select id from ev order by created_at, id', 2, 3, with_cursors => true) e,
	paginate_meta('select id from ev order by created_at, id', 2, 3) m
GROUP BY m.start_cursor, m.end_cursor;
-- paginate_response's items are edges too
SELECT jsonb_pretty(r -> 'items') AS items
FROM paginate_response('select id, title from ev order by id', 1, 2, with_cursors => true) r;

-- Every row's cursor, on pages by number, after and before a cursor and the
-- last page, walks on from that very row: the rows after it (and before it)
-- are the whole query's rows after (before) it, for nullable keys, DESC and
-- copies.
CREATE FUNCTION check_edges(q text, whole_q text, edges jsonb[]) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	whole jsonb[];
	e jsonb;
	at int;
	after jsonb[];
	before jsonb[];
	bad int := 0;
	previous int;
BEGIN
	EXECUTE format('SELECT array_agg(to_jsonb(r) ORDER BY o) FROM (SELECT r, row_number() OVER () AS o FROM (%s) r) w', whole_q)
		INTO whole;
	FOREACH e IN ARRAY edges LOOP
		after := ARRAY(SELECT p FROM paginate(q, after => e ->> 'cursor', per_page => 100) p);
		before := ARRAY(SELECT p FROM paginate(q, before => e ->> 'cursor', per_page => 100) p);
		at := cardinality(before) + 1;
		-- the edges are rows one after the other: so are their cursors' places
		IF previous IS NOT NULL AND at <> previous + 1 OR
			whole[at] IS DISTINCT FROM e -> 'node' OR
			after IS DISTINCT FROM coalesce(whole[at + 1:], '{}') OR
			before IS DISTINCT FROM coalesce(whole[:at - 1], '{}') THEN
			bad := bad + 1;
		END IF;
		previous := at;
	END LOOP;
	RETURN format('%s edges, %s wrong', cardinality(edges), bad);
END
$$;
CREATE FUNCTION edges_of(q text, how text, per_page int) RETURNS jsonb[]
LANGUAGE plpgsql AS $$
DECLARE
	m pagination;
	edges jsonb[];
BEGIN
	CASE how
	WHEN 'page 2' THEN
		RETURN ARRAY(SELECT e FROM paginate(q, 2, per_page, with_cursors => true) e);
	WHEN 'after' THEN
		m := paginate_meta(q, 1, per_page);
		RETURN ARRAY(SELECT e FROM paginate(q, after => m.end_cursor, per_page => per_page, with_cursors => true) e);
	WHEN 'before' THEN
		m := paginate_meta(q, 3, per_page);
		RETURN ARRAY(SELECT e FROM paginate(q, before => m.start_cursor, per_page => per_page, with_cursors => true) e);
	WHEN 'last' THEN
		RETURN ARRAY(SELECT e FROM paginate(q, per_page => per_page, last => true, with_cursors => true) e);
	WHEN 'response' THEN
		RETURN ARRAY(SELECT jsonb_array_elements(paginate_response(q, 2, per_page, with_cursors => true) -> 'items'));
	WHEN 'typed page 2', 'typed before' THEN
		-- paginate_edges: the node typed as the query's row type (a scalar for
		-- one column), made an edge of jsonb to be checked the same way
		m := paginate_meta(q, 3, per_page);
		EXECUTE format('SELECT array_agg(jsonb_build_object(''node'', %s, ''cursor'', e.cursor))
			FROM paginate_edges(NULL::%s, $1, $2, $3, before => $4) e',
			CASE WHEN q LIKE 'select tag from%' THEN 'jsonb_build_object(''tag'', e.node)' ELSE 'to_jsonb(e.node)' END,
			CASE WHEN q LIKE 'select id,%' THEN 'ev_row' WHEN q LIKE 'select tag, n %' THEN 'tag_row' ELSE 'text' END)
			INTO edges
			USING q, CASE WHEN how = 'typed page 2' THEN 2 END, per_page,
				CASE WHEN how = 'typed before' THEN m.start_cursor END;
		RETURN edges;
	END CASE;
END
$$;
-- (the whole query with its tiebreak written out: the primary key, or the
-- other columns)
SELECT q, how, per_page, check_edges(q, q || tiebreak, edges_of(q, how, per_page)) AS edges
FROM (VALUES
	('select id, created_at from ev order by created_at', ', id'),
	('select id, created_at from ev order by created_at desc nulls last, id desc', ''),
	('select tag, n from tags order by tag', ', n'),
	('select tag from tags order by tag desc', '')) AS s(q, tiebreak),
	(VALUES ('page 2'), ('after'), ('before'), ('last'), ('response'),
		('typed page 2'), ('typed before')) AS h(how),
	(VALUES (4), (7)) AS p(per_page)
ORDER BY 1, 2, 3;

-- The typed form, paginate_edges: node is the row as rowtype, cursor its
-- own, the same cursors as the jsonb form's; a scalar row type for one
-- column; a row type with a dropped column; the last page.
SELECT * FROM paginate_edges(NULL::ev_row, 'select id, created_at from ev order by created_at desc, id', 2, 3);
SELECT (e.node).id, (e.node).created_at, e.cursor
FROM paginate_edges(NULL::ev_row, 'select id, created_at from ev order by id', per_page => 2, last => true) e;
SELECT array_agg(e.cursor) = (SELECT array_agg(j ->> 'cursor')
		FROM paginate('select tag, n from tags order by tag', 2, 5, with_cursors => true) j) AS same_cursors
FROM paginate_edges(NULL::tag_row, 'select tag, n from tags order by tag', 2, 5) e;
SELECT * FROM paginate_edges(NULL::text, 'select title from ev order by id', 1, 3);
SELECT * FROM paginate_edges(NULL::integer, 'select id from ev where id > $1 order by id desc', 1, 2,
	params => ARRAY['20']::paginate_param[]);
ALTER TYPE tag_row ADD ATTRIBUTE extra integer;
ALTER TYPE tag_row DROP ATTRIBUTE extra;
SELECT * FROM paginate_edges(NULL::tag_row, 'select tag, n from tags order by tag desc', 1, 4);
-- each edge's cursor walks on from its row, typed too
SELECT e.node, (SELECT array_agg(a.node) FROM paginate_edges(NULL::integer, 'select id from ev order by id', after => e.cursor, per_page => 3) a) AS next_three
FROM paginate_edges(NULL::integer, 'select id from ev order by id', 4, 3) e;
-- a row type that does not fit, one that is not a type of rows, no order
SELECT * FROM paginate_edges(NULL::integer, 'select id, title from ev order by id');
SELECT * FROM paginate_edges(NULL::ev_row, 'select id, title from ev order by id');
SELECT * FROM paginate_edges(NULL::record, 'select id from ev order by id');
CREATE DOMAIN ev_domain AS ev_row;
SELECT * FROM paginate_edges(NULL::ev_domain, 'select id, created_at from ev order by id');
SELECT * FROM paginate_edges(NULL::ev_row, 'select id, created_at from ev');
SELECT * FROM paginate_edges(NULL::integer, 'select id from ev order by id', 1, after => 'x');

-- Cursors need the query's order.
SELECT * FROM paginate('select id from ev', with_cursors => true);
SELECT paginate_response('select id from ev', with_cursors => true);
-- with_cursors => false is no cursors.
SELECT * FROM paginate('select id from ev order by id', 1, 2, with_cursors => false);

DROP SCHEMA row_cursors_test CASCADE;
RESET search_path;
