-- paginate.out_of_range (2.0): what a page past the last one gives.
-- empty (the default): an empty page; error: an error (as paginate.strict);
-- last: the last page instead (pagy's :last_page, Django's clamp), which
-- the metadata names, found by an exact count in every count mode.
CREATE SCHEMA oor_test;
SET search_path TO oor_test, public;
CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 25) g;
ANALYZE items;

SHOW paginate.out_of_range;
-- empty: page 9 of 10 rows is empty, and says it is page 9.
SELECT count(*) FROM paginate('select * from items order by id', 9, 10);
SELECT page, total, pages, has_prev, has_next, first_item, last_item
FROM paginate_meta('select * from items order by id', 9, 10);

-- last: every function serves page 3 (rows 21 to 25) for page 9.
SET paginate.out_of_range = last;
SELECT array_agg((p ->> 'id')::int) AS ids FROM paginate('select * from items order by id', 9, 10) p;
SELECT array_agg(i.id) AS ids FROM paginate_as(NULL::items, 'select * from items order by id', 9, 10) i;
SELECT c AS count_mode, m.page, m.total, m.total_is_exact, m.pages, m.has_prev, m.has_next,
	   m.prev_page, m.next_page, m.first_item, m.last_item, m.end_cursor IS NOT NULL AS has_cursor
FROM unnest(array['exact', 'planned', 'estimated', 'capped', 'none']) c,
	LATERAL paginate_meta('select * from items order by id', 9, 10, count => c) m;
SELECT (r -> 'pagination') - 'start_cursor' - 'end_cursor' AS pagination,
	   jsonb_path_query_array(r, '$.items[*].id') AS ids
FROM paginate_response('select * from items order by id', 2147483647, 10) r;
-- the served page's end_cursor walks on from it: nothing after the last row
SELECT count(*) FROM paginate('select * from items order by id',
	after => (paginate_meta('select * from items order by id', 9, 10)).end_cursor);
-- a page in range, and a last page that is full, are as asked
SELECT page, first_item, last_item FROM paginate_meta('select * from items order by id', 2, 10);
SELECT page, first_item, last_item FROM paginate_meta('select * from items order by id', 6, 5);
SELECT page, first_item, last_item FROM paginate_meta('select * from items order by id', 7, 5);
-- no rows at all: page 1, empty
SELECT page, total, pages, has_prev, first_item
FROM paginate_meta('select * from items where id < 0 order by id', 4, 10);
SELECT paginate_response('select * from items where id < 0 order by id', 4, 10, count => 'none') -> 'pagination' ->> 'page' AS page;
-- parameters and a query without ORDER BY (a NOTICE, as always)
SELECT array_agg((p ->> 'id')::int ORDER BY (p ->> 'id')::int) AS ids
FROM paginate('select * from items where id > $1', 40, 10, params => array['12']) p;
-- paginate_explain says what a page past the end would do
SELECT e FROM paginate_explain('select * from items order by id', 9, 10, count => 'none') e WHERE e LIKE '--%';
-- paginate.strict = on goes first: an error
SET paginate.strict = on;
SELECT * FROM paginate('select * from items order by id', 9, 10);
RESET paginate.strict;

-- error: the error of paginate.strict, saying which setting asked for it.
SET paginate.out_of_range = error;
SELECT * FROM paginate('select * from items order by id', 9, 10);
SELECT * FROM paginate_meta('select * from items order by id', 4, 10);
SELECT page FROM paginate_meta('select * from items order by id', 3, 10);
-- (page 1 of no rows is no error)
SELECT page, total FROM paginate_meta('select * from items where id < 0 order by id');

-- An unknown value.
SET paginate.out_of_range = clamp;
RESET paginate.out_of_range;

DROP SCHEMA oor_test CASCADE;
RESET search_path;
