-- A PostgREST API of the Flask-SQLAlchemy tutorial's users, paged by
-- paginate: RPC functions that return a page and set its headers.
--
--   GET /rpc/users_page?page=3&per_page=5      typed rows; X-Pagination,
--                                              Content-Range, X-Total-Count
--                                              and Link headers
--   GET /rpc/users_page?sort=username.desc     the same, sorted as the
--                                              client asks
--   GET /rpc/users_envelope?page=3&per_page=5  {"items": [...],
--                                              "pagination": {...}} and the
--                                              same headers
--   GET /rpc/users_feed?after=...&per_page=5   typed rows by cursor, with a
--                                              Link to the next page; for
--                                              signed-in users only; sort=
--                                              too; last=true for the last
--                                              page
--
-- A client's sort is PostgREST's order syntax (column.desc.nullslast, ...),
-- passed to paginate's order_by, which checks it against the query's
-- columns and puts it on the parse tree: never spliced into SQL.  It comes
-- as sort=, not order=: PostgREST keeps order= for itself, and would order
-- the rows a function returned (the page alone, after paging).
--
-- Load it into a database with paginate (CREATE EXTENSION paginate, in
-- public), and run PostgREST with
--
--   db-schemas = "api"
--   db-anon-role = "web_anon"
--   db-extra-search-path = "public"      (the default)
--
-- The functions are SECURITY INVOKER, like paginate: the query runs as the
-- role PostgREST switched to, with its privileges and row-level security.
-- They are STABLE, so PostgREST allows GET, and every statement in them sees
-- one snapshot: the headers and the rows agree.

-- The data, in a schema PostgREST does not expose.
CREATE SCHEMA app;

CREATE TABLE app.users (
	id serial PRIMARY KEY,
	username varchar(80) UNIQUE NOT NULL,
	email varchar(120) UNIQUE NOT NULL
);

INSERT INTO app.users (username, email)
SELECT 'user' || i, 'user' || i || '@example.com' FROM generate_series(1, 100) i;
ANALYZE app.users;

-- A value for a query string: every byte but letters, digits and -._~, as
-- %XX.
CREATE FUNCTION app.query_value(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT coalesce(string_agg(CASE WHEN b BETWEEN 48 AND 57 OR b BETWEEN 65 AND 90
				OR b BETWEEN 97 AND 122 OR b IN (45, 46, 95, 126)
			THEN chr(b) ELSE '%' || upper(lpad(to_hex(b), 2, '0')) END, '' ORDER BY i), '')
	FROM (SELECT i, get_byte(convert_to(value, 'UTF8'), i) AS b
		  FROM generate_series(0, octet_length(convert_to(value, 'UTF8')) - 1) i) bytes
$$;

-- The URL this request came to, without its query string (PostgREST passes
-- that as the function's arguments), for the Link header: scheme and host
-- from the request headers PostgREST sets, then the path, and the client's
-- sort= when it gave one (a cursor is bound to its sort, so the links keep
-- it), percent-encoded.  NULL outside a request, and then there is no Link.
CREATE FUNCTION app.request_url(sort text DEFAULT NULL) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(h ->> 'x-forwarded-proto', 'http') || '://' || (h ->> 'host')
		|| current_setting('request.path', true)
		|| coalesce('?sort=' || app.query_value(nullif(sort, '')), '')
	FROM (SELECT nullif(current_setting('request.headers', true), '')::json AS h) r
$$;

-- The count mode the client asked for with PostgREST's "Prefer: count=..."
-- header: exact, planned or estimated; NULL (paginate.count) otherwise.
CREATE FUNCTION app.prefer_count() RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT substring(nullif(current_setting('request.headers', true), '')::json ->> 'prefer'
		FROM 'count=(exact|planned|estimated)')
$$;

-- The exposed API.
CREATE SCHEMA api;

-- A page of users by id (or as sort says), typed as app.users, its headers
-- set.
CREATE FUNCTION api.users_page(page integer DEFAULT 1, per_page integer DEFAULT 10,
	sort text DEFAULT NULL)
RETURNS SETOF app.users
LANGUAGE plpgsql STABLE AS $$
BEGIN
	-- the rows, and the headers from the same page and count
	RETURN QUERY
		SELECT * FROM paginate_as(NULL::app.users, 'select * from app.users order by id',
			page, per_page, order_by => sort, count => app.prefer_count(),
			set_headers => true, base_url => app.request_url(sort));
END
$$;

-- A page of users by username as a JSON envelope, rows and metadata from
-- one call, its headers set.
CREATE FUNCTION api.users_envelope(page integer DEFAULT 1, per_page integer DEFAULT 10)
RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
	response jsonb := paginate_response(
		'select id, username from app.users order by username', page, per_page,
		count => app.prefer_count());
BEGIN
	PERFORM paginate_set_headers(
		jsonb_populate_record(NULL::pagination, response -> 'pagination'),
		app.request_url());
	RETURN response;
END
$$;

-- A feed of users by id (or as sort says): the page after a cursor (the
-- first page without one, the last with last=true), no count, Links to the
-- next and previous pages by cursor and to the last page.  A cursor is
-- bound to its sort: the Link keeps sort= as the request had it.
CREATE FUNCTION api.users_feed(after text DEFAULT NULL, per_page integer DEFAULT 10,
	sort text DEFAULT NULL, last boolean DEFAULT NULL)
RETURNS SETOF app.users
LANGUAGE plpgsql STABLE AS $$
DECLARE
	meta pagination := paginate_meta('select * from app.users order by id',
		per_page => per_page, after => after, count => 'none', order_by => sort,
		last => last);
BEGIN
	-- the first page is asked for without a cursor, so it is page 1 by
	-- number; without its page number its links go on by cursor too
	meta.page := NULL;
	PERFORM paginate_set_headers(meta, app.request_url(sort));
	RETURN QUERY
		SELECT * FROM paginate_as(NULL::app.users, 'select * from app.users order by id',
			per_page => per_page, after => after, order_by => sort, last => last);
END
$$;

-- Roles, as PostgREST's tutorials name them: web_anon for requests without
-- a token, web_user for signed-in users.
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'web_anon') THEN
		CREATE ROLE web_anon NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'web_user') THEN
		CREATE ROLE web_user NOLOGIN;
	END IF;
END
$$;

GRANT USAGE ON SCHEMA api, app TO web_anon, web_user;
GRANT SELECT ON app.users TO web_anon, web_user;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA api FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.users_page(integer, integer, text),
	api.users_envelope(integer, integer) TO web_anon, web_user;
GRANT EXECUTE ON FUNCTION api.users_feed(text, integer, text, boolean) TO web_user;
