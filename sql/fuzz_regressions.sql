-- Bugs found by make fuzz (test/fuzz), each reduced to its smallest query.
SET paginate.order_check = off;

-- An ORDER BY key of an anonymous record type: record_send made a cursor,
-- but record_recv cannot read one back, so the next page failed with
-- "input of anonymous composite types is not implemented" (0A000).  Such a
-- query has no cursors now, like any other whose keys a cursor cannot
-- carry, and keyset paging says why.
SELECT * FROM paginate('select row(i, ''x'') as r from generate_series(1, 3) i order by r', 1, 2);
SELECT start_cursor IS NULL AS no_start, end_cursor IS NULL AS no_end, total, has_next
FROM paginate_meta('select row(i, ''x'') as r from generate_series(1, 3) i order by r', 1, 2);
SELECT * FROM paginate('select row(i, ''x'') as r from generate_series(1, 3) i order by r',
                       after => 'AQ');
-- arrays of them too
SELECT start_cursor IS NULL AS no_start
FROM paginate_meta('select array[row(i)] as a from generate_series(1, 3) i order by a', 1, 2);
-- a named composite type is read back as itself: still paged with cursors
CREATE TYPE fuzz_pair AS (a int, b text);
SELECT * FROM paginate('select row(i, ''x'')::fuzz_pair as r from generate_series(1, 3) i order by r',
                       after => (SELECT end_cursor FROM paginate_meta(
                           'select row(i, ''x'')::fuzz_pair as r from generate_series(1, 3) i order by r', 1, 2)));
DROP TYPE fuzz_pair;
