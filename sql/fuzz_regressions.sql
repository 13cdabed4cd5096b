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

-- A key whose type sorts with another type's operators: pg_ndistinct has no
-- btree operator class of its own and sorts as bytea, its binary-coercible
-- type.  The statements built around the query named the operator (ORDER
-- BY ... USING <, key < $n), and the name with pg_ndistinct operands is
-- ambiguous: "operator is not unique: pg_ndistinct pg_catalog.<
-- pg_ndistinct" (42725), although the query itself runs.  pg_ndistinct
-- values cannot be typed in, so the keys are NULL, and tie.  (Nor can a
-- cursor read one back: since 2.0 such a key gives no cursors, and keyset
-- paging says why.)
SELECT * FROM paginate('select x, i from (values (null::pg_ndistinct, 1), (null, 2), (null, 3)) v(x, i) order by x', 1, 2);
SELECT * FROM paginate('select x, i from (values (null::pg_ndistinct, 1), (null, 2), (null, 3)) v(x, i) order by x desc', 2, 1);
SELECT start_cursor, end_cursor FROM paginate_meta('select x, i from (values (null::pg_ndistinct, 1), (null, 2), (null, 3)) v(x, i) order by x desc', 2, 1);
SELECT * FROM paginate('select x, i from (values (null::pg_ndistinct, 1), (null, 2), (null, 3)) v(x, i) order by x', after => 'AgAA');
-- pg_node_tree (the rules of views, say) is no different: it cannot be read
-- back either, so no cursor is handed out that would be refused.
SELECT start_cursor IS NULL AS no_cursor
  FROM paginate_meta('select ev_action from pg_rewrite where ev_class = ''pg_views''::regclass order by ev_action', 1, 1);
