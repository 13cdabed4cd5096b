-- Keyset keys from any ORDER BY, and ties broken by the result's own unique
-- key: the primary key (or a valid NOT NULL unique index) of the table the
-- rows come from, selected or not; the GROUP BY items; DISTINCT.  Only a
-- result with none is ordered among ties by its other columns.
CREATE SCHEMA keys_test;
SET search_path TO keys_test, public;

-- Walk every page forward (after => end_cursor) and backward (before =>
-- start_cursor) and compare both with the rows of expected, the query with
-- the order paginate gives it written out in full.
CREATE FUNCTION walked(q text, per_page int, backward bool) RETURNS jsonb[]
LANGUAGE plpgsql AS $$
DECLARE
	m pagination;
	c text;
	acc jsonb[] := '{}';
	page jsonb[];
	steps int := 0;
BEGIN
	IF NOT backward THEN
		SELECT coalesce(array_agg(r), '{}') INTO acc FROM paginate(q, 1, per_page) r;
		m := paginate_meta(q, 1, per_page, count => 'none');
		WHILE m.has_next LOOP
			c := m.end_cursor;
			SELECT coalesce(array_agg(r), '{}') INTO page FROM paginate(q, after => c, per_page => per_page) r;
			acc := acc || page;
			m := paginate_meta(q, after => c, per_page => per_page, count => 'none');
			steps := steps + 1;
			IF steps > 1000 THEN RAISE EXCEPTION 'walk does not end'; END IF;
		END LOOP;
		RETURN acc;
	END IF;
	m := paginate_meta(q, 1, per_page);
	m := paginate_meta(q, greatest(m.pages, 1), per_page);
	SELECT coalesce(array_agg(r), '{}') INTO acc FROM paginate(q, m.page, per_page) r;
	WHILE m.has_prev LOOP
		c := m.start_cursor;
		SELECT coalesce(array_agg(r), '{}') INTO page FROM paginate(q, before => c, per_page => per_page) r;
		acc := page || acc;
		m := paginate_meta(q, before => c, per_page => per_page, count => 'none');
		steps := steps + 1;
		IF steps > 1000 THEN RAISE EXCEPTION 'walk does not end'; END IF;
	END LOOP;
	RETURN acc;
END $$;
CREATE FUNCTION walks(q text, expected text, per_page int)
RETURNS TABLE (rows int, forward bool, backward bool) LANGUAGE plpgsql AS $$
DECLARE
	whole jsonb[];
BEGIN
	EXECUTE format('SELECT coalesce(array_agg(to_jsonb(s)), ''{}'') FROM (%s) s', expected) INTO whole;
	RETURN QUERY SELECT cardinality(whole), walked(q, per_page, false) = whole,
		walked(q, per_page, true) = whole;
END $$;

-- A like counter on posts already shown: ten posts of one category, five a
-- page, ordered by the category alone.  Ties are ordered by the primary key,
-- so an UPDATE of any other column moves no row.
CREATE TABLE posts (id int PRIMARY KEY, category text NOT NULL, likes int NOT NULL DEFAULT 0);
INSERT INTO posts SELECT g, 'news', 0 FROM generate_series(1, 10) g;
\set q 'select id, likes from posts order by category'
SELECT * FROM paginate(:'q', 1, 5);
SELECT end_cursor AS c FROM paginate_meta(:'q', 1, 5) \gset
UPDATE posts SET likes = likes + 1 WHERE id = 7;
UPDATE posts SET likes = likes + 1 WHERE id = 5;	-- the cursor's own row
SELECT * FROM paginate(:'q', after => :'c', per_page => 5);
SELECT end_cursor AS c2 FROM paginate_meta(:'q', after => :'c', per_page => 5) \gset
UPDATE posts SET likes = likes + 1 WHERE id IN (2, 9);
SELECT * FROM paginate(:'q', before => :'c2', per_page => 5);
-- the primary key need not be selected: it is a hidden key
SELECT end_cursor AS hc FROM paginate_meta('select likes from posts order by category', 1, 5) \gset
UPDATE posts SET likes = 0;
SELECT * FROM paginate('select likes from posts order by category', after => :'hc', per_page => 3);
SELECT * FROM walks('select likes from posts order by category',
	'select likes from posts order by category, id', 3);

-- Values that compare unequal but hash alike (numeric 5 and -5, bigint 0 and
-- 4294967297), that compare equal but differ (1.0 and 1.00, NaN), in tied
-- rows: the primary key orders them.
CREATE TABLE alike (id int PRIMARY KEY, grp int, n numeric, b bigint, j jsonb, i interval);
INSERT INTO alike VALUES
	(1, 1, 5, 0, '1', '1 day'), (2, 1, -5, 4294967297, '1.0', '24 hours'),
	(3, 1, 1.0, 0, '1', '1 day'), (4, 1, 1.00, 4294967297, '1.00', '24 hours'),
	(5, 1, 'NaN', 0, '[1]', '1 mon'), (6, 1, 'Infinity', 0, '[1.0]', '30 days'),
	(7, 1, '-Infinity', 4294967297, '{"a": 1}', '720 hours'), (8, 2, 5, 0, '1', '1 day');
SELECT q.query, p.n AS per_page, w.* FROM (VALUES
	('select n, b from alike order by grp', 'select n, b from alike order by grp, id'),
	('select j, i from alike order by grp desc', 'select j, i from alike order by grp desc, id'),
	('select n from alike order by n', 'select n from alike order by n, id'),
	('select j from alike order by j desc', 'select j from alike order by j desc, id'),
	('select i from alike order by i', 'select i from alike order by i, id')
) AS q(query, expected), (VALUES (1), (2), (3)) AS p(n),
	LATERAL walks(q.query, q.expected, p.n) w
ORDER BY q.query, p.n;

-- Nothing depends on session settings: a walk continued under another
-- TimeZone and DateStyle goes on exactly.
CREATE TABLE stamps (id int PRIMARY KEY, at timestamptz);
INSERT INTO stamps SELECT g, '2024-03-10 12:00+00'::timestamptz + (g % 3) * interval '1 hour' FROM generate_series(1, 9) g;
SET TimeZone = 'UTC';
SELECT end_cursor AS tc FROM paginate_meta('select id from stamps order by at', 1, 4) \gset
SET TimeZone = 'America/New_York';
SET DateStyle = 'SQL, DMY';
SELECT * FROM paginate('select id from stamps order by at', after => :'tc', per_page => 10);
RESET TimeZone;
RESET DateStyle;

-- A unique index that is not proof: left INVALID by a failed CREATE UNIQUE
-- INDEX CONCURRENTLY, or unique under another equality (record_image_ops:
-- (1.0) and (1.00) are distinct images but equal records).  Ties are then
-- broken otherwise, and no row is skipped.
CREATE TABLE dup (k int NOT NULL, v text NOT NULL);
INSERT INTO dup VALUES (1, 'a'), (1, 'b'), (2, 'c'), (2, 'd'), (3, 'e');
CREATE UNIQUE INDEX CONCURRENTLY dup_k ON dup (k);
SELECT indisvalid FROM pg_index WHERE indexrelid = 'dup_k'::regclass;
SELECT * FROM walks('select k, v from dup order by k', 'select k, v from dup order by k, v', 1);
SELECT * FROM walks('select v from dup order by k desc', 'select v from dup order by k desc, v', 2);
CREATE TYPE num_box AS (n numeric);
CREATE TABLE boxes (b num_box NOT NULL, label text);
CREATE UNIQUE INDEX ON boxes (b record_image_ops);
INSERT INTO boxes VALUES (ROW(1.0), 'x'), (ROW(1.00), 'y'), (ROW(1.000), 'z'), (ROW(2), 'w');
SELECT * FROM walks('select label from boxes order by b',
	'select label from boxes order by b, b using *<', 1);

-- Keys that are not output columns travel as hidden columns: a column not
-- selected (nullable), an expression, COLLATE, a USING operator, through a
-- view, a join, an outer join, a subquery in FROM; positional and alias
-- references; GROUP BY, DISTINCT ON, UNION and VALUES.
CREATE TABLE events (id int PRIMARY KEY, created_at timestamptz, title text NOT NULL, status int NOT NULL);
INSERT INTO events
SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE '2024-01-01'::timestamptz + (g % 5) * interval '1 day' END,
	chr(65 + g % 4) || chr(97 + g % 3), g % 3
FROM generate_series(1, 40) g;
CREATE TABLE statuses (code int PRIMARY KEY, label text);
INSERT INTO statuses VALUES (0, 'draft'), (1, 'live');
CREATE VIEW events_v AS SELECT id, created_at, title FROM events;
CREATE VIEW events_anon AS SELECT created_at, title FROM events;
SELECT q.query, p.n AS per_page, w.* FROM (VALUES
	('select title from events order by created_at',
	 'select title from events order by created_at, id'),
	('select title from events order by created_at desc nulls first',
	 'select title from events order by created_at desc nulls first, id'),
	('select id from events order by lower(title), status desc',
	 'select id from events order by lower(title), status desc, id'),
	('select title from events order by title collate "C" desc',
	 'select title from events order by title collate "C" desc, id'),
	('select title as t from events order by t using ~>~',
	 'select title as t from events order by t using ~>~, id'),
	('select title, status from events order by 2, 1',
	 'select title, status from events order by 2, 1, id'),
	('select title from events_v order by created_at',
	 'select title from events_v order by created_at, id'),
	('select title from events_anon order by created_at nulls first',
	 'select title from events_anon order by created_at nulls first, title'),
	('select e.title, f.title as t2 from events e join events f on f.status = e.status and f.id < 6 order by e.created_at',
	 'select e.title, f.title as t2 from events e join events f on f.status = e.status and f.id < 6 order by e.created_at, e.id, f.id'),
	('select e.id, s.label from events e left join statuses s on s.code = e.status order by s.label nulls first',
	 'select e.id, s.label from events e left join statuses s on s.code = e.status order by s.label nulls first, e.id, s.code'),
	('select x.title from (select id, title, created_at from events where status > 0) x order by x.created_at',
	 'select x.title from (select id, title, created_at from events where status > 0) x order by x.created_at, x.id'),
	('select count(*) as n from events group by status order by n',
	 'select count(*) as n from events group by status order by n, status'),
	('select distinct on (status) status, title from events order by status, id desc',
	 'select distinct on (status) status, title from events order by status, id desc'),
	('select title from events union select lower(title) from events order by 1',
	 'select title from events union select lower(title) from events order by 1'),
	('select status from events union all select 1 order by 1',
	 'select status from events union all select 1 order by 1'),
	('values (2, ''b''), (1, ''c''), (1, ''a''), (1, ''a'') order by 1',
	 'values (2, ''b''), (1, ''c''), (1, ''a''), (1, ''a'') order by 1, 2')
) AS q(query, expected), (VALUES (1), (3), (8)) AS p(n),
	LATERAL walks(q.query, q.expected, p.n) w
ORDER BY q.query, p.n;

-- The row forms return no metadata: after a cursor they run the page alone,
-- not the query's first row for has_prev, which paginate_response runs.
SELECT end_cursor AS rows_only_cursor
FROM paginate_meta('select title, id from events order by id', 1, 3) \gset
SELECT count(*) FROM paginate('select title, id from events order by id', after => :'rows_only_cursor', per_page => 3);
SELECT end_cursor AS rows_only_typed
FROM paginate_meta('select * from events order by id', 1, 3) \gset
SELECT count(*) FROM paginate_as(NULL::events, 'select * from events order by id', after => :'rows_only_typed', per_page => 3);
SELECT query, statement FROM paginate_cache()
WHERE query IN ('select title, id from events order by id', 'select * from events order by id') ORDER BY 1, 2;
SELECT paginate_response('select title, id from events order by id', after => :'rows_only_cursor', per_page => 3)
	-> 'pagination' -> 'has_prev' AS has_prev;
SELECT query, statement FROM paginate_cache()
WHERE query = 'select title, id from events order by id' ORDER BY 1, 2;

-- The hidden keys never appear in the rows: jsonb, typed or in a response.
SELECT * FROM paginate('select title from events order by created_at, title', 1, 3);
SELECT * FROM paginate_as(NULL::statuses, 'select * from statuses order by lower(label) desc', 1, 3);
SELECT jsonb_path_query_array(paginate_response('select title from events order by status', 1, 2),
	'$.items[*].keyvalue().key') AS item_keys;
-- (the conditions on the cursor's created_at, $3, whatever plan each
-- PostgreSQL version makes of them)
SELECT CASE WHEN line LIKE '--%' THEN line ELSE regexp_replace(line, '^ *[A-Za-z -]+: ', '') END AS line
FROM paginate_explain('select title from events order by created_at', per_page => 2, count => 'none',
	after => (SELECT end_cursor FROM paginate_meta('select title from events order by created_at', 1, 2))) WITH ORDINALITY AS e(line, n)
WHERE line LIKE '--%' OR line LIKE '%$3%' ORDER BY n;
-- A statement is built for which of the cursor's keys are NULL: after a
-- NULL created_at (NULLs last) only the NULLs with a later id, before one
-- the NULLs with an earlier id and then every value; NULLS FIRST, after a
-- NULL, the later NULLs and then every value.  Each a plain Index Cond.
CREATE INDEX events_created_at ON events (created_at, id);
CREATE INDEX events_created_at_nulls_first ON events (created_at NULLS FIRST, id);
SET enable_seqscan = off;
SET jit = off;
SELECT q, after, regexp_replace(line, '(using \w+).*$', '\1') AS line
FROM (VALUES ('select title from events order by created_at', true),
	('select title from events order by created_at', false),
	('select title from events order by created_at nulls first', true)) AS v(q, after),
	LATERAL (SELECT CASE WHEN after THEN end_cursor ELSE start_cursor END AS c
			 FROM paginate_meta(q, CASE WHEN q LIKE '%first' THEN 1 ELSE 19 END, 2)) m,
	LATERAL paginate_explain(q, per_page => 2, count => 'none',
		after => CASE WHEN after THEN m.c END, before => CASE WHEN NOT after THEN m.c END)
		WITH ORDINALITY AS e(line, n)
WHERE line LIKE '-- page%' OR line LIKE '%Index%' ORDER BY q, after, n;
RESET enable_seqscan;
RESET jit;
DROP INDEX events_created_at, events_created_at_nulls_first;

-- paginate_explain shows what the page runs, with the limit and offset it
-- runs with: rows equal in every key (no unique key) read the row before an
-- offset page, skip the cursor's copies after a cursor, and count them
-- before one.
CREATE TABLE copies (a int, b text);
INSERT INTO copies SELECT g % 3, 'x' FROM generate_series(1, 12) g;
SELECT * FROM paginate_explain('select a, b from copies order by a', 2, 3, count => 'none')
WHERE paginate_explain LIKE '--%';
SELECT * FROM paginate_explain('select a, b from copies order by a', per_page => 3, count => 'none',
	after => (SELECT end_cursor FROM paginate_meta('select a, b from copies order by a', 1, 3)))
WHERE paginate_explain LIKE '--%';
SELECT * FROM paginate_explain('select a, b from copies order by a', per_page => 3, count => 'none',
	before => (SELECT start_cursor FROM paginate_meta('select a, b from copies order by a', 3, 3)))
WHERE paginate_explain LIKE '--%';
SELECT * FROM walks('select a, b from copies order by a', 'select a, b from copies order by a, b', 2);

-- Keys read through a view or a subquery are NOT NULL when their table's
-- columns are: a page after a cursor is then a range with no NULL branch,
-- as on the table itself.
SELECT q AS query, (SELECT count(*) FROM paginate_explain(q, per_page => 2, count => 'none',
		after => (SELECT end_cursor FROM paginate_meta(q, 1, 2))) line
	WHERE line LIKE '%IS NULL%' OR line LIKE '%IS NOT NULL%') AS null_branches
FROM (VALUES ('select id, title from events order by title'),
	('select id, title from events_v order by title'),
	('select * from (select id, title from events_v) s order by title'),
	('select id, created_at from events_v order by created_at')) AS t(q);

-- Without a unique key, rows equal under the keys' equality but shown
-- differently (numeric 1.0 and 1.00, jsonb, json with no equality at all)
-- are told apart by their bytes: a walk shows each row once, as it is,
-- whatever plan reads the ties (here an index scan, whose order among equal
-- keys is not the sort's).  Compared as text: jsonb's = takes 1.0 for 1.00.
CREATE FUNCTION whole_text(q text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
	result text[];
BEGIN
	EXECUTE format('SELECT array_agg(to_jsonb(s)::text) FROM (%s) s', q) INTO result;
	RETURN result;
END $$;
CREATE TABLE scaled (n numeric, note text, j json);
INSERT INTO scaled SELECT (ARRAY[1.0, 1.00, 1.000, 2.0])[1 + (g * 7919) % 4], 'x',
	format('{"g": %s}', g % 3)::json FROM generate_series(1, 60) g;
CREATE INDEX scaled_n ON scaled (n);
ANALYZE scaled;
SET enable_seqscan = off;
SET jit = off;	-- the disabled scans' costs would have every call compiled
SELECT q.query, p.n AS per_page,
	(SELECT array_agg(x::text) FROM unnest(walked(q.query, p.n, false)) x) = whole.rows AS forward,
	(SELECT array_agg(x::text) FROM unnest(walked(q.query, p.n, true)) x) = whole.rows AS backward
FROM (VALUES
	('select n, note from scaled order by n', 'select n, note from scaled order by n, note, numeric_send(n)'),
	('select * from scaled order by n desc', 'select * from scaled order by n desc, note, numeric_send(n), json_send(j)'),
	('select j from scaled order by 1::int', 'select j from scaled order by json_send(j)')
	) AS q(query, expected),
	(VALUES (1), (7), (25)) AS p(n),
	LATERAL (SELECT whole_text(q.expected) AS rows) whole;
RESET enable_seqscan;
RESET jit;

-- A cursor is bound to the keys' types: after a key column changes type,
-- an old cursor is refused, never read as the new type.
CREATE TABLE retyped (id int PRIMARY KEY, k int NOT NULL);
INSERT INTO retyped SELECT g, g % 4 FROM generate_series(1, 12) g;
SELECT end_cursor AS rc FROM paginate_meta('select id from retyped order by k', 1, 5) \gset
ALTER TABLE retyped ALTER COLUMN k TYPE bigint;
SELECT * FROM paginate('select id from retyped order by k', after => :'rc');
SELECT count(*) FROM paginate('select id from retyped order by k',
	after => (SELECT end_cursor FROM paginate_meta('select id from retyped order by k', 1, 5)));

-- Output columns that share a name (a join's two ids): jsonb rows refuse
-- them, typed rows walk by them.  The statements name a key's column, so a
-- key whose name is not its own is renamed inside them.
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors);
INSERT INTO authors SELECT g, 'a' || g % 3 FROM generate_series(1, 4) g;
INSERT INTO books SELECT g, 1 + g % 4 FROM generate_series(1, 11) g;
CREATE TYPE two_ids AS (a int, b int);
CREATE FUNCTION typed_walk(q text, per_page int, backward bool) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
	m pagination;
	acc text[];
	page text[];
BEGIN
	IF NOT backward THEN
		SELECT coalesce(array_agg(r::text), '{}') INTO acc FROM paginate_as(NULL::two_ids, q, 1, per_page) r;
		m := paginate_meta(q, 1, per_page);
		WHILE m.has_next LOOP
			SELECT coalesce(array_agg(r::text), '{}') INTO page
			FROM paginate_as(NULL::two_ids, q, after => m.end_cursor, per_page => per_page) r;
			acc := acc || page;
			m := paginate_meta(q, after => m.end_cursor, per_page => per_page, count => 'none');
		END LOOP;
		RETURN acc;
	END IF;
	m := paginate_meta(q, 1, per_page);
	m := paginate_meta(q, m.pages, per_page);
	SELECT coalesce(array_agg(r::text), '{}') INTO acc FROM paginate_as(NULL::two_ids, q, m.page, per_page) r;
	WHILE m.has_prev LOOP
		SELECT coalesce(array_agg(r::text), '{}') INTO page
		FROM paginate_as(NULL::two_ids, q, before => m.start_cursor, per_page => per_page) r;
		acc := page || acc;
		m := paginate_meta(q, before => m.start_cursor, per_page => per_page, count => 'none');
	END LOOP;
	RETURN acc;
END $$;
SELECT q.query, p.n AS per_page,
	typed_walk(q.query, p.n, false) = whole.rows AS forward,
	typed_walk(q.query, p.n, true) = whole.rows AS backward
FROM (VALUES
	('select a.id, b.id from authors a join books b on b.author_id = a.id order by 1',
	 'select a.id, b.id from authors a join books b on b.author_id = a.id order by 1, 2'),
	('select a.id, b.id from authors a join books b on b.author_id = a.id order by 2 desc',
	 'select a.id, b.id from authors a join books b on b.author_id = a.id order by 2 desc'),
	('select b.id, a.id from authors a join books b on b.author_id = a.id order by 2 desc, 1',
	 'select b.id, a.id from authors a join books b on b.author_id = a.id order by 2 desc, 1'),
	('select * from (select a.id, b.id from authors a join books b on b.author_id = a.id) s(id, id) order by 1',
	 'select a.id, b.id from authors a join books b on b.author_id = a.id order by 1, 2'),
	('select count(*)::int, count(*)::int from books group by author_id order by 1, author_id',
	 'select count(*)::int, count(*)::int from books group by author_id order by 1, author_id')
	) AS q(query, expected),
	(VALUES (1), (2), (5)) AS p(n),
	LATERAL (SELECT array_agg(r::text) AS rows FROM paginate_as(NULL::two_ids, q.expected, 1, 100) r) whole;
SELECT * FROM paginate_as(NULL::two_ids,
	'select a.id, b.id from authors a join books b on b.author_id = a.id order by 1', per_page => 3,
	after => (SELECT end_cursor FROM paginate_meta('select a.id, b.id from authors a join books b on b.author_id = a.id order by 1', 1, 3)));
SELECT * FROM paginate('select a.id, b.id from authors a join books b on b.author_id = a.id order by 1', 1, 3);
-- a renamed key's column is named as the query names it in errors
SELECT * FROM paginate_as(NULL::two_ids, 'select count(*), count(*) from books group by author_id order by 1, author_id', 1, 2);

DROP SCHEMA keys_test CASCADE;
RESET search_path;
