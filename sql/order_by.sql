-- order_by: a sort the API's client chose, in PostgREST's syntax, put on the
-- parse tree in place of the query's ORDER BY.
CREATE SCHEMA order_by_test;
SET search_path TO order_by_test, public;

-- Nullable timestamps, a low-cardinality key that ties, a unique key.
CREATE TABLE posts (
	id integer PRIMARY KEY,
	title text NOT NULL,
	created_at timestamptz,
	score integer,
	author text NOT NULL,
	"Mixed Case" integer,
	"my.col" integer,
	doc json
);
INSERT INTO posts
SELECT i, 'post ' || i,
	CASE WHEN i % 5 = 0 THEN NULL ELSE '2026-01-01'::timestamptz + (i % 7) * interval '1 day' END,
	CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 END,
	'author ' || (i % 4), 100 - i, i % 2, '{}'
FROM generate_series(1, 37) i;
CREATE INDEX ON posts (created_at DESC NULLS LAST, id);
ANALYZE posts;

\set q 'select id, title, created_at, score, author from posts order by id'

-- The sort replaces the query's ORDER BY: these are the rows of the same
-- query written with that ORDER BY (and its tiebreak, the primary key).
SELECT * FROM paginate(:'q', 1, 6, order_by => 'score.desc.nullslast,created_at');
SELECT * FROM paginate('select id, title, created_at, score, author from posts order by score desc nulls last, created_at', 1, 6);
-- An array of items, as a driver sends a list, and its array literal.
SELECT * FROM paginate(:'q', 2, 4, order_by => ARRAY['author.desc', 'id.desc']);
SELECT * FROM paginate(:'q', 2, 4, order_by => '{author.desc,id.desc}');
-- (an array off the usual bounds has a literal of its own)
SELECT * FROM paginate(:'q', 2, 4, order_by => '[2:3]={author.desc,id.desc}'::text[]);
-- Every typed form and the response take it.
SELECT id, score FROM paginate_as(NULL::posts, 'select * from posts', 1, 4, order_by => 'score.asc.nullsfirst,id.desc');
SELECT r->'items' AS items FROM paginate_response(:'q', 3, 3, order_by => 'created_at.desc,id') r;
SELECT page, total, pages, has_next, start_cursor IS NOT NULL AS cursors
FROM paginate_meta(:'q', 3, 10, order_by => 'created_at.desc,id');

-- Walks forward and backward, and offset pages, under sorts with every
-- direction and NULLS placement, over keys that tie and hold NULLs: each is
-- the whole query in its order (sorted by the same keys, then id), every
-- row once.
CREATE FUNCTION walk(sort text, per_page int, backward bool) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	q text := 'select id, title, created_at, score, author from posts';
	ids int[] := '{}';
	page int[];
	m pagination;
	c text;
BEGIN
	IF backward THEN
		-- from the last page back
		SELECT start_cursor INTO c FROM paginate_meta(q, (37 + per_page - 1) / per_page, per_page, order_by => sort);
		ids := ARRAY(SELECT (r->>'id')::int FROM paginate(q, (37 + per_page - 1) / per_page, per_page, order_by => sort) r);
		LOOP
			page := ARRAY(SELECT (r->>'id')::int FROM paginate(q, before => c, per_page => per_page, order_by => sort) r);
			SELECT * INTO m FROM paginate_meta(q, before => c, per_page => per_page, order_by => sort);
			EXIT WHEN cardinality(page) = 0;
			ids := page || ids;
			EXIT WHEN NOT m.has_prev;
			c := m.start_cursor;
		END LOOP;
	ELSE
		LOOP
			page := ARRAY(SELECT (r->>'id')::int FROM paginate(q, after => c, per_page => per_page, order_by => sort) r);
			ids := ids || page;
			SELECT * INTO m FROM paginate_meta(q, after => c, per_page => per_page, order_by => sort);
			EXIT WHEN NOT m.has_next;
			c := m.end_cursor;
		END LOOP;
	END IF;
	RETURN ids;
END
$$;
CREATE FUNCTION offsets(sort text, per_page int) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	ids int[] := '{}';
	page int[];
	n int := 1;
BEGIN
	LOOP
		page := ARRAY(SELECT (r->>'id')::int FROM paginate('select id, title, created_at, score, author from posts', n, per_page, order_by => sort) r);
		EXIT WHEN cardinality(page) = 0;
		ids := ids || page;
		n := n + 1;
	END LOOP;
	RETURN ids;
END
$$;
CREATE FUNCTION whole(sql_order text) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	ids int[];
BEGIN
	EXECUTE 'SELECT array_agg(id ORDER BY ' || sql_order || ', id) FROM posts' INTO ids;
	RETURN ids;
END
$$;
SELECT sort, per_page,
	walk(sort, per_page, false) = whole(sql_order) AS forward,
	walk(sort, per_page, true) = whole(sql_order) AS backward,
	offsets(sort, per_page) = whole(sql_order) AS offsets
FROM (VALUES
	('created_at', 'created_at'),
	('created_at.desc', 'created_at DESC'),
	('created_at.desc.nullslast', 'created_at DESC NULLS LAST'),
	('created_at.asc.nullsfirst', 'created_at NULLS FIRST'),
	('score.desc,created_at.nullsfirst', 'score DESC, created_at NULLS FIRST'),
	('author,score.nullsfirst,created_at.desc', 'author, score NULLS FIRST, created_at DESC'),
	('author.desc', 'author DESC'),
	('title.desc', 'title DESC')) AS s(sort, sql_order),
	(VALUES (1), (4), (10)) AS p(per_page)
ORDER BY 1, 2;

-- Names as PostgREST reads them: spaces around a name and its words
-- dropped, words joined by dashes, and anything in double quotes, where a
-- backslash escapes the next character.
SELECT * FROM paginate('select id, "Mixed Case", "my.col", id as "a-b", id as "q""t" from posts', 1, 3,
	order_by => ' "my.col" .desc , "Mixed Case" ');
SELECT * FROM paginate('select id, id % 3 as "a-b" from posts', 1, 3, order_by => 'a - b.desc,id');
SELECT * FROM paginate('select id, id % 3 as "q""t" from posts', 1, 3, order_by => '"q\"t".desc,"i\d"');

-- A sort of a query whose LIMIT, OFFSET or DISTINCT ON picks its rows by its
-- own ORDER BY orders those rows: the query keeps its ORDER BY in a subquery.
SELECT * FROM paginate('select id, score from posts order by id desc limit 8', 1, 5, order_by => 'score.nullsfirst,id');
SELECT * FROM paginate('select distinct on (author) author, id from posts order by author, id desc', 1, 5, order_by => 'id');
-- So is a LIMIT, OFFSET or DISTINCT ON without an ORDER BY of the query's
-- own level (the newest three, from a subquery's order, stay those three),
-- and window functions, whose values come from the order the rows are read
-- in: the sort orders the query's rows, it does not pick or number them.
SELECT * FROM paginate('select * from (select id from posts order by id desc) s limit 3', 1, 5, order_by => 'id');
SELECT * FROM paginate('select * from (select id from posts order by id desc) s offset 34', 1, 5, order_by => 'id');
SELECT count(*) FROM paginate('select distinct on (author) author, id from posts', 1, 5, order_by => 'id');
SET enable_seqscan = off;	-- (the query numbers its rows as its index reads them, backward)
SELECT * FROM paginate('select id, row_number() over () as rn from posts order by id desc', 1, 3);
SELECT * FROM paginate('select id, row_number() over () as rn from posts order by id desc', 1, 3, order_by => 'rn');
RESET enable_seqscan;
-- WITH, VALUES, set operations and params.
SELECT * FROM paginate('with t as (select id, score from posts where id > $1) select * from t order by id', 1, 3,
	params => ARRAY[30], order_by => 'id.desc');
SELECT * FROM paginate('values (1, ''b''), (2, ''a''), (3, ''c'')', 1, 2, order_by => 'column2.desc');
SELECT * FROM paginate('select id from posts where id < 3 union select id * 10 from posts where id < 3', 1, 5, order_by => 'id.desc');
-- An ORDER BY item the query does not select is replaced too.
SELECT * FROM paginate('select id from posts order by lower(title) desc', 1, 3, order_by => 'id');

-- An empty sort is no sort, as a NULL one: the query keeps its own ORDER BY
-- (PostgREST answers an empty order= with an error; an API can refuse ''
-- itself).
SELECT * FROM paginate(:'q', 1, 2, order_by => '');
SELECT * FROM paginate(:'q', 1, 2, order_by => '{}');
SELECT * FROM paginate('select id from posts where id < 3', 1, 2, order_by => ' ');

-- Cursors are bound to the sort: one made under a sort is refused without
-- it and under another; the same sort written otherwise is the same sort.
SELECT end_cursor AS c FROM paginate_meta(:'q', 1, 5, order_by => 'score,id') \gset
SELECT * FROM paginate(:'q', after => :'c', per_page => 2, order_by => 'score.asc.nullslast, "id"');
SELECT * FROM paginate(:'q', after => :'c', per_page => 2, order_by => 'score.desc,id');
SELECT * FROM paginate(:'q', after => :'c', per_page => 2);
SELECT end_cursor AS c FROM paginate_meta(:'q', 1, 5) \gset
SELECT * FROM paginate(:'q', after => :'c', per_page => 2, order_by => 'id');

-- The query cache holds a query once per sort, under its canonical text.
SELECT order_by, statement FROM paginate_cache()
WHERE query = :'q' AND order_by LIKE '"score"%' ORDER BY 1, 2;

-- An index that matches the sort serves it.
SET enable_seqscan = off;
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS line FROM paginate_explain('select id, created_at from posts', 2, 5, order_by => 'created_at.desc.nullslast,id') line
WHERE line ~ 'Index|Sort|--';
RESET enable_seqscan;

-- A sort orders the rows the caller may read, no others: the caller's
-- privileges and row-level security apply as without it.
CREATE ROLE order_by_reader;
GRANT USAGE ON SCHEMA order_by_test TO order_by_reader;
GRANT SELECT (id, title, score, author) ON posts TO order_by_reader;
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_author_1 ON posts FOR SELECT USING (author = 'author 1');
SET ROLE order_by_reader;
SELECT * FROM paginate('select id, score, author from posts', 1, 4, order_by => 'score.desc.nullslast,id.desc');
SELECT total FROM paginate_meta('select id, score, author from posts', order_by => 'score');
-- a column it may not read stays unreadable, sorted by or not
SELECT * FROM paginate('select id, created_at from posts', order_by => 'created_at');
RESET ROLE;
DROP POLICY only_author_1 ON posts;
ALTER TABLE posts DISABLE ROW LEVEL SECURITY;
REVOKE ALL ON posts FROM order_by_reader;
REVOKE ALL ON SCHEMA order_by_test FROM order_by_reader;

-- Bad sorts: 22023 naming the item, before anything runs.
\set VERBOSITY default
SELECT * FROM paginate(:'q', order_by => 'nope');
SELECT * FROM paginate(:'q', order_by => 'Title');
SELECT * FROM paginate('select p.id, q.id from posts p join posts q using (id)', order_by => 'id');
SELECT * FROM paginate(:'q', order_by => 'id,score,id.desc');
SELECT * FROM paginate(:'q', order_by => 'id.up');
SELECT * FROM paginate(:'q', order_by => 'id.asc.desc');
SELECT * FROM paginate(:'q', order_by => 'id.nullsfirst.desc');
SELECT * FROM paginate(:'q', order_by => 'id.descc');
SELECT * FROM paginate(:'q', order_by => 'id,');
SELECT * FROM paginate(:'q', order_by => ',id');
SELECT * FROM paginate(:'q', order_by => 'id.');
SELECT * FROM paginate(:'q', order_by => '"id');
SELECT * FROM paginate(:'q', order_by => 'title-');
SELECT * FROM paginate(:'q', order_by => 'doc->x');
SELECT * FROM paginate(:'q', order_by => 'author(name).desc');
SELECT * FROM paginate(:'q', order_by => ARRAY['id', NULL]);
SELECT * FROM paginate(:'q', order_by => '{id');
SELECT * FROM paginate(:'q', order_by => '{{id},{score}}');
SELECT * FROM paginate(:'q', order_by => ARRAY['id', ' ']);
SELECT * FROM paginate(:'q', order_by => repeat('id,', 1664) || 'id');
SELECT * FROM paginate('select id, doc from posts', order_by => 'doc');
SELECT * FROM paginate('select id, point(id, id) as p from posts', order_by => 'p.desc');
-- only output columns: a column the query does not select is unknown
SELECT * FROM paginate('select id from posts', order_by => 'score');

DROP SCHEMA order_by_test CASCADE;
DROP ROLE order_by_reader;
RESET search_path;
