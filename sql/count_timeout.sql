-- A time budget for counts: paginate.count_timeout and the count_timeout
-- argument.  A count that runs past it is abandoned, without cancelling the
-- call: the call returns its page, with the planner's total.
CREATE SCHEMA budget_test;
SET search_path TO budget_test, public;

CREATE TABLE t (id int PRIMARY KEY);
INSERT INTO t SELECT generate_series(1, 1000);
ANALYZE t;
-- Rows past 10 take an advisory lock and 50 ms each: a page of the first
-- rows is quick, a count of all 1,000 would take 50 s.
CREATE FUNCTION slow(i int) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
BEGIN
	IF i > 10 THEN
		PERFORM pg_advisory_xact_lock(42);
		PERFORM pg_sleep(0.05);
	END IF;
	RETURN i;
END $$;
-- a safety net: a count that is not abandoned fails here instead of running on
SET statement_timeout = '20s';

-- paginate_meta counts page 2 first: abandoned after 300 ms, the planner's
-- total (1000, from ANALYZE), not exact; has_next still exact from the page.
SELECT page, total, total_is_exact, pages, has_prev, has_next
FROM paginate_meta('select id, slow(id) as s from t order by id', 2, 3, count_timeout => 300);
-- paginate_response: the page and the same total.
SELECT paginate_response('select id, slow(id) as s from t order by id', 2, 3, count_timeout => 300)
	- 'pagination' AS body,
	(paginate_response('select id, slow(id) as s from t order by id', 2, 3, count_timeout => 300)
	 -> 'pagination') - 'start_cursor' - 'end_cursor' AS pagination;
-- estimated: the capped count is abandoned as well.
SELECT total, total_is_exact
FROM paginate_meta('select id, slow(id) as s from t order by id', 2, 3, count => 'estimated', count_timeout => 300);
-- The setting, for every call of the session (or role, or database).
SET paginate.count_timeout = 300;
SELECT total, total_is_exact FROM paginate_meta('select id, slow(id) as s from t order by id', 2, 3);
-- The argument wins over the setting; 0 is no limit.
SELECT total, total_is_exact FROM paginate_meta('select id from t order by id', 2, 3, count_timeout => 0);
RESET paginate.count_timeout;

-- Nothing is left behind: in one transaction, after the abandoned count
-- (which took the advisory lock), the lock is gone, the transaction goes on,
-- and a count within its budget is exact.
BEGIN;
SELECT total, total_is_exact FROM paginate_meta('select id, slow(id) as s from t order by id', 2, 3, count_timeout => 300);
SELECT count(*) AS advisory_locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid();
SELECT total, total_is_exact FROM paginate_meta('select id from t order by id', 2, 3, count_timeout => 5000);
COMMIT;

-- A call with a budget inside a budgeted count (a function the query calls
-- pages too) leaves the outer budget armed: the outer count is abandoned
-- all the same, inner calls and all.
CREATE FUNCTION inner_total(i int) RETURNS bigint LANGUAGE sql AS
$$ SELECT total FROM paginate_meta('select id from t order by id', 2, 3, count_timeout => 5000) $$;
SELECT total, total_is_exact
FROM paginate_meta('select id, inner_total(id) as n, slow(id) as s from t order by id', 2, 3, count_timeout => 300);

-- paginate_explain says so.
SELECT * FROM paginate_explain('select id from t order by id', 2, 3, count_timeout => 300)
WHERE paginate_explain LIKE '--%';

-- statement_timeout still ends the whole call, as a cancel does.
SET statement_timeout = '400ms';
\set VERBOSITY terse
SELECT total FROM paginate_meta('select id, slow(id) as s from t order by id', 2, 3, count_timeout => 10000);
\set VERBOSITY default
RESET statement_timeout;

-- A budget below 0 is an error.
SELECT * FROM paginate_meta('select id from t order by id', count_timeout => -1);

DROP SCHEMA budget_test CASCADE;
RESET search_path;
