-- Signed cursors.  paginate.cursor_secret_file names a file the server
-- reads, one secret a line: the first signs, every one verifies, so a
-- secret is rotated without breaking walks.  No setting holds a secret, and
-- no role but a superuser can read one.
CREATE SCHEMA secret_test;
SET search_path TO secret_test, public;
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 20) g;
\set q 'select id from items order by id'

-- Write the secrets file (in the data directory, as the server's user).
-- COPY makes it readable by every user of the machine, which is warned
-- about each time the file is read; a real one is chmod 600.
CREATE FUNCTION write_secrets(lines text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('COPY (SELECT unnest(%L::text[])) TO %L', lines,
				   current_setting('data_directory') || '/paginate_test_secrets');
END $$;
CREATE FUNCTION ids(c text, dir text DEFAULT 'after') RETURNS int[] LANGUAGE sql AS $$
	SELECT array_agg((r->>'id')::int) FROM paginate('select id from items order by id',
		after => CASE WHEN dir = 'after' THEN c END,
		before => CASE WHEN dir = 'before' THEN c END, per_page => 3) r
$$;

-- Without the setting, cursors end with a CRC-32C, which anyone can make.
SELECT end_cursor AS plain FROM paginate_meta(:'q', 2, 3) \gset
SELECT ids(:'plain');

SELECT write_secrets(ARRAY['# the signing secret first', 'correct horse battery staple', '']);
SET paginate.cursor_secret_file = 'paginate_test_secrets';
SELECT end_cursor AS signed FROM paginate_meta(:'q', 2, 3) \gset
SELECT length(:'signed') - length(:'plain') AS longer_by;
SELECT ids(:'signed'), ids(:'signed', 'before');
-- an unsigned cursor, a forged one, one signed with another secret
SELECT ids(:'plain');
SELECT ids(left(:'signed', 30) || CASE substr(:'signed', 31, 1) WHEN 'A' THEN 'B' ELSE 'A' END || substr(:'signed', 32));
SELECT ids(left(:'signed', -2) || CASE right(:'signed', 1) WHEN 'A' THEN 'AB' ELSE 'AA' END);
SELECT write_secrets(ARRAY['another secret, never the first']);
SELECT ids(:'signed');
-- without the setting, a signed cursor cannot be checked
RESET paginate.cursor_secret_file;
SELECT ids(:'signed');

-- Rotation across connections: a walk begun under the old secret goes on
-- in another connection after the new one is put first, and back; once
-- the old one is removed its cursors are refused, the new ones walk on.
SELECT write_secrets(ARRAY['correct horse battery staple']);
SET paginate.cursor_secret_file = 'paginate_test_secrets';
SELECT end_cursor AS old FROM paginate_meta(:'q', 1, 3) \gset
SELECT end_cursor AS old2 FROM paginate_meta(:'q', 2, 3) \gset
SELECT write_secrets(ARRAY['a new secret, put first', 'correct horse battery staple']);
\c
SET search_path TO secret_test, public;
SET paginate.cursor_secret_file = 'paginate_test_secrets';
SELECT ids(:'old');
SELECT end_cursor AS new FROM paginate_meta(:'q', after => :'old', per_page => 3) \gset
-- the same row's cursor, signed with the new secret now
SELECT :'new' <> :'old2' AS signed_apart, ids(:'new') = ids(:'old2') AS same_rows;
\c
SET search_path TO secret_test, public;
SET paginate.cursor_secret_file = 'paginate_test_secrets';
SELECT ids(:'new'), ids(:'old'), ids(:'old2');
SELECT write_secrets(ARRAY['a new secret, put first']);
SELECT ids(:'new');
SELECT ids(:'old');
SELECT ids(:'old2', 'before');

-- A file that cannot serve is an error for every call that needs a
-- cursor, never unsigned cursors; the path is in the server log only.
SELECT write_secrets(ARRAY['too short']);
SELECT * FROM paginate_meta(:'q', 1, 3);
SELECT write_secrets(ARRAY['# only a comment', '']);
SELECT * FROM paginate_meta(:'q', 1, 3);
SET paginate.cursor_secret_file = 'no such file';
SELECT * FROM paginate_meta(:'q', 1, 3);
SET paginate.cursor_secret_file = 'base';
SELECT * FROM paginate_meta(:'q', 1, 3);
-- calls that hand out no cursor do not need it
SELECT * FROM paginate('select id from items', 1, 2);
RESET paginate.cursor_secret_file;

-- paginate 1.x's paginate.cursor_secret is never used: setting it warns,
-- and cursors stay unsigned.
SET paginate.cursor_secret = 'readable by every role';
SELECT end_cursor = :'plain' AS unsigned FROM paginate_meta(:'q', 2, 3);
RESET paginate.cursor_secret;

-- No role but a superuser reads the secret, by any view or function.
SELECT write_secrets(ARRAY['correct horse battery staple']);
SET paginate.cursor_secret_file = 'paginate_test_secrets';
ALTER ROLE CURRENT_USER SET paginate.cursor_secret_file = 'paginate_test_secrets';
CREATE ROLE secret_reader;
GRANT USAGE ON SCHEMA secret_test TO secret_reader;
GRANT SELECT ON items TO secret_reader;
CREATE FUNCTION tried(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
BEGIN
	EXECUTE statement INTO result;
	RETURN CASE WHEN result LIKE '%horse%' THEN 'READ THE SECRET' ELSE 'ran, no secret' END;
EXCEPTION WHEN insufficient_privilege THEN
	RETURN 'refused (42501)';
END $$;
SET ROLE secret_reader;
SELECT statement, tried(statement) FROM (VALUES
	('SHOW paginate.cursor_secret_file'),
	($$SELECT current_setting('paginate.cursor_secret_file')$$),
	($$SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name LIKE 'paginate.%'$$),
	($$SELECT string_agg(array_to_string(setconfig, ' '), ' ') FROM pg_db_role_setting$$),
	($$SELECT string_agg(setting, ' ') FROM pg_file_settings$$),
	($$SELECT pg_read_file('paginate_test_secrets')$$),
	($$SELECT encode(pg_read_binary_file('paginate_test_secrets'), 'escape')$$),
	($$SELECT pg_read_file(current_setting('data_directory') || '/paginate_test_secrets')$$),
	($$SELECT string_agg(pg_ls_dir, ' ') FROM pg_ls_dir('.')$$)
) AS t(statement);
-- ... and pages with signed cursors all the same
SELECT ids((SELECT end_cursor FROM paginate_meta('select id from items order by id', 4, 3)));
-- ... and cannot change which file it is
SET paginate.cursor_secret_file = '';
RESET ROLE;
ALTER ROLE CURRENT_USER RESET paginate.cursor_secret_file;
RESET paginate.cursor_secret_file;

SELECT write_secrets(ARRAY['# no secrets here']);
DROP SCHEMA secret_test CASCADE;
DROP ROLE secret_reader;
RESET search_path;
