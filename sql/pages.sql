-- paginate_pages: page numbers for a pagination widget, NULL for a gap,
-- exactly Flask-SQLAlchemy's Pagination.iter_pages (3.x).
CREATE SCHEMA pages_test;
SET search_path TO pages_test, public;

-- The numbers widget() shows for page p of a result of n rows at per_page
-- rows a page, as an array in order (NULL for a gap), from the real
-- metadata of a query.
CREATE FUNCTION widget(n integer, p integer, per_page integer DEFAULT 1,
	left_edge integer DEFAULT NULL, left_current integer DEFAULT NULL,
	right_current integer DEFAULT NULL, right_edge integer DEFAULT NULL)
RETURNS integer[] LANGUAGE sql AS $$
	SELECT coalesce(array_agg(w.page ORDER BY w.i), '{}')
	FROM paginate_meta('select g from generate_series(1, $1::int) g order by g',
		p, per_page, params => array[n::text]) m,
		LATERAL paginate_pages(m, left_edge, left_current, right_current, right_edge)
			WITH ORDINALITY AS w(page, i)
$$;

-- Flask-SQLAlchemy's own example: 20 pages, page 7.
SELECT * FROM paginate_pages(paginate_meta(
	'select g from generate_series(1, 200) g order by g', 7, 10));
SELECT widget(200, 7, 10);

-- Every page of 20 with the defaults (2 edge pages, 2 before, 4 after).
SELECT p AS page, widget(20, p) FROM generate_series(1, 20) p;

-- No rows: no pages, nothing to show (page 1 and a page past it).
SELECT widget(0, 1), widget(0, 3);
-- One page; a few pages, all shown.
SELECT widget(1, 1), widget(3, 2), widget(8, 8), widget(9, 1);

-- Past the last page: the middle run is cut at the last page, and once
-- nothing of it is left, only the left edge and a gap are.
SELECT widget(20, 21), widget(20, 24), widget(20, 25), widget(20, 50);
SELECT widget(3, 4), widget(1, 2);

-- Other edges, by name.
SELECT array_agg(page) AS numbers FROM paginate_pages(
	paginate_meta('select g from generate_series(1, 50) g order by g', 25, 1),
	left_edge => 1, right_edge => 1, left_current => 3, right_current => 3) page;
SELECT widget(50, 25, 1, 0, 0, 0, 0) AS current_only,
	widget(50, 25, 1, 3, 0, 0, 3) AS edges_and_current,
	widget(50, 1, 1, 0, 0, 0, 0) AS first_only,
	widget(50, 50, 1, 0, 0, 0, 0) AS last_only;
-- Edges that meet or overlap the middle run leave no gap.
SELECT widget(10, 5, 1, 3, 1, 1, 4), widget(10, 5, 1, 10, 0, 0, 0),
	widget(10, 5, 1, 0, 10, 10, 0);
-- NULL means the default.
SELECT widget(20, 7, 1, NULL, NULL, NULL, NULL) = widget(20, 7, 1, 2, 2, 4, 2) AS same;
-- iter_pages' corners, kept: a gap before a right edge that the left edge
-- already reaches, and then numbers shown twice.
SELECT widget(7, 1, 1, 5, 0, 0, 2), widget(7, 1, 1, 5, 0, 0, 4);
-- Edges that reach past the integer range do not overflow.
SELECT array_agg(page) FROM paginate_pages(
	ROW(2147483647, 1, 2147483647, true, 2147483647, true, false,
		2147483646, NULL, 2147483647, 2147483647, NULL, NULL, false)::pagination,
	2, 2, 2147483647, 2147483647) page;
SELECT array_agg(page) FROM paginate_pages(
	ROW(3, 1, 5, true, 5, true, true, 2, 4, 3, 3, NULL, NULL, false)::pagination,
	2147483647, 2147483647, 2147483647, 2147483647) page;
SELECT array_agg(page) FROM paginate_pages(
	ROW(4, 1, 10, true, 10, true, true, 3, 5, 4, 4, NULL, NULL, false)::pagination,
	0, 2147483647, 0, 2147483647) page;

-- The metadata of paginate_response works too, read back as the type.
SELECT array_agg(page) FROM paginate_pages(jsonb_populate_record(NULL::pagination,
	paginate_response('select g from generate_series(1, 95) g order by g', 4, 10)
		-> 'pagination')) page;

-- A total that is a lower bound (count 'capped': more than total rows) has
-- no last page: the numbers go up to the pages the bound proves (50 rows
-- and more at 5 a page: 11 pages at least), and a NULL stands where the
-- right edge would be, for "more".  A page past them shows one NULL.
SELECT p AS page, (SELECT array_agg(n) FROM paginate_pages(
	ROW(p, 5, 50, false, NULL, p > 1, p < 11, p - 1, p + 1, 0, 0, NULL, NULL, true)::pagination) n) AS numbers
FROM unnest(array[1, 4, 7, 9, 11, 20]) p;
SELECT array_agg(n) FROM paginate_pages(
	ROW(3, 5, 50, false, NULL, true, true, 2, 4, 11, 15, NULL, NULL, true)::pagination, 0, 0, 0, 0) n;
SET paginate.count_threshold = 40;
SELECT array_agg(n) FROM paginate_pages(paginate_meta(
	'select g from generate_series(1, 95) g order by g', 6, 10, count => 'capped')) n;
RESET paginate.count_threshold;

-- Errors: no metadata, no count, a cursor page, negative edges, values
-- that no call returns.
SELECT * FROM paginate_pages(NULL);
SELECT * FROM paginate_pages(paginate_meta(
	'select g from generate_series(1, 50) g order by g', 2, count => 'none'));
SELECT * FROM paginate_pages(paginate_meta(
	'select g from generate_series(1, 50) g order by g', per_page => 10,
	after => (paginate_meta('select g from generate_series(1, 50) g order by g', 1, 10)).end_cursor));
SELECT widget(20, 7, 1, -1);
SELECT widget(20, 7, 1, 2, -1);
SELECT widget(20, 7, 1, 2, 2, -3);
SELECT widget(20, 7, 1, 2, 2, 4, -2147483648);
SELECT * FROM paginate_pages(ROW(0, 10, 100, true, 10, false, true, NULL, 1, 0, 0, NULL, NULL, false)::pagination);
SELECT * FROM paginate_pages(ROW(1, 10, 100, true, -1, false, true, NULL, 2, 1, 10, NULL, NULL, false)::pagination);

DROP SCHEMA pages_test CASCADE;
