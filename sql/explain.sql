-- paginate_explain: the EXPLAIN of every statement a call runs.
CREATE SCHEMA explain_test;
SET search_path TO explain_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

-- Costs vary; the plans' shapes do not.
CREATE FUNCTION shape(query text, page int DEFAULT 1, per_page int DEFAULT 10,
	params text[] DEFAULT NULL, count text DEFAULT NULL)
RETURNS SETOF text LANGUAGE sql AS $$
	SELECT regexp_replace(line, '  \(cost=.*\)$', '')
	FROM paginate_explain(query, page, per_page, params => params, count => count) line
$$;

-- The exact count of an ordered query neither sorts nor walks an index in
-- order: its ORDER BY is gone.  The page keeps it.
SELECT * FROM shape('select * from users order by username', 3);

-- A LIMIT depends on the order, so its count keeps the ORDER BY.
SELECT * FROM shape('select * from users order by username limit 20', 1);

-- Each count mode runs its own statement.
SELECT * FROM shape('select * from users order by id', 2, 5, count => 'none');
SELECT * FROM shape('select * from users order by id', 2, 5, count => 'planned');
SELECT * FROM shape('select * from users order by id', 2, 5, count => 'estimated');

-- Parameters are bound, never pasted: a generic plan shows them as $n.
SET plan_cache_mode = force_generic_plan;
SELECT * FROM shape('select * from users where id > $1 order by id', 2, 5, params => array['10']);
SET plan_cache_mode = force_custom_plan;
SELECT * FROM shape('select * from users where id > $1 order by id', 2, 5, params => array['10']);
RESET plan_cache_mode;

-- The same argument checks as every other function.
SELECT * FROM paginate_explain('delete from users');
SELECT * FROM paginate_explain('select * from users order by id', 0);

DROP SCHEMA explain_test CASCADE;
RESET search_path;
