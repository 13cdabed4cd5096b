-- Bad arguments and rejected queries: each a clear error, and nothing run.
CREATE SCHEMA errors_test;
SET search_path TO errors_test, public;

CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT i, 'v' || i FROM generate_series(1, 5) i;

-- Arguments.
SELECT * FROM paginate(NULL);
SELECT * FROM paginate_meta(NULL);
SELECT * FROM paginate_response(NULL);
SELECT * FROM paginate_as(NULL::t, NULL);
SELECT * FROM paginate('select * from t order by id', 0);
SELECT * FROM paginate('select * from t order by id', -3);
SELECT * FROM paginate('select * from t order by id', 1, 0);
SELECT * FROM paginate('select * from t order by id', 1, -1);
-- page and per_page are bigint: any integer type is taken, but past int4
-- they are an error that names them.
SELECT * FROM paginate('select * from t order by id', 2147483648);
SELECT * FROM paginate_meta('select * from t order by id', 1, 9223372036854775807);
SELECT * FROM paginate_as(NULL::t, 'select * from t order by id', -9223372036854775808);
SELECT count(*) FROM paginate('select * from t order by id', 2::smallint, 2::bigint);
SELECT * FROM paginate_meta('select * from t order by id', count => 'exactly');
SELECT * FROM paginate_response('select * from t order by id', count => '');
SELECT * FROM paginate('select * from t order by id', after => 'abc', before => 'def');
SELECT * FROM paginate('select * from t order by id', 2, after => 'abc');
SELECT * FROM paginate_meta('select * from t order by id', 1, before => 'abc');
-- A cursor must be one this server made for the query (see cursors.sql).
SELECT * FROM paginate('select * from t order by id', after => 'abc');
SELECT * FROM paginate_response('select * from t order by id', before => 'abc');

-- NULL page, per_page and count mean their defaults.
SELECT count(*) FROM paginate('select * from t order by id', NULL::int, NULL::int, NULL::text, NULL::text, NULL::text[]);
SELECT page, per_page, total FROM paginate_meta('select * from t order by id', NULL, NULL, NULL, NULL, NULL, NULL);

-- Empty queries and more than one statement.
SELECT * FROM paginate('');
SELECT * FROM paginate('   ;  ');
SELECT * FROM paginate('-- only a comment');
SELECT * FROM paginate('select 1; select 2');
SELECT * FROM paginate('select * from t order by id; delete from t');

-- Statements that are not queries, even with RETURNING.
SELECT * FROM paginate('insert into t values (6, ''x'') returning *');
SELECT * FROM paginate('update t set v = ''x'' returning *');
SELECT * FROM paginate('delete from t returning *');
SELECT * FROM paginate('merge into t using (select 1 as id) s on t.id = s.id when matched then delete');
SELECT * FROM paginate('create table t2 (a int)');
SELECT * FROM paginate('drop table t');
SELECT * FROM paginate('truncate t');
SELECT * FROM paginate('vacuum t');
SELECT * FROM paginate('set work_mem = ''1GB''');
SELECT * FROM paginate('explain select * from t');
SELECT * FROM paginate('copy t to stdout');
SELECT * FROM paginate('call nothing()');
SELECT * FROM paginate('select * into t3 from t');
SELECT * FROM paginate('with d as (delete from t returning *) select * from d order by id');
SELECT * FROM paginate('with i as (insert into t values (7, ''x'') returning *) select * from i');
SELECT * FROM paginate('select * from t order by id for update');
SELECT * FROM paginate('select * from t order by id for no key update');
SELECT * FROM paginate('select * from t order by id for share');
SELECT * FROM paginate('select * from t order by id for key share skip locked');
SELECT * FROM paginate('select * from (select * from t for update) s order by id');
SELECT * FROM paginate('select * from t where id in (select id from t for share) order by id');
SELECT * FROM paginate_meta('delete from t returning *');
SELECT * FROM paginate_response('select * from t order by id for update');

-- A view that locks rows: seen once the view is expanded, before it runs.
CREATE VIEW locking AS SELECT * FROM t FOR UPDATE;
SELECT * FROM paginate('select * from locking order by id');
SELECT * FROM paginate_meta('select * from locking order by id', count => 'planned');

-- Two output columns with one name cannot both be keys of a JSON object;
-- the typed form has no such problem.
SELECT * FROM paginate('select 1 as a, 2 as a order by 1');
SELECT * FROM paginate_response('select a.id, b.id from t a join t b using (id) order by 1');
CREATE TYPE pair AS (x int, y int);
SELECT * FROM paginate_as(NULL::pair, 'select a.id, b.id from t a join t b using (id) order by 1', 1, 2);

-- Nothing was changed or created by any of them.
SELECT count(*) AS rows_left, min(v), max(v) FROM t;
SELECT count(*) AS new_tables FROM pg_class WHERE relname IN ('t2', 't3');
SHOW work_mem;

-- Text that tries to break out of a subquery is a syntax error, nothing more.
SELECT * FROM paginate('select 1) s; drop table t; --');
SELECT * FROM paginate('select * from t order by id) paginate_rows; drop table t; select (1');
SELECT count(*) FROM t;

-- PostgreSQL's own errors, pointing into the query text.
SELECT * FROM paginate('select * frm t');
SELECT * FROM paginate('select id, nosuch from t order by id');
SELECT * FROM paginate('select * from nosuch order by 1');
-- (PostgreSQL 19 words the hint of its error with a DETAIL: errors_1.out)
SELECT * FROM paginate('select id from t
where v = 1
order by id');
SELECT * FROM paginate('select id from t order by 3');
SELECT * FROM paginate('select 1/(id - 3) from t order by id');
-- An exact count does not compute the columns, so it counts the rows without error.
SELECT total FROM paginate_meta('select 1/(id - 3) from t order by id');

DROP SCHEMA errors_test CASCADE;
RESET search_path;
