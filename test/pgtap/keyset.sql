-- keyset.sql: keyset (cursor) paging with after/before.
--
-- 1. Every keyset error, with its SQLSTATE and message (throws_ok) and, where
--    one message covers several causes ("invalid cursor in after"), the
--    detail that tells them apart.
-- 2. Contracts: has_prev/has_next exact at the edges and on every page; the
--    metadata of a keyset page; cursors are URL-safe; only superusers can
--    read or set paginate.cursor_secret_file.
-- 3. Walks forward (after => end_cursor) and backward (before =>
--    start_cursor) over a table full of ties, NULLs and duplicate rows, with
--    mixed ASC/DESC/NULLS FIRST/LAST keys, give exactly the rows of the
--    whole query in order: the same multiset as the query run directly, and
--    the same sequence as paginate(q, 1, <all rows>), since the order of
--    rows with equal keys is the extension's tiebreak.
-- 4. TODO: known bugs, as tests that fail until they are fixed.
BEGIN;
SELECT plan(253);

-- paginate(q, 1, <huge>) returns the whole query in one page.
SET LOCAL paginate.max_per_page = 0;

-- 23 items: pages of 5 are 1-5, 6-10, 11-15, 16-20, 21-23.
CREATE TABLE ks_items (id integer PRIMARY KEY, grp integer NOT NULL, name text NOT NULL);
INSERT INTO ks_items SELECT g, g % 4, 'item ' || g FROM generate_series(1, 23) g;

-- Ties, NULLs and whole duplicate rows: a in {0, 1, 2, NULL}, b in {x, y,
-- NULL}, c in {0.5, 1.5, NULL}; then 12 copies of (1, x, 1.5) and 6 rows of
-- NULLs only.
CREATE TABLE ks_t (id integer PRIMARY KEY, a integer, b text, c numeric);
INSERT INTO ks_t
SELECT g,
       CASE WHEN g % 7 = 0 THEN NULL ELSE g % 3 END,
       CASE WHEN g % 5 = 0 THEN NULL WHEN g % 2 = 0 THEN 'x' ELSE 'y' END,
       CASE WHEN g % 4 = 0 THEN NULL ELSE g % 2 + 0.5 END
  FROM generate_series(1, 48) g;
INSERT INTO ks_t SELECT g, 1, 'x', 1.5 FROM generate_series(49, 60) g;
INSERT INTO ks_t SELECT g, NULL, NULL, NULL FROM generate_series(61, 66) g;

-- The error a statement raises: "SQLSTATE: message (detail)".
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	state text;
	message text;
	detail text;
BEGIN
	EXECUTE sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL;
	RETURN state || ': ' || message || coalesce(' (' || nullif(detail, '') || ')', '');
END
$$;

-- A refused cursor: 22023 "invalid cursor in <argument>" (throws_ok), and
-- the detail that says why.
CREATE FUNCTION pg_temp.refused(sql text, argument text, detail text, description text)
RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN NEXT throws_ok(sql, '22023', 'invalid cursor in ' || argument, description);
	RETURN NEXT is(pg_temp.error_of(sql),
		'22023: invalid cursor in ' || argument || ' (' || detail || ')',
		description || ': the detail says why');
END
$$;

-- Cursors used by the tests below, by name.
CREATE TEMP TABLE ks_cursors (name text PRIMARY KEY, cursor text);
CREATE FUNCTION pg_temp.cur(cursor_name text) RETURNS text
LANGUAGE sql STABLE AS $$ SELECT cursor FROM ks_cursors WHERE name = cursor_name $$;

INSERT INTO ks_cursors
SELECT 'id', end_cursor FROM paginate_meta('select id, name from ks_items order by id', 2, 5);
INSERT INTO ks_cursors
SELECT 'grp', end_cursor FROM paginate_meta('select grp, name from ks_items order by grp', 2, 5);
INSERT INTO ks_cursors
SELECT 'param 1', end_cursor
  FROM paginate_meta('select id, name from ks_items where grp <> $1 order by id', 1, 5,
                     params => ARRAY['1']);
-- Secrets files for signed cursors, written by the server (COPY makes them
-- readable by every user of the machine, which each read warns about: the
-- warnings are not shown here).
CREATE FUNCTION pg_temp.write_secrets(name text, lines text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('COPY (SELECT unnest(%L::text[])) TO %L', lines,
                   current_setting('data_directory') || '/' || name);
END $$;
SELECT pg_temp.write_secrets('paginate_tap_secrets', ARRAY['correct horse battery staple']);
SELECT pg_temp.write_secrets('paginate_tap_other_secrets', ARRAY['another secret, quite different']);
SET LOCAL client_min_messages = error;
SET LOCAL paginate.cursor_secret_file = 'paginate_tap_secrets';
INSERT INTO ks_cursors
SELECT 'signed', end_cursor FROM paginate_meta('select id, name from ks_items order by id', 2, 5);
RESET paginate.cursor_secret_file;
INSERT INTO ks_cursors
SELECT 'grp typed', end_cursor FROM paginate_meta('select * from ks_items order by grp', 2, 4);

-- ===========================================================================
-- 1. Errors.
-- ===========================================================================

-- after and before together, through every entry point
SELECT throws_ok($$SELECT * FROM paginate('select id from ks_items order by id', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate: after and before together');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::ks_items, 'select * from ks_items order by id', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate(typed): after and before together');
SELECT throws_ok($$SELECT paginate_meta('select id from ks_items order by id', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate_meta: after and before together');
SELECT throws_ok($$SELECT paginate_response('select id from ks_items order by id', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate_response: after and before together');
SELECT throws_ok($$SELECT * FROM paginate_explain('select id from ks_items order by id', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate_explain: after and before together');

-- page with a cursor (even page 1)
SELECT throws_ok($$SELECT * FROM paginate('select id from ks_items order by id', 1, after => 'x')$$,
    '22023', 'page cannot be used together with after', 'paginate: page 1 with after');
SELECT throws_ok($$SELECT * FROM paginate('select id from ks_items order by id', 2, before => 'x')$$,
    '22023', 'page cannot be used together with before', 'paginate: page 2 with before');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::ks_items, 'select * from ks_items order by id', 1, after => 'x')$$,
    '22023', 'page cannot be used together with after', 'paginate(typed): page with after');
SELECT throws_ok($$SELECT paginate_meta('select id from ks_items order by id', 3, 5, before => 'x')$$,
    '22023', 'page cannot be used together with before', 'paginate_meta: page with before');
SELECT throws_ok($$SELECT paginate_response('select id from ks_items order by id', 1, after => 'x')$$,
    '22023', 'page cannot be used together with after', 'paginate_response: page with after');

-- keyset without ORDER BY: refused before the cursor is read
SELECT throws_ok($$SELECT * FROM paginate('select id from ks_items', after => 'x')$$,
    '22023', 'keyset pagination requires a query with ORDER BY', 'paginate: after without ORDER BY');
SELECT throws_ok($$SELECT paginate_meta('select id from ks_items', before => 'x')$$,
    '22023', 'keyset pagination requires a query with ORDER BY', 'paginate_meta: before without ORDER BY');
SELECT throws_ok($$SELECT paginate_response('values (1), (2)', after => 'x')$$,
    '22023', 'keyset pagination requires a query with ORDER BY', 'paginate_response: VALUES without ORDER BY');

-- an ORDER BY item that is not an output column: carried as a hidden key
SELECT is((SELECT array_agg(r ORDER BY ord)::text FROM paginate('select id from ks_items order by name, id',
             after => (paginate_meta('select id from ks_items order by name, id', 1, 3)).end_cursor, per_page => 3)
             WITH ORDINALITY AS x(r, ord)),
    (SELECT array_agg(jsonb_build_object('id', id) ORDER BY o)::text FROM (SELECT id, row_number() OVER (ORDER BY name, id) AS o FROM ks_items) s(id, o)
      WHERE o BETWEEN 4 AND 6),
    'ORDER BY a column not in the select list: the page after a cursor');
SELECT is((SELECT count(*) FROM paginate('select id from ks_items order by name, id', 1, 3) r
            WHERE r ? 'paginate key 1'), 0::bigint,
    '... the hidden key is not in the rows');
SELECT is((SELECT array_agg(r->>'id' ORDER BY ord)::text FROM paginate('select id from ks_items order by id, id + 1',
             before => (paginate_meta('select id from ks_items order by id, id + 1', 2, 2)).start_cursor, per_page => 2)
             WITH ORDINALITY AS x(r, ord)),
    (SELECT array_agg(id ORDER BY id)::text FROM (SELECT id FROM ks_items ORDER BY id LIMIT 2) s),
    'ORDER BY an expression not in the select list: the page before a cursor');

-- an ORDER BY column that shares its name with another output column: the
-- typed form walks it (the statements rename the key), jsonb rows refuse it
CREATE TYPE pg_temp.id_pair AS (a integer, b integer);
SELECT is((SELECT array_agg(r::text)::text FROM paginate_as(NULL::pg_temp.id_pair,
             'select a.id, b.id from ks_items a join ks_items b using (id) order by 2 desc', per_page => 3,
             after => (SELECT end_cursor FROM paginate_meta('select a.id, b.id from ks_items a join ks_items b using (id) order by 2 desc', 1, 3))) r),
    '{"(20,20)","(19,19)","(18,18)"}',
    'ORDER BY a column whose name another output column has: the page after a cursor');
SELECT is((SELECT array_agg(r::text)::text FROM paginate_as(NULL::pg_temp.id_pair,
             'select id, grp as id from ks_items order by 2, 1', per_page => 3,
             before => (SELECT start_cursor FROM paginate_meta('select id, grp as id from ks_items order by 2, 1', 2, 3))) r),
    '{"(4,0)","(8,0)","(12,0)"}',
    '... and before one, with both columns keys');
SELECT throws_ok($$SELECT * FROM paginate('select id, name as id from ks_items order by 1',
             after => (SELECT end_cursor FROM paginate_meta('select id, name as id from ks_items order by 1', 1, 3)))$$,
    '42701', 'query has more than one column named "id"', '... jsonb rows refuse the two names');
-- A query ordered by a hidden column has cursors in offset paging too.
SELECT is((SELECT ROW(m.start_cursor IS NOT NULL, m.end_cursor IS NOT NULL, m.has_next)::text
             FROM paginate_meta('select id from ks_items order by name', 1, 5) m),
    '(t,t,t)', 'offset paging of a query ordered by a hidden column: cursors');

-- Malformed cursors: each an error (22023), never the first page.
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => '')$$,
    'after', 'The cursor is too short to be one.', 'empty cursor');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => 'not a cursor!')$$,
    'after', 'A cursor holds only letters, digits, "-" and "_".', 'cursor with spaces and "!"');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => 'ab+c/def')$$,
    'after', 'A cursor holds only letters, digits, "-" and "_".', 'cursor in standard base64 ("+" and "/")');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', before => 'QUJD==')$$,
    'before', 'A cursor holds only letters, digits, "-" and "_".', 'cursor with base64 padding');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => 'Q')$$,
    'after', 'The cursor is not valid base64url text.', 'cursor of one character');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => 'SGVsbG8gd29ybGQhIHRoaXMgaXMgbm90IGEgY3Vyc29y')$$,
    'after', 'The cursor was not made by paginate, or by another version of it.', 'random base64url text');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => 'AQAAAAAAAAAAAAABAQAAAAQAAAAAAAAAAA')$$,
    'after', 'The cursor''s checksum does not match: it was truncated or altered.', 'random base64url text that starts like a 1.x cursor');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => 'AgAAAAAAAAAAAAAAAAAAAQEAAAAEAAAAAAAAAAA')$$,
    'after', 'The cursor''s checksum does not match: it was truncated or altered.', 'random base64url text that starts like a cursor');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => left(pg_temp.cur('id'), -4))$$,
    'after', 'The cursor is not valid base64url text.', 'a real cursor without its last 4 characters');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => left(pg_temp.cur('id'), 12))$$,
    'after', 'The cursor is too short to be one.', 'a real cursor cut to 12 characters');
SELECT pg_temp.refused($$SELECT * FROM paginate('select grp, name from ks_items order by grp', before => left(pg_temp.cur('grp'), -8))$$,
    'before', 'The cursor''s checksum does not match: it was truncated or altered.', 'a real cursor with a tiebreak, truncated');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => pg_temp.cur('id') || 'AAAA')$$,
    'after', 'The cursor''s checksum does not match: it was truncated or altered.', 'a real cursor with bytes appended');
SELECT pg_temp.refused(format($$SELECT * FROM paginate('select id, name from ks_items order by id', after => %L)$$,
           overlay(pg_temp.cur('id') PLACING CASE WHEN substr(pg_temp.cur('id'), 17, 1) = 'A' THEN 'B' ELSE 'A' END FROM 17 FOR 1)),
    'after', 'The cursor''s checksum does not match: it was truncated or altered.', 'a real cursor with its 17th character changed');
SELECT pg_temp.refused(format($$SELECT * FROM paginate('select grp, name from ks_items order by grp', after => %L)$$,
           overlay(pg_temp.cur('grp') PLACING CASE WHEN substr(pg_temp.cur('grp'), 30, 1) = '_' THEN '-' ELSE '_' END FROM 30 FOR 1)),
    'after', 'The cursor''s checksum does not match: it was truncated or altered.', 'a real cursor with a tiebreak, its 30th character changed');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id desc', after => pg_temp.cur('id'))$$,
    'after', 'The cursor was made for another query, another order_by or other params.', 'a cursor from another query');
SELECT pg_temp.refused($$SELECT * FROM paginate('select grp, name from ks_items order by grp', before => pg_temp.cur('id'))$$,
    'before', 'The cursor was made for another query, another order_by or other params.', 'a cursor from a query with other keys');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items  order by id', after => pg_temp.cur('id'))$$,
    'after', 'The cursor was made for another query, another order_by or other params.', 'a cursor is bound to the query text, spaces included');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items where grp <> $1 order by id', after => pg_temp.cur('param 1'), params => ARRAY['2'])$$,
    'after', 'The cursor was made for another query, another order_by or other params.', 'a cursor from the same query with other params');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items where grp <> $1 order by id', after => pg_temp.cur('param 1'), params => ARRAY['1', '2'])$$,
    'after', 'The cursor was made for another query, another order_by or other params.', 'a cursor from the same query with one param more');
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items where grp <> $1 order by id', before => pg_temp.cur('param 1'), params => ARRAY[NULL])$$,
    'before', 'The cursor was made for another query, another order_by or other params.', 'a cursor from the same query with a NULL param');
SELECT is((SELECT array_agg((r ->> 'id')::integer)
             FROM paginate('select id, name from ks_items where grp <> $1 order by id',
                           after => pg_temp.cur('param 1'), per_page => 3, params => ARRAY['1']) r),
    ARRAY[8, 10, 11], '... and with its own params the cursor works');

-- Signed cursors.
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => pg_temp.cur('signed'))$$,
    'after', 'The cursor is signed, and this server has no paginate.cursor_secret_file to check it with.',
    'a signed cursor, checked with paginate.cursor_secret_file unset');
SET LOCAL paginate.cursor_secret_file = 'paginate_tap_secrets';
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', after => pg_temp.cur('id'))$$,
    'after', 'The cursor is not signed, and paginate.cursor_secret_file is set.',
    'an unsigned cursor while paginate.cursor_secret_file is set');
SELECT pg_temp.refused(format($$SELECT * FROM paginate('select id, name from ks_items order by id', after => %L)$$,
           overlay(pg_temp.cur('signed') PLACING CASE WHEN substr(pg_temp.cur('signed'), 20, 1) = 'A' THEN 'B' ELSE 'A' END FROM 20 FOR 1)),
    'after', 'The cursor''s signature does not match: it was altered, or signed with a secret this server no longer has.',
    'a signed cursor with one character changed');
SELECT is((SELECT array_agg((r ->> 'id')::integer) FROM paginate('select id, name from ks_items order by id', after => pg_temp.cur('signed'), per_page => 3) r),
    ARRAY[11, 12, 13], 'a signed cursor, checked with its secret, works');
SET LOCAL paginate.cursor_secret_file = 'paginate_tap_other_secrets';
SELECT pg_temp.refused($$SELECT * FROM paginate('select id, name from ks_items order by id', before => pg_temp.cur('signed'))$$,
    'before', 'The cursor''s signature does not match: it was altered, or signed with a secret this server no longer has.',
    'a signed cursor checked with a different secret');
RESET paginate.cursor_secret_file;

-- Every entry point reads its cursor the same way.
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::ks_items, 'select * from ks_items order by id', after => pg_temp.cur('id'))$$,
    '22023', 'invalid cursor in after', 'paginate(typed): a cursor from another query');
SELECT throws_ok($$SELECT paginate_meta('select id, name from ks_items order by id', before => 'AAAAAAAAAAAAAAAAAAAAAAAA')$$,
    '22023', 'invalid cursor in before', 'paginate_meta: a malformed cursor');
SELECT throws_ok($$SELECT paginate_response('select id, name from ks_items order by id', after => left(pg_temp.cur('id'), -1))$$,
    '22023', 'invalid cursor in after', 'paginate_response: a truncated cursor');
SELECT throws_ok($$SELECT * FROM paginate_explain('select id, name from ks_items order by id', after => '')$$,
    '22023', 'invalid cursor in after', 'paginate_explain: an empty cursor');

-- ===========================================================================
-- 2. Contracts.
-- ===========================================================================

-- After the last row: an empty page, has_next false, has_prev true, and the
-- cursor it was given as both of its cursors.  Before the first row: empty,
-- has_prev false, has_next true, the same.
CREATE FUNCTION pg_temp.edge(q text, last_row boolean) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	c text;
	n bigint;
	m pagination;
BEGIN
	IF last_row THEN
		SELECT end_cursor INTO c FROM paginate_meta(q, (paginate_meta(q, 1, 5)).pages, 5);
		SELECT count(*) INTO n FROM paginate(q, after => c, per_page => 5);
		m := paginate_meta(q, after => c, per_page => 5);
	ELSE
		SELECT start_cursor INTO c FROM paginate_meta(q, 1, 5);
		SELECT count(*) INTO n FROM paginate(q, before => c, per_page => 5);
		m := paginate_meta(q, before => c, per_page => 5);
	END IF;
	RETURN format('rows %s, has_prev %s, has_next %s, start_cursor %s, end_cursor %s',
		n, m.has_prev, m.has_next,
		CASE WHEN m.start_cursor = c THEN 'given' ELSE coalesce(m.start_cursor, 'NULL') END,
		CASE WHEN m.end_cursor = c THEN 'given' ELSE coalesce(m.end_cursor, 'NULL') END);
END
$$;
SELECT is(pg_temp.edge('select id, name from ks_items order by id', true),
    'rows 0, has_prev t, has_next f, start_cursor given, end_cursor given',
    'unique keys: after the last row');
SELECT is(pg_temp.edge('select id, name from ks_items order by id', false),
    'rows 0, has_prev f, has_next t, start_cursor given, end_cursor given',
    'unique keys: before the first row');
SELECT is(pg_temp.edge('select grp, name from ks_items order by grp desc', true),
    'rows 0, has_prev t, has_next f, start_cursor given, end_cursor given',
    'ties: after the last row');
SELECT is(pg_temp.edge('select grp, name from ks_items order by grp desc', false),
    'rows 0, has_prev f, has_next t, start_cursor given, end_cursor given',
    'ties: before the first row');
SELECT is(pg_temp.edge('select a, b from ks_t order by a nulls first, b desc', true),
    'rows 0, has_prev t, has_next f, start_cursor given, end_cursor given',
    'duplicate rows and NULLs: after the last row');
SELECT is(pg_temp.edge('select a, b from ks_t order by a nulls first, b desc', false),
    'rows 0, has_prev f, has_next t, start_cursor given, end_cursor given',
    'duplicate rows and NULLs: before the first row');

-- Every row's cursor, every page size up to per_page + 1: after the end
-- cursor and before the start cursor of each offset page come exactly the
-- next (previous) rows of the whole query, has_prev and has_next are exact,
-- and the new page's cursors are those of its first and last rows (the
-- cursor of row i being start_cursor of offset page i of size 1).  Returns
-- what differs.
CREATE FUNCTION pg_temp.edge_failures(q text, per_page integer) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
	whole jsonb[];
	row_cursor text[];
	total integer;
	m pagination;
	k pagination;
	got jsonb[];
	first_row integer;
	last_row integer;
	lo integer;
	hi integer;
	want_start text;
	want_end text;
	p integer;
	n integer;
	failures text[] := '{}';
BEGIN
	SELECT coalesce(array_agg(r), '{}') INTO whole FROM paginate(q, 1, 1000000) r;
	total := cardinality(whole);
	SELECT array_agg((paginate_meta(q, i, 1, count => 'none')).start_cursor ORDER BY i)
	  INTO row_cursor FROM generate_series(1, total) i;
	FOR p IN 1 .. (total + per_page - 1) / per_page LOOP
		m := paginate_meta(q, p, per_page);
		first_row := (p - 1) * per_page + 1;
		last_row := least(p * per_page, total);
		IF m.start_cursor IS DISTINCT FROM row_cursor[first_row]
		   OR m.end_cursor IS DISTINCT FROM row_cursor[last_row] THEN
			failures := failures || format('offset page %s: cursors are not those of rows %s and %s', p, first_row, last_row);
		END IF;
		FOR n IN 1 .. per_page + 1 LOOP
			-- forward
			SELECT coalesce(array_agg(r), '{}') INTO got FROM paginate(q, after => m.end_cursor, per_page => n) r;
			k := paginate_meta(q, after => m.end_cursor, per_page => n);
			lo := last_row + 1;
			hi := least(last_row + n, total);
			want_start := CASE WHEN lo <= hi THEN row_cursor[lo] ELSE m.end_cursor END;
			want_end := CASE WHEN lo <= hi THEN row_cursor[hi] ELSE m.end_cursor END;
			IF got IS DISTINCT FROM coalesce(whole[lo:hi], '{}')
			   OR k.has_prev IS DISTINCT FROM true
			   OR k.has_next IS DISTINCT FROM (hi < total)
			   OR k.start_cursor IS DISTINCT FROM want_start
			   OR k.end_cursor IS DISTINCT FROM want_end THEN
				failures := failures || format('after row %s, per_page %s: rows %s, has_prev %s, has_next %s',
					last_row, n, got, k.has_prev, k.has_next);
			END IF;
			-- backward
			SELECT coalesce(array_agg(r), '{}') INTO got FROM paginate(q, before => m.start_cursor, per_page => n) r;
			k := paginate_meta(q, before => m.start_cursor, per_page => n);
			lo := greatest(first_row - n, 1);
			hi := first_row - 1;
			want_start := CASE WHEN lo <= hi THEN row_cursor[lo] ELSE m.start_cursor END;
			want_end := CASE WHEN lo <= hi THEN row_cursor[hi] ELSE m.start_cursor END;
			IF got IS DISTINCT FROM coalesce(whole[lo:hi], '{}')
			   OR k.has_prev IS DISTINCT FROM (lo > 1)
			   OR k.has_next IS DISTINCT FROM true
			   OR k.start_cursor IS DISTINCT FROM want_start
			   OR k.end_cursor IS DISTINCT FROM want_end THEN
				failures := failures || format('before row %s, per_page %s: rows %s, has_prev %s, has_next %s',
					first_row, n, got, k.has_prev, k.has_next);
			END IF;
		END LOOP;
	END LOOP;
	RETURN failures;
END
$$;
SELECT is(pg_temp.edge_failures('select id, name from ks_items order by id', 5), '{}',
    'unique keys: after/before every offset page of 5, every page size 1..6: exact rows, has_prev, has_next, cursors');
SELECT is(pg_temp.edge_failures('select grp, name from ks_items order by grp', 4), '{}',
    'ties in the key: the same, pages of 4');
SELECT is(pg_temp.edge_failures('select a, b from ks_t order by a desc nulls last, b nulls first', 5), '{}',
    'duplicate rows, NULLs, mixed directions: the same, pages of 5');
SELECT is(pg_temp.edge_failures('select a from ks_t order by a nulls first', 7), '{}',
    'one key with long runs of duplicates: the same, pages of 7');

-- The metadata of a keyset page: no page numbers or item positions; the
-- total still counted.
SELECT is((SELECT ROW(m.page, m.per_page, m.total, m.total_is_exact, m.pages, m.has_prev, m.has_next,
                      m.prev_page, m.next_page, m.first_item, m.last_item)::text
             FROM paginate_meta('select id, name from ks_items order by id', after => pg_temp.cur('id'), per_page => 5) m),
    '(,5,23,t,5,t,t,,,,)', 'after: page, prev_page, next_page, first_item, last_item are NULL; total 23, pages 5');
SELECT is((SELECT ROW(m.page, m.per_page, m.total, m.total_is_exact, m.pages, m.has_prev, m.has_next,
                      m.prev_page, m.next_page, m.first_item, m.last_item)::text
             FROM paginate_meta('select grp, name from ks_items order by grp', before => pg_temp.cur('grp'), per_page => 4) m),
    '(,4,23,t,6,t,t,,,,)', 'before: the same; total 23, pages 6');
SELECT is((SELECT ROW(m.page, m.total, m.pages, m.has_prev, m.has_next, m.first_item, m.last_item)::text
             FROM paginate_meta('select id, name from ks_items order by id', after => pg_temp.cur('id'), per_page => 20, count => 'none') m),
    '(,,,t,f,,)', 'count none: total and pages NULL, has_next still exact (13 rows after the cursor, 20 asked)');
SELECT is((SELECT ROW(m.page, m.total, m.total_is_exact, m.has_prev, m.has_next)::text
             FROM paginate_meta('select id, name from ks_items order by id', after => pg_temp.cur('id'), per_page => 13, count => 'estimated') m),
    '(,23,t,t,f)', 'count estimated (below the threshold): exact total; 13 rows after the cursor, 13 asked: has_next false');
SELECT is((SELECT (r -> 'pagination') - 'start_cursor' - 'end_cursor'
             FROM paginate_response('select id, name from ks_items order by id', after => pg_temp.cur('id'), per_page => 5) r),
    '{"page": null, "pages": 5, "total": 23, "has_next": true, "has_prev": true, "per_page": 5,
      "last_item": null, "next_page": null, "prev_page": null, "first_item": null, "total_is_exact": true,
      "total_is_lower_bound": false}'::jsonb,
    'paginate_response: the same fields, JSON nulls');
SELECT is((SELECT r -> 'items' FROM paginate_response('select id, name from ks_items order by id', after => pg_temp.cur('id'), per_page => 2) r),
    '[{"id": 11, "name": "item 11"}, {"id": 12, "name": "item 12"}]'::jsonb,
    'paginate_response: the items after the cursor');
SELECT is((SELECT r -> 'pagination' FROM paginate_response('select grp, name from ks_items order by grp', before => pg_temp.cur('grp'), per_page => 3) r),
    (SELECT to_jsonb(m) FROM paginate_meta('select grp, name from ks_items order by grp', before => pg_temp.cur('grp'), per_page => 3) m),
    'paginate_response: pagination is paginate_meta''s');
SELECT results_eq(
    $$SELECT * FROM paginate_as(NULL::ks_items, 'select * from ks_items order by grp', after => pg_temp.cur('grp typed'), per_page => 4)$$,
    $$SELECT (jsonb_populate_record(NULL::ks_items, r)).* FROM paginate('select * from ks_items order by grp', after => pg_temp.cur('grp typed'), per_page => 4) r$$,
    'paginate(typed): the same rows after a cursor as paginate');

-- Cursors are URL-safe: signed ones with a tiebreak here; every cursor of
-- the walks in part 3 below.
SET LOCAL paginate.cursor_secret_file = 'paginate_tap_secrets';
SELECT is((SELECT count(*) FROM (
             SELECT m.start_cursor, m.end_cursor FROM generate_series(1, 8) p,
                    paginate_meta('select c, b from ks_t order by c desc, b', p, 9) m) s
            WHERE start_cursor !~ '^[A-Za-z0-9_-]+$' OR end_cursor !~ '^[A-Za-z0-9_-]+$'),
    0::bigint, 'signed cursors with a tiebreak are URL-safe');
RESET paginate.cursor_secret_file;

-- Only a superuser can read or set paginate.cursor_secret_file; others still
-- get signed cursors and can page with them.
CREATE ROLE ks_tap_client NOLOGIN;
GRANT SELECT ON ks_items TO ks_tap_client;
SET LOCAL paginate.cursor_secret_file = 'paginate_tap_secrets';
SET LOCAL ROLE ks_tap_client;
-- (PostgreSQL 16 reworded the message: "permission denied to examine")
SELECT throws_ok('SHOW paginate.cursor_secret_file', '42501', NULL,
    'a non-superuser cannot SHOW paginate.cursor_secret_file');
SELECT throws_matching('SHOW paginate.cursor_secret_file',
    '^(must be superuser or have privileges of pg_read_all_settings|permission denied) to examine "paginate\.cursor_secret_file"$',
    '... PostgreSQL''s message names it');
SELECT throws_ok($$SELECT current_setting('paginate.cursor_secret_file')$$, '42501', NULL,
    'a non-superuser cannot read it with current_setting');
SELECT throws_matching($$SELECT current_setting('paginate.cursor_secret_file')$$,
    '^(must be superuser or have privileges of pg_read_all_settings|permission denied) to examine "paginate\.cursor_secret_file"$',
    '... PostgreSQL''s message names it');
SELECT throws_ok($$SET paginate.cursor_secret_file = 'mine'$$, '42501',
    'permission denied to set parameter "paginate.cursor_secret_file"',
    'a non-superuser cannot SET paginate.cursor_secret_file');
SELECT throws_ok($$SELECT set_config('paginate.cursor_secret_file', '', true)$$, '42501',
    'permission denied to set parameter "paginate.cursor_secret_file"',
    'a non-superuser cannot unset it with set_config');
SELECT is((SELECT count(*) FROM pg_settings WHERE name = 'paginate.cursor_secret_file'), 0::bigint,
    'pg_settings does not show it to a non-superuser');
SELECT throws_ok($$SELECT pg_read_file('paginate_tap_secrets')$$, '42501', NULL,
    'a non-superuser cannot read the file with pg_read_file');
SELECT is((SELECT array_agg((r ->> 'id')::integer) FROM paginate('select id, name from ks_items order by id', per_page => 3,
              after => (SELECT end_cursor FROM paginate_meta('select id, name from ks_items order by id', 4, 3))) r),
    ARRAY[13, 14, 15], 'a non-superuser pages with signed cursors');
RESET ROLE;
SELECT is(current_setting('paginate.cursor_secret_file'), 'paginate_tap_secrets',
    'the setting is unchanged');
RESET paginate.cursor_secret_file;
RESET client_min_messages;

-- ===========================================================================
-- 3. Walks over ties, NULLs and mixed directions.
-- ===========================================================================

-- Every page of a walk.
CREATE TEMP TABLE ks_pages (
	q text, per_page integer, backward boolean, step integer, rows integer,
	has_prev boolean, has_next boolean, total bigint, start_cursor text, end_cursor text);

-- Walk q with pages of per_page: forward from page 1 with after =>
-- end_cursor while has_next, or backward from the last page with before =>
-- start_cursor while has_prev.  Returns the rows in the query's order.
CREATE FUNCTION pg_temp.walk(q text, per_page integer, backward boolean, params text[])
RETURNS jsonb[] LANGUAGE plpgsql AS $$
DECLARE
	m pagination;
	c text;
	page_rows jsonb[];
	result jsonb[] := '{}';
	step integer := 1;
BEGIN
	m := paginate_meta(q, 1, per_page, params => params);
	IF backward THEN
		m := paginate_meta(q, greatest(m.pages, 1), per_page, params => params);
	END IF;
	SELECT coalesce(array_agg(r), '{}') INTO page_rows
	  FROM paginate(q, greatest(m.page, 1), per_page, params => params) r;
	LOOP
		INSERT INTO ks_pages VALUES (q, per_page, backward, step, cardinality(page_rows),
			m.has_prev, m.has_next, m.total, m.start_cursor, m.end_cursor);
		IF backward THEN
			result := page_rows || result;
			EXIT WHEN NOT m.has_prev;
			c := m.start_cursor;
			SELECT coalesce(array_agg(r), '{}') INTO page_rows
			  FROM paginate(q, before => c, per_page => per_page, params => params) r;
			m := paginate_meta(q, before => c, per_page => per_page, params => params);
		ELSE
			result := result || page_rows;
			EXIT WHEN NOT m.has_next;
			c := m.end_cursor;
			SELECT coalesce(array_agg(r), '{}') INTO page_rows
			  FROM paginate(q, after => c, per_page => per_page, params => params) r;
			m := paginate_meta(q, after => c, per_page => per_page, params => params);
		END IF;
		step := step + 1;
		IF step > 1000 THEN
			RAISE EXCEPTION 'the walk over % does not end', q;
		END IF;
	END LOOP;
	RETURN result;
END
$$;

-- The queries: keys is the list of ORDER BY columns.
CREATE TEMP TABLE ks_queries (n integer PRIMARY KEY, q text, keys text[], params text[]);
INSERT INTO ks_queries VALUES
	(1, 'select a, b, c from ks_t order by a, b desc, c', '{a,b,c}', NULL),
	(2, 'select id, a, b from ks_t order by a desc nulls last, b nulls first', '{a,b}', NULL),
	(3, 'select a, b from ks_t order by b nulls first, a desc nulls first', '{b,a}', NULL),
	(4, 'select id, a, b from ks_t order by a nulls first, id desc', '{a,id}', NULL),
	(5, 'select a from ks_t order by a', '{a}', NULL),
	(6, 'select c, a from ks_t order by c desc nulls last, a nulls first', '{c,a}', NULL),
	(7, 'select a, b from ks_t order by a using >, b using <', '{a,b}', NULL),
	(8, 'select b collate "C" as bc, a from ks_t order by bc desc', '{bc}', NULL),
	(9, 'select a + 1 as k, b from ks_t order by k desc, b', '{k,b}', NULL),
	(10, 'select id, a from ks_t where a is distinct from $1::int order by a desc', '{a}', '{2}'),
	(11, 'values (1), (1), (null), (2), (1), (null) order by 1 desc nulls last', '{column1}', NULL),
	(12, 'select a, count(*) as n from ks_t group by a order by n desc, a', '{n,a}', NULL),
	(13, 'select a as x, b from ks_t union all select a, b from ks_t where c is null order by x', '{x}', NULL),
	(14, 'select b, to_json(a) as j from ks_t order by b', '{b}', NULL),
	(15, 'select a, b from ks_t where false order by a', '{a}', NULL);

-- The whole query in one page: the reference order.
CREATE TEMP TABLE ks_whole AS
SELECT n, (SELECT coalesce(array_agg(r), '{}') FROM paginate(q, 1, 1000000, params => params) r) AS whole
  FROM ks_queries;

-- The reference has the rows of the query run directly (as a multiset) ...
CREATE FUNCTION pg_temp.direct(q text, params text[], keys text[], only_keys boolean) RETURNS jsonb[]
LANGUAGE plpgsql AS $$
DECLARE
	result jsonb[];
BEGIN
	IF only_keys THEN
		-- the key values of each row, in the order the query returns them
		EXECUTE format('SELECT coalesce(array_agg(jsonb_build_array(%s)), ''{}'') FROM (%s) s',
			(SELECT string_agg(format('s.%I', k), ', ') FROM unnest(keys) k), q)
		   INTO result USING params[1];
	ELSE
		EXECUTE format('SELECT coalesce(array_agg(to_jsonb(s) ORDER BY to_jsonb(s)::text), ''{}'') FROM (%s) s', q)
		   INTO result USING params[1];
	END IF;
	RETURN result;
END
$$;
SELECT is((SELECT coalesce(array_agg(x ORDER BY x::text), '{}') FROM unnest(w.whole) x),
          pg_temp.direct(q.q, q.params, q.keys, false),
          format('query %s: paginate(q, 1, <all>) has the rows of the query run directly', q.n))
  FROM ks_queries q JOIN ks_whole w USING (n) ORDER BY n;
-- ... with the keys in the query's order.
SELECT is((SELECT coalesce(array_agg((SELECT jsonb_agg(x -> k ORDER BY o) FROM unnest(q.keys) WITH ORDINALITY AS u(k, o))
                                     ORDER BY i), '{}')
             FROM unnest(w.whole) WITH ORDINALITY AS e(x, i)),
          pg_temp.direct(q.q, q.params, q.keys, true),
          format('query %s: paginate(q, 1, <all>) has the keys in the order of the query run directly', q.n))
  FROM ks_queries q JOIN ks_whole w USING (n) ORDER BY n;

-- Walks forward and backward give exactly the reference, for pages of 1, 3
-- and 7 rows.
SELECT is(pg_temp.walk(q.q, pp, backward, q.params), w.whole,
          format('query %s, pages of %s, %s: exactly the rows of the whole query, in order',
                 q.n, pp, CASE WHEN backward THEN 'backward' ELSE 'forward' END))
  FROM ks_queries q JOIN ks_whole w USING (n),
       unnest(ARRAY[1, 3, 7]) pp, unnest(ARRAY[false, true]) backward
 ORDER BY q.n, pp, backward;

-- On every page of every walk: has_prev and has_next are exact (a walk ends
-- when there is no next page, without an empty page), the total is the
-- query's, and the cursors are URL-safe.
SELECT is((SELECT coalesce(array_agg(format('%s/%s/%s', p.per_page, CASE WHEN p.backward THEN 'back' ELSE 'fwd' END, p.step)
                                     ORDER BY p.per_page, p.backward, p.step), '{}')
             FROM ks_pages p
             JOIN (SELECT per_page, backward, max(step) AS steps FROM ks_pages WHERE ks_pages.q = q.q
                    GROUP BY per_page, backward) s USING (per_page, backward)
            WHERE p.q = q.q
              AND (p.has_prev IS DISTINCT FROM CASE WHEN p.backward THEN p.step < s.steps ELSE p.step > 1 END
                   OR p.has_next IS DISTINCT FROM CASE WHEN p.backward THEN p.step > 1 ELSE p.step < s.steps END
                   -- full pages, but for the last one in the query's order
                   OR NOT CASE WHEN cardinality(w.whole) = 0 THEN p.rows = 0
                               WHEN p.step = CASE WHEN p.backward THEN 1 ELSE s.steps END
                               THEN p.rows BETWEEN 1 AND p.per_page
                               ELSE p.rows = p.per_page END
                   OR p.total IS DISTINCT FROM cardinality(w.whole)::bigint
                   OR (p.rows > 0) IS DISTINCT FROM coalesce(p.start_cursor ~ '^[A-Za-z0-9_-]+$', false)
                   OR (p.rows > 0) IS DISTINCT FROM coalesce(p.end_cursor ~ '^[A-Za-z0-9_-]+$', false))),
          '{}',
          format('query %s: every page of the walks has exact has_prev, has_next, total and URL-safe cursors', q.n))
  FROM ks_queries q JOIN ks_whole w USING (n) ORDER BY n;

-- ===========================================================================
-- 4. Known bugs (TODO until fixed).
-- ===========================================================================

-- 4a. With a row-hash tiebreak, deleting the row a cursor points at does not
-- make the page after it skip the next row: only copies of the cursor's row
-- are skipped, as they are read.
CREATE TABLE ks_del (id integer PRIMARY KEY, score integer NOT NULL);
INSERT INTO ks_del SELECT g, g % 3 FROM generate_series(1, 9) g;
INSERT INTO ks_cursors
SELECT 'del', end_cursor FROM paginate_meta('select id, score from ks_del order by score', 1, 2);
CREATE TEMP TABLE ks_del_whole AS
SELECT array_agg(r) AS whole FROM paginate('select id, score from ks_del order by score', 1, 100) r;
DELETE FROM ks_del WHERE id = (SELECT (whole[2] ->> 'id')::integer FROM ks_del_whole);
SELECT is((SELECT array_agg(r) FROM paginate('select id, score from ks_del order by score', after => pg_temp.cur('del'), per_page => 2) r),
    (SELECT whole[3:4] FROM ks_del_whole),
    'after a cursor whose row was deleted: the next rows, none skipped');

-- 4b. Keys that cover a parent table's primary key are not taken as unique:
-- the parent also returns its inheritance children's rows.
CREATE TABLE ks_parent (id integer PRIMARY KEY, v text);
CREATE TABLE ks_child () INHERITS (ks_parent);
INSERT INTO ks_parent VALUES (1, 'p1'), (2, 'p2'), (3, 'p3');
INSERT INTO ks_child VALUES (1, 'c1'), (2, 'c2'), (3, 'c3');
SELECT is(pg_temp.walk('select id, v from ks_parent order by id', 1, false, NULL),
    (SELECT array_agg(r) FROM paginate('select id, v from ks_parent order by id', 1, 100) r),
    'inheritance parent whose child repeats ids: forward walk gives every row');
SELECT is(pg_temp.walk('select id, v from ks_parent order by id', 2, true, NULL),
    (SELECT array_agg(r) FROM paginate('select id, v from ks_parent order by id', 1, 100) r),
    'inheritance parent whose child repeats ids: backward walk gives every row');

-- 4c. A NOT NULL table column is not taken as never NULL when an outer join
-- (or grouping set) inside a subquery can null it.
SELECT is(pg_temp.walk('select id, n from (select i.id, g.n from generate_series(20, 26) g(n) left join ks_items i on i.id = g.n) s order by id, n',
                       2, false, NULL),
    (SELECT array_agg(r) FROM paginate('select id, n from (select i.id, g.n from generate_series(20, 26) g(n) left join ks_items i on i.id = g.n) s order by id, n', 1, 100) r),
    'outer join in a subquery: forward walk gives the NULL rows too');
SELECT is(pg_temp.walk('select id from (select id from ks_items group by grouping sets ((id), ())) s order by id', 5, false, NULL),
    (SELECT array_agg(r) FROM paginate('select id from (select id from ks_items group by grouping sets ((id), ())) s order by id', 1, 100) r),
    'grouping sets in a subquery: forward walk gives the NULL row too');
SELECT is(pg_temp.walk('select id, n from (select i.id, g.n from generate_series(20, 26) g(n) left join ks_items i on i.id = g.n) s order by id, n',
                       2, true, NULL),
    (SELECT array_agg(r) FROM paginate('select id, n from (select i.id, g.n from generate_series(20, 26) g(n) left join ks_items i on i.id = g.n) s order by id, n', 1, 100) r),
    'outer join in a subquery: backward walk from the NULL rows gives every row');

-- 4d. The sort keys of a query text are described again after DDL on a
-- table it reads (here: the primary key dropped, duplicates added).
CREATE TABLE ks_ddl (id integer PRIMARY KEY, v text);
INSERT INTO ks_ddl SELECT g, 'v' || g FROM generate_series(1, 6) g;
SELECT is(pg_temp.walk('select id, v from ks_ddl order by id', 2, false, NULL),
    (SELECT array_agg(r) FROM paginate('select id, v from ks_ddl order by id', 1, 100) r),
    'a walk with unique keys (the query is now cached)');
ALTER TABLE ks_ddl DROP CONSTRAINT ks_ddl_pkey;
INSERT INTO ks_ddl VALUES (2, 'dup 2'), (4, 'dup 4');
SELECT is(pg_temp.walk('select id, v from ks_ddl order by id', 2, false, NULL),
    (SELECT array_agg(r) FROM paginate('select id, v from ks_ddl order by id', 1, 100) r),
    'after the primary key is dropped and ids repeat: the walk gives every row');

-- 4e. Backward pages keep the ORDER BY of a query whose LIMIT or DISTINCT ON
-- depends on it (they sort the query's rows backward outside it).
SELECT is((SELECT array_agg((r ->> 'id')::integer) FROM paginate('select id from ks_items order by id limit 10', per_page => 3,
              before => (SELECT start_cursor FROM paginate_meta('select id from ks_items order by id limit 10', 2, 3))) r),
    ARRAY[1, 2, 3], 'LIMIT 10: the page before rows 4-6 is rows 1-3');
SELECT is((SELECT has_prev FROM paginate_meta('select id from ks_items order by id limit 10', per_page => 3,
              after => (SELECT end_cursor FROM paginate_meta('select id from ks_items order by id limit 10', 2, 3)))),
    true, 'LIMIT 10: after rows 4-6, has_prev is true');
SELECT is((SELECT array_agg(r) FROM paginate('select distinct on (grp) grp, id from ks_items order by grp, id desc', per_page => 3,
              before => (SELECT start_cursor FROM paginate_meta('select distinct on (grp) grp, id from ks_items order by grp, id desc', 4, 1))) r),
    ARRAY['{"grp": 0, "id": 20}', '{"grp": 1, "id": 21}', '{"grp": 2, "id": 22}']::jsonb[],
    'DISTINCT ON: the page before the last row is the 3 rows before it');

-- 4f. A cursor is base64url without padding, in one spelling only: a last
-- character with other unused low bits is refused.
SELECT is((SELECT count(*) FROM generate_series(1, length(pg_temp.cur('id'))) i,
                  regexp_split_to_table('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', '') ch
            WHERE ch <> substr(pg_temp.cur('id'), i, 1)
              AND pg_temp.error_of(format($$SELECT * FROM paginate('select id, name from ks_items order by id', after => %L)$$,
                                          overlay(pg_temp.cur('id') PLACING ch FROM i FOR 1))) NOT LIKE '22023: invalid cursor in after%'),
    0::bigint, 'every one-character change of a cursor is refused');

-- 2.0: a cursor is bound to its keys' types; a key no cursor can carry gives
-- none (hostile.sql forges the 1.x cursors).
CREATE TABLE ks_retyped (id int PRIMARY KEY, k int NOT NULL);
INSERT INTO ks_retyped SELECT g, g % 3 FROM generate_series(1, 9) g;
INSERT INTO ks_cursors
SELECT 'retyped', end_cursor FROM paginate_meta('select id from ks_retyped order by k', 1, 4);
ALTER TABLE ks_retyped ALTER COLUMN k TYPE bigint;
SELECT throws_ok($$SELECT * FROM paginate('select id from ks_retyped order by k', after => pg_temp.cur('retyped'))$$,
    '22023', 'invalid cursor in after', 'a cursor made before its key changed type');
SELECT is(pg_temp.error_of($$SELECT * FROM paginate('select id from ks_retyped order by k', after => pg_temp.cur('retyped'))$$),
    '22023: invalid cursor in after (The query''s sort keys changed since the cursor was made: a type, a collation, an operator or a unique key.)',
    '... the detail says the keys changed');
SELECT throws_ok($$SELECT * FROM paginate('select ev_action from pg_rewrite order by ev_action', after => 'AgAA')$$,
    '22023', 'query cannot be paged with cursors', 'a pg_node_tree key: no cursors');

SELECT * FROM finish();
ROLLBACK;
