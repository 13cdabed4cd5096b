-- A walk through paginate, run by make demo with psql -e (each statement is
-- echoed before its result) and ON_ERROR_STOP off (the last step fails on
-- purpose).  The tables come from demo/seed.sql.
\set QUIET on
\pset null '(null)'

\echo
\echo '=== 1. A page of rows: page 2, 10 per page, one jsonb object per row'
SELECT * FROM paginate('select * from users order by id', 2, 10);

\echo
\echo '=== 2. The metadata of that page: totals, neighbours, cursors'
\x on
SELECT * FROM paginate_meta('select * from users order by id', 2, 10);
\x off

\echo
\echo '=== 3. A whole JSON response, ready for an HTTP API: page 3, 5 per page'
SELECT jsonb_pretty(paginate_response('select id, username from users order by id', 3, 5));

\echo
\echo '=== 4. Typed rows: pass a row type and get real columns back'
SELECT * FROM paginate_as(NULL::users, 'select * from users order by username', 1, 5);

\echo
\echo '=== 5. A parameterised query: $1 is bound from params, never spliced in'
SELECT * FROM paginate('select * from users where id > $1 order by id', 1, 5, params => array['90']);

\echo
\echo '=== 6. Deep in a big table: page 5000 of events, 20 per page (1,000,000 rows)'
\timing on
SELECT * FROM paginate_meta('select * from events order by created_at, id', 5000, 20);
\timing off

\echo
\echo '=== 7. Keyset paging: scroll on from page 5000 with its end_cursor (an index range scan)'
SELECT end_cursor AS cursor FROM paginate_meta('select * from events order by created_at, id', 5000, 20, count => 'none') \gset
\timing on
SELECT id, created_at, kind FROM paginate_as(NULL::events, 'select * from events order by created_at, id', after => :'cursor', per_page => 5);
\timing off
SELECT line FROM paginate_explain('select * from events order by created_at, id', after => :'cursor', per_page => 5, count => 'none') line;

\echo
\echo '=== 8. A page past the end: no rows, not an error'
SELECT * FROM paginate('select * from users order by id', 99, 10);

\echo
\echo '=== 9. Only SELECT queries are paginated: this one is refused'
SELECT * FROM paginate('delete from users returning *');
