-- The query cache: a query text is parsed and checked when a backend first
-- sees it and again when a table it reads is invalidated (DDL, ANALYZE); its statements follow DDL, search_path and the current role.
CREATE SCHEMA cache_test;
SET search_path TO cache_test, public;

CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 30) i;

-- Three calls with the same text: one entry, its statements planned per call.
SELECT count(*) FROM paginate('select * from items order by id', 1, 5);
SELECT count(*) FROM paginate('select * from items order by id', 2, 5);
SELECT total FROM paginate_meta('select * from items order by id', 2, 5);
SELECT query, calls, statement, generic_plans + custom_plans AS plans
FROM paginate_cache() WHERE query LIKE '%from items%' ORDER BY statement;

-- After five custom plans PostgreSQL may keep a generic one, as for PREPARE.
SET plan_cache_mode = force_generic_plan;
SELECT * FROM paginate('select * from items where id > $1 order by id', 1, 2, params => array['10']);
SELECT statement, generic_plans, custom_plans
FROM paginate_cache() WHERE query LIKE '%id > $1%';
RESET plan_cache_mode;

-- A column added between calls shows up.
ALTER TABLE items ADD COLUMN price numeric DEFAULT 9.5;
SELECT * FROM paginate('select * from items order by id', 1, 2);
SELECT * FROM paginate_as(NULL::items, 'select * from items order by id', 1, 2);
-- A column dropped between calls goes away; the typed form follows the table.
ALTER TABLE items DROP COLUMN price;
SELECT * FROM paginate('select * from items order by id', 1, 2);
SELECT * FROM paginate_as(NULL::items, 'select * from items order by id', 1, 2);

-- An index created and dropped between calls: the plan follows.
SELECT count(*) FROM paginate('select * from items order by name', 2, 5);
CREATE INDEX items_name ON items (name);
SET enable_seqscan = off;
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS line FROM paginate_explain('select * from items order by name', 2, 5, count => 'none') line
WHERE line LIKE '%Scan%';
DROP INDEX items_name;
SELECT regexp_replace(line, '  \(cost=.*\)$', '') AS line FROM paginate_explain('select * from items order by name', 2, 5, count => 'none') line
WHERE line LIKE '%Scan%' OR line LIKE '%Sort%';
RESET enable_seqscan;

-- The table dropped: the error is PostgreSQL's, in the query's text.
DROP TABLE items;
SELECT * FROM paginate('select * from items order by id', 1, 2);
-- ... and created again with other types.
CREATE TABLE items (id text PRIMARY KEY, name text NOT NULL);
INSERT INTO items VALUES ('b', 'bee'), ('a', 'ay'), ('c', 'sea');
SELECT * FROM paginate('select * from items order by id', 1, 2);
SELECT total FROM paginate_meta('select * from items order by id', 1, 2);

-- The same text under another search_path reads the other schema's table.
CREATE SCHEMA cache_other;
CREATE TABLE cache_other.items (id int, name text);
INSERT INTO cache_other.items VALUES (1, 'other');
SET search_path TO cache_other, public;
SELECT * FROM paginate('select * from items order by id', 1, 2);
SET search_path TO cache_test, public;
SELECT * FROM paginate('select * from items order by id', 1, 2);

-- The same text under another role: its privileges and policies apply.
CREATE ROLE paginate_reader;
GRANT USAGE ON SCHEMA cache_test TO paginate_reader;
GRANT SELECT ON items TO paginate_reader;
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
CREATE POLICY only_a ON items FOR SELECT TO paginate_reader USING (id = 'a');
SELECT total FROM paginate_meta('select * from items order by id');
SET ROLE paginate_reader;
SELECT total FROM paginate_meta('select * from items order by id');
SELECT * FROM paginate('select * from items order by id');
RESET ROLE;
REVOKE SELECT ON items FROM paginate_reader;
SET ROLE paginate_reader;
SELECT * FROM paginate('select * from items order by id');
RESET ROLE;

-- A function the query calls, replaced between calls.
CREATE FUNCTION label(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'v1:' || t $$;
SELECT * FROM paginate('select label(id) from items order by id', 1, 1);
CREATE OR REPLACE FUNCTION label(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'v2:' || t $$;
SELECT * FROM paginate('select label(id) from items order by id', 1, 1);

-- Parameter types are found once, as PREPARE finds them.
SELECT * FROM paginate('select id from items where id > $1 order by id', params => array['a']);

-- More distinct queries than the cache holds (256): all correct, and the
-- cache stays within its size inside the statement and the transaction.
CREATE FUNCTION held() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	RETURN (SELECT count(DISTINCT query) FROM paginate_cache());
END $$;
SELECT sum((SELECT (r->>'n')::int FROM paginate(format('select %s as n order by 1', i)) r)),
	max(held()) AS most_held
FROM generate_series(1, 400) i;
SELECT count(DISTINCT query) <= 256 AS trimmed FROM paginate_cache();
DO $$
DECLARE
	most int := 0;
BEGIN
	FOR i IN 1..600 LOOP
		PERFORM paginate_meta(format('select %s as n order by 1', i), 1, 1);
		most := greatest(most, held());
	END LOOP;
	RAISE NOTICE 'most entries held in one transaction: %', most;
END $$;
-- A call in use keeps its entry while the query itself makes 300 others,
-- and its rows, cursors and count stay right.
CREATE FUNCTION churn(n int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
	FOR i IN 1..300 LOOP
		PERFORM paginate_meta(format('select %s as n, %s as m order by 1', i, n), 1, 1);
	END LOOP;
	RETURN n;
END $$;
SELECT * FROM paginate_response('select id, churn(ascii(id)) as c from items order by id', 1, 2);
SELECT * FROM paginate('select id, churn(ascii(id)) as c from items order by id', per_page => 2,
	after => (SELECT end_cursor FROM paginate_meta('select id, churn(ascii(id)) as c from items order by id', 1, 2)));
-- ... also when errors leave calls behind (their pins go with their memory)
DO $$
BEGIN
	FOR i IN 1..300 LOOP
		BEGIN
			PERFORM paginate_meta(format('select %s / 0 as n order by 1', i), 1, 1);
		EXCEPTION WHEN division_by_zero THEN
			NULL;
		END;
	END LOOP;
	RAISE NOTICE 'entries after 300 failed calls: %', held();
END $$;

-- standard_conforming_strings changes how a text parses: cached apart.
-- (PostgreSQL 19 has it always on, and refuses off: cache_1.out)
SELECT * FROM paginate($$select 'a\\b' as s order by 1$$);
SET standard_conforming_strings = off;
SELECT * FROM paginate($$select 'a\\b' as s order by 1$$);
RESET standard_conforming_strings;

-- The session's first temporary table puts the temporary schema first in
-- the search path: the same text now reads the temporary table, with its own
-- columns and sort key position, and its cursors walk it.
CREATE TABLE shadowed (a int, id int PRIMARY KEY, b int);
INSERT INTO shadowed SELECT g, g, 1000 + g FROM generate_series(1, 50) g;
SELECT page, end_cursor IS NOT NULL AS has_cursor
  FROM paginate_meta('select * from shadowed order by id', 1, 10);
CREATE TEMP TABLE shadowed (id int PRIMARY KEY, b int);
INSERT INTO shadowed SELECT g, 2000 + g FROM generate_series(1, 50) g;
SELECT * FROM paginate('select * from shadowed order by id',
                       after => (SELECT end_cursor FROM paginate_meta('select * from shadowed order by id', 1, 10)),
                       per_page => 3);
DROP TABLE pg_temp.shadowed;
SELECT * FROM paginate('select * from shadowed order by id',
                       after => (SELECT end_cursor FROM paginate_meta('select * from shadowed order by id', 1, 10)),
                       per_page => 3);

-- A function returning a table's row type: a column dropped from the table
-- changes the function's rows, and the next call follows.
CREATE TABLE fn_rows (a int, id int PRIMARY KEY, b int);
INSERT INTO fn_rows SELECT g, g, 1000 + g FROM generate_series(1, 20) g;
CREATE FUNCTION fn_rows() RETURNS SETOF fn_rows LANGUAGE sql AS 'select * from fn_rows';
SELECT * FROM paginate('select * from fn_rows() order by id', 2, 2);
ALTER TABLE fn_rows DROP COLUMN a;
SELECT * FROM paginate('select * from fn_rows() order by id', 2, 2);

-- A function dropped and created again with other columns, the sort key
-- elsewhere and of another type: the next call describes the query afresh.
CREATE FUNCTION fn_table() RETURNS TABLE (a int, id int)
LANGUAGE sql AS 'select g, g from generate_series(1, 20) g';
SELECT * FROM paginate('select * from fn_table() order by id', 2, 2);
DROP FUNCTION fn_table();
CREATE FUNCTION fn_table() RETURNS TABLE (id int, b int)
LANGUAGE sql AS 'select g, 100 + g from generate_series(1, 20) g';
SELECT * FROM paginate('select * from fn_table() order by id', 2, 2);
DROP FUNCTION fn_table();
CREATE FUNCTION fn_table() RETURNS TABLE (id text, b int)
LANGUAGE sql AS 'select g::text, 100 + g from generate_series(1, 20) g';
SELECT * FROM paginate('select * from fn_table() order by id', 2, 2);
-- ... and the same called in the select list.
SELECT * FROM paginate('select (fn_table()).* order by id', 2, 2);
DROP FUNCTION fn_table();
CREATE FUNCTION fn_table() RETURNS TABLE (c int, id int)
LANGUAGE sql AS 'select g, g from generate_series(1, 20) g';
SELECT * FROM paginate('select (fn_table()).* order by id', 2, 2);

-- paginate_cache() shows a role the entries made under its own role, and
-- all of them to a role with the privileges of pg_read_all_stats.
CREATE ROLE paginate_owner;
CREATE ROLE paginate_snoop;
GRANT USAGE ON SCHEMA cache_test TO paginate_owner, paginate_snoop;
GRANT SELECT ON items TO paginate_owner;
CREATE FUNCTION owner_page() RETURNS SETOF jsonb LANGUAGE sql SECURITY DEFINER
SET search_path = cache_test, public
AS $$ SELECT * FROM paginate('select id from items where id <> ''secret literal'' order by id', 1, 1) $$;
ALTER FUNCTION owner_page() OWNER TO paginate_owner;
GRANT EXECUTE ON FUNCTION owner_page() TO paginate_snoop;
SELECT count(*) FROM paginate('select id from items where id <> ''superuser literal'' order by id', 1, 1);
SET ROLE paginate_snoop;
SELECT * FROM owner_page();
SELECT count(*) FROM paginate('select ''snoop own'' as q order by 1', 1, 1);
SELECT query FROM paginate_cache() ORDER BY query;
RESET ROLE;
SET ROLE paginate_owner;
SELECT DISTINCT query FROM paginate_cache() ORDER BY query;
RESET ROLE;
GRANT pg_read_all_stats TO paginate_snoop;
SET ROLE paginate_snoop;
SELECT DISTINCT query FROM paginate_cache() WHERE query LIKE '%literal%' OR query LIKE '%snoop%' ORDER BY query;
RESET ROLE;
SELECT DISTINCT query FROM paginate_cache() WHERE query LIKE '%literal%' OR query LIKE '%snoop%' ORDER BY query;

-- ANALYZE updates the table's pg_class row: the relcache
-- invalidation makes the entry stale, and the next call describes the query
-- afresh, in a new entry (its calls count from 1 again).
SELECT count(*) FROM paginate('select * from items order by id', 1, 5);
SELECT count(*) FROM paginate('select * from items order by id', 2, 5);
SELECT DISTINCT calls >= 2 AS used_twice FROM paginate_cache() WHERE query = 'select * from items order by id' AND order_by IS NULL;
ANALYZE items;
SELECT count(*) FROM paginate('select * from items order by id', 1, 5);
SELECT DISTINCT calls FROM paginate_cache() WHERE query = 'select * from items order by id' AND order_by IS NULL;

DROP SCHEMA cache_test CASCADE;
DROP SCHEMA cache_other CASCADE;
DROP ROLE paginate_reader;
DROP ROLE paginate_owner;
DROP ROLE paginate_snoop;
RESET search_path;
