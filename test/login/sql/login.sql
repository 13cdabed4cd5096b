-- What only a new login shows, so not in sql/ (whose tests pass against an
-- ordinary server): these connect as roles they create, which have no
-- password, and so need the trust authentication of the throwaway cluster
-- scripts/test.sh runs them on.

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

-- Per role and per database, as ALTER ROLE/DATABASE ... SET give them at login.
CREATE ROLE paginate_api LOGIN;
ALTER ROLE paginate_api SET paginate.max_per_page = 5;
ALTER ROLE paginate_api SET paginate.default_per_page = 3;
ALTER DATABASE :"DBNAME" SET paginate.count = 'none';
\c - paginate_api
SHOW paginate.max_per_page;
SELECT per_page, total, has_next FROM paginate_meta('select g from generate_series(1, 30) g order by g');
SELECT per_page FROM paginate_meta('select g from generate_series(1, 30) g order by g', 1, 50);
SELECT count(*) FROM paginate('select g from generate_series(1, 30) g order by g', 1, 50);
\c - :admin
ALTER DATABASE :"DBNAME" RESET paginate.count;
DROP ROLE paginate_api;
