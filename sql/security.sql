-- The query runs as the caller: privileges and row-level security apply.
CREATE SCHEMA security_test;
SET search_path TO security_test, public;

CREATE TABLE secrets (id int PRIMARY KEY, owner text, note text);
INSERT INTO secrets
SELECT i, CASE WHEN i % 3 = 0 THEN 'paginate_alice' ELSE 'paginate_bob' END, 'note ' || i
FROM generate_series(1, 30) i;

CREATE ROLE paginate_alice;
CREATE ROLE paginate_nobody;
GRANT USAGE ON SCHEMA security_test TO paginate_alice, paginate_nobody;
GRANT SELECT ON secrets TO paginate_alice;

-- Without SELECT, every function is refused.
SET ROLE paginate_nobody;
SELECT * FROM paginate('select * from secrets order by id');
SELECT * FROM paginate_as(NULL::secrets, 'select * from secrets order by id');
SELECT * FROM paginate_edges(NULL::secrets, 'select * from secrets order by id');
SELECT * FROM paginate_meta('select * from secrets order by id');
SELECT * FROM paginate_response('select * from secrets order by id');
SELECT * FROM paginate_meta('select * from secrets order by id', count => 'planned');
-- Column privileges too.
RESET ROLE;
GRANT SELECT (id) ON secrets TO paginate_nobody;
SET ROLE paginate_nobody;
SELECT * FROM paginate('select id from secrets order by id', 1, 2);
SELECT * FROM paginate('select id, note from secrets order by id', 1, 2);
RESET ROLE;

-- Row-level security filters the page and the total alike.
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON secrets FOR SELECT USING (owner = current_user);
SET ROLE paginate_alice;
SELECT count(*) FROM secrets;
SELECT * FROM paginate('select id, owner from secrets order by id', 2, 4);
SELECT (e.node).id, (e.node).owner FROM paginate_edges(NULL::secrets, 'select * from secrets order by id', 2, 4) e;
SELECT total, pages, has_next FROM paginate_meta('select * from secrets order by id', 1, 4);
SELECT paginate_response('select id from secrets order by id', 3, 4, count => 'exact');
RESET ROLE;
-- The table owner is not subject to its policies.
SELECT total FROM paginate_meta('select * from secrets order by id');

-- What paginate adds around a query resolves to the operators it chose
-- when it described the query.  A role with CREATE on the schema of a key's
-- operators (citext's, here) creates operators on the key's domain there,
-- after a SECURITY DEFINER function has paged by that key once: PostgreSQL
-- analyses the cached statements again, and their operators must still be
-- citext's (each compares operands cast to exactly its input types), not
-- the newer ones on the domain.
CREATE SCHEMA security_ext;
CREATE EXTENSION citext SCHEMA security_ext;
CREATE DOMAIN email AS security_ext.citext;
CREATE TABLE users (id int PRIMARY KEY, email email NOT NULL);
INSERT INTO users SELECT i, 'User' || i || '@example.com' FROM generate_series(1, 6) i;
CREATE FUNCTION second_page() RETURNS SETOF jsonb
LANGUAGE sql SECURITY DEFINER SET search_path = security_test, pg_catalog AS $$
	SELECT * FROM public.paginate('select email, id from users order by email', per_page => 2,
		after => (SELECT end_cursor FROM public.paginate_meta('select email, id from users order by email', 1, 2)))
$$;
SELECT * FROM second_page();
CREATE ROLE paginate_attacker;
GRANT USAGE ON SCHEMA security_test TO paginate_attacker;
GRANT USAGE, CREATE ON SCHEMA security_ext TO paginate_attacker;
SET ROLE paginate_attacker;
CREATE TABLE security_ext.spied (who name, op text);
GRANT INSERT ON security_ext.spied TO PUBLIC;
CREATE FUNCTION security_ext.spy(a security_test.email, b security_test.email) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO security_ext.spied VALUES (current_user, 'compare');
	RETURN a::text < b::text;
END $$;
CREATE OPERATOR security_ext.< (LEFTARG = security_test.email, RIGHTARG = security_test.email, FUNCTION = security_ext.spy);
CREATE OPERATOR security_ext.> (LEFTARG = security_test.email, RIGHTARG = security_test.email, FUNCTION = security_ext.spy);
CREATE OPERATOR security_ext.= (LEFTARG = security_test.email, RIGHTARG = security_test.email, FUNCTION = security_ext.spy);
CREATE OPERATOR security_ext.<= (LEFTARG = security_test.email, RIGHTARG = security_test.email, FUNCTION = security_ext.spy);
CREATE OPERATOR security_ext.>= (LEFTARG = security_test.email, RIGHTARG = security_test.email, FUNCTION = security_ext.spy);
RESET ROLE;
-- ... and, with CREATE on the schema first in the function's search_path,
-- the functions and operators paginate's statements use around the query
-- (the count, limit + offset, the id tiebreak's comparisons).
GRANT CREATE ON SCHEMA security_test TO paginate_attacker;
SET ROLE paginate_attacker;
CREATE FUNCTION security_test.spy_int(a int, b int) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO security_ext.spied VALUES (current_user, 'int compare');
	RETURN a < b;
END $$;
CREATE FUNCTION security_test.spy_plus(a bigint, b bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO security_ext.spied VALUES (current_user, 'plus');
	RETURN a + b;
END $$;
CREATE FUNCTION security_test.spy_count(n bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO security_ext.spied VALUES (current_user, 'count');
	RETURN n + 1;
END $$;
CREATE AGGREGATE security_test.count(*) (SFUNC = security_test.spy_count, STYPE = bigint, INITCOND = '0');
CREATE OPERATOR security_test.+ (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = security_test.spy_plus);
CREATE OPERATOR security_test.< (LEFTARG = int, RIGHTARG = int, FUNCTION = security_test.spy_int);
CREATE OPERATOR security_test.> (LEFTARG = int, RIGHTARG = int, FUNCTION = security_test.spy_int);
CREATE OPERATOR security_test.= (LEFTARG = int, RIGHTARG = int, FUNCTION = security_test.spy_int);
CREATE OPERATOR security_test.<= (LEFTARG = int, RIGHTARG = int, FUNCTION = security_test.spy_int);
CREATE OPERATOR security_test.>= (LEFTARG = int, RIGHTARG = int, FUNCTION = security_test.spy_int);
RESET ROLE;
SELECT * FROM second_page();
SELECT total FROM paginate_meta('select email, id from users order by email', 2, 2);
SELECT * FROM paginate('select email, id from users order by email', per_page => 2,
	before => (SELECT start_cursor FROM paginate_meta('select email, id from users order by email', 3, 2)));
SELECT pg_catalog.count(*) AS spied FROM security_ext.spied;
DROP SCHEMA security_ext CASCADE;

-- The README's SECURITY DEFINER function: an API role that may not read the
-- table pages it through the function, with search_path pinned.
CREATE SCHEMA security_api;
CREATE TABLE security_api.accounts (id int PRIMARY KEY, email text NOT NULL);
INSERT INTO security_api.accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 7) g;
CREATE ROLE paginate_api;
GRANT USAGE ON SCHEMA security_api TO paginate_api;
CREATE FUNCTION security_api.accounts_page(after text DEFAULT NULL, per_page int DEFAULT 20)
RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT public.paginate_response('select id, email from security_api.accounts order by id',
                                  after => after, per_page => per_page)
$$;
REVOKE ALL ON FUNCTION security_api.accounts_page(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION security_api.accounts_page(text, int) TO paginate_api;
SET ROLE paginate_api;
SELECT security_api.accounts_page(per_page => 3) -> 'items' AS page_1;
SELECT security_api.accounts_page(security_api.accounts_page(per_page => 3) -> 'pagination' ->> 'end_cursor', 3) -> 'items' AS page_2;
SELECT * FROM security_api.accounts;
RESET ROLE;
DROP SCHEMA security_api CASCADE;
DROP ROLE paginate_api;

DROP SCHEMA security_test CASCADE;
DROP ROLE paginate_alice;
DROP ROLE paginate_nobody;
DROP ROLE paginate_attacker;
