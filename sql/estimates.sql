-- The planner's row estimate for paginate (2.0): a page has per_page rows at
-- most, after the default and the cap, so it is planned as that many rows
-- (without the support function, as the 1000 rows of any set-returning
-- function).  paginate itself is not run by EXPLAIN.
CREATE TABLE est_users (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO est_users SELECT g, 'user' || g FROM generate_series(1, 20000) g;
CREATE TABLE est_orders (id integer PRIMARY KEY, user_id integer NOT NULL);
INSERT INTO est_orders SELECT g, 1 + g % 20000 FROM generate_series(1, 200000) g;
CREATE INDEX ON est_orders (user_id);
ANALYZE est_users, est_orders;

-- The rows the planner expects of a statement's top plan node.
CREATE FUNCTION planned_rows(statement text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || statement INTO plan;
	RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END
$$;

-- per_page as given, left out (paginate.default_per_page), NULL (the same),
-- in named notation, and for the typed form.
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id', 2, 25)$$);
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id')$$);
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id', 2, NULL)$$);
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id', per_page => 40, after => NULL)$$);
SELECT planned_rows($$SELECT * FROM paginate_as(NULL::est_users, 'select * from est_users order by id', 3, 7)$$);
SELECT planned_rows($$SELECT * FROM paginate_edges(NULL::est_users, 'select * from est_users order by id', 3, 6)$$);
SELECT planned_rows($$SELECT paginate('select * from est_users order by id', 1, 5)$$);
SET paginate.default_per_page = 30;
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id')$$);
RESET paginate.default_per_page;

-- Above paginate.max_per_page a page is lowered to the cap; with no cap it
-- is as big as asked.
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id', 1, 5000)$$);
SET paginate.max_per_page = 0;
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id', 1, 5000)$$);
RESET paginate.max_per_page;

-- per_page below 1 is an error when the call runs; planned as one row.
SELECT planned_rows($$SELECT * FROM paginate('select * from est_users order by id', 1, 0)$$);

-- A per_page that is a parameter of a generic plan (a driver's prepared
-- statement) is taken for the default page size, 10 here: the generic plan
-- then costs what the custom ones do, and PostgreSQL keeps it after five.
-- A custom plan reads the value.
PREPARE est_page(integer) AS
	SELECT * FROM paginate('select * from est_users order by id', 1, $1);
SET plan_cache_mode = force_generic_plan;
SELECT planned_rows('EXECUTE est_page(5)');
RESET plan_cache_mode;
SET plan_cache_mode = force_custom_plan;
SELECT planned_rows('EXECUTE est_page(5)');
RESET plan_cache_mode;
SELECT sum(planned_rows('EXECUTE est_page(5)')) FROM generate_series(1, 6);
SELECT generic_plans > 0 AS generic, custom_plans FROM pg_prepared_statements WHERE name = 'est_page';
DEALLOCATE est_page;
-- A column keeps the default estimate of a set-returning function.
SELECT planned_rows($$SELECT * FROM (VALUES (3), (4)) v(n), paginate('select * from est_users order by id', 1, v.n)$$);

-- What it changes: a page of users joined with their orders is a nested
-- loop over the page's few rows using the index, not a hash join over a scan
-- of every order.
EXPLAIN (COSTS OFF)
SELECT u.id, count(o.id)
  FROM paginate_as(NULL::est_users, 'select * from est_users order by id', 3, 10) u
  JOIN est_orders o ON o.user_id = u.id
 GROUP BY u.id;
SELECT u.id, count(o.id)
  FROM paginate_as(NULL::est_users, 'select * from est_users order by id', 3, 10) u
  JOIN est_orders o ON o.user_id = u.id
 GROUP BY u.id
 ORDER BY u.id;

DROP FUNCTION planned_rows(text);
DROP TABLE est_orders, est_users;
