-- Cursors: lossless for every type, bound to their query, refused when
-- malformed, tampered or foreign (signed ones: secret.sql).
CREATE SCHEMA cursors_test;
SET search_path TO cursors_test, public;

-- For each row of the query, the cursor of a page that ends at that row
-- leads exactly to the next row: values come back exactly as they were.
CREATE FUNCTION each_next(q text) RETURNS TABLE (ok bool, rows int)
LANGUAGE plpgsql AS $$
DECLARE
	whole jsonb[];
	c text;
	got jsonb;
	i int;
BEGIN
	SET LOCAL paginate.max_per_page = 0;
	SELECT array_agg(r) INTO whole FROM paginate(q, 1, 1000000) r;
	FOR i IN 1 .. cardinality(whole) LOOP
		SELECT end_cursor INTO c FROM paginate_meta(q, i, 1, count => 'none');
		SELECT r INTO got FROM paginate(q, after => c, per_page => 1) r;
		IF got IS DISTINCT FROM whole[i + 1] THEN
			RAISE NOTICE 'after row % of %: got %, expected %', i, q, got, whole[i + 1];
			RETURN QUERY SELECT false, cardinality(whole);
			RETURN;
		END IF;
		SELECT start_cursor INTO c FROM paginate_meta(q, i, 1, count => 'none');
		SELECT r INTO got FROM paginate(q, before => c, per_page => 1) r;
		IF got IS DISTINCT FROM whole[i - 1] THEN
			RAISE NOTICE 'before row % of %: got %, expected %', i, q, got, whole[i - 1];
			RETURN QUERY SELECT false, cardinality(whole);
			RETURN;
		END IF;
	END LOOP;
	RETURN QUERY SELECT true, cardinality(whole);
END $$;

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE v (
	n numeric, ts timestamptz, t text, u uuid, ai int[], at text[],
	f float8, b bytea, d date, iv interval, j jsonb, m mood, bo bool
);
INSERT INTO v VALUES
	(1.10, '2024-02-29 23:59:59.999999+00', 'plain', '00000000-0000-0000-0000-000000000001',
	 '{1,2}', '{a,NULL}', 0.1, '\x00ff', '2024-02-29', '1 day 2 hours', '{"a": 1}', 'ok', true),
	(1.1, '2024-02-29 23:59:59.999998+00', 'quote '' "double" \ back', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
	 '{1,NULL}', '{"",b}', -0.0, '\x', '-infinity', '-1 mon', '[1, 2]', 'sad', false),
	(1.100, 'infinity', E'tab\there\nnewline', '12345678-1234-1234-1234-123456789abc',
	 '{}', '{}', 'NaN', '\x27', 'infinity', '0', 'null', 'happy', NULL),
	('NaN', '-infinity', 'ünïcødé ✓ 𝄞', NULL,
	 NULL, '{"x y",z}', 'Infinity', NULL, '1999-01-08', '1.000001 seconds', '{}', NULL, true),
	(123456789012345678901234567890.123456789, NULL, '', '00000000-0000-0000-0000-000000000000',
	 '{-2147483648}', NULL, 1e308, '\xdeadbeef', NULL, NULL, NULL, 'ok', false),
	(-0.000000001, '1970-01-01 00:00:00+00', NULL, '00000000-0000-0000-0000-000000000002',
	 '{3}', '{NULL}', 5e-324, '\x00', '0001-01-01', '-178000000 years', '"s"', 'sad', true),
	(NULL, '2024-01-01 00:00:00.5+00', '''); drop table v; --', '00000000-0000-0000-0000-000000000003',
	 '{1,2,3}', '{a}', -1e308, '\x0000', '2024-01-01', '1 year', '{"b": [true]}', 'happy', NULL);

SELECT column_name, (each_next(format('select %I from v order by %I', column_name, column_name))).*
FROM information_schema.columns
WHERE table_schema = 'cursors_test' AND table_name = 'v'
ORDER BY ordinal_position;
-- Several keys at once, in mixed directions.
SELECT * FROM each_next('select n, t, ts, u from v order by n desc nulls last, t nulls first, ts desc, u');
-- numeric keeps its scale: 1.10, 1.1 and 1.100 are three rows of equal keys.
SELECT r->>'n' AS n FROM paginate('select n from v where n between 1 and 2 order by n', 1, 10) r;
-- The table is still there.
SELECT count(*) FROM v;

\set q 'select n, t from v order by n, t'
SELECT end_cursor AS c FROM paginate_meta(:'q', 1, 2) \gset
SELECT :'c' ~ '^[A-Za-z0-9_-]+$' AS url_safe;

-- Malformed, truncated, tampered and foreign cursors are errors, never the
-- first page.
SELECT * FROM paginate(:'q', after => '');
SELECT * FROM paginate(:'q', after => 'not a cursor!');
SELECT * FROM paginate(:'q', after => 'AAAA');
SELECT * FROM paginate(:'q', after => 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo');
SELECT * FROM paginate(:'q', after => left(:'c', -3));
SELECT * FROM paginate(:'q', after => left(:'c', 20) || CASE substr(:'c', 21, 1) WHEN 'A' THEN 'B' ELSE 'A' END || substr(:'c', 22));
SELECT * FROM paginate(:'q', before => :'c' || 'AA');
SELECT * FROM paginate('select n, t from v order by n, t desc', after => :'c');
SELECT * FROM paginate('select n, t from v where t <> $1 order by n, t', after => :'c', params => array['x']);
SELECT end_cursor AS pc FROM paginate_meta('select n, t from v where t <> $1 order by n, t', params => array['x']) \gset
SELECT count(*) FROM paginate('select n, t from v where t <> $1 order by n, t', after => :'pc', params => array['x']);
SELECT * FROM paginate('select n, t from v where t <> $1 order by n, t', after => :'pc', params => array['y']);
SELECT * FROM paginate_meta(:'q', before => 'AQ');
SELECT * FROM paginate_response(:'q', after => repeat('A', 200));

-- Signed cursors: secret.sql.

DROP SCHEMA cursors_test CASCADE;
RESET search_path;
