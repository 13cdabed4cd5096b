-- Calls of the API in api.sql made the way PostgREST makes them.  For each
-- request PostgREST opens a transaction (READ ONLY for GET), sets the
-- request's settings for that transaction (set_config(..., true)): the role
-- to run as, search_path, request.method, request.path, request.headers
-- (a JSON object of the request's headers, names in lower case),
-- request.cookies and request.jwt.claims; the query string's parameters
-- become the function's arguments.  It calls the function inside one
-- statement that also reads nullif(current_setting('response.headers',
-- true), '') and sends those headers with the response.
--
-- Run it after api.sql:  psql -f api.sql -f test.sql

-- What PostgREST sets before the call (its own query sets them all in one
-- statement; the role comes last here, with SET LOCAL ROLE).
CREATE FUNCTION pg_temp.request(method text, path text, headers json,
	claims json DEFAULT '{}')
RETURNS void LANGUAGE sql AS $$
	SELECT set_config('search_path', 'api, public', true),
		set_config('request.method', method, true),
		set_config('request.path', path, true),
		set_config('request.headers', headers::text, true),
		set_config('request.cookies', '{}', true),
		set_config('request.jwt.claims', claims::text, true);
$$;

-- ---------------------------------------------------------------------------
-- GET /rpc/users_page?page=3&per_page=5, without a token.
-- ---------------------------------------------------------------------------
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_page',
	'{"host": "api.example.com", "accept": "application/json"}');
SET LOCAL ROLE web_anon;
\x on
-- PostgREST's statement for a call: the body and the headers together.
WITH pgrst_source AS (
	SELECT pgrst_call.* FROM api.users_page(page := 3, per_page := 5) pgrst_call)
SELECT pg_catalog.count(_postgrest_t) AS page_total,
	coalesce(json_agg(_postgrest_t), '[]') AS body,
	nullif(current_setting('response.headers', true), '') AS response_headers,
	nullif(current_setting('response.status', true), '') AS response_status
FROM (SELECT * FROM pgrst_source) _postgrest_t;
\x off
-- The setting, one header a row.
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
COMMIT;

-- ---------------------------------------------------------------------------
-- GET /rpc/users_page?page=11 with "Prefer: count=planned": the planner's
-- figure, and a page past the last one (empty, no page in X-Pagination).
-- ---------------------------------------------------------------------------
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_page',
	'{"host": "api.example.com", "prefer": "count=planned"}');
SET LOCAL ROLE web_anon;
SELECT * FROM api.users_page(page := 11);
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
COMMIT;

-- ---------------------------------------------------------------------------
-- GET /rpc/users_envelope?page=2&per_page=3 behind a proxy, with a header
-- that a pre-request function set (kept).  Cursors are shown as <cursor>.
-- ---------------------------------------------------------------------------
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_envelope',
	'{"host": "api.example.com", "x-forwarded-proto": "https"}');
SET LOCAL ROLE web_anon;
SELECT set_config('response.headers', '[{"Cache-Control": "max-age=60"}]', true);
SELECT regexp_replace(jsonb_pretty(api.users_envelope(page := 2, per_page := 3)),
	'(_cursor": )"[A-Za-z0-9_-]+"', '\1"<cursor>"', 'g') AS body;
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
COMMIT;

-- ---------------------------------------------------------------------------
-- GET /rpc/users_feed?per_page=4 with a token (role web_user), then the
-- pages its Link headers point to.  Cursors are shown as <cursor>.
-- ---------------------------------------------------------------------------
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user", "sub": "user42"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(per_page := 4);
SELECT regexp_replace(h::text, '(after|before)=[A-Za-z0-9_-]+', '\1=<cursor>', 'g') AS header
FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h;
-- the client follows rel="next": after=...
SELECT substring(current_setting('response.headers')::jsonb -> 0 ->> 'Link'
	FROM 'after=([A-Za-z0-9_-]+)') AS next_cursor \gset
COMMIT;

BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user", "sub": "user42"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(after := :'next_cursor', per_page := 4);
SELECT regexp_replace(h::text, '(after|before)=[A-Za-z0-9_-]+', '\1=<cursor>', 'g') AS header
FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h;
COMMIT;

-- ---------------------------------------------------------------------------
-- Errors, as PostgREST would pass them on.
-- ---------------------------------------------------------------------------
-- The feed is not granted to web_anon: 42501, a 401 from PostgREST.
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}');
SET LOCAL ROLE web_anon;
SELECT * FROM api.users_feed();
ROLLBACK;

-- A bad page: paginate's 22023, a 400 from PostgREST.
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_page', '{"host": "api.example.com"}');
SET LOCAL ROLE web_anon;
SELECT * FROM api.users_page(page := 0);
ROLLBACK;

-- A cursor that was altered: 22023 too.
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(after := 'x' || :'next_cursor');
ROLLBACK;

-- ---------------------------------------------------------------------------
-- GET /rpc/users_page?page=2&per_page=3&sort=username.desc: the client's
-- sort, which the Link header keeps; then the feed sorted so, walked by its
-- rel="next" (the cursor is bound to the sort, and the link carries both).
-- ---------------------------------------------------------------------------
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_page', '{"host": "api.example.com"}');
SET LOCAL ROLE web_anon;
SELECT * FROM api.users_page(page := 2, per_page := 3, sort := 'username.desc');
SELECT h ->> 'Link' AS link FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h
WHERE h ? 'Link';
COMMIT;

BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user", "sub": "user42"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(per_page := 3, sort := 'email.desc,id');
SELECT regexp_replace(h ->> 'Link', '(after|before)=[A-Za-z0-9_-]+', '\1=<cursor>', 'g') AS link
FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h WHERE h ? 'Link';
SELECT substring(current_setting('response.headers')::jsonb -> 0 ->> 'Link'
	FROM 'after=([A-Za-z0-9_-]+)') AS sorted_cursor \gset
COMMIT;

BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user", "sub": "user42"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(after := :'sorted_cursor', per_page := 3, sort := 'email.desc,id');
COMMIT;

-- The feed's rel="last" (last=true): its last rows, linked back by cursor.
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user", "sub": "user42"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(per_page := 3, last := true);
SELECT regexp_replace(h ->> 'Link', '(after|before)=[A-Za-z0-9_-]+', '\1=<cursor>', 'g') AS link
FROM jsonb_array_elements(current_setting('response.headers')::jsonb) h WHERE h ? 'Link';
COMMIT;

-- A bad sort: paginate's 22023 naming it, a 400 from PostgREST; a cursor
-- under another sort than its own: 22023 too.
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_page', '{"host": "api.example.com"}');
SET LOCAL ROLE web_anon;
SELECT * FROM api.users_page(sort := 'password.desc');
ROLLBACK;
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_temp.request('GET', '/rpc/users_feed', '{"host": "api.example.com"}',
	'{"role": "web_user"}');
SET LOCAL ROLE web_user;
SELECT * FROM api.users_feed(after := :'sorted_cursor', sort := 'email');
ROLLBACK;

-- ---------------------------------------------------------------------------
-- Outside PostgREST (psql, another client) the functions work the same; with
-- no request there is no Link.
-- ---------------------------------------------------------------------------
BEGIN;
SELECT * FROM api.users_page(2, 3);
SELECT jsonb_array_elements(current_setting('response.headers')::jsonb) AS header;
COMMIT;
