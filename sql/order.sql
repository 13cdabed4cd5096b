-- paginate.order_check: paging a query with no ORDER BY.
CREATE SCHEMA order_test;
SET search_path TO order_test, public;

CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t SELECT generate_series(1, 5);

LOAD 'paginate';
SHOW paginate.order_check;
SELECT count(*) FROM paginate('select * from t', 1, 2);
SELECT total FROM paginate_meta('select * from t', 1, 2);
SELECT paginate_response('select * from t where id = 1')->'items';

SET paginate.order_check = 'error';
SELECT * FROM paginate('select * from t', 1, 2);
SELECT * FROM paginate_meta('select * from t', 1, 2);
-- An ORDER BY only inside a subquery is no top-level ORDER BY.
SELECT * FROM paginate('select * from (select * from t order by id) s', 1, 2);
-- With ORDER BY all is well.
SELECT * FROM paginate('select * from t order by id', 1, 2);

SET paginate.order_check = 'off';
SELECT count(*) FROM paginate('select * from t', 1, 2);

SET paginate.order_check = 'sometimes';
RESET paginate.order_check;

DROP SCHEMA order_test CASCADE;
RESET search_path;
