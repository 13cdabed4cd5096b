-- last => true: the query's last rows without a cursor (Relay's last
-- without before), read backward from the end, with exact has_prev and
-- cursors to walk back from.
CREATE SCHEMA last_test;
SET search_path TO last_test, public;

CREATE TABLE ev (
	id integer PRIMARY KEY,
	created_at timestamptz,
	status text NOT NULL,
	title text NOT NULL
);
INSERT INTO ev
SELECT i, CASE WHEN i % 6 = 0 THEN NULL ELSE '2026-01-01'::timestamptz + (i % 9) * interval '1 hour' END,
	CASE WHEN i % 3 = 0 THEN 'open' ELSE 'closed' END, 'event ' || i
FROM generate_series(1, 41) i;
CREATE INDEX ON ev (created_at, id);
-- no unique key: rows equal in every column (copies)
CREATE TABLE tags (tag text, n int);
INSERT INTO tags SELECT 't' || (i % 4), i % 2 FROM generate_series(1, 23) i;
CREATE VIEW ev_v AS SELECT id, created_at, title FROM ev WHERE status = 'closed';
ANALYZE ev, tags;

\set q 'select id, created_at, title from ev order by created_at, id'

-- The last page: the last per_page rows in the query's order, no page
-- number, has_next false, has_prev true while rows come before it.
SELECT * FROM paginate(:'q', per_page => 4, last => true);
SELECT page, per_page, total, pages, has_prev, has_next, prev_page, next_page,
	first_item, last_item, start_cursor IS NOT NULL AS has_start, end_cursor IS NOT NULL AS has_end
FROM paginate_meta(:'q', per_page => 4, last => true);
SELECT id, title FROM paginate_as(NULL::ev, 'select * from ev order by id desc', per_page => 3, last => true);
SELECT r->'items' AS items, r->'pagination'->'has_prev' AS has_prev, r->'pagination'->'total' AS total
FROM paginate_response('select id from ev order by status, id', per_page => 2, last => true) r;

-- A last page that holds the whole result: no row before it, and its rows
-- are the total, so no count runs.
SELECT total, total_is_exact, has_prev, has_next
FROM paginate_meta('select id from ev where id < 4 order by id', per_page => 10, last => true);
SELECT r->'pagination'->'total' AS total, r->'pagination'->'has_prev' AS has_prev
FROM paginate_response('select id from ev where id < 4 order by id', per_page => 10, last => true) r;
SELECT statement FROM paginate_cache() WHERE query = 'select id from ev where id < 4 order by id' ORDER BY 1;
-- no rows at all
SELECT rows, has_prev, has_next, start_cursor, end_cursor
FROM (SELECT count(*) AS rows FROM paginate('select id from ev where false order by id', last => true)) r,
	paginate_meta('select id from ev where false order by id', last => true);

-- From the last page, start_cursor walks back with before: every row once,
-- in order, for nullable keys, DESC, ties, copies, a view, a sort chosen
-- with order_by, and a LIMIT in the query; compared with the whole query.
CREATE FUNCTION walk_back(q text, per_page int, sort text DEFAULT NULL) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	ids int[];
	page int[];
	m pagination;
BEGIN
	ids := ARRAY(SELECT (r->>'n')::int FROM paginate(q, per_page => per_page, last => true, order_by => sort) r);
	SELECT * INTO m FROM paginate_meta(q, per_page => per_page, last => true, order_by => sort);
	IF m.has_next THEN
		RAISE 'the last page has a next page';
	END IF;
	WHILE m.has_prev LOOP
		page := ARRAY(SELECT (r->>'n')::int FROM paginate(q, before => m.start_cursor, per_page => per_page, order_by => sort) r);
		SELECT * INTO m FROM paginate_meta(q, before => m.start_cursor, per_page => per_page, order_by => sort);
		ids := page || ids;
	END LOOP;
	RETURN ids;
END
$$;
CREATE FUNCTION whole(q text) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	ids int[];
BEGIN
	EXECUTE 'SELECT array_agg(n ORDER BY o) FROM (SELECT n, row_number() OVER () AS o FROM (' || q || ') s) w' INTO ids;
	RETURN ids;
END
$$;
SELECT q, per_page, walk_back(q, per_page) = whole(q || tiebreak) AS walked
FROM (VALUES
	('select id as n from ev order by created_at', ', id'),
	('select id as n from ev order by created_at desc nulls last', ', id'),
	('select id as n from ev order by status desc, created_at nulls first', ', id'),
	('select id as n from ev order by title', ''),
	('select id as n, created_at from ev_v order by created_at', ', n'),
	('select id as n from ev order by id desc limit 17', ''),
	('select n from tags order by tag', ', n')) AS s(q, tiebreak),
	(VALUES (1), (4), (7), (50)) AS p(per_page)
ORDER BY 1, 2;
-- copies (tags has no unique key): rows equal in every column walk back
-- exactly as many times as they are there
SELECT walk_back('select n, tag from tags order by tag', 3) =
	whole('select n, tag from tags order by tag, n') AS copies_walked;
SELECT walk_back('select id as n, title from ev', 5, 'title.desc') =
	whole('select id as n from ev order by title desc') AS sorted_walked;

-- last with before is the page before the cursor (Relay's last and before);
-- last => false is no last.
SELECT start_cursor AS c FROM paginate_meta(:'q', per_page => 4, last => true) \gset
SELECT (SELECT array_agg(r) FROM paginate(:'q', before => :'c', per_page => 4, last => true) r) =
	(SELECT array_agg(r) FROM paginate(:'q', before => :'c', per_page => 4) r) AS same_as_before;
SELECT count(*) FROM paginate(:'q', per_page => 4, last => false);

-- The statement reads the index backward and stops after the page.
SET enable_seqscan = off;
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS line FROM paginate_explain(:'q', per_page => 4, last => true, count => 'none') line;
SELECT line FROM paginate_explain(:'q', per_page => 4, last => true) line WHERE line LIKE '--%';
RESET enable_seqscan;

-- Headers: a cursor page with a row after it links to the last page by
-- last=true, which the base URL's own last= does not repeat.
SELECT end_cursor AS e FROM paginate_meta(:'q', 1, 4) \gset
SELECT paginate_headers(paginate_meta(:'q', after => :'e', per_page => 4, count => 'none'),
	'https://api.example.com/ev?last=false&q=x') ->> 'Link' AS link;
SELECT paginate_headers(paginate_meta(:'q', per_page => 4, last => true, count => 'none'),
	'https://api.example.com/ev') ->> 'Link' AS link;

-- Errors: last with page or after; without ORDER BY.
SELECT * FROM paginate(:'q', 2, last => true);
SELECT * FROM paginate_meta(:'q', after => :'c', last => true);
SELECT * FROM paginate('select id from ev', last => true);

DROP SCHEMA last_test CASCADE;
RESET search_path;
