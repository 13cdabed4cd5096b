-- Late row lookup (2.0): an offset page deep in a query that reads one table
-- is read as the keys of its rows first (the offset skips over them alone,
-- an index-only scan where the table is all-visible), then its rows by the
-- table's unique key, on the same snapshot.  Its rows are the plain
-- OFFSET's, row for row: generated comparisons over many offsets and
-- shapes.  It serves from offset 1000, or 20000 where the table's rows lie
-- in the order of the first key (ANALYZE's correlation); paginate_cache()
-- shows which statement a query ran.
CREATE SCHEMA lookup_test;
SET search_path TO lookup_test, public;

-- 3000 posts in no order of any key (so ANALYZE finds no correlation),
-- scores that tie, NULL timestamps, titles that differ only in case.
CREATE TABLE posts (
	id integer PRIMARY KEY,
	author text NOT NULL,
	score integer NOT NULL,
	created_at timestamptz,
	title text NOT NULL,
	"Odd Name" text
);
INSERT INTO posts
SELECT g, 'author' || g % 7, (g * 7919) % 101,
	   CASE WHEN g % 13 <> 0 THEN timestamptz '2026-01-01' + (g % 500) * interval '1 hour' END,
	   CASE WHEN g % 2 = 0 THEN 'Post ' ELSE 'post ' END || g % 1000,
	   'n' || g % 17
FROM generate_series(1, 3000) g
ORDER BY md5(g::text);
CREATE INDEX ON posts (score, id);
CREATE INDEX ON posts (created_at, id);
VACUUM ANALYZE posts;

-- The offsets of pages (of per_page rows) where paginate's rows differ from
-- the query's own OFFSET (or reference's, the query with paginate's
-- tiebreak, id, written out), and which page statements paginate_cache()
-- shows for the query: "page" (plain), "page (late lookup)".
CREATE FUNCTION misses(q text, pages integer[], per_page integer DEFAULT 10,
					   params paginate_param[] DEFAULT NULL, reference text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	p integer;
	got jsonb[];
	want jsonb[];
	missed integer[] := '{}';
	plain text := coalesce(reference, q);
BEGIN
	FOR i IN 1 .. coalesce(cardinality(params), 0) LOOP
		plain := replace(plain, '$' || i, quote_literal(params[i]::text));
	END LOOP;
	FOREACH p IN ARRAY pages LOOP
		SELECT array_agg(r) INTO got FROM paginate(q, p, per_page, params => params) r;
		EXECUTE format('SELECT array_agg(to_jsonb(s)) FROM (%s LIMIT %s OFFSET %s) s',
					   plain, per_page, (p - 1) * per_page) INTO want;
		IF got IS DISTINCT FROM want THEN
			missed := missed || (p - 1) * per_page;
		END IF;
	END LOOP;
	RETURN format('%s, %s', missed,
				  (SELECT string_agg(statement, ', ' ORDER BY statement) FROM paginate_cache() c
				   WHERE c.query = q AND c.statement LIKE 'page%'));
END
$$;

-- Pages from offset 990 (the plain page) to past the end, in many shapes:
-- DESC and NULLS FIRST keys, keys not selected (hidden), an expression, a
-- COLLATE, a quoted name, column aliases, a WHERE, a sublink in the select
-- list, the primary key as the only key.
SELECT q AS query, misses(q, array[100, 101, 102, 150, 151, 233, 299, 300, 301, 302],
						  reference => r) AS "missed offsets, statements"
FROM (VALUES
	('select * from posts order by score, id', NULL),
	('select * from posts order by id desc', NULL),
	('select id, title from posts order by score desc, created_at nulls first',
	 'select id, title from posts order by score desc, created_at nulls first, id'),
	('select title from posts order by created_at desc nulls last',
	 'select title from posts order by created_at desc nulls last, id'),
	('select title, score from posts p order by lower(p.title), p.score desc',
	 'select title, score from posts p order by lower(p.title), p.score desc, p.id'),
	('select "Odd Name", id from posts as x order by "Odd Name" collate "C" desc, x.id', NULL),
	('select a, c from posts as t(a, b, c) order by c, a desc', NULL),
	('select * from posts where score % 3 = 0 order by created_at, id', NULL),
	('select id, (select count(*) from posts q where q.score = posts.score) as same_score from posts order by score, id', NULL),
	('select author, title from posts order by 1, 2, id', NULL)
) v(q, r);

-- With parameters, and a page size that is not a divisor.
SELECT misses('select id, score from posts where author <> $1 and score < $2 order by score desc, id',
			  array[1, 50, 51, 52, 70, 71, 72, 73], 23, array['author3', '60']) AS "missed offsets, statements";

-- The typed form and paginate_response read it too; the page's cursors walk
-- on from it, exact.
SELECT (SELECT array_agg(p.id) FROM paginate_as(NULL::posts, 'select * from posts order by score, id', 151, 10) p)
	 = (SELECT array_agg(id) FROM (SELECT id FROM posts ORDER BY score, id LIMIT 10 OFFSET 1500) s) AS typed_same;
SELECT r -> 'pagination' ->> 'has_prev' AS has_prev, r -> 'pagination' ->> 'has_next' AS has_next,
	   (SELECT array_agg((x ->> 'id')::int) FROM paginate('select * from posts order by score, id',
			after => r -> 'pagination' ->> 'end_cursor', per_page => 10) x)
	 = (SELECT array_agg(id) FROM (SELECT id FROM posts ORDER BY score, id LIMIT 10 OFFSET 1510) s) AS after_end_cursor,
	   (SELECT array_agg((x ->> 'id')::int) FROM paginate('select * from posts order by score, id',
			before => r -> 'pagination' ->> 'start_cursor', per_page => 10) x)
	 = (SELECT array_agg(id) FROM (SELECT id FROM posts ORDER BY score, id LIMIT 10 OFFSET 1490) s) AS before_start_cursor
FROM paginate_response('select * from posts order by score, id', 151, 10) r;
SELECT statement FROM paginate_cache() WHERE query = 'select * from posts order by score, id' ORDER BY 1;

-- paginate_explain shows it: the keys by an index-only scan, the rows by the
-- primary key (seq scans off: on 3000 rows the planner may sort instead;
-- and custom plans, which see that setting: the generic plan the calls
-- above settled on was made before it).
SET enable_seqscan = off;
SET plan_cache_mode = force_custom_plan;
SELECT e FROM paginate_explain('select * from posts order by score, id', 151, 10, count => 'none') e
WHERE e LIKE '--%';
SELECT bool_or(e ~ 'Index Only Scan using posts_score_id_idx') AS keys_by_index_only_scan,
	   bool_or(e ~ 'Index Scan using posts_pkey') AS rows_by_primary_key
FROM paginate_explain('select * from posts order by score, id', 151, 10, count => 'none') e;
RESET enable_seqscan;
RESET plan_cache_mode;

-- Row-level security applies to both readings: a role sees its own rows.
CREATE ROLE lookup_reader;
GRANT USAGE ON SCHEMA lookup_test TO lookup_reader;
GRANT SELECT ON posts TO lookup_reader;
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY lookup_own ON posts USING (author <> 'author0' OR current_user <> 'lookup_reader');
SET ROLE lookup_reader;
SELECT misses('select id, author from posts order by created_at, id', array[100, 101, 200, 256, 257, 258]) AS "missed offsets, statements";
RESET ROLE;
ALTER TABLE posts DISABLE ROW LEVEL SECURITY;
-- ... and a policy that calls a volatile function (it could see a revoke
-- committed between the two readings) keeps the plain page.
CREATE FUNCTION allowed(id integer) RETURNS boolean LANGUAGE sql VOLATILE AS 'SELECT id % 10 <> 0';
CREATE TABLE guarded (id integer PRIMARY KEY, v text NOT NULL);
INSERT INTO guarded SELECT g, 'v' || g FROM generate_series(1, 3000) g ORDER BY md5(g::text);
ANALYZE guarded;
GRANT SELECT ON guarded TO lookup_reader;
ALTER TABLE guarded ENABLE ROW LEVEL SECURITY;
CREATE POLICY guarded_allowed ON guarded USING (allowed(id));
SET ROLE lookup_reader;
SELECT misses('select * from guarded order by id', array[100, 101, 200, 270, 271]) AS "missed offsets, statements";
RESET ROLE;

-- A table whose rows lie in key order (ANALYZE: correlation 1): the plain
-- page up to offset 20000, late lookup from there.
CREATE TABLE logs (id integer PRIMARY KEY, at timestamptz NOT NULL, line text NOT NULL);
INSERT INTO logs SELECT g, timestamptz '2026-01-01' + g * interval '1 minute', 'line ' || g
FROM generate_series(1, 20100) g;
VACUUM ANALYZE logs;
SELECT misses('select * from logs order by id', array[101, 1001, 1999]) AS "missed offsets, statements";
SELECT misses('select * from logs order by id', array[2001, 2002, 2010, 2011]) AS "missed offsets, statements";

-- Not read so, and still exact: what the plain page reads is not one row of
-- the table per row, or not the same twice (volatile), or cannot be looked
-- up by a unique key.
CREATE VIEW posts_view AS SELECT * FROM posts;
CREATE VIEW random_posts AS SELECT id FROM posts WHERE random() >= 0;
CREATE TABLE tags (post_id integer, tag text);
INSERT INTO tags SELECT g, 't' || g % 3 FROM generate_series(1, 3000) g;
CREATE TABLE copies (n integer NOT NULL);
INSERT INTO copies SELECT g % 1500 FROM generate_series(1, 3000) g;
CREATE TABLE nullable_key (k integer, v text);
CREATE UNIQUE INDEX ON nullable_key (k) NULLS NOT DISTINCT;
INSERT INTO nullable_key SELECT CASE WHEN g = 1 THEN NULL ELSE g END, 'v' || g FROM generate_series(1, 3000) g;
CREATE TABLE parted (id integer, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE parted_eu PARTITION OF parted FOR VALUES IN ('eu');
CREATE TABLE parted_us PARTITION OF parted FOR VALUES IN ('us');
INSERT INTO parted SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END FROM generate_series(1, 3000) g ORDER BY md5(g::text);
CREATE MATERIALIZED VIEW top_posts AS SELECT id, score FROM posts WHERE score > 10;
CREATE UNIQUE INDEX ON top_posts (id);
ANALYZE tags, copies, nullable_key, parted, top_posts;
SELECT q AS query, misses(q, array[101, 150, 151]) AS "missed offsets, statements"
FROM unnest(array[
	'select * from posts_view order by score, id',
	'select p.id, t.tag from posts p join tags t on t.post_id = p.id order by p.id',
	'select score, count(*) from posts group by score order by score',
	'select distinct title from posts order by title',
	'select id, row_number() over (order by score) from posts order by id',
	'select * from posts where random() >= 0 order by id',
	'select * from (select * from posts order by id limit 2000) s order by id',
	'with w as (select * from posts) select * from w order by id',
	'select * from posts tablesample system (100) repeatable (1) order by id',
	'select * from posts paginate_page order by id',
	'select n from copies order by n',
	'select * from nullable_key order by k nulls first',
	'select id from posts union select id from posts order by id',
	-- (a sublink that samples, or picks rows by LIMIT or DISTINCT ON, or
	-- reads a view that is volatile: two readings could differ)
	'select * from posts where id in (select id from posts tablesample system (100)) order by id',
	'select * from posts where author in (select author from posts order by score limit 500) order by id',
	'select * from posts where id in (select distinct on (score) id from posts order by score, id desc) or score > 5 order by id',
	'select * from posts where id in (select id from random_posts) order by id',
	-- (a materialized view's columns are never NOT NULL: its unique index
	-- does not make a key)
	'select * from top_posts order by score, id',
	-- (the partitions hold one region each: its correlation is 1)
	'select * from parted order by region desc, id'
]) q;
-- ... while a partitioned table is, by an order its rows do not follow.
SELECT misses('select * from parted order by id, region', array[101, 150, 151]) AS "missed offsets, statements";

-- Since PostgreSQL 18 a NOT NULL constraint can be NOT VALID, with NULLs
-- left in the column: looked up by equality, those rows would be lost, so
-- such a key keeps the plain page.  (Before 18 the DO block says what 18
-- must: the statement does not exist there.)
DO $$
DECLARE
	result text := '{}, page';
BEGIN
	IF current_setting('server_version_num')::integer >= 180000 THEN
		CREATE TABLE not_valid (k integer, v text NOT NULL);
		INSERT INTO not_valid
		SELECT CASE WHEN g % 7 <> 0 THEN g END, 'v' || g FROM generate_series(1, 3000) g
		ORDER BY md5(g::text);
		CREATE UNIQUE INDEX ON not_valid (k);
		EXECUTE 'ALTER TABLE not_valid ADD CONSTRAINT not_valid_k NOT NULL k NOT VALID';
		ANALYZE not_valid;
		result := misses('select * from not_valid order by v, k', array[100, 101, 150, 151, 250]);
		DROP TABLE not_valid;
	END IF;
	RAISE NOTICE 'NOT NULL NOT VALID key: %', result;
END
$$;

DROP SCHEMA lookup_test CASCADE;
DROP ROLE lookup_reader;
RESET search_path;
