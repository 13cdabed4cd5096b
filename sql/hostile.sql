-- Hostile input: arguments, query texts, params and cursors an API caller
-- could send, beyond those of errors.sql, params.sql and cursors.sql.  Each
-- case is a clean result or a clean error; after every group a snapshot
-- shows that nothing changed: the table's rows and row locks (xmax), the
-- objects of the schema, a sequence that every query here would advance if
-- it ran, prepared statements, cursors, LISTEN channels, the role and
-- work_mem.
CREATE SCHEMA hostile_test;
SET search_path TO hostile_test, public;

CREATE TABLE t (id int PRIMARY KEY, v text);
INSERT INTO t SELECT i, 'v' || i FROM generate_series(1, 5) i;
-- u has no unique key: its cursors carry a tiebreak
CREATE TABLE u (v text);
INSERT INTO u SELECT 'v' || i FROM generate_series(1, 5) i;
CREATE TABLE n (x numeric, a int[], j jsonb, id int PRIMARY KEY);
INSERT INTO n VALUES (1.5, '{1,2}', '{"a": 1}', 1), (2.5, '{3}', '[]', 2), (3, NULL, NULL, 3);

-- Advanced by any query below that runs (sequences ignore rollbacks).
CREATE SEQUENCE ran;
CREATE FUNCTION ran() RETURNS bigint LANGUAGE sql AS 'select nextval(''hostile_test.ran'')';

CREATE FUNCTION snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT concat_ws(' | ',
		(SELECT string_agg(id || ':' || v || ':' || xmax, ',' ORDER BY id) FROM t),
		(SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class
		 WHERE relnamespace = 'hostile_test'::regnamespace),
		(SELECT last_value || ':' || is_called FROM ran),
		(SELECT count(*) FROM pg_prepared_statements),
		(SELECT count(*) FROM pg_cursors),
		(SELECT count(*) FROM pg_listening_channels()),
		current_user, current_setting('work_mem'))
$$;
CREATE TEMP TABLE baseline AS SELECT snapshot() AS s;
CREATE FUNCTION unchanged() RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN snapshot() = (SELECT s FROM baseline) THEN 'unchanged'
		ELSE 'CHANGED: ' || snapshot() END
$$;

-- A call's outcome as one line: its rows, or its SQLSTATE, message and
-- detail (the SQLSTATE is part of the contract: 22023 for a bad cursor).
CREATE FUNCTION outcome(call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	result text;
	detail text;
BEGIN
	EXECUTE format('SELECT string_agg(r::text, '' '') FROM (%s) r', call) INTO result;
	RETURN coalesce(result, '(no rows)');
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
	RETURN SQLSTATE || ' ' || SQLERRM || CASE WHEN detail <> '' THEN ' / ' || detail ELSE '' END;
END $$;

SELECT unchanged();

--
-- 1. NULL for every argument of every function.
--
-- query NULL, whatever else is given
SELECT * FROM paginate(NULL, 1, 10);
SELECT * FROM paginate_as(NULL::t, NULL, 1, 10);
SELECT * FROM paginate_meta(NULL, 1, 10, count => 'none');
SELECT * FROM paginate_response(NULL, page => 1);
SELECT * FROM paginate_explain(NULL);
SELECT * FROM paginate_explain(NULL, 1, 10, NULL, NULL, NULL, 'exact');
-- every other argument NULL means its default
SELECT count(*) FROM paginate_as(NULL::t, 'select * from t order by id', NULL, NULL, NULL, NULL, NULL);
SELECT paginate_response('select id from t order by id', NULL, NULL, NULL, NULL, NULL, NULL) -> 'pagination' ->> 'per_page' AS per_page;
SELECT line FROM paginate_explain('select * from t order by id', NULL, NULL, NULL, NULL, NULL, NULL) line WHERE line LIKE '--%';
SELECT count(*) FROM paginate('select * from t order by id', page => 2, after => NULL, before => NULL);
-- NULLs of no known type: the jsonb form (the typed one is paginate_as)
SELECT * FROM paginate(NULL, NULL);
SELECT * FROM paginate(NULL, 'select 1');
-- a pagination that is NULL, or all NULL fields
SELECT paginate_headers(NULL, NULL);
SELECT paginate_set_headers(NULL);
SELECT paginate_set_headers(NULL, NULL);
SELECT * FROM paginate_pages(NULL, NULL, NULL, NULL, NULL);
SELECT * FROM paginate_pages(ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::pagination);
SELECT paginate_headers(ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::pagination, NULL);
SELECT paginate_headers(ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::pagination, '');
BEGIN;
SELECT paginate_set_headers(ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::pagination, NULL);
SELECT current_setting('response.headers');
ROLLBACK;
SELECT unchanged();

--
-- 2. page and per_page: 0, negative, INT_MAX, and (page - 1) * per_page
--    far past any int32 (page INT_MAX, per_page INT_MAX, no cap).  Both
--    are integers, so the product stays below 2^62 and cannot overflow
--    bigint; what can is a count from a forged cursor added to per_page
--    (section 8).
--
SELECT * FROM paginate_as(NULL::t, 'select * from t order by id', 0);
SELECT * FROM paginate_as(NULL::t, 'select * from t order by id', 1, 0);
SELECT * FROM paginate_response('select * from t order by id', -2147483648);
SELECT * FROM paginate_explain('select * from t order by id', 1, -2147483648);
SELECT * FROM paginate_meta('select * from t order by id', 1, -1, count => 'none');
SELECT * FROM paginate('select * from t order by id', 2147483648);
SELECT * FROM paginate('select * from t order by id', '1e3');
SELECT * FROM paginate('select * from t order by id', 1.5);
-- per_page INT_MAX is lowered to the cap, or refused in strict mode
SELECT per_page, total, pages FROM paginate_meta('select * from t order by id', 1, 2147483647);
SET paginate.strict = on;
SELECT * FROM paginate('select * from t order by id', 1, 2147483647);
RESET paginate.strict;
SET paginate.max_per_page = 0;
SELECT count(*) FROM paginate('select * from t order by id', 1, 2147483647);
SELECT count(*) FROM paginate('select * from t order by id', 2147483647, 1);
SELECT count(*) FROM paginate('select * from t order by id', 2147483647, 2147483647);
SELECT count(*) FROM paginate_as(NULL::t, 'select * from t order by id', 2147483647, 2147483647);
SELECT count(*) FROM paginate('select v from u order by v', 2147483647, 2147483647);
SELECT * FROM paginate_meta('select * from t order by id', 2147483647, 2147483647);
SELECT m.count, page, per_page, total, pages, has_prev, has_next, prev_page, next_page, first_item, last_item
FROM unnest(array['exact', 'planned', 'estimated', 'none']) m(count),
	paginate_meta('select v from u order by v', 2147483647, 2147483647, count => m.count);
SELECT paginate_response('select * from t order by id', 2147483647, 2147483647, count => 'none');
SELECT line FROM paginate_explain('select * from t order by id', 2147483647, 2147483647) line WHERE line LIKE '--%';
SELECT paginate_headers(paginate_meta('select * from t order by id', 2147483647, 2147483647), '/t');
SELECT array_agg(p) FROM paginate_pages(paginate_meta('select * from t order by id', 2147483647, 2147483647)) p;
SET paginate.strict = on;
SELECT * FROM paginate('select * from t order by id', 2147483647, 2147483647);
RESET paginate.strict;
-- the default page size at INT_MAX too
SET paginate.default_per_page = 2147483647;
SELECT per_page, first_item, last_item FROM paginate_meta('select * from t order by id', 2147483647);
RESET paginate.default_per_page;
-- the largest threshold the estimated count takes
SET paginate.count_threshold = 2147483646;
SELECT total, total_is_exact FROM paginate_meta('select * from t order by id', count => 'estimated');
RESET paginate.count_threshold;
RESET paginate.max_per_page;
-- hand-made pagination values at the edges of the integers
SELECT array_agg(p) FROM paginate_pages(ROW(2147483647, 1, 2147483647, true, 2147483647, true, false,
	2147483646, NULL, 2147483647, 2147483647, NULL, NULL, false)::pagination) p;
SELECT array_agg(p) FROM paginate_pages(ROW(3, 1, 5, true, 5, true, true, 2, 4, 3, 3, NULL, NULL, false)::pagination,
	2147483647, 2147483647, 2147483647, 2147483647) p;
SELECT paginate_headers(ROW(-1, 0, -5, true, -1, true, true, -2, 0, -9, -20, 'x', 'y', false)::pagination, '/t');
SELECT unchanged();

--
-- 3. Huge and multibyte query texts; error positions inside multibyte text.
--
SELECT count(*) FROM paginate('select 1 as x /* ' || repeat('ü', 500000) || ' */ order by 1');
SELECT length(r ->> 'x') FROM paginate('select ''' || repeat('x', 1048576) || ''' as x order by 1') r;
SELECT length(r ->> 'x') FROM paginate('select ''' || repeat('語', 400000) || ''' as x order by 1') r;
SELECT count(*) FROM paginate('select * from t where id in (' ||
	(SELECT string_agg(g::text, ',') FROM generate_series(1, 100000) g) || ') order by id');
-- a megabyte of text that is not one query: an error, without the text
SELECT outcome($$select * from paginate(repeat('select 1; ', 100000))$$);
SELECT left(outcome($$select * from paginate('select ' || repeat('(', 100000) || '1' || repeat(')', 100000))$$), 40);
SELECT left(outcome($$select * from paginate('select ' || repeat('1 + ', 350000) || '1 as x order by 1')$$), 40);
-- multibyte names, values and errors
SELECT * FROM paginate('select ''日本語'' as "名前", ''ünïcødé ✓ 𝄞'' as "𝄞" order by 1');
SELECT * FROM paginate('select 名前なし from t order by id');
SELECT * FROM paginate('select ''日本語テキスト'' as 名前, nosuch order by 1');
SELECT * FROM paginate('select ''ünïcødé ✓ 𝄞'' as "列" frm t');
SELECT * FROM paginate('select 1 as "𝄞𝄞" order by "𝄞𝄞x"');
SELECT * FROM paginate('select ''日本'' as 列, ''語'' as 列 order by 1');
SELECT * FROM paginate('/* 日本語だけ */');
-- invalid UTF-8 cannot even reach paginate: text refuses it first
SELECT * FROM paginate(convert_from('\x73656c6563742027e69727'::bytea, 'UTF8'));
SELECT * FROM paginate('select U&''\0000'' as x');
SELECT unchanged();

--
-- 4. Statement kinds that must be refused, not yet in errors.sql; each
--    would advance the sequence if it ran.
--
SELECT * FROM paginate('with u as (update t set v = ''x'' where ran() > 0 returning *) select * from u order by id');
SELECT * FROM paginate('with a as (with d as (delete from t returning *) select * from d) select * from a order by id');
SELECT * FROM paginate('select * from (with d as (delete from t returning *) select * from d) s order by id');
SELECT * FROM paginate('with c as (select * from t where ran() > 0 for update) select * from c order by id');
SELECT * FROM paginate('with c as materialized (select * from t for share) select * from c order by id');
SELECT * FROM paginate('select (select id from t where ran() > 0 for update limit 1) as x order by 1');
SELECT * FROM paginate('select * from t, lateral (select v as w from t t2 where t2.id = t.id for update) l order by 1');
SELECT * FROM paginate('select * from t where ran() > 0 order by id for update of t nowait');
SELECT * FROM paginate('table t for update');
SELECT * FROM paginate('values (1), (2) order by 1 for update');
SELECT * FROM paginate_meta('select * from t order by id for update skip locked', count => 'planned');
SELECT * FROM paginate_explain('select * from t order by id for share');
SELECT * FROM paginate_explain('explain analyze select ran()');
SELECT * FROM paginate('create table t4 as select ran() from t');
SELECT * FROM paginate('select ran() into temp t5 from t');
SELECT * FROM paginate('create view v5 as select * from t');
SELECT * FROM paginate('create materialized view mv as select ran()');
SELECT * FROM paginate('refresh materialized view mv');
SELECT * FROM paginate('do $x$ begin perform hostile_test.ran(); end $x$');
SELECT * FROM paginate('prepare p as select 1');
SELECT * FROM paginate('execute p');
SELECT * FROM paginate('declare c cursor with hold for select * from t');
SELECT * FROM paginate('fetch all from c');
SELECT * FROM paginate('lock table t');
SELECT * FROM paginate('begin');
SELECT * FROM paginate('commit');
SELECT * FROM paginate('rollback');
SELECT * FROM paginate('savepoint s');
SELECT * FROM paginate('grant all on t to public');
SELECT * FROM paginate('alter system set work_mem = ''1GB''');
SELECT * FROM paginate('reset all');
SELECT * FROM paginate('discard all');
SELECT * FROM paginate('set role none');
SELECT * FROM paginate('checkpoint');
SELECT * FROM paginate('load ''plpgsql''');
SELECT * FROM paginate('show work_mem');
SELECT * FROM paginate('analyze t');
SELECT * FROM paginate('listen x');
SELECT * FROM paginate('notify x');
SELECT * FROM paginate('copy t from program ''id''');
SELECT * FROM paginate('copy (select ran()) to ''/tmp/paginate_hostile''');
SELECT * FROM paginate('comment on table t is ''x''');
SELECT * FROM paginate_response('alter sequence ran restart with 100');
SELECT unchanged();

--
-- 5. Injection through the query text: more than one statement, however
--    it is spelled, is refused; text that only looks like statements stays
--    inside one.
--
SELECT * FROM paginate('select 1; ;select 2');
SELECT * FROM paginate('select 1; commit; drop table t');
SELECT * FROM paginate('select 1 as x order by 1; select ran()');
SELECT * FROM paginate('select 1 as x order by 1 /* ; */; drop table t -- ;');
SELECT * FROM paginate('select 1 /* unterminated; drop table t');
SELECT * FROM paginate('select $$unterminated; drop table t');
SELECT * FROM paginate('select 1 \g drop table t');
SELECT * FROM paginate('select * from t order by id limit 1) paginate_rows; select ran(); select (1');
SELECT * FROM paginate('select * from t where v = ''x; delete from t; --'' order by id');
SELECT * FROM paginate('select 1 as x order by 1; -- trailing comment');
SELECT * FROM paginate(';;select 1 as x order by 1;;');
-- a string's end depends on standard_conforming_strings: the cache keeps the two apart
-- (PostgreSQL 19 has it always on, and refuses off: hostile_1.out; 19 also
-- words "function does not exist" with a DETAIL and a shorter HINT)
SELECT * FROM paginate($q$select '\'; select ran(); --' as x order by 1$q$);
SET standard_conforming_strings = off;
SELECT * FROM paginate($q$select '\'; select ran(); --' as x order by 1$q$);
RESET standard_conforming_strings;
SELECT * FROM paginate($q$select '\'; select ran(); --' as x order by 1$q$);
-- names that the statements built around the query use themselves
SELECT * FROM paginate('select id as "paginate tiebreak", v from t order by v', 1, 2);
SELECT * FROM paginate('select id as "paginate tiebreak", v from t order by v', per_page => 2,
	after => (SELECT end_cursor FROM paginate_meta('select id as "paginate tiebreak", v from t order by v', 1, 2)));
SELECT * FROM paginate('select id as "paginate tiebreak", v from t order by v', per_page => 2,
	before => (SELECT start_cursor FROM paginate_meta('select id as "paginate tiebreak", v from t order by v', 3, 2)));
-- a hidden key (t's primary key, not selected) beside a column named like one
SELECT * FROM paginate('select v as "paginate key 1" from t order by v', 1, 2);
SELECT * FROM paginate('select v as "paginate key 1" from t order by v', per_page => 2,
	after => (SELECT end_cursor FROM paginate_meta('select v as "paginate key 1" from t order by v', 1, 2)));
SELECT * FROM paginate('select v as "paginate key 1" from t order by v', per_page => 2,
	before => (SELECT start_cursor FROM paginate_meta('select v as "paginate key 1" from t order by v', 3, 2)));
SELECT * FROM paginate('select id as paginate_rows, v as paginate_capped from t order by 2 desc', 1, 2);
SELECT * FROM paginate('select paginate_rows.* from t paginate_rows order by id', 1, 2);
-- a query that pages itself runs out of stack, not out of the server
SET check_function_bodies = off;
CREATE FUNCTION itself() RETURNS SETOF jsonb LANGUAGE sql
AS $$ SELECT * FROM paginate('select hostile_test.itself() as r order by 1') $$;
RESET check_function_bodies;
SELECT outcome('select * from itself()');
DROP FUNCTION itself();
SELECT * FROM paginate('select * from paginate(''select id from t order by id'', 2, 2) p order by 1');
SELECT unchanged();

--
-- 6. params: wrong type, wrong count, hostile values.
--
SELECT * FROM paginate('select * from t where id = $1 order by id', params => array[1]);
SELECT * FROM paginate('select * from t where id = $1 order by id', params => 'not an array');
SELECT * FROM paginate('select * from t where id = $1 order by id', params => '{}');
SELECT * FROM paginate('select * from t where id = $1 order by id', params => array[NULL, NULL]);
SELECT * FROM paginate('select * from t where id = $1 order by id', params => array['1e10']);
SELECT * FROM paginate('select * from t where id = $1 order by id', params => array['1); select ran(); --']);
SELECT * FROM paginate('select * from t where id = any($1) order by id', params => array['{1,']);
SELECT * FROM paginate('select * from t where t = $1::t order by id', params => array['(1,x']);
SELECT * FROM paginate('select * from t where t = $1::t order by id', params => array['(1,v1)']);
-- a parameter the query reads as an anonymous record cannot be given, as with PREPARE
SELECT * FROM paginate('select * from t where t = $1 order by id', params => array['(1,v1)']);
SELECT * FROM paginate('select * from t where v = $1 order by id', params => array[repeat('x', 1048576)]);
SELECT * FROM paginate('select * from t order by id limit $1', params => array['-1']);
SELECT count(*) FROM paginate('select * from t order by id limit $1', params => array[NULL]);
-- a parameter where a name would go is a value, not a name
SELECT count(*) FROM paginate('select * from t order by $1::text', params => array['id desc; select ran()']);
-- array bounds are not positions
SELECT * FROM paginate('select * from t where id between $1 and $2 order by id', params => '[0:1]={2,3}');
-- parameter numbers out of reach
SELECT * FROM paginate('select $0 as x order by 1');
SELECT * FROM paginate('select $2147483647::int as x order by 1');
SELECT * FROM paginate('select $100000::int as x order by 1');
SELECT unchanged();

--
-- 7. Count modes.
--
SELECT * FROM paginate_meta('select * from t order by id', count => 'EXACT');
SELECT * FROM paginate_meta('select * from t order by id', count => ' exact');
SELECT * FROM paginate_response('select * from t order by id', count => 'none; select ran()');
SELECT * FROM paginate_explain('select * from t order by id', count => 'estimate');
SELECT * FROM paginate_meta('select * from t order by id', count => 'plannéd');
SET paginate.count = 'exact; drop table t';
SET paginate.order_check = 'warning';
SELECT unchanged();

--
-- 8. Cursors: injection attempts, and forgeries.  An unsigned cursor ends
--    with a CRC-32C, which anyone can compute: paginate must take whatever
--    bytes such a cursor holds as a position or refuse it with 22023, and
--    never misbehave.  (paginate.cursor_secret_file is what makes forging
--    impossible; see secret.sql.)
--
SELECT * FROM paginate('select * from t order by id', after => $$'; select ran(); --$$);
SELECT * FROM paginate('select * from t order by id', before => 'AQ==');
SELECT * FROM paginate('select * from t order by id', after => 'AQ AQ');
SELECT * FROM paginate('select * from t order by id', after => 'AQ+/');
SELECT * FROM paginate('select * from t order by id', after => 'カーソル');
SELECT * FROM paginate('select * from t order by id', after => repeat('A', 1048576));
-- A cursor's bytes, and bytes sealed as a cursor.
CREATE FUNCTION cursor_crc32c(b bytea) RETURNS bigint LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	crc bigint := 4294967295;
BEGIN
	FOR i IN 0 .. length(b) - 1 LOOP
		crc := crc # get_byte(b, i);
		FOR j IN 1 .. 8 LOOP
			crc := CASE WHEN crc & 1 = 1 THEN (crc >> 1) # 2197175160 ELSE crc >> 1 END;
		END LOOP;
	END LOOP;
	RETURN crc # 4294967295;
END $$;
CREATE FUNCTION cursor_bytes(c text) RETURNS bytea LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT decode(rpad(translate(c, '-_', '+/'), (length(c) + 3) / 4 * 4, '='), 'base64')
$$;
CREATE FUNCTION forged(b bytea) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
	SELECT rtrim(translate(encode(b || substring(int8send(cursor_crc32c(b)) FROM 5 FOR 4), 'base64'),
		E'+/\n', '-_'), '=')
$$;
-- The header of a real cursor of the query: version, flags, fingerprint, key
-- signature, number of keys.
CREATE FUNCTION head(q text) RETURNS bytea LANGUAGE sql AS $$
	SELECT substring(cursor_bytes(end_cursor) FROM 1 FOR 16) FROM paginate_meta(q, 1, 2, count => 'none')
$$;
CREATE FUNCTION after(q text, c text) RETURNS text LANGUAGE sql AS $$
	SELECT outcome(format('select * from paginate(%L, after => %L)', q, c))
$$;
-- The forger reproduces a real cursor exactly.
SELECT forged(substring(cursor_bytes(end_cursor) FROM 1 FOR length(cursor_bytes(end_cursor)) - 4)) = end_cursor
	AS same FROM paginate_meta('select id, v from t order by id', 1, 2);
\set q 'select id, v from t order by id'
-- key id (int4, binary, length 4) = 2: a real position
SELECT after(:'q', forged(head(:'q') || '\x010000000400000002'::bytea));
-- too short and too long for an int4
SELECT after(:'q', forged(head(:'q') || '\x0100000003000002'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x01000000080000000200000000'::bytea));
-- text form: read with the key type's input function, bound, never pasted
SELECT after(:'q', forged(head(:'q') || '\x02'::bytea || int4send(15) || convert_to('1; select ran()', 'UTF8')));
SELECT after(:'q', forged(head(:'q') || '\x02'::bytea || int4send(1) || convert_to('3', 'UTF8')));
-- a NULL for a NOT NULL key: nothing comes after it
SELECT after(:'q', forged(head(:'q') || '\x00'::bytea));
-- unknown value kinds (7, 255); a length of 2 GB - 1, and a negative one
SELECT after(:'q', forged(head(:'q') || '\x07'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x070000000400000002'::bytea));
SELECT after(:'q', forged(head(:'q') || '\xffffffff00000002'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x017fffffff00000002'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x01ffffffff00000002'::bytea));
-- bytes after the last key; no keys; two keys
SELECT after(:'q', forged(head(:'q') || '\x010000000400000002ff'::bytea));
SELECT after(:'q', forged(substring(head(:'q') FROM 1 FOR 14) || '\x0000'::bytea));
SELECT after(:'q', forged(substring(head(:'q') FROM 1 FOR 14) || '\x0002010000000400000002010000000400000002'::bytea));
-- copies the query cannot have; another version; another query's
-- fingerprint; another key signature
SELECT after(:'q', forged('\x0201'::bytea || substring(head(:'q') FROM 3) || '\x010000000400000002'::bytea));
SELECT after(:'q', forged('\x0300'::bytea || substring(head(:'q') FROM 3) || '\x010000000400000002'::bytea));
-- a 1.x cursor (no key signature) of a query whose ORDER BY is its keys reads
-- on; where 2.0 adds a tiebreak it is refused
SELECT after(:'q', forged('\x0100'::bytea || substring(head(:'q') FROM 3 FOR 8) || substring(head(:'q') FROM 15 FOR 2) || '\x010000000400000002'::bytea));
SELECT after('select id, v from t order by v', forged('\x0100'::bytea || substring(head('select id, v from t order by v') FROM 3 FOR 8)
	|| '\x0001'::bytea || '\x01000000027633'::bytea));
SELECT after(:'q', forged(head('select id, v from t order by id desc') || '\x010000000400000002'::bytea));
SELECT after(:'q', forged(substring(head(:'q') FROM 1 FOR 10) || '\x00000000'::bytea || substring(head(:'q') FROM 15) || '\x010000000400000002'::bytea));
-- values their types' receive functions refuse
\set q 'select v, id from t order by v, id'
SELECT after(:'q', forged(head(:'q') || '\x0100000002ffff'::bytea || '\x010000000400000002'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x0100000002610062'::bytea || '\x010000000400000002'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x0100000002c3a9'::bytea || '\x010000000400000002'::bytea));
\set q 'select x, id from n order by x, id'
SELECT after(:'q', forged(head(:'q') || '\x010000000800017fff00000001'::bytea || '\x010000000400000001'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x0100000008ffff000012340000'::bytea || '\x010000000400000001'::bytea));
\set q 'select a, id from n order by a, id'
SELECT after(:'q', forged(head(:'q') || '\x0100000014000000010000000000000019000000010000000100000001'::bytea || '\x010000000400000001'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x01000000147fffffff0000000000000017000000010000000100000001'::bytea || '\x010000000400000001'::bytea));
\set q 'select j, id from n order by j, id'
SELECT after(:'q', forged(head(:'q') || '\x0100000003027b7d'::bytea || '\x010000000400000001'::bytea));
SELECT after(:'q', forged(head(:'q') || '\x0100000003017b7b'::bytea || '\x010000000400000001'::bytea));
-- copies: a row's place among its copies of 0, negative, and INT64_MAX
\set q 'select v from u order by v'
SELECT after(:'q', forged(head(:'q') || '\x01000000027632'::bytea || int8send(0)));
SELECT after(:'q', forged(head(:'q') || '\x01000000027632'::bytea || int8send(-1)));
SELECT after(:'q', forged(head(:'q') || '\x01000000027632'::bytea || int8send(9223372036854775807)));
SELECT outcome(format('select * from paginate_meta(%L, before => %L, count => ''none'')', :'q',
	forged(head(:'q') || '\x01000000027632'::bytea || int8send(9223372036854775807))));
-- and with the per_page added to it past INT64_MAX
SET paginate.max_per_page = 0;
SELECT outcome(format('select * from paginate(%L, after => %L, per_page => 2147483647)', :'q',
	forged(head(:'q') || '\x01000000027632'::bytea || int8send(9223372036854775807 - 2147483647))));
RESET paginate.max_per_page;
SELECT unchanged();

--
-- 9. order_by: a sort from a client's query string is read as PostgREST's
--    syntax, never as SQL: what would be SQL is a malformed item or a column
--    the query does not have, and nothing runs.  Each would advance the
--    sequence if it ran.
--
SELECT outcome(format('select * from paginate(%L, order_by => %L)', 'select id, v from t order by id', s))
FROM (VALUES
	('id; drop table t'),
	('id desc; select ran()'),
	('id) desc, (select ran()'),
	('ran()'),
	('(select ran())'),
	('id.desc; select ran() --'),
	('id,ran().desc'),
	('1'),
	('2.desc'),
	('"id; drop table t"'),
	('"ran()"'),
	('"id"desc'),
	('id collate "C"'),
	('id using <'),
	('v.desc.nullsfirst.nullslast'),
	('id.desc nulls first'),
	('id::text'),
	('t.id'),
	('"t"."id"'),
	('id->>0'),
	('id\'),
	('"' || repeat('x', 70) || '"'),
	(repeat('id,', 3) || 'v'),
	('{"id; select ran()",v}'),
	('{{id},{v}}'),
	(E'id\tdesc'),
	(E'id\n'),
	('идент'),
	('"v".desc')) AS c(s);
-- a name quoted as PostgREST quotes it is a column's name, whatever it holds
SELECT outcome(format('select * from paginate(%L, order_by => %L)',
	'select id, v as "x; select ran() --" from t order by id', '"x; select ran() --".desc'));
SELECT unchanged();

DROP SCHEMA hostile_test CASCADE;
RESET search_path;
