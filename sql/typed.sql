-- Typed rows: paginate_as(rowtype, query, ...) returns setof rowtype.
CREATE SCHEMA typed_test;
SET search_path TO typed_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 2, 10);
SELECT * FROM paginate_as(NULL::users, 'select * from users order by username', 1, 5);

-- paginate is the jsonb form alone: calls whose arguments have no type yet,
-- as drivers send them ($1, $2, $3 with unknown types) and NULL pages in
-- psql, mean it, never an ambiguity between two forms.
PREPARE untyped AS SELECT * FROM paginate($1, $2, $3);
EXECUTE untyped('select id, username from users order by id', 3, 2);
EXECUTE untyped('select id, username from users order by id', NULL, 2);
DEALLOCATE untyped;
SELECT * FROM paginate('select id from users order by id', NULL, 3);
SELECT * FROM paginate('select id from users order by id', NULL, NULL);
-- the old typed spelling is no function now (undefined_function; its
-- message's wording differs between PostgreSQL versions)
DO $$
BEGIN
	PERFORM * FROM paginate(NULL::typed_test.users, 'select * from typed_test.users order by id', 1, 2);
EXCEPTION WHEN undefined_function THEN
	RAISE NOTICE 'paginate(NULL::users, ...): %', SQLSTATE;
END $$;

-- Column names come from the rowtype, values by position.
SELECT * FROM paginate_as(NULL::users, 'select id, email as a, username as b from users order by id', 1, 2);

-- A composite type of its own.
CREATE TYPE brief AS (id integer, name varchar(80));
SELECT * FROM paginate_as(NULL::brief, 'select id, username from users order by id desc', 1, 3);

-- A scalar type for a query of one column.
SELECT * FROM paginate_as(NULL::integer, 'select id from users order by id', 5, 3);
SELECT * FROM paginate_as(NULL::text, 'select ''a'' || g from generate_series(1, 5) g order by g', 2, 2);

-- Functions returning the rows of a table, as an API would write them.
CREATE FUNCTION users_page(page integer, per_page integer) RETURNS SETOF users
LANGUAGE sql STABLE AS $$
	SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', page, per_page)
$$;
SELECT * FROM users_page(20, 5);
SELECT * FROM users_page(21, 5);

-- A table with a dropped column still takes the query's rows.
ALTER TABLE users ADD COLUMN gone int, ADD COLUMN joined date DEFAULT '2024-01-01';
ALTER TABLE users DROP COLUMN gone;
SELECT * FROM paginate_as(NULL::users, 'select * from users order by id', 1, 2);
SELECT * FROM paginate_as(NULL::users, 'select id, username, email, joined + 1 from users order by id', 1, 2);

-- Columns that do not match the rowtype name the column and both types.
SELECT * FROM paginate_as(NULL::users, 'select id, username from users order by id');
SELECT * FROM paginate_as(NULL::users, 'select id, username, email, joined, 1 from users order by id');
SELECT * FROM paginate_as(NULL::users, 'select id, username::text, email, joined from users order by id');
SELECT * FROM paginate_as(NULL::users, 'select id::bigint, username, email, joined from users order by id');
SELECT * FROM paginate_as(NULL::integer, 'select id, username from users order by id');
SELECT * FROM paginate_as(NULL::integer, 'select username from users order by id');

DROP SCHEMA typed_test CASCADE;
RESET search_path;
