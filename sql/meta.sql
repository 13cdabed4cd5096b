-- paginate_meta: the metadata of a page, Flask-SQLAlchemy's formulas.
CREATE SCHEMA meta_test;
SET search_path TO meta_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

\x on
SELECT * FROM paginate_meta('select * from users order by id', 2, 10);
\x off

-- First, middle, last, past the last page; 100 rows at 7 per page is 15 pages.
SELECT p AS asked, m.page, m.per_page, m.total, m.pages, m.has_prev, m.has_next,
	m.prev_page, m.next_page, m.first_item, m.last_item
FROM unnest(array[1, 2, 8, 14, 15, 16, 40]) p,
	LATERAL paginate_meta('select * from users order by id', p, 7) m;

-- Pages that divide the total exactly.
SELECT page, pages, has_next, first_item, last_item
FROM paginate_meta('select * from users order by id', 10, 10);
SELECT page, pages, has_next, first_item, last_item
FROM paginate_meta('select * from users order by id', 1, 100);

-- No rows: 0 pages, page 1 is empty and has no neighbours.
SELECT * FROM paginate_meta('select * from users where id < 0 order by id');
SELECT * FROM paginate_meta('select * from users where id < 0 order by id', 3);

-- One row.
SELECT page, total, pages, has_prev, has_next, first_item, last_item
FROM paginate_meta('select * from users where id = 42 order by id');

-- The effective page size, after the default and the cap.
SELECT per_page, pages FROM paginate_meta('select * from users order by id');
SELECT per_page, pages FROM paginate_meta('select * from users order by id', 1, 500);

-- Count modes: exact (the default), none, planned, estimated.
SELECT count, total, total_is_exact, pages, has_next, first_item, last_item
FROM unnest(array['exact', 'none']) count,
	LATERAL paginate_meta('select * from users order by id', 3, 10, count => count);

-- planned: the planner's figure, made to agree with what the page showed.
SELECT total_is_exact, has_next, total >= 31 AS consistent
FROM paginate_meta('select * from users order by id', 3, 10, count => 'planned');
-- The last page shows the exact total even in planned mode.
SELECT total, total_is_exact, pages, has_next
FROM paginate_meta('select * from users order by id', 10, 10, count => 'planned');
SELECT total, total_is_exact FROM paginate_meta('select * from users where id <= 5 order by id', 1, 10, count => 'planned');

-- estimated: exact up to paginate.count_threshold, the planner's figure above it.
SELECT total, total_is_exact FROM paginate_meta('select * from users order by id', 2, 10, count => 'estimated');
SET paginate.count_threshold = 50;
SELECT total >= 51 AS above_threshold, total_is_exact
FROM paginate_meta('select * from users order by id', 2, 10, count => 'estimated');
SELECT total, total_is_exact FROM paginate_meta('select * from users where id <= 50 order by id', 2, 10, count => 'estimated');
RESET paginate.count_threshold;

-- paginate.count sets the mode when the call does not.
SET paginate.count = 'none';
SELECT total, pages, total_is_exact, has_next FROM paginate_meta('select * from users order by id', 3, 10);
SELECT total FROM paginate_meta('select * from users order by id', 3, 10, count => 'exact');
RESET paginate.count;

-- The count drops the ORDER BY: an ORDER BY item that counts its calls is
-- never evaluated by the count.  It is a sort key, so paginate_meta's probe
-- for the page's cursors sorts by it (100 calls).
CREATE SEQUENCE calls;
SELECT total, pages FROM paginate_meta('select * from users order by nextval(''calls''), id', 2, 10);
SELECT last_value, is_called FROM calls;
-- ... but the page is sorted by it.
SELECT count(*) FROM paginate('select * from users order by nextval(''calls''), id', 2, 10);
SELECT last_value FROM calls;

-- A set-returning function in the select list adds its rows with or without
-- the ORDER BY, so the count drops it; one only in the ORDER BY keeps it.
SELECT total FROM paginate_meta('select generate_series(1, 3) as g from users order by g', 1, 10);
SELECT total FROM paginate_meta('select id from users order by generate_series(1, 2), id', 1, 10);

-- A LIMIT keeps its ORDER BY in the count, and the count is the LIMIT's.
SELECT total, pages FROM paginate_meta('select * from users order by id desc limit 25', 1, 10);

-- pages does not fit an integer: an error, not a wrong number.
-- (the planner puts 100^5 rows in this join; the probe reads two of them,
-- which takes no ORDER BY: with one, the probe would sort them all to find
-- the page's cursors)
SET paginate.order_check = off;
SELECT pages FROM paginate_meta('select 1 from users a, users b, users c, users d, users e', 1, 1, count => 'planned');
RESET paginate.order_check;

-- Totals the page proves: an offset page with no row after it, that has
-- rows or is the first, holds the end of the result, so the total is its
-- offset and its rows, exact in every count mode, and no count runs (no
-- count statement is ever built for these queries, paginate_cache() shows).
SELECT c AS count_mode, m.total, m.total_is_exact, m.pages, m.has_next
FROM unnest(array['exact', 'planned', 'estimated', 'none']) c,
	LATERAL paginate_meta('select * from users where id <= 7 order by id', 1, 10, count => c) m;
SELECT (paginate_response('select * from users where id <= 17 order by id', 2, 10, count => c) -> 'pagination')
	- 'start_cursor' - 'end_cursor' AS pagination
FROM unnest(array['exact', 'planned', 'estimated']) c;
SELECT total, total_is_exact, pages FROM paginate_meta('select * from users where id < -5 order by id', 1, 10);
SELECT query, statement FROM paginate_cache()
WHERE query IN ('select * from users where id <= 7 order by id', 'select * from users where id <= 17 order by id',
				'select * from users where id < -5 order by id')
ORDER BY 1, 2;
-- A page with a row after it, or past the end, proves nothing: the count runs.
SELECT total, total_is_exact FROM paginate_meta('select * from users where id <= 27 order by id', 1, 10);
SELECT total, total_is_exact FROM paginate_meta('select * from users where id <= 27 order by id', 9, 10);
SELECT statement FROM paginate_cache()
WHERE query = 'select * from users where id <= 27 order by id' ORDER BY 1;
-- paginate_explain says when the count does not run.
SELECT * FROM paginate_explain('select * from users where id <= 7 order by id', 1, 10)
WHERE paginate_explain LIKE '--%';

-- capped: exact up to paginate.count_threshold rows, counted with a cap of
-- threshold + 1; above it the total is a lower bound, the result has more
-- rows than total (GitLab's "10,000+"): total_is_lower_bound, total the
-- threshold, pages NULL (the last page is not known), never the planner's.
SET paginate.count_threshold = 50;
SELECT q AS query, m.total, m.total_is_exact, m.total_is_lower_bound, m.pages, m.has_next
FROM unnest(array['select * from users where id <= 49 order by id',
				  'select * from users where id <= 50 order by id',
				  'select * from users where id <= 51 order by id',
				  'select * from users order by id']) q,
	LATERAL paginate_meta(q, 2, 10, count => 'capped') m;
-- paginate.count = capped; paginate_response says the same, and a keyset page.
SET paginate.count = 'capped';
SELECT (paginate_response('select * from users order by id', 2, 10) -> 'pagination')
	- 'start_cursor' - 'end_cursor' AS pagination;
SELECT total, total_is_exact, total_is_lower_bound, pages, has_prev, has_next
FROM paginate_meta('select * from users order by id',
				   after => (paginate_meta('select * from users order by id', 3, 10)).end_cursor);
RESET paginate.count;
-- A page whose next row is past the threshold proves the result is over it:
-- no count runs (in estimated mode neither), and the bound is the rows up to
-- the end of the page; paginate_meta reads such a page first.
SELECT total, total_is_exact, total_is_lower_bound, pages, has_next
FROM paginate_meta('select * from users where id <= 98 order by id', 6, 10, count => 'capped');
SELECT (paginate_response('select * from users where id <= 97 order by id', 7, 10, count => 'capped') -> 'pagination')
	->> 'total' AS total;
SELECT total > 70 AS over, total_is_exact, total_is_lower_bound
FROM paginate_meta('select * from users where id <= 96 order by id', 7, 10, count => 'estimated');
SELECT query, statement FROM paginate_cache()
WHERE query LIKE 'select * from users where id <= 9_ order by id' ORDER BY 1, 2;
-- ... a page below it counts; the last page and a page past the end.
SELECT total, total_is_lower_bound FROM paginate_meta('select * from users where id <= 98 order by id', 4, 10, count => 'capped');
SELECT total, total_is_exact, total_is_lower_bound, pages FROM paginate_meta('select * from users order by id', 10, 10, count => 'capped');
SELECT total, total_is_exact, total_is_lower_bound, pages FROM paginate_meta('select * from users order by id', 12, 10, count => 'capped');
-- paginate_explain shows the capped count and when it is skipped.
SELECT * FROM paginate_explain('select * from users order by id', 5, 10, count => 'capped')
WHERE paginate_explain LIKE '--%';
-- paginate_pages has no last page to show (pages.sql shows more).
SELECT array_agg(p) FROM paginate_pages(paginate_meta('select * from users order by id', 3, 5, count => 'capped')) p;
-- A threshold of 0 counts one row: no rows is exact, any row a bound.
SET paginate.count_threshold = 0;
SELECT total, total_is_exact, total_is_lower_bound, pages
FROM paginate_meta('select * from users order by id', 2, 10, count => 'capped');
SELECT total, total_is_exact, total_is_lower_bound, pages
FROM paginate_meta('select * from users where id < 0 order by id', 2, 10, count => 'capped');
RESET paginate.count_threshold;
-- The other modes never set it; no count leaves it NULL.
SELECT c AS count_mode, m.total_is_lower_bound
FROM unnest(array['exact', 'planned', 'estimated', 'capped', 'none']) c,
	LATERAL paginate_meta('select * from users order by id', 2, 10, count => c) m;

DROP SCHEMA meta_test CASCADE;
RESET search_path;
