-- Offset paging: the rows of a page, as jsonb objects.
CREATE SCHEMA offset_test;
SET search_path TO offset_test, public;

-- the users of the Flask-SQLAlchemy tutorial
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/fixtures/users.sql

-- Exactly as the README writes it.
SELECT * FROM paginate('select * from users order by id', 2, 10);

-- Page 3 of 5, like GET /users?page=3&per_page=5.
SELECT * FROM paginate('select id, username from users order by id', 3, 5);

-- Sorted by username, as the tutorial's /users/sorted.
SELECT * FROM paginate('select username from users order by username', 1, 5);

-- Default page is 1; default per_page is paginate.default_per_page (10).
SELECT count(*), min((r->>'id')::int), max((r->>'id')::int)
FROM paginate('select id from users order by id') r;
SET paginate.default_per_page = 3;
SELECT * FROM paginate('select id from users order by id');
RESET paginate.default_per_page;

-- The last page holds what is left; a page past it is empty.
SELECT * FROM paginate('select id from users order by id', 34, 3);
SELECT * FROM paginate('select id from users order by id', 35, 3);
SELECT * FROM paginate('select id from users order by id', 2147483647, 100);

-- Concatenating every page gives the whole query, in order.
SELECT array_agg((r->>'id')::int ORDER BY p, ord) = array(SELECT id FROM users ORDER BY id DESC) AS all_rows
FROM generate_series(1, 15) p,
	LATERAL paginate('select id from users order by id desc', p, 7) WITH ORDINALITY AS t(r, ord);

-- per_page above paginate.max_per_page is lowered to it.
SELECT count(*) FROM paginate('select id from users order by id', 1, 1000);
SET paginate.max_per_page = 0;
SELECT count(*) FROM paginate('select id from users order by id', 1, 1000);
RESET paginate.max_per_page;

-- Any SELECT: VALUES, TABLE, set operations, WITH, joins, aggregates.
SELECT * FROM paginate('values (3, ''c''), (1, ''a''), (2, ''b'') order by 1', 1, 2);
SELECT * FROM paginate('table users order by id', 20, 5);
SELECT * FROM paginate('select 1 as n union all select 2 union all select 3 order by n desc', 2, 2);
SELECT * FROM paginate('with top as (select * from users where id <= 3) select username from top order by id desc', 1, 10);
SELECT * FROM paginate('select length(username) as len, count(*) from users group by 1 order by 1', 1, 10);
SELECT * FROM paginate('select u.id, v.id as next from users u join users v on v.id = u.id + 1 order by u.id', 99, 1);

-- A query with its own LIMIT and OFFSET is paged within them.
SELECT * FROM paginate('select id from users order by id limit 7 offset 10', 2, 5);

-- DISTINCT ON keeps its ORDER BY.
SELECT * FROM paginate('select distinct on (length(username)) length(username) as len, username from users order by length(username), username desc', 1, 5);

-- Trailing semicolon and comments are fine.
SELECT * FROM paginate('/* first */ select id from users -- comment
order by id; -- done', 1, 2);

-- Column names become keys, whatever they are; values keep their JSON types.
SELECT * FROM paginate($$select 1 as "Mixed Case", 'x' as "quote""d", null::int as nothing, true as yes, 1.50::numeric as price, '{"a": [1]}'::jsonb as doc, array[1,2] as arr order by 1$$);

-- Rows can be wide and the page large: a page of 100 rows of 1,000 characters.
SELECT count(*), sum(length(r->>'pad')) FROM paginate('select i, repeat(''x'', 1000) as pad from generate_series(1, 1000) i order by i', 3, 100) r;

-- A query with no rows has an empty first page.
SELECT * FROM paginate('select id from users where false order by id');

-- From the select list, in a lateral join and in a PL/pgSQL function.
SELECT paginate('select id from users order by id', 1, 2);
CREATE FUNCTION user_page(p int) RETURNS SETOF jsonb LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY SELECT * FROM paginate('select id, username from users order by id', p, 2);
END $$;
SELECT * FROM user_page(4);

DROP SCHEMA offset_test CASCADE;
RESET search_path;
