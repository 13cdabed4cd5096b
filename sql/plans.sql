-- Plans reused: a page statement planned for each call's values runs its
-- generic plan once three custom plans in a row have had that plan's shape;
-- where the values change the plan, it keeps planning per call.
CREATE SCHEMA plans_test;
SET search_path TO plans_test, public;

-- rows in the order of the index: the same plan at every offset
CREATE TABLE ordered (id int PRIMARY KEY, created_at timestamptz NOT NULL, title text);
INSERT INTO ordered
SELECT g, '2024-01-01 00:00:00+00'::timestamptz + (g / 3) * interval '1 minute', 'row ' || g
FROM generate_series(1, 5000) g;
CREATE INDEX ON ordered (created_at, id);
-- rows scattered over the index: a tenth of them is cheaper sorted
CREATE TABLE scattered (id int PRIMARY KEY, score int NOT NULL, pad text);
INSERT INTO scattered SELECT g, (g * 7919) % 5000, repeat('x', 200) FROM generate_series(1, 5000) g;
CREATE INDEX ON scattered (score, id);
ANALYZE ordered;
ANALYZE scattered;

-- Each of the first eight pages equals the whole query's rows there, those
-- read by the generic plan too.
SELECT g AS page,
	(SELECT array_agg((r->>'id')::int) FROM paginate('select * from ordered order by created_at, id', g, 7) r)
	= (SELECT array_agg(id) FROM (SELECT id FROM ordered ORDER BY created_at, id LIMIT 7 OFFSET (g - 1) * 7) s) AS same
FROM generate_series(1, 8) g;
-- three custom plans, then the generic one
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query = 'select * from ordered order by created_at, id';

-- paginate_response's page likewise; its exact count is PostgreSQL's to plan.
SELECT count(*) FROM generate_series(1, 5) g,
	paginate_response('select id from ordered order by created_at, id', g, 10);
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query = 'select id from ordered order by created_at, id'
ORDER BY statement;

-- Deep pages: the same generic plan (an index scan under the Limit).
SELECT g AS page,
	(SELECT array_agg((r->>'id')::int) FROM paginate('select * from ordered order by created_at, id', g, 10) r)
	= (SELECT array_agg(id) FROM (SELECT id FROM ordered ORDER BY created_at, id LIMIT 10 OFFSET (g - 1) * 10) s) AS same
FROM generate_series(300, 305) g;
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query = 'select * from ordered order by created_at, id'
ORDER BY statement;

-- Where a tenth of the rows (what a generic plan is made for) is cheaper
-- sorted and a page is cheaper by the index, every call plans its page.
-- Pages after a cursor, under a sort whose first key ties (three rows a
-- minute): each page equals the whole query's rows after the cursor,
-- whichever plan read it.
CREATE FUNCTION walk_after(query text, per_page int, pages int)
RETURNS TABLE (page int, same boolean) LANGUAGE plpgsql AS $$
DECLARE
	cursor text;
	got int[];
	seen int := 0;
BEGIN
	FOR n IN 1 .. pages LOOP
		page := n;
		SELECT array_agg((r->>'id')::int) INTO got
		FROM paginate(query, CASE WHEN cursor IS NULL THEN 1 END, per_page, after => cursor) r;
		SELECT got = array_agg(id) INTO same
		FROM (SELECT id FROM ordered ORDER BY created_at, title, id LIMIT per_page OFFSET seen) s;
		seen := seen + per_page;
		cursor := (paginate_meta(query, per_page => per_page, after => cursor,
			page => CASE WHEN cursor IS NULL THEN 1 END)).end_cursor;
		RETURN NEXT;
	END LOOP;
END
$$;
SELECT * FROM walk_after('select * from ordered order by created_at, title, id', 9, 7);
SELECT statement, generic_plans > 0 AS generic
FROM paginate_cache() WHERE query = 'select * from ordered order by created_at, title, id'
ORDER BY statement;

-- Late row lookup (keys first, then their rows by primary key) joins the
-- keys of a page otherwise than a tenth of the rows: planned per call too.
SELECT g AS page,
	(SELECT array_agg((r->>'id')::int) FROM paginate('select * from scattered order by score, id', g, 10) r)
	= (SELECT array_agg(id) FROM (SELECT id FROM scattered ORDER BY score, id LIMIT 10 OFFSET (g - 1) * 10) s) AS same
FROM generate_series(150, 155) g;
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query = 'select * from scattered order by score, id';
SET random_page_cost = 100;
SELECT count(*) FROM generate_series(1, 5) g,
	paginate('select * from scattered order by score, id', g, 10);
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query = 'select * from scattered order by score, id'
ORDER BY statement;
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS line
FROM paginate_explain('select * from scattered order by score, id', 2, 10, count => 'none') line
WHERE line NOT LIKE '--%';
RESET random_page_cost;

-- Where the query's own parameter changes the plan (a condition that folds
-- away for the value), likewise.
SELECT count(*) FROM generate_series(1, 5) g,
	paginate('select * from ordered where $1::int is null or id >= $1 order by created_at, id', g, 10,
			 params => array['100']);
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query LIKE '%$1::int is null%';

-- plan_cache_mode decides where it is set: custom plans every call, or a
-- generic plan from the first.
SET plan_cache_mode = force_custom_plan;
SELECT count(*) FROM generate_series(1, 5) g,
	paginate('select id, title from ordered order by created_at, id', g, 10);
SET plan_cache_mode = force_generic_plan;
SELECT count(*) FROM generate_series(1, 5) g,
	paginate('select id, created_at from ordered order by created_at, id', g, 10);
RESET plan_cache_mode;
SELECT query, generic_plans, custom_plans
FROM paginate_cache() WHERE query LIKE 'select id, % from ordered order by created_at, id'
ORDER BY query;

-- A change to the table makes the statements anew, and the choice with them.
CREATE INDEX ON ordered (title);
SELECT count(*) FROM paginate('select * from ordered order by created_at, id', 1, 7);
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query = 'select * from ordered order by created_at, id';

DROP SCHEMA plans_test CASCADE;
RESET search_path;
