-- paginate_response(..., format => 'relay' | 'drf'): the bodies Relay
-- clients (the GraphQL cursor connections spec) and Django REST framework
-- clients (PageNumberPagination) read, besides {items, pagination}.
CREATE SCHEMA formats_test;
SET search_path TO formats_test, public;

CREATE TABLE posts (id integer PRIMARY KEY, created_at timestamptz, title text NOT NULL);
INSERT INTO posts
SELECT i, CASE WHEN i % 4 = 0 THEN NULL ELSE '2026-01-01'::timestamptz + (i % 3) * interval '1 day' END,
	'post ' || i
FROM generate_series(1, 23) i;
ANALYZE posts;

\set q 'select id, title from posts order by created_at, id'

-- Relay: {edges: [{node, cursor}], pageInfo: {hasNextPage, hasPreviousPage,
-- startCursor, endCursor}, totalCount}, the spec's field names; cursors
-- shown as <cursor>.
SELECT regexp_replace(jsonb_pretty(paginate_response(:'q', 2, 2, format => 'relay')),
	'"[A-Za-z0-9_-]{20,}"', '"<cursor>"', 'g') AS relay;
SELECT array_agg(k ORDER BY k) AS connection_keys
FROM jsonb_object_keys(paginate_response(:'q', format => 'relay')) k;
SELECT array_agg(k ORDER BY k) AS page_info_keys
FROM jsonb_object_keys(paginate_response(:'q', format => 'relay') -> 'pageInfo') k;
-- the cursors are the first and last edges', and the page's
SELECT r #>> '{pageInfo,startCursor}' = r #>> '{edges,0,cursor}' AS start_is_first_edge,
	r #>> '{pageInfo,endCursor}' = r #>> '{edges,-1,cursor}' AS end_is_last_edge,
	r #>> '{pageInfo,endCursor}' = (paginate_meta(:'q', 2, 2)).end_cursor AS end_is_end_cursor
FROM paginate_response(:'q', 2, 2, format => 'relay') r;

-- first/after: follow endCursor while hasNextPage; last/before: from the last
-- page, follow startCursor while hasPreviousPage.  Every row once, in order.
CREATE FUNCTION relay_walk(q text, n int, backward bool) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	c jsonb;
	ids int[] := '{}';
	page int[];
BEGIN
	c := CASE WHEN backward THEN paginate_response(q, per_page => n, last => true, format => 'relay')
		ELSE paginate_response(q, per_page => n, format => 'relay') END;
	LOOP
		page := ARRAY(SELECT (e #>> '{node,id}')::int FROM jsonb_array_elements(c -> 'edges') e);
		ids := CASE WHEN backward THEN page || ids ELSE ids || page END;
		EXIT WHEN NOT (c #>> CASE WHEN backward THEN '{pageInfo,hasPreviousPage}' ELSE '{pageInfo,hasNextPage}' END::text[])::bool;
		c := CASE WHEN backward
			THEN paginate_response(q, per_page => n, before => c #>> '{pageInfo,startCursor}', format => 'relay')
			ELSE paginate_response(q, per_page => n, after => c #>> '{pageInfo,endCursor}', format => 'relay') END;
	END LOOP;
	RETURN ids;
END
$$;
SELECT n, relay_walk(:'q', n, false) = ids AS forward, relay_walk(:'q', n, true) = ids AS backward
FROM (SELECT array_agg(id ORDER BY created_at, id) AS ids FROM posts) w, (VALUES (1), (5), (23), (50)) p(n);

-- Not counted (count none), or only bounded (capped past the threshold):
-- totalCount null.  No edges: the cursors are null, as the spec says.
SELECT paginate_response(:'q', per_page => 2, count => 'none', format => 'relay') -> 'totalCount' AS none_count;
SET paginate.count_threshold = 5;
SELECT paginate_response(:'q', per_page => 2, count => 'capped', format => 'relay') -> 'totalCount' AS capped_count;
RESET paginate.count_threshold;
SELECT paginate_response('select id from posts where false order by id', format => 'relay') AS empty;

-- DRF: {count, next, previous, results}, next and previous the URLs of the
-- Link header (the base URL's other parameters kept), null at the ends.
SELECT jsonb_pretty(paginate_response('select id from posts order by id', 2, 3, format => 'drf',
	base_url => 'https://api.example.org/posts/?search=x&page=9')) AS drf;
SELECT r -> 'count' AS count, r -> 'next' AS next, r -> 'previous' AS previous
FROM paginate_response('select id from posts order by id', 1, 10, format => 'drf',
	base_url => 'https://api.example.org/posts/') r;
SELECT r -> 'next' AS next, r -> 'previous' AS previous
FROM paginate_response('select id from posts order by id', 3, 10, format => 'drf',
	base_url => 'https://api.example.org/posts/') r;
-- without a base URL: URLs relative to the request's
SELECT r -> 'next' AS next FROM paginate_response('select id from posts order by id', 1, 10, format => 'drf') r;
-- by cursor: after= and before=, as the Link header; no count with none (as
-- DRF's CursorPagination, which has none)
SELECT array_agg(k ORDER BY k) AS keys
FROM jsonb_object_keys(paginate_response('select id from posts order by id', per_page => 3, count => 'none',
	after => (paginate_meta('select id from posts order by id', 1, 3)).end_cursor, format => 'drf')) k;
SELECT regexp_replace(r ->> 'next', '=[A-Za-z0-9_-]{20,}', '=<cursor>') AS next,
	regexp_replace(r ->> 'previous', '=[A-Za-z0-9_-]{20,}', '=<cursor>') AS previous
FROM paginate_response('select id from posts order by id', per_page => 3,
	after => (paginate_meta('select id from posts order by id', 1, 3)).end_cursor, format => 'drf',
	base_url => '/posts/') r;
-- results may be edges too
SELECT paginate_response('select id from posts order by id', 1, 1, format => 'drf', with_cursors => true)
	#> '{results,0,node}' AS first_node;
-- a client following next reads every row once
CREATE FUNCTION drf_walk(n int) RETURNS int[]
LANGUAGE plpgsql AS $$
DECLARE
	body jsonb;
	ids int[] := '{}';
	page int := 1;
BEGIN
	LOOP
		body := paginate_response('select id from posts order by id', page, n, format => 'drf',
			base_url => 'https://api.example.org/posts/');
		ids := ids || ARRAY(SELECT r::text::int FROM jsonb_array_elements(body -> 'results') x(o),
			LATERAL (SELECT o -> 'id') y(r));
		EXIT WHEN body -> 'next' = 'null';
		page := substring(body ->> 'next' FROM '[?&]page=([0-9]+)')::int;
	END LOOP;
	RETURN ids;
END
$$;
SELECT n, drf_walk(n) = (SELECT array_agg(id ORDER BY id) FROM posts) AS walked FROM (VALUES (1), (4), (23)) p(n);

-- Bad formats: 22023.  A Relay connection needs the query's order.
SELECT paginate_response(:'q', format => 'graphql');
SELECT paginate_response('select id from posts', format => 'relay');

DROP SCHEMA formats_test CASCADE;
RESET search_path;
