-- Keyset (cursor) paging: after => end_cursor, before => start_cursor.
CREATE SCHEMA keyset_test;
SET search_path TO keyset_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

\set q 'select id, username from users order by id'

-- Offset pages carry cursors too: jump to page 4, then scroll on.
SELECT page, has_prev, has_next, start_cursor IS NOT NULL AS has_start,
	end_cursor IS NOT NULL AS has_end
FROM paginate_meta(:'q', 4, 5);
SELECT end_cursor AS c FROM paginate_meta(:'q', 4, 5) \gset
SELECT * FROM paginate(:'q', after => :'c', per_page => 5);
SELECT * FROM paginate(:'q', before => :'c', per_page => 3);

-- Keyset metadata: no page numbers; the total is still counted.
SELECT page, per_page, total, total_is_exact, pages, has_prev, has_next, prev_page,
	next_page, first_item, last_item, start_cursor IS NOT NULL AS has_start
FROM paginate_meta(:'q', after => :'c', per_page => 5);
SELECT page, per_page, total, total_is_exact, pages, has_prev, has_next, prev_page,
	next_page, first_item, last_item, start_cursor IS NOT NULL AS has_start
FROM paginate_meta(:'q', before => :'c', per_page => 5, count => 'none');

-- Cursors are URL-safe text, and the same row gives the same cursor.
SELECT :'c' ~ '^[A-Za-z0-9_-]+$' AS url_safe,
	(SELECT start_cursor FROM paginate_meta(:'q', after => :'c', per_page => 5))
	= (SELECT start_cursor FROM paginate_meta(:'q', 5, 5)) AS same_cursor;

-- At the ends: after the last row and before the first, empty pages.
SELECT end_cursor AS last FROM paginate_meta(:'q', 20, 5) \gset
SELECT start_cursor AS first FROM paginate_meta(:'q', 1, 5) \gset
SELECT rows, has_prev, has_next, start_cursor, end_cursor
FROM (SELECT count(*) AS rows FROM paginate(:'q', after => :'last')) r,
	paginate_meta(:'q', after => :'last');
SELECT rows, has_prev, has_next
FROM (SELECT count(*) AS rows FROM paginate(:'q', before => :'first')) r,
	paginate_meta(:'q', before => :'first');
-- One row from each end.
SELECT * FROM paginate(:'q', before => :'last', per_page => 1);
SELECT * FROM paginate(:'q', after => :'first', per_page => 1);

-- Typed rows and the JSON response take cursors too, each from its own query:
-- a cursor is bound to the query text (and params) it came from.
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', after => :'c', per_page => 2);
SELECT end_cursor AS tc FROM paginate_meta('select * from users order by id', 4, 5) \gset
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', after => :'tc', per_page => 2);
SELECT r->'items' AS items, r->'pagination'->'has_prev' AS has_prev,
	r->'pagination'->'has_next' AS has_next, r->'pagination'->'page' AS page,
	r->'pagination'->'total' AS total
FROM paginate_response(:'q', after => :'c', per_page => 3) r;

-- A walk over every page, forward with after => end_cursor and backward with
-- before => start_cursor, gives exactly the rows of the query in its order.
CREATE FUNCTION walk(q text, per_page int, backward bool DEFAULT false,
	params text[] DEFAULT NULL)
RETURNS SETOF jsonb LANGUAGE plpgsql AS $$
DECLARE
	m pagination;
	c text;
	acc jsonb[] := '{}';
	page jsonb[];
	steps int := 0;
BEGIN
	IF NOT backward THEN
		m := paginate_meta(q, 1, per_page, params => params, count => 'none');
		RETURN QUERY SELECT * FROM paginate(q, 1, per_page, params => params);
		WHILE m.has_next LOOP
			c := m.end_cursor;
			RETURN QUERY SELECT * FROM paginate(q, after => c, per_page => per_page, params => params);
			m := paginate_meta(q, after => c, per_page => per_page, params => params, count => 'none');
			steps := steps + 1;
			IF steps > 10000 THEN RAISE EXCEPTION 'walk does not end'; END IF;
		END LOOP;
		RETURN;
	END IF;
	m := paginate_meta(q, 1, per_page, params => params);
	m := paginate_meta(q, greatest(m.pages, 1), per_page, params => params);
	SELECT coalesce(array_agg(r), '{}') INTO acc
	FROM paginate(q, m.page, per_page, params => params) r;
	WHILE m.has_prev LOOP
		c := m.start_cursor;
		SELECT coalesce(array_agg(r), '{}') INTO page
		FROM paginate(q, before => c, per_page => per_page, params => params) r;
		acc := page || acc;
		m := paginate_meta(q, before => c, per_page => per_page, params => params, count => 'none');
		steps := steps + 1;
		IF steps > 10000 THEN RAISE EXCEPTION 'walk does not end'; END IF;
	END LOOP;
	RETURN QUERY SELECT * FROM unnest(acc);
END $$;

-- Compare both walks with the whole query: the same rows (as the query
-- returns them directly), in the same order (as paginate orders ties).
CREATE FUNCTION check_walks(q text, n int, params text[] DEFAULT NULL)
RETURNS TABLE (query text, per_page int, total int, forward_exact bool, backward_exact bool, same_rows bool)
LANGUAGE plpgsql AS $$
DECLARE
	whole jsonb[];
	direct jsonb[];
	fwd jsonb[];
	bwd jsonb[];
BEGIN
	SET LOCAL paginate.max_per_page = 0;
	SELECT coalesce(array_agg(r), '{}') INTO whole FROM paginate(q, 1, 1000000, params => params) r;
	EXECUTE format('SELECT coalesce(array_agg(to_jsonb(s) ORDER BY to_jsonb(s)::text), ''{}'') FROM (%s) s', q)
		INTO direct USING params[1];
	SELECT coalesce(array_agg(r), '{}') INTO fwd FROM walk(q, n, false, params) r;
	SELECT coalesce(array_agg(r), '{}') INTO bwd FROM walk(q, n, true, params) r;
	RETURN QUERY SELECT q, n, cardinality(whole), fwd = whole, bwd = whole,
		(SELECT coalesce(array_agg(x ORDER BY x::text), '{}') FROM unnest(fwd) x) = direct;
END $$;

SELECT * FROM check_walks(:'q', 7);
SELECT * FROM check_walks('select id, username from users order by username desc', 9);

-- A table full of ties and NULLs.
CREATE TABLE t (a int, b text, c int, d numeric);
SELECT setseed(0.42);
INSERT INTO t
SELECT CASE WHEN random() < 0.1 THEN NULL ELSE (random() * 5)::int END,
	(array['x', 'y', 'z', NULL])[1 + (random() * 3)::int],
	i % 7,
	CASE WHEN i % 11 = 0 THEN NULL ELSE round((random() * 3)::numeric, 1) END
FROM generate_series(1, 300) i;
-- whole rows repeated: only their place among the copies tells them apart
INSERT INTO t SELECT 1, 'x', 3, 1.5 FROM generate_series(1, 25);
INSERT INTO t SELECT NULL, NULL, NULL, NULL FROM generate_series(1, 12);
CREATE VIEW t_v AS SELECT a, b, c, d FROM t;

SELECT w.* FROM (VALUES
	('select a, b, c, d from t order by a, b, c, d'),
	('select a, b from t order by a desc nulls last, b'),
	('select b, a from t order by b nulls first, a desc'),
	('select a, d from t order by d desc nulls first, a nulls first'),
	('select b from t order by b'),
	('select a from t order by a'),
	('select c, a from t order by c using >, a using <'),
	('select a, count(*) as n from t group by a order by n desc, a'),
	('select a, b from t where a is distinct from 2 order by a, b desc'),
	('select a as x from t union all select c from t order by x'),
	('select a from t where c > $1::int order by a'),
	-- keys that are not output columns, expressions, COLLATE, a view
	('select b from t order by a, c desc'),
	('select c from t order by lower(b) nulls first, d'),
	('select a, b from t order by b collate "C" desc, a'),
	('select d from t order by coalesce(a, -1) * 2, c'),
	('select b, d from t_v order by a desc, c'),
	-- row comparisons across nullable keys whose NULLs come first
	('select a, b, c from t order by a nulls first, b nulls first, c nulls first'),
	('select a, d from t order by a desc, d desc'),
	('select a, b from t order by b collate "C" nulls first, a nulls first')
) AS q(text), (VALUES (1), (4), (50)) AS p(n),
	LATERAL check_walks(q.text, p.n, CASE WHEN q.text LIKE '%$1%' THEN array['2'] END) w
ORDER BY q.text, p.n;

-- The same walks read through an index, whose scans evaluate the row
-- comparisons themselves (a NULL in a later column of a row whose first
-- column decides).
CREATE INDEX t_nulls_first ON t (a NULLS FIRST, b NULLS FIRST, c NULLS FIRST);
CREATE INDEX t_desc ON t (a DESC, d DESC);
SET enable_seqscan = off;
SET jit = off;
SELECT w.* FROM (VALUES
	('select a, b, c from t order by a nulls first, b nulls first, c nulls first'),
	('select a, d from t order by a desc, d desc')
) AS q(text), LATERAL check_walks(q.text, 4) w;
RESET enable_seqscan;
RESET jit;
DROP INDEX t_nulls_first, t_desc;

-- Past 64 keys the statements are not built for the cursor's NULLs: the
-- rows after it are filtered, key by key, and planned for each cursor.
SELECT per_page, total, forward_exact, backward_exact, same_rows
FROM check_walks('select c from t order by a, '
	|| (SELECT string_agg(format('(d + %s) %s', i, CASE WHEN i % 2 = 0 THEN 'desc' END), ', ')
		FROM generate_series(1, 64) i), 50);

-- Expressions work as keys once they are output columns.
SELECT * FROM paginate('select lower(username) as name, id from users order by name desc, id', 1, 3);
SELECT end_cursor AS ec FROM paginate_meta('select lower(username) as name, id from users order by name desc, id', 1, 3) \gset
SELECT * FROM paginate('select lower(username) as name, id from users order by name desc, id', after => :'ec', per_page => 3);

-- A key in another collation.
SELECT * FROM check_walks('select username collate "C" as u from users order by u', 8);

-- With an index that matches the ORDER BY, a page after a cursor deep in the
-- result is an index range scan that stops after the page.
CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, body text);
INSERT INTO events
SELECT i, '2024-01-01 00:00+00'::timestamptz + (i / 3) * interval '1 minute', md5(i::text)
FROM generate_series(1, 20000) i;
CREATE INDEX ON events (created_at, id);
ANALYZE events;
SELECT end_cursor AS deep FROM paginate_meta('select * from events order by created_at, id', 900, 20) \gset
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS plan
FROM paginate_explain('select * from events order by created_at, id', after => :'deep', per_page => 20, count => 'none') line;
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS plan
FROM paginate_explain('select * from events order by created_at, id', before => :'deep', per_page => 20, count => 'none') line;
SELECT (SELECT array_agg((r->>'id')::int) FROM paginate('select * from events order by created_at, id', after => :'deep', per_page => 5) r)
	= array[18001, 18002, 18003, 18004, 18005] AS after_deep;

-- Keyset paging needs an ORDER BY, and a cursor of the same query.
SELECT * FROM paginate('select id from users', after => :'c');
SELECT * FROM paginate('select id from users order by username', after => :'c');
-- Two output columns named id have cursors (the typed form walks them), but
-- jsonb rows cannot hold both.
SELECT * FROM paginate('select u.id, v.id from users u join users v using (id) order by 1',
	after => (SELECT end_cursor FROM paginate_meta('select u.id, v.id from users u join users v using (id) order by 1', 1, 2)));
-- ... and a cursor of the same query.
SELECT * FROM paginate('select id, username from users order by id desc', after => :'c');

-- Since PostgreSQL 18 a NOT NULL constraint can be NOT VALID, NULLs left
-- in the column: a unique index on it is then no unique key (its NULLs
-- tie), and a walk by cursor still shows every row once.  (Before 18 the
-- DO block says what 18 must: the statement does not exist there.)
DO $$
DECLARE
	result text := 'every row once';
	cur text;
	got text[] := '{}';
	m pagination;
	n integer := 0;
BEGIN
	IF current_setting('server_version_num')::integer >= 180000 THEN
		CREATE TABLE not_valid_walk (k integer, v text NOT NULL);
		INSERT INTO not_valid_walk
		SELECT CASE WHEN g % 3 <> 0 THEN g END, 'v' || g FROM generate_series(1, 40) g;
		CREATE UNIQUE INDEX ON not_valid_walk (k);
		EXECUTE 'ALTER TABLE not_valid_walk ADD CONSTRAINT not_valid_walk_k NOT NULL k NOT VALID';
		LOOP
			got := got || ARRAY(SELECT p ->> 'v' FROM paginate('select * from not_valid_walk order by k',
																 after => cur, per_page => 5) p);
			m := paginate_meta('select * from not_valid_walk order by k', after => cur,
							   per_page => 5, count => 'none');
			cur := m.end_cursor;
			n := n + 1;
			EXIT WHEN NOT m.has_next OR n > 50;
		END LOOP;
		IF (SELECT array_agg(x ORDER BY x) FROM unnest(got) x)
		   IS DISTINCT FROM (SELECT array_agg(v ORDER BY v) FROM not_valid_walk) THEN
			result := format('walk differs: %s rows in %s pages', cardinality(got), n);
		END IF;
		DROP TABLE not_valid_walk;
	END IF;
	RAISE NOTICE 'NOT NULL NOT VALID unique key, keyset walk: %', result;
END
$$;

DROP SCHEMA keyset_test CASCADE;
RESET search_path;
