-- The PostgREST example, examples/postgrest: its API (api.sql), then the
-- calls made the way PostgREST makes them (test.sql).  pg_regress runs from
-- the project's root (make installcheck), where these paths lead.
\i examples/postgrest/api.sql
\i examples/postgrest/test.sql

DROP SCHEMA api, app CASCADE;
DROP ROLE web_anon;
DROP ROLE web_user;
