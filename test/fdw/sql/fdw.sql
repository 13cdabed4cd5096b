-- paginate over a sharded table: "events" is partitioned by region, and its
-- partitions events_eu and events_us are postgres_fdw foreign tables on two
-- other servers (test/fdw/run.sh sets them up).  events_local holds the same
-- 1,000 rows in a local table: every page is checked against it.
SET paginate.order_check = off;
SET paginate.max_per_page = 0;

SELECT region, count(*) FROM events GROUP BY region ORDER BY region;

-- The queries under test, and the sort keys of each.  The first two orders
-- are total (they end with the unique id); the last two have ties.
CREATE TABLE cases (name text, q text, keys text[], total_order bool);
INSERT INTO cases VALUES
    ('time, id', 'select id, created_at, region, amount from events order by created_at, id',
     '{created_at,id}', true),
    ('amount desc nulls last, id', 'select id, created_at, region, amount from events order by amount desc nulls last, id',
     '{amount,id}', true),
    ('region, time desc (ties)', 'select id, created_at, region, amount from events order by region, created_at desc',
     '{region,created_at}', false),
    ('amount nulls first (ties)', 'select id, created_at, region, amount from events order by amount nulls first',
     '{amount}', false);

-- The same query on the local table, rows OFFSET off LIMIT lim as a jsonb array.
CREATE FUNCTION local_rows(q text, off int, lim int) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	result jsonb;
BEGIN
	EXECUTE format('select coalesce(jsonb_agg(to_jsonb(e)), ''[]'') from (%s offset %s limit %s) e',
				   replace(q, 'from events ', 'from events_local '), off, lim)
		INTO result;
	RETURN result;
END $$;

-- The rows of a walk over every page with cursors, forward from page 1 with
-- after => end_cursor, or backward from the last page with before =>
-- start_cursor, in the query's order; and how many pages it took.
CREATE FUNCTION walk(q text, per_page int, backward bool, OUT rows jsonb, OUT pages int)
LANGUAGE plpgsql AS $$
DECLARE
	r jsonb;
BEGIN
	rows := '[]';
	pages := 0;
	IF backward THEN
		r := paginate_response(q, (SELECT greatest(m.pages, 1) FROM paginate_meta(q, 1, per_page) m),
							   per_page);
	ELSE
		r := paginate_response(q, 1, per_page, count => 'none');
	END IF;
	LOOP
		rows := CASE WHEN backward THEN (r -> 'items') || rows ELSE rows || (r -> 'items') END;
		pages := pages + 1;
		EXIT WHEN NOT (r -> 'pagination' ->> CASE WHEN backward THEN 'has_prev' ELSE 'has_next' END)::bool;
		IF backward THEN
			r := paginate_response(q, before => r -> 'pagination' ->> 'start_cursor',
								   per_page => per_page, count => 'none');
		ELSE
			r := paginate_response(q, after => r -> 'pagination' ->> 'end_cursor',
								   per_page => per_page, count => 'none');
		END IF;
	END LOOP;
END $$;

-- Only the keys of each row, in order.
CREATE FUNCTION keys_of(rows jsonb, keys text[]) RETURNS jsonb
LANGUAGE sql AS $$
	SELECT coalesce(jsonb_agg((SELECT jsonb_object_agg(k, r -> k) FROM unnest(keys) k) ORDER BY i), '[]')
	FROM jsonb_array_elements(rows) WITH ORDINALITY AS t(r, i)
$$;

-- The same rows, in any order?
CREATE FUNCTION same_rows(a jsonb, b jsonb) RETURNS bool
LANGUAGE sql AS $$
	SELECT (SELECT array_agg(x::text ORDER BY x::text) FROM jsonb_array_elements(a) x)
		IS NOT DISTINCT FROM (SELECT array_agg(x::text ORDER BY x::text) FROM jsonb_array_elements(b) x)
$$;

-- Offset pages of 37 rows, and one page past the last: each is exactly the
-- slice of the local rows (for total orders; with ties, which of the tied
-- rows fall on a page is up to the plan, so only their keys are compared).
SELECT c.name,
       count(*) AS pages,
       count(*) FILTER (WHERE CASE WHEN c.total_order THEN got = want
                                   ELSE keys_of(got, c.keys) = keys_of(want, c.keys) END) AS same
FROM cases c,
     generate_series(1, 29) AS k,
     LATERAL (SELECT coalesce(jsonb_agg(p), '[]') AS got FROM paginate(c.q, k, 37) p) g,
     LATERAL (SELECT local_rows(c.q, (k - 1) * 37, 37) AS want) w
GROUP BY c.name ORDER BY c.name;

-- The metadata of a page.
SELECT page, per_page, total, total_is_exact, pages, has_prev, has_next, first_item, last_item
FROM paginate_meta('select id, created_at, region, amount from events order by created_at, id', 27, 37);

-- Keyset walks of 37 rows a page, forward and backward: every row exactly
-- once, in the query's order (the keys equal the local ones row by row), and
-- for total orders exactly the local rows in order.
SELECT c.name, d.backward, w.pages,
       jsonb_array_length(w.rows) AS rows,
       same_rows(w.rows, local_rows(c.q, 0, 100000)) AS same_rows,
       keys_of(w.rows, c.keys) = keys_of(local_rows(c.q, 0, 100000), c.keys) AS same_order,
       CASE WHEN c.total_order THEN w.rows = local_rows(c.q, 0, 100000) END AS identical
FROM cases c,
     (VALUES (false), (true)) AS d(backward),
     LATERAL walk(c.q, 37, d.backward) AS w
ORDER BY c.name, d.backward;

-- A query that reads one shard (partition pruning by a parameter).
SELECT jsonb_agg(p) = local_rows('select id, created_at, region, amount from events where region = ''eu'' order by id', 20, 10) AS same
FROM paginate('select id, created_at, region, amount from events where region = $1 order by id',
              3, 10, params => array['eu']) p;

-- What paginate runs, without costs (paginate_explain).
CREATE FUNCTION plan(q text, page int DEFAULT NULL, after text DEFAULT NULL,
                     params text[] DEFAULT NULL, count text DEFAULT 'none')
RETURNS SETOF text
LANGUAGE sql AS $$
	SELECT regexp_replace(line, '\s+\(cost=[^)]*\)', '')
	FROM paginate_explain(q, page, 10, after, NULL, params, count) AS line
$$;

-- An offset page over both shards: each shard sorts its rows, the main
-- server merges them (Merge Append) and stops after the page (Limit).
SELECT plan('select id, created_at, region, amount from events order by created_at, id', 3);
-- The count: a count(*) over the rows of both shards.
SELECT plan('select id, created_at, region, amount from events order by created_at, id', 3, count => 'exact');
-- The page after a cursor: the keyset condition on the keys.
SELECT plan('select id, created_at, region, amount from events order by created_at, id',
            after => (SELECT end_cursor FROM paginate_meta(
                'select id, created_at, region, amount from events order by created_at, id', 3, 10)));
-- One shard, pruned by the parameter.
SELECT plan('select id, created_at, region, amount from events where region = $1 order by id', 3,
            params => array['eu']);

-- What postgres_fdw sends to the shards for the statements paginate runs:
-- auto_explain logs their plans, VERBOSE, so with each Foreign Scan's Remote
-- SQL, to the server log, and remote_sql reads those lines back.
LOAD 'auto_explain';
SET auto_explain.log_min_duration = 0;
SET auto_explain.log_nested_statements = on;
SET auto_explain.log_verbose = on;
CREATE FUNCTION log_size() RETURNS bigint
LANGUAGE sql AS $$ SELECT (pg_stat_file(current_setting('data_directory') || '/../log')).size $$;
CREATE FUNCTION remote_sql(since bigint) RETURNS SETOF text
LANGUAGE sql AS $$
	SELECT DISTINCT m[1]
	FROM regexp_matches(pg_read_file(current_setting('data_directory') || '/../log',
									 since, log_size() - since),
						'Remote SQL: ([^\n]*)', 'g') AS m
	ORDER BY 1
$$;

-- An offset page over both shards: ORDER BY goes to each shard; LIMIT and
-- OFFSET stay on the main server, above the Merge Append and the sort of
-- tied rows by their hash.
SELECT log_size() AS since \gset
SELECT count(*) FROM paginate('select id, created_at, region, amount from events order by created_at, id', 3, 10);
SELECT * FROM remote_sql(:since);
-- The page after a cursor: each range goes to the shards as its WHERE
-- (created_at later than the cursor's; or it equal and id later; ... down
-- to the bytes of amount), one key at a time: a query that reads foreign
-- tables gets no row comparisons, which postgres_fdw would not send.  The
-- rows can be copies (no unique key), so the page is planned for the
-- cursor's values, which the remote statements show.
SELECT end_cursor AS cursor FROM paginate_meta(
    'select id, created_at, region, amount from events order by created_at, id', 3, 10) \gset
SELECT log_size() AS since \gset
SELECT count(*) FROM paginate('select id, created_at, region, amount from events order by created_at, id',
                              after => :'cursor', per_page => 10);
SELECT * FROM remote_sql(:since);
-- One shard, pruned by the parameter: the WHERE and ORDER BY go to it, the
-- LIMIT does not (see the end).
SELECT log_size() AS since \gset
SELECT count(*) FROM paginate('select id, created_at, region, amount from events where region = $1 order by id',
                              3, 10, params => array['eu']);
SELECT * FROM remote_sql(:since);
-- The count: PostgreSQL 15 pushes no count(*) to the shards; each sends a
-- row (SELECT NULL) for each of its rows and the main server counts them.
SELECT log_size() AS since \gset
SELECT total FROM paginate_meta('select id, created_at, region, amount from events order by created_at, id', 1, 10);
SELECT * FROM remote_sql(:since);
-- A foreign table read directly, not through the partitioned table: the
-- same, ORDER BY only.
SELECT log_size() AS since \gset
SELECT count(*) FROM paginate('select id, created_at, region, amount from events_eu order by id', 3, 10);
SELECT * FROM remote_sql(:since);
RESET auto_explain.log_min_duration;
-- paginate's page is a LIMIT above the query, which stays a subquery (it
-- has an ORDER BY); postgres_fdw pushes a LIMIT only when it is on the
-- foreign scan's own query level, so no LIMIT reaches a shard.  The shard
-- sorts its rows (or reads them by index), and the main server reads them
-- through a cursor, fetch_size (100) rows at a time, and stops after the
-- page.  By hand, the flat query gets its LIMIT pushed, the wrapped one not:
EXPLAIN (VERBOSE, COSTS OFF)
select id, created_at, region, amount from events_eu order by id limit 11 offset 20;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT * FROM (select id, created_at, region, amount from events_eu order by id) paginate_rows
LIMIT 11 OFFSET 20;

DROP FUNCTION plan, local_rows, walk, keys_of, same_rows, log_size, remote_sql;
DROP TABLE cases;
