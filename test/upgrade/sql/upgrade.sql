-- upgrade: install the oldest released version of paginate (1.0), make what
-- an application makes of it (a table of pagination values, views over
-- paginate, a function whose body calls paginate_response, cursors handed
-- to clients), then ALTER EXTENSION paginate UPDATE to the current version.
-- Everything made before goes on working: cursors issued by the current
-- library before the update go on walking, and so do cursors made by the
-- 1.0 library itself (kept here as text) of a query whose ORDER BY is
-- unique; one of a query whose rows can tie (1.x broke ties by a row hash,
-- 2.0 by the primary key) is refused with 22023 and a hint to start again,
-- before and after the update alike.  The extension's objects are exactly
-- those of a fresh install of the current version.  test/upgrade/run.sh then runs the whole
-- pg_regress and pgTAP suites in this database.

-- What an extension's objects are, one line each, to compare two installs:
-- functions with their full definitions, planner support and ACL, the type's
-- fields, and every comment.
\set describe 'SELECT string_agg(line, E''\\n'' ORDER BY line) FROM (SELECT pg_describe_object(d.classid, d.objid, 0) || coalesce(E''\\n'' || pg_get_functiondef(p.oid) || '' support '' || p.prosupport::regproc::text || '' rows '' || p.prorows || '' acl '' || coalesce(p.proacl::text, ''default''), '''') || coalesce('' fields '' || (SELECT string_agg(a.attname || '' '' || format_type(a.atttypid, a.atttypmod), '', '' ORDER BY a.attnum) FROM pg_type t JOIN pg_attribute a ON a.attrelid = t.typrelid WHERE t.oid = d.objid AND d.classid = ''pg_type''::regclass AND a.attnum > 0), '''') || coalesce('' comment '' || obj_description(d.objid, d.classid::regclass::name), '''') AS line FROM pg_depend d LEFT JOIN pg_proc p ON d.classid = ''pg_proc''::regclass AND p.oid = d.objid WHERE d.refclassid = ''pg_extension''::regclass AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = ''paginate'') AND d.deptype = ''e'') s'

-- A fresh install of the current version, described, in its own database.
\set upgraded :DBNAME
CREATE DATABASE paginate_upgrade_fresh;
\c paginate_upgrade_fresh
CREATE EXTENSION paginate;
SELECT extversion FROM pg_extension WHERE extname = 'paginate';
:describe \gset fresh_
\c :upgraded
DROP DATABASE paginate_upgrade_fresh;

-- The oldest released version.
CREATE EXTENSION paginate VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'paginate';

-- What an application builds on it.
CREATE SCHEMA keep;
CREATE TABLE keep.items (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO keep.items SELECT g, 'item ' || g FROM generate_series(1, 20) g;
ANALYZE keep.items;
-- pagination values stored in a table
CREATE TABLE keep.saved (name text PRIMARY KEY, meta pagination);
INSERT INTO keep.saved
SELECT 'page 2 of 3', paginate_meta('select * from keep.items order by id', 2, 3);
-- views over both forms of paginate and over paginate_meta
CREATE VIEW keep.page_two AS
	SELECT * FROM paginate(NULL::keep.items, 'select * from keep.items order by id', 2, 3);
CREATE VIEW keep.page_two_json AS
	SELECT * FROM paginate('select * from keep.items order by id', 2, 3);
CREATE VIEW keep.page_two_meta AS
	SELECT page, total, pages, has_next FROM paginate_meta('select * from keep.items order by id', 2, 3);
-- a function whose body (BEGIN ATOMIC) depends on paginate_response
CREATE FUNCTION keep.feed(cursor text) RETURNS jsonb
LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT paginate_response('select * from keep.items order by id', after => cursor, per_page => 3);
END;
-- functions that call 1.0's typed form, paginate(NULL::rowtype, ...): one
-- with a SQL-standard body (bound to the function when created), one in
-- PL/pgSQL (its body resolved when it runs)
CREATE FUNCTION keep.typed_atomic() RETURNS SETOF keep.items
LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT * FROM paginate(NULL::keep.items, 'select * from keep.items order by id', 3, 3);
END;
CREATE FUNCTION keep.typed_plpgsql() RETURNS SETOF keep.items
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN QUERY SELECT * FROM paginate(NULL::keep.items, 'select * from keep.items order by id', 3, 3);
END $$;
\set ask_typed 'SELECT (SELECT array_agg(id) FROM keep.typed_atomic()) AS atomic'
\set ask_typed_plpgsql 'SELECT (SELECT array_agg(id) FROM keep.typed_plpgsql()) AS plpgsql'
-- cursors handed to clients by 1.0: the end of page 1, of a signed page 1,
-- and the start of page 3 (to walk back from)
CREATE TABLE keep.cursors (name text PRIMARY KEY, cursor text NOT NULL);
INSERT INTO keep.cursors
SELECT 'end of page 1', end_cursor FROM paginate_meta('select * from keep.items order by id', 1, 3);
INSERT INTO keep.cursors
SELECT 'start of page 3', start_cursor FROM paginate_meta('select * from keep.items order by id', 3, 3);
-- 1.x read the secret from paginate.cursor_secret, 2.0 from the file that
-- paginate.cursor_secret_file names (written here by the server): the same
-- secret in it verifies 1.x's signed cursors.
DO $$ BEGIN
	EXECUTE format('COPY (SELECT %L) TO %L', 'upgrade test secret',
				   current_setting('data_directory') || '/paginate_upgrade_secrets');
END $$;
SET client_min_messages = error;	-- COPY's file is readable by all: a WARNING
SET paginate.cursor_secret_file = 'paginate_upgrade_secrets';
INSERT INTO keep.cursors
SELECT 'end of page 1, signed', end_cursor FROM paginate_meta('select * from keep.items order by id', 1, 3);
RESET paginate.cursor_secret_file;
RESET client_min_messages;

-- Cursors made by the 1.0 library itself (commit f24cd02, over these same
-- rows and query texts), as clients still hold them after the update.
CREATE TABLE keep.cursors_1_0 (name text PRIMARY KEY, query text NOT NULL, cursor text NOT NULL);
INSERT INTO keep.cursors_1_0 VALUES
	('end of page 1', 'select * from keep.items order by id',
	 'AQCkelDV5dKQKgABAQAAAAQAAAADUwopOQ'),
	('start of page 3', 'select * from keep.items order by id',
	 'AQCkelDV5dKQKgABAQAAAAQAAAAHlJC-Jg'),
	('end of page 1, ties', 'select name, id % 4 as k from keep.items order by k',
	 'AQF3XvTUxIwkPwABAQAAAAQAAAAARt07KtFxFSAAAAAAAAAAAT21XHo');
-- ... and one it signed with the secret 'upgrade test secret'
INSERT INTO keep.cursors VALUES ('end of page 1, signed by the 1.0 library',
	'AQKkelDV5dKQKgABAQAAAAQAAAADwHrmb_7cFLIPPDLNQTlHXSbBvZ5_1P5FqpGAR9HiQWI');

-- The rows after a cursor, as the names (or ids) of the rows, or the error.
CREATE FUNCTION keep.after(query text, cursor text, field text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	detail text;
	hint text;
BEGIN
	RETURN (SELECT array_agg(r ->> field)::text FROM paginate(query, after => cursor, per_page => 3) r);
EXCEPTION WHEN invalid_parameter_value THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
	RETURN SQLSTATE || ': ' || SQLERRM || ' (' || detail || ' ' || hint || ')';
END
$$;

-- The same questions, asked before and after the update.
\set ask_views 'SELECT (SELECT array_agg(id ORDER BY id) FROM keep.page_two) AS typed, (SELECT array_agg(paginate ->> ''id'') FROM keep.page_two_json) AS jsonb, (SELECT row(m.*)::text FROM keep.page_two_meta m) AS meta, (SELECT (meta).total FROM keep.saved) AS saved_total, (SELECT (meta).end_cursor IS NOT NULL FROM keep.saved) AS saved_has_cursor'
\set ask_cursors 'SELECT name, (SELECT array_agg((r ->> ''id'')::int) FROM paginate(''select * from keep.items order by id'', after => cursor, per_page => 3) r) AS after_it, (SELECT array_agg((r ->> ''id'')::int) FROM paginate(''select * from keep.items order by id'', before => cursor, per_page => 3) r) AS before_it FROM keep.cursors WHERE name NOT LIKE ''%signed%'' ORDER BY name'
\set ask_cursors_1_0 'SELECT name, keep.after(query, cursor, ''name'') AS after_it FROM keep.cursors_1_0 ORDER BY name'
\set ask_signed 'SET client_min_messages = error; SET paginate.cursor_secret_file = ''paginate_upgrade_secrets''; SELECT name, keep.after(''select * from keep.items order by id'', cursor, ''id'') AS after_signed FROM keep.cursors WHERE name LIKE ''%signed%'' ORDER BY name; RESET paginate.cursor_secret_file; RESET client_min_messages'
\set ask_feed 'SELECT keep.feed(NULL) -> ''pagination'' ->> ''total'' AS total, jsonb_path_query_array(keep.feed((SELECT cursor FROM keep.cursors WHERE name = ''end of page 1'')), ''$.items[*].id'') AS after_page_1'
:ask_views;
:ask_cursors;
:ask_cursors_1_0;
:ask_feed;
:ask_signed;
:ask_typed;
:ask_typed_plpgsql;
-- 1.0 has no planner support: a page is planned as 1000 rows.
CREATE FUNCTION keep.planned_rows(statement text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON) ' || statement INTO plan;
	RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END
$$;
SELECT keep.planned_rows('SELECT * FROM keep.page_two');

-- The update (its WARNINGs name the 1.x functions it keeps for what uses them).
ALTER EXTENSION paginate UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'paginate';

-- Everything made with 1.0 gives the same answers.
:ask_views;
:ask_cursors;
:ask_cursors_1_0;
:ask_feed;
:ask_signed;
-- 2.0's typed form is paginate_as (the same function, renamed): the view
-- and the SQL-standard body hold it and go on working, and show the new
-- name; the PL/pgSQL body names paginate(NULL::keep.items, ...), which is
-- no function now (42883), until it is edited to say paginate_as.  And
-- 2.0's page and per_page are bigint: the 1.x functions that the views and
-- the function bodies use are kept as NAME_int4, out of the extension (the
-- update said so), the others are gone; what uses them shows that name.
:ask_typed;
SELECT pg_get_viewdef('keep.page_two') LIKE '%paginate_as_int4(NULL::keep.items%' AS view_shows_paginate_as;
SELECT p.oid::regprocedure AS kept_for_what_uses_it,
	   EXISTS (SELECT FROM pg_depend d
			   WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') AS extension_member
  FROM pg_proc p
 WHERE p.proname LIKE 'paginate%\_int4'
 ORDER BY 1;
\set VERBOSITY sqlstate
:ask_typed_plpgsql;
\set VERBOSITY default
CREATE OR REPLACE FUNCTION keep.typed_plpgsql() RETURNS SETOF keep.items
LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN QUERY SELECT * FROM paginate_as(NULL::keep.items, 'select * from keep.items order by id', 3, 3);
END $$;
:ask_typed_plpgsql;
SELECT current_setting('paginate.cursor_secret_file') = '' AS secret_reset;
-- pagination gained a last field, total_is_lower_bound (count 'capped'): a
-- value stored by 1.0 reads it as NULL, and paginate_pages and
-- paginate_headers take the stored value as before.
SELECT (meta).total_is_lower_bound IS NULL AS stored_reads_null,
	   (SELECT array_agg(n) FROM paginate_pages((SELECT meta FROM keep.saved)) n) AS pages,
	   paginate_headers(meta) ->> 'X-Total-Count' AS total_header
  FROM keep.saved;
SELECT total, total_is_exact, total_is_lower_bound, pages
  FROM paginate_meta('select * from keep.items order by id', 2, 3, count => 'capped');
-- ... and what 2.0 adds works on them: the view's page is planned as 3 rows.
SELECT keep.planned_rows('SELECT * FROM keep.page_two');
-- Recreated with the same text, the views and the function body take 2.0's
-- functions (a page number given as bigint now works in them too), and the
-- kept ones can go, as the update's hint says.
CREATE OR REPLACE VIEW keep.page_two AS
	SELECT * FROM paginate_as(NULL::keep.items, 'select * from keep.items order by id', 2, 3);
CREATE OR REPLACE VIEW keep.page_two_json AS
	SELECT * FROM paginate('select * from keep.items order by id', 2::bigint, 3);
CREATE OR REPLACE VIEW keep.page_two_meta AS
	SELECT page, total, pages, has_next FROM paginate_meta('select * from keep.items order by id', 2, 3);
CREATE OR REPLACE FUNCTION keep.feed(cursor text) RETURNS jsonb
LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT paginate_response('select * from keep.items order by id', after => cursor, per_page => 3);
END;
CREATE OR REPLACE FUNCTION keep.typed_atomic() RETURNS SETOF keep.items
LANGUAGE sql STABLE
BEGIN ATOMIC
	SELECT * FROM paginate_as(NULL::keep.items, 'select * from keep.items order by id', 3, 3);
END;
DROP FUNCTION paginate_int4(text, integer, integer, text, text, text[]),
	paginate_as_int4(anyelement, text, integer, integer, text, text, text[]),
	paginate_meta_int4(text, integer, integer, text, text, text[], text),
	paginate_response_int4(text, integer, integer, text, text, text[], text);
:ask_views;
:ask_feed;
:ask_typed;
SELECT keep.planned_rows('SELECT * FROM keep.page_two');

-- The updated extension is the fresh one, object for object.  (While 1.0 is
-- the only install script, a fresh install runs the same scripts as the
-- update: this guards the day a version gets an install script of its own.)
:describe \gset upgraded_
SELECT :'fresh_string_agg' = :'upgraded_string_agg' AS same_as_fresh_install;
-- (on a difference, the lines of each that the other lacks)
SELECT 'fresh install only' AS side, line
  FROM unnest(string_to_array(:'fresh_string_agg', E'\n')) line
EXCEPT
SELECT 'fresh install only', line
  FROM unnest(string_to_array(:'upgraded_string_agg', E'\n')) line
UNION ALL
(SELECT 'updated only', line
   FROM unnest(string_to_array(:'upgraded_string_agg', E'\n')) line
 EXCEPT
 SELECT 'updated only', line
   FROM unnest(string_to_array(:'fresh_string_agg', E'\n')) line)
ORDER BY 1, 2;
-- what is compared: every object of the extension (from PostgreSQL 17 on
-- the array type pagination[] is one too: upgrade_1.out)
SELECT pg_describe_object(classid, objid, 0) AS object
  FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'paginate')
 ORDER BY 1;

-- keep stays: the suites run next in this database, beside it.
