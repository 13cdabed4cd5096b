-- paginate_headers and paginate_set_headers: a page's metadata as the HTTP
-- headers of an API response (X-Pagination, Content-Range, X-Total-Count,
-- Link), and PostgREST's response.headers setting.
CREATE SCHEMA headers_test;
SET search_path TO headers_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

-- The headers of a page, one row each, in the order paginate_set_headers
-- writes them.
CREATE FUNCTION show(m pagination, base_url text DEFAULT NULL)
RETURNS TABLE (header text, value text) LANGUAGE sql AS $$
	SELECT key, value FROM jsonb_each_text(paginate_headers(m, base_url))
	ORDER BY array_position(
		array['X-Pagination', 'Content-Range', 'X-Total-Count', 'Link'], key)
$$;

-- The links of a page's Link header, one row each, in order.
CREATE FUNCTION links(m pagination, base_url text)
RETURNS TABLE (rel text, url text) LANGUAGE sql AS $$
	SELECT l[2], l[1]
	FROM regexp_matches(paginate_headers(m, base_url) ->> 'Link',
		'<([^>]*)>; rel="([a-z]+)"', 'g') l
$$;

-- A page's metadata: users by id, page p of per_page rows.
CREATE FUNCTION meta(p integer, per_page integer DEFAULT 10,
	count text DEFAULT 'exact')
RETURNS pagination LANGUAGE sql AS $$
	SELECT paginate_meta('select * from users order by id', p, per_page,
		count => count)
$$;

-- All four headers of page 2 of 10.
SELECT jsonb_pretty(paginate_headers(meta(2), 'https://api.example.com/users'));

-- ===========================================================================
-- X-Pagination: flask-smorest's header, byte for byte.
-- ===========================================================================

-- flask-smorest's documented example: 1000 items, 5 a page, page 2.
SELECT paginate_headers(paginate_meta(
	'select g from generate_series(1, 1000) g order by g', 2, 5)) ->> 'X-Pagination';

-- 100 rows at 7 a page is 15 pages: first, second, last but one, last, and
-- past the last (no page, previous_page or next_page).
SELECT p AS asked, paginate_headers(meta(p, 7)) ->> 'X-Pagination' AS "X-Pagination"
FROM unnest(array[1, 2, 14, 15, 16, 40]) p;

-- One page: neither previous_page nor next_page.
SELECT paginate_headers(paginate_meta(
	'select * from users where id <= 5 order by id', 1, 10)) ->> 'X-Pagination';
-- No rows: only total and total_pages, on page 1 and past it.
SELECT p AS asked, paginate_headers(paginate_meta(
	'select * from users where id < 0 order by id', p)) ->> 'X-Pagination'
FROM unnest(array[1, 3]) p;

-- An estimated total is what the header says.
SET paginate.count_threshold = 50;
SELECT paginate_headers(meta(10, 10, 'estimated')) ->> 'X-Pagination';
RESET paginate.count_threshold;

-- No header without a total (count none) or without a page (a cursor page).
SELECT * FROM show(meta(2, 10, 'none'));
SELECT * FROM show(paginate_meta('select * from users order by id', per_page => 10,
	after => (meta(1)).end_cursor));

-- ===========================================================================
-- Content-Range: PostgREST's form, 0-based positions.
-- ===========================================================================
SELECT p AS asked, paginate_headers(meta(p, 7)) ->> 'Content-Range' AS "Content-Range"
FROM unnest(array[1, 2, 14, 15, 16]) p;
-- Not counted: * for the total; and for the range of an empty page.
SELECT paginate_headers(meta(3, 10, 'none')) ->> 'Content-Range' AS counted_none,
	paginate_headers(meta(11, 10, 'none')) ->> 'Content-Range' AS empty_counted_none;
-- No rows at all.
SELECT paginate_headers(paginate_meta('select * from users where id < 0 order by id'))
	->> 'Content-Range';

-- ===========================================================================
-- X-Total-Count: whenever the total was counted, in either mode.
-- ===========================================================================
SELECT paginate_headers(meta(1)) ->> 'X-Total-Count' AS by_page,
	paginate_headers(paginate_meta('select * from users order by id',
		after => (meta(1)).end_cursor)) ->> 'X-Total-Count' AS by_cursor,
	paginate_headers(meta(1, 10, 'none')) ? 'X-Total-Count' AS count_none;

-- ===========================================================================
-- Link: RFC 8288, with the base URL's other parameters kept.
-- ===========================================================================

-- A middle page: first, prev, next, last.
SELECT * FROM links(meta(5), '/users');
-- The first page has no prev, the last no next.
SELECT * FROM links(meta(1), '/users');
SELECT * FROM links(meta(10), '/users');
-- Past the last page: prev is the page before, as prev_page says.
SELECT * FROM links(meta(12), '/users');
-- Not counted: no last.
SELECT * FROM links(meta(4, 10, 'none'), '/users');
-- No rows: page 1 only.
SELECT * FROM links(paginate_meta('select * from users where id < 0 order by id'), '/users');
-- per_page is the page size served, after the cap.
SELECT * FROM links(meta(1, 500), '/users');

-- The base URL's own parameters are kept in order; its page, per_page,
-- after and before are replaced; the fragment stays at the end.
SELECT * FROM links(meta(2),
	'https://api.example.com/v1/users?q=smith&page=9&per_page=3&sort=name#results');
SELECT * FROM links(meta(2), '/users?page=4&per_page=20');
SELECT * FROM links(meta(2), '/users?&flag&&page&per_page=&after=x&before&q=');
SELECT * FROM links(meta(2), '/users?pages=7&xpage=1&page_size=5');
SELECT * FROM links(meta(2), '/users?');
SELECT * FROM links(meta(2), '');
-- What a URI cannot hold is %-encoded, so a base URL can neither break the
-- header's syntax nor start a header of its own.
SELECT * FROM links(meta(2), E'/users/caf\u00e9 list?q=a b&x="<y>"\r\nSet-Cookie: z=1');

-- By cursor: first without a cursor, next after the page's end_cursor, prev
-- before its start_cursor, and while a page follows, last by last=true (the
-- call's last => true).  (Cursors shown by name.)
SELECT rel, replace(replace(url, m.end_cursor, '<end_cursor>'),
		m.start_cursor, '<start_cursor>') AS url
FROM paginate_meta('select * from users order by id', per_page => 10,
	after => (meta(3)).end_cursor) m,
	LATERAL links(m, 'https://api.example.com/users?after=old&q=x');
-- The first rows by cursor: no prev.  The last: no next, and no last.
SELECT rel, replace(url, m.end_cursor, '<end_cursor>') AS url
FROM paginate_meta('select * from users order by id', per_page => 10,
	before => (meta(2)).start_cursor) m,
	LATERAL links(m, '/users/feed');
SELECT rel, replace(url, m.start_cursor, '<start_cursor>') AS url
FROM paginate_meta('select * from users order by id', per_page => 10,
	after => (meta(9)).end_cursor) m,
	LATERAL links(m, '/users/feed');
-- An empty page after the last row keeps the cursor it came with: prev leads
-- back from there, and there is no next.
SELECT * FROM links(paginate_meta('select * from users order by id',
	after => (meta(10)).end_cursor), '/users/feed');
-- A cursor is %-encoded in the URL: here it would need it.
SELECT * FROM links(ROW(NULL, 10, NULL, NULL, NULL, true, true, NULL, NULL,
	NULL, NULL, 'a+b/c=', 'x&y z', NULL)::pagination, '/feed');

-- No base URL, no Link.
SELECT paginate_headers(meta(2)) ? 'Link' AS has_link;

-- ===========================================================================
-- paginate_set_headers: PostgREST's response.headers for this transaction.
-- ===========================================================================

-- PostgREST reads the setting after the call, as
-- nullif(current_setting('response.headers', true), ''): a JSON array of
-- one-key objects.
BEGIN;
SELECT paginate_set_headers(meta(2), '/users');
SELECT nullif(current_setting('response.headers', true), '') AS response_headers;
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
COMMIT;
-- Set for the transaction only, like set_config(..., true).
SELECT nullif(current_setting('response.headers', true), '') AS after_commit;
SELECT paginate_set_headers(meta(2));
SELECT nullif(current_setting('response.headers', true), '') AS next_statement;

-- Headers already there are kept; one of the name of a header of this
-- page, in any letter case, is replaced where it stands (and a second one
-- of it dropped); this page's others are appended.
BEGIN;
SELECT set_config('response.headers',
	'[{"Cache-Control": "no-store"}, {"link": "</old>; rel=\"next\""}, '
	'{"Set-Cookie": "a=1"}, {"LINK": "</older>"}, {"Set-Cookie": "b=2"}]', true);
SELECT paginate_set_headers(meta(3), '/users');
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
-- A second call replaces the first one's headers.
SELECT paginate_set_headers(meta(4), '/users');
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
-- The headers that describe a page are this page's: one that this page
-- does not have is dropped, so that none is left from another page.  Link
-- is one of them only when a base URL is given.
SELECT paginate_set_headers(meta(5, 10, 'none'));
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
SELECT paginate_set_headers(paginate_meta('select * from users order by id',
	after => (meta(5)).end_cursor, count => 'none'), '/users');
SELECT regexp_replace(h::text, '(after|before)=[A-Za-z0-9_-]+', '\1=<cursor>', 'g') AS header
FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h;
COMMIT;

-- Rolled back with a subtransaction, as set_config is.
BEGIN;
SELECT paginate_set_headers(meta(1));
SAVEPOINT s;
SELECT paginate_set_headers(meta(7));
ROLLBACK TO SAVEPOINT s;
SELECT current_setting('response.headers')::jsonb -> 0 AS header;
COMMIT;

-- Nothing to say is an empty array.
BEGIN;
SELECT paginate_set_headers(paginate_meta('select * from users order by id',
	after => (meta(1)).end_cursor, count => 'none'));
SELECT current_setting('response.headers') AS response_headers;
COMMIT;

-- A response.headers that PostgREST could not read either is an error.
BEGIN;
SELECT set_config('response.headers', '[{"Cache-Control": ', true);
SELECT paginate_set_headers(meta(1));
ROLLBACK;
BEGIN;
SELECT set_config('response.headers', '{"Cache-Control": "no-store"}', true);
SELECT paginate_set_headers(meta(1));
ROLLBACK;
BEGIN;
SELECT set_config('response.headers', '"no-store"', true);
SELECT paginate_set_headers(meta(1));
ROLLBACK;

-- A total that is a lower bound (count 'capped' past paginate.count_threshold)
-- is not a count: as GitLab past 10,000 rows, no X-Total-Count and no last
-- link; no X-Pagination (flask-smorest sends none without a count);
-- Content-Range ends in "*".  Under the threshold the count is exact and
-- every header is there.
SET paginate.count_threshold = 30;
SELECT h.key, h.value FROM jsonb_each(paginate_headers(
	paginate_meta('select * from users order by id', 2, 10, count => 'capped'), '/users')) h;
SELECT h.key, h.value FROM jsonb_each(paginate_headers(
	paginate_meta('select * from users where id <= 30 order by id', 2, 10, count => 'capped'), '/users')) h;
BEGIN;
SELECT paginate_set_headers(paginate_meta('select * from users order by id', 1, 10, count => 'capped'));
SELECT current_setting('response.headers') AS response_headers;
COMMIT;
RESET paginate.count_threshold;

-- No metadata.
SELECT paginate_headers(NULL);
SELECT paginate_set_headers(NULL, '/users');

-- paginate_as(..., set_headers => true): the typed rows, and the headers
-- paginate_set_headers(paginate_meta(...)) sets, from one page and one
-- count.  same_headers runs both ways on the same arguments and compares
-- the rows and the response.headers each leaves.
CREATE FUNCTION same_headers(query text, page bigint DEFAULT NULL, per_page bigint DEFAULT NULL,
		after text DEFAULT NULL, before text DEFAULT NULL, count text DEFAULT NULL,
		last boolean DEFAULT NULL, base_url text DEFAULT NULL)
RETURNS TABLE (same_rows boolean, same_headers boolean, headers jsonb) LANGUAGE plpgsql AS $$
DECLARE
	rows_two text;
	headers_two text;
	rows_one text;
	headers_one text;
BEGIN
	PERFORM set_config('response.headers', '', true);
	PERFORM paginate_set_headers(paginate_meta(query, page, per_page, after, before,
		count => count, last => last), base_url);
	SELECT string_agg(u::text, ' ') INTO rows_two
	FROM paginate_as(NULL::users, query, page, per_page, after, before, last => last) u;
	headers_two := current_setting('response.headers');
	PERFORM set_config('response.headers', '', true);
	SELECT string_agg(u::text, ' ') INTO rows_one
	FROM paginate_as(NULL::users, query, page, per_page, after, before, last => last,
		count => count, set_headers => true, base_url => base_url) u;
	headers_one := current_setting('response.headers');
	RETURN QUERY SELECT rows_one IS NOT DISTINCT FROM rows_two, headers_one = headers_two,
		headers_one::jsonb;
END
$$;
BEGIN;
SELECT * FROM same_headers('select * from users order by id', 3, 5, base_url => 'https://api.example.com/users?page=3');
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', 1, 5);
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', 1, 100);
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', 40, 5, base_url => '/users');
SELECT same_rows, same_headers FROM same_headers('select * from users order by username desc, id', 2, 7, count => 'none', base_url => '/users');
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', 2, 7, count => 'planned');
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', 2, 7, count => 'estimated', base_url => '/users');
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', per_page => 4, last => true, base_url => '/users');
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', per_page => 4,
	after => (paginate_meta('select * from users order by id', 2, 4)).end_cursor, base_url => '/users');
SELECT same_rows, same_headers FROM same_headers('select * from users order by id', per_page => 4,
	before => (paginate_meta('select * from users order by id', 3, 4)).start_cursor, base_url => '/users');
COMMIT;

-- One page and one count: the statements run, counted by paginate_cache()
-- (each plan of a statement is one run), against three for the two calls.
BEGIN;
SELECT count(*) FROM paginate_as(NULL::users, 'select * from users order by id desc', 2, 5,
	set_headers => true);
SELECT statement, generic_plans + custom_plans AS runs
FROM paginate_cache() WHERE query = 'select * from users order by id desc' ORDER BY statement;
SELECT paginate_set_headers(paginate_meta('select * from users order by username', 2, 5));
SELECT count(*) FROM paginate_as(NULL::users, 'select * from users order by username', 2, 5);
SELECT statement, generic_plans + custom_plans AS runs
FROM paginate_cache() WHERE query = 'select * from users order by username' ORDER BY statement;
COMMIT;

-- Without set_headers, the arguments that serve only the headers are errors.
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 1, 2, count => 'exact');
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 1, 2, base_url => '/users');
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 1, 2, set_headers => false, count_timeout => 5);
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 1, 2, set_headers => true, count => 'most');
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 1, 2, set_headers => true, count_timeout => -1);

DROP SCHEMA headers_test CASCADE;
