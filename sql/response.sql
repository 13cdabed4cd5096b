-- paginate_response: {"items": [...], "pagination": {...}} from one call.
CREATE SCHEMA response_test;
SET search_path TO response_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

SELECT jsonb_pretty(paginate_response('select id, username from users order by id', 3, 5));

-- Past the last page: no items.
SELECT paginate_response('select id from users order by id', 30, 5);

-- No rows at all.
SELECT paginate_response('select id from users where false order by id');

-- Count modes.
SELECT r->'pagination'->'total' AS total, r->'pagination'->'pages' AS pages,
	r->'pagination'->'has_next' AS has_next, jsonb_array_length(r->'items') AS items
FROM paginate_response('select id from users order by id', 2, 10, count => 'none') r;
SELECT r->'pagination'->'total_is_exact' AS exact, r->'pagination'->'total' AS total
FROM paginate_response('select id from users order by id', 10, 10, count => 'planned') r;

-- The items are the rows paginate returns; the metadata is paginate_meta's.
SELECT (SELECT jsonb_agg(r) FROM paginate('select * from users order by username', 4, 7) r)
		= paginate_response('select * from users order by username', 4, 7)->'items' AS same_items,
	to_jsonb(paginate_meta('select * from users order by username', 4, 7))
		= paginate_response('select * from users order by username', 4, 7)->'pagination' AS same_meta;

-- Values keep their JSON types in items.
SELECT paginate_response($$select 1.5::numeric as n, 'a"b' as s, null as z, array['x'] as a order by 1$$)->'items';

DROP SCHEMA response_test CASCADE;
RESET search_path;
