-- Long work honours statement_timeout and leaves the session usable; the
-- extension installs as a database owner who is not a superuser (trusted).

-- A long page and a long count are stopped by statement_timeout.
SET statement_timeout = '200ms';
SELECT count(*) FROM paginate('select g, pg_sleep(0.01) as s from generate_series(1, 1000) g order by g', 1, 100);
SELECT total FROM paginate_meta('select 1 from generate_series(1, 100000000) g order by 1');
SELECT paginate_response('select g from generate_series(1, 100000000) g order by g desc', 2, 10)->'pagination'->'total';
RESET statement_timeout;
-- The session goes on, with the same query texts (their cached statements).
SELECT count(*) FROM paginate('select g, pg_sleep(0.01) as s from generate_series(1, 1000) g order by g', 1, 5);
SELECT total FROM paginate_meta('select 1 from generate_series(1, 1000) g order by 1');

-- A trusted extension: a database owner without superuser creates it.
\set admin :USER
\set db :DBNAME
CREATE ROLE paginate_owner LOGIN;
CREATE DATABASE paginate_owned OWNER paginate_owner;
\c paginate_owned paginate_owner
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION paginate;
SELECT extname, extowner::regrole FROM pg_extension WHERE extname = 'paginate';
CREATE TABLE t AS SELECT g AS id FROM generate_series(1, 30) g;
SELECT page, total, pages, has_next FROM paginate_meta('select id from t order by id', 2, 10);
-- ... but cannot read or set the cursor secret.
SET paginate.cursor_secret = 'mine';
\c :db :admin
DROP DATABASE paginate_owned;
DROP ROLE paginate_owner;
