-- Rows as JSON straight from their columns: paginate's and paginate_response's
-- jsonb objects are to_jsonb of the row, and paginate_response_json's items
-- are row_to_json of it, for every kind of column.
CREATE SCHEMA json_test;
SET search_path TO json_test, public;

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE pair AS (a int, b text);
CREATE DOMAIN small AS int CHECK (VALUE < 100);
CREATE DOMAIN stamp AS timestamptz;
CREATE DOMAIN pairs AS pair[];
-- a type of its own with a cast to json: to_json(b) takes the cast
CREATE TYPE tagged AS ENUM ('x', 'y');
CREATE FUNCTION tagged_json(tagged) RETURNS json
	LANGUAGE sql IMMUTABLE AS $$SELECT json_build_object('tag', $1::text)$$;
CREATE CAST (tagged AS json) WITH FUNCTION tagged_json(tagged);

CREATE TABLE kinds (
	id int PRIMARY KEY,
	b boolean, i2 smallint, i4 int, i8 bigint, f4 real, f8 double precision,
	n numeric, n2 numeric(10, 2), d date, ts timestamp, tz timestamptz,
	t text, v varchar(8), c char(4), nm name, u uuid, by bytea, iv interval,
	tm time, j json, jb jsonb, a int[], a2 text[], p pair, ap pairs, s small,
	st stamp, m mood, tg tagged, r int4range, ip inet, pt point, o oid,
	"we""ird\key" int, "ключ" text);

INSERT INTO kinds VALUES
	(1, true, 1, 2, 3, 1.5, 2.25, 1.50, 3.1, '2024-02-29', '2024-02-29 12:34:56.789',
	 '2024-02-29 12:34:56+00', 'plain', 'short', 'ab', 'name', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
	 '\xdeadbeef', '1 day 2 hours', '13:14:15', '{"z": 1,  "a" : [1, 2]}', '{"z": 1, "a": [1, 2]}',
	 '{1,2,3}', '{{a,b},{c,d}}', '(1,"x y")', ARRAY['(2,q)']::pair[], 42, '2020-01-01 00:00:00+00',
	 'happy', 'x', '[1,5)', '10.0.0.1/8', '(1.5,2)', 26, 7, 'значение'),
	(2, false, -32768, -2147483648, -9223372036854775808, 'NaN', 'Infinity', 'NaN', -0.5,
	 'infinity', '-infinity', 'infinity', E'quote " backslash \\ tab \t newline \n bell \x07',
	 '', '', '', NULL, '', '-1 year', '00:00', '"a string"', '"a string"', '{}', '{NULL}',
	 '(,)', ARRAY[]::pair[], -1, NULL, 'sad', 'y', 'empty', '::1', '(0,0)', 0, NULL, ''),
	(3, NULL, 32767, 2147483647, 9223372036854775807, '-Infinity', '-Infinity', 'Infinity', NULL,
	 '-infinity', NULL, '-infinity', E'unicode ☃ \u00e9 and \\u0000 as text', NULL, NULL, NULL, NULL,
	 NULL, NULL, NULL, '[1, 2,3]', '[1, 2, 3]', '{-1}', NULL, NULL, NULL, NULL, NULL, NULL,
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(4, true, 0, 0, 0, '1e30', '1e-300', '-Infinity', 0, '1999-12-31', '2000-01-01 00:00:00',
	 '2000-01-01 00:00:00.000001+05:30', 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 'null', 'null', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(5, false, NULL, NULL, NULL, '-0', '-0', '123456789012345678901234567890.123456789', '0.10',
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 '{"dup": 1, "dup": 2}', '{"dup": 1, "dup": 2}', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	(6, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	 NULL, NULL, NULL, NULL, NULL, NULL);

-- jsonb: each row of paginate is to_jsonb of the row, to the byte.
SELECT count(*) AS rows,
	count(*) FILTER (WHERE p.r::text IS DISTINCT FROM to_jsonb(k)::text) AS differ
FROM (SELECT r, row_number() OVER () AS n
	  FROM paginate('select * from kinds order by id', 1, 10) r) p
JOIN (SELECT k, row_number() OVER (ORDER BY id) AS n FROM kinds k) q USING (n);
SELECT r FROM paginate('select * from kinds order by id', 1, 10) r;

-- ... and so are paginate_response's items.
SELECT r->'items' = (SELECT jsonb_agg(to_jsonb(k) ORDER BY id) FROM kinds k) AS same,
	(r->'items')::text = (SELECT jsonb_agg(to_jsonb(k) ORDER BY id) FROM kinds k)::text AS same_text
FROM paginate_response('select * from kinds order by id', 1, 10) r;

-- JSON text: each item of paginate_response_json is row_to_json of the row,
-- its columns in their order, to the byte.
SELECT count(*) AS rows,
	count(*) FILTER (WHERE i.item::text IS DISTINCT FROM row_to_json(k)::text) AS differ
FROM json_array_elements(paginate_response_json('select * from kinds order by id', 1, 10)->'items')
	WITH ORDINALITY AS i(item, n)
JOIN (SELECT k, row_number() OVER (ORDER BY id) AS n FROM kinds k) q USING (n);
SELECT item FROM json_array_elements(
	paginate_response_json('select * from kinds order by id', 1, 10)->'items') AS i(item);

-- Values kept out of line (TOASTed: compressed, and external) over many
-- rows: each value is read whole, and lives until its row is made.
CREATE TABLE big (id int PRIMARY KEY, t text, jb jsonb, n numeric, a int[]);
ALTER TABLE big ALTER COLUMN t SET STORAGE EXTERNAL;
INSERT INTO big
SELECT g, string_agg(md5(g::text || ':' || i::text), '' ORDER BY i),
	jsonb_build_object('k', repeat('v', 3000 + g), 'g', g),
	(repeat('9', 900) || '.' || g)::numeric,
	array_agg(i ORDER BY i)
FROM generate_series(1, 30) g, generate_series(1, 120) i GROUP BY g;
SELECT count(*) AS rows,
	count(*) FILTER (WHERE p.r::text IS DISTINCT FROM to_jsonb(b)::text) AS differ
FROM (SELECT r, row_number() OVER () AS n FROM paginate('select * from big order by id', 1, 30) r) p
JOIN (SELECT b, row_number() OVER (ORDER BY id) AS n FROM big b) q USING (n);
SELECT r->'items' = (SELECT jsonb_agg(to_jsonb(b) ORDER BY id) FROM big b) AS same_items
FROM paginate_response('select * from big order by id', 1, 30) r;
SELECT count(*) AS rows,
	count(*) FILTER (WHERE i.item::text IS DISTINCT FROM row_to_json(b)::text) AS differ
FROM json_array_elements(paginate_response_json('select * from big order by id', 1, 30)->'items')
	WITH ORDINALITY AS i(item, n)
JOIN (SELECT b, row_number() OVER (ORDER BY id) AS n FROM big b) q USING (n);

-- The whole body, as written.
SELECT paginate_response_json('select id, t, b from kinds order by id', 2, 2);
SELECT paginate_response_json('select id from kinds where false order by id');

-- The same body as paginate_response's, in every walk, format and count.
CREATE FUNCTION same_body(query text, page bigint DEFAULT NULL, per_page bigint DEFAULT NULL,
		after text DEFAULT NULL, before text DEFAULT NULL, count text DEFAULT NULL,
		last boolean DEFAULT NULL, with_cursors boolean DEFAULT NULL, format text DEFAULT NULL)
	RETURNS boolean LANGUAGE sql AS $$
	SELECT paginate_response_json(query, page, per_page, after, before, count => count,
			last => last, with_cursors => with_cursors, format => format, base_url => 'https://x/y?a=1')::jsonb
		= paginate_response(query, page, per_page, after, before, count => count,
			last => last, with_cursors => with_cursors, format => format, base_url => 'https://x/y?a=1')$$;
SELECT same_body('select * from kinds order by id', 1, 4) AS page1,
	same_body('select * from kinds order by id', 2, 4) AS page2,
	same_body('select * from kinds order by id', 9, 4) AS past_last,
	same_body('select * from kinds order by id', 1, 4, count => 'none') AS no_count,
	same_body('select * from kinds order by id', 1, 4, count => 'planned') AS planned,
	same_body('select * from kinds order by id', 1, 4, with_cursors => true) AS with_cursors,
	same_body('select * from kinds order by id', 2, 2, format => 'relay') AS relay,
	same_body('select * from kinds order by id', 2, 2, format => 'drf') AS drf,
	same_body('select * from kinds order by id', per_page => 4, last => true) AS last,
	same_body('select * from kinds order by tz desc nulls last, id', 1, 3) AS nullable_desc;
SELECT same_body('select * from kinds order by id', per_page => 2,
		after => (paginate_meta('select * from kinds order by id', 1, 2)).end_cursor) AS after,
	same_body('select * from kinds order by id', per_page => 2,
		before => (paginate_meta('select * from kinds order by id', 3, 2)).start_cursor,
		with_cursors => true) AS before;
SELECT paginate_response_json('select id, m from kinds order by id', 1, 2, format => 'relay');

-- paginate's own members in the text in jsonb's order of keys (shorter
-- first, then bytewise), in every object of every format; the rows come
-- first, as they are read.
CREATE FUNCTION same_keys(format text, count text DEFAULT NULL) RETURNS boolean LANGUAGE sql AS $$
	WITH b AS (SELECT paginate_response_json('select * from kinds order by id', 2, 2,
			count => count, format => format, base_url => 'https://x/y') AS j)
	SELECT bool_and(array(SELECT k FROM json_object_keys(o) k
				WHERE k NOT IN ('items', 'edges', 'results'))
			= array(SELECT k FROM jsonb_object_keys(o::jsonb) k
				WHERE k NOT IN ('items', 'edges', 'results'))
		AND (NOT top OR (SELECT k FROM json_object_keys(o) k LIMIT 1)
			IN ('items', 'edges', 'results')))
	FROM b, LATERAL (VALUES (j, true), (j->'pagination', false), (j->'pageInfo', false)) v(o, top)
	WHERE json_typeof(o) = 'object'$$;
SELECT same_keys('items') AS items, same_keys('items', 'none') AS items_none,
	same_keys('items', 'planned') AS items_planned, same_keys('relay') AS relay,
	same_keys('drf') AS drf, same_keys('drf', 'none') AS drf_none;
SELECT paginate_response_json('select id from kinds order by id', 2, 2, format => 'drf',
	base_url => 'https://x/y');

-- jsonb's own bytes: paginate writes jsonb's binary form itself, so each
-- value it returns is, byte for byte (*=, the image of a record holding it),
-- the jsonb to_jsonb and jsonb_in make: an object's keys in jsonb's order,
-- an offset every 32 entries, numbers and containers on 4-byte boundaries,
-- scalars from json and jsonb columns unwrapped.
CREATE FUNCTION same_image(a jsonb, b jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE
	AS $$SELECT (SELECT ROW(a)) *= (SELECT ROW(b))$$;
SELECT same_image('{"a": 1}', '{"a": 1}') AS same, same_image('1.0', '1.00') AS not_same,
	'1.0'::jsonb = '1.00'::jsonb AS though_equal;
SELECT count(*) AS rows, count(*) FILTER (WHERE NOT same_image(p.r, to_jsonb(k))) AS differ
FROM (SELECT r, row_number() OVER () AS n
	  FROM paginate('select * from kinds order by id', 1, 10) r) p
JOIN (SELECT k, row_number() OVER (ORDER BY id) AS n FROM kinds k) q USING (n);
SELECT count(*) AS rows, count(*) FILTER (WHERE NOT same_image(p.r, to_jsonb(b))) AS differ
FROM (SELECT r, row_number() OVER () AS n FROM paginate('select * from big order by id', 1, 30) r) p
JOIN (SELECT b, row_number() OVER (ORDER BY id) AS n FROM big b) q USING (n);
SELECT count(*) AS rows, count(*) FILTER (WHERE NOT same_image(r, r::text::jsonb)) AS differ
FROM paginate('select * from kinds order by id', 1, 10, with_cursors => true) r;
-- 40 columns (80 entries an object) and 70 rows a page, past the stride
CREATE TABLE wide AS
SELECT g AS id, g * 1.5 AS "a much longer column name", repeat('x', g) AS t,
	g % 3 = 0 AS b, CASE WHEN g % 5 > 0 THEN g END AS sometimes,
	'{"k": [1, "two", null]}'::jsonb AS jb, 7 AS c01, 8 AS c02, 9 AS c03, 10 AS c04,
	11 AS c05, 12 AS c06, 13 AS c07, 14 AS c08, 15 AS c09, 16 AS c10, 17 AS c11,
	18 AS c12, 19 AS c13, 20 AS c14, 21 AS c15, 22 AS c16, 23 AS c17, 24 AS c18,
	25 AS c19, 26 AS c20, 27 AS c21, 28 AS c22, 29 AS c23, 30 AS c24, 31 AS c25,
	32 AS c26, 33 AS c27, 34 AS c28, 35 AS c29, 36 AS c30, 'z' AS zz, 0.1 AS y,
	'é' AS "É", now()::date - g AS day
FROM generate_series(1, 75) g;
SELECT count(*) AS rows, count(*) FILTER (WHERE NOT same_image(p.r, to_jsonb(w))) AS differ
FROM (SELECT r, row_number() OVER () AS n FROM paginate('select * from wide order by id', 1, 70) r) p
JOIN (SELECT w, row_number() OVER (ORDER BY id) AS n FROM wide w) q USING (n);
SELECT format, count, page, per_page, same_image(b, b::text::jsonb) AS same,
	jsonb_array_length(coalesce(b->'items', b->'edges', b->'results')) AS rows
FROM (VALUES ('items'), ('relay'), ('drf')) f(format),
	(VALUES ('exact'), ('none'), ('planned')) c(count),
	(VALUES (1, 4), (1, 70), (2, 70), (30, 4)) s(page, per_page),
	LATERAL (SELECT paginate_response('select * from wide order by id', page, per_page,
			count => count, format => format, base_url => 'https://x/y') AS b) r
ORDER BY 1, 2, 3, 4;
SELECT same_image(r, r::text::jsonb) AS kinds
FROM paginate_response('select * from kinds order by id', 1, 10, with_cursors => true) r;
SELECT same_image(r, r::text::jsonb) AS after
FROM paginate_response('select * from kinds order by id', per_page => 2, format => 'relay',
	after => (paginate_meta('select * from kinds order by id', 1, 2)).end_cursor) r;

-- jsonb's size limit, where to_jsonb and jsonb_agg have it: a row's object
-- whose one value fits but not with its key and header, and a page whose
-- rows fit one by one but not together.
SELECT octet_length(r::text) FROM paginate('select repeat(''x'', 268435450) as t', 1, 1) r;
SELECT jsonb_array_length(paginate_response('select g, repeat(''x'', 140000000) as t
	from generate_series(1, 2) g order by g', 1, 2, count => 'none')->'items');

-- Arguments and errors are paginate_response's.
SELECT paginate_response_json('select id from kinds order by id', 1, 2, format => 'xml');
SELECT paginate_response_json('select id, id from kinds order by id');
SELECT paginate_response_json('select id from kinds order by id', 0, 2);
SELECT paginate_response_json('select 1 as id', format => 'relay');

DROP SCHEMA json_test CASCADE;
RESET search_path;
