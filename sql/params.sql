-- params: values for $1..$n, read with the type the query gives each one.
CREATE SCHEMA params_test;
SET search_path TO params_test, public;

CREATE TABLE events (
	id integer PRIMARY KEY,
	kind text NOT NULL,
	at timestamptz NOT NULL,
	score numeric
);
INSERT INTO events
SELECT i, (array['click', 'view', 'buy'])[i % 3 + 1],
	'2024-01-01 00:00+00'::timestamptz + i * interval '1 hour',
	CASE WHEN i % 4 = 0 THEN NULL ELSE i * 1.5 END
FROM generate_series(1, 60) i;

SELECT * FROM paginate('select id, kind from events where kind = $1 and id > $2 order by id',
	1, 5, params => array['buy', '30']);

-- timestamptz and numeric parameters, read with their types' input functions.
SELECT * FROM paginate('select id from events where at >= $1 and score > $2 order by id',
	1, 3, params => array['2024-01-02 12:00+00', '60.5']);

-- A NULL element is SQL NULL.
SELECT * FROM paginate('select id from events where score is not distinct from $1 order by id',
	2, 3, params => array[NULL]);

-- The same parameter used twice; parameters in the ORDER BY and the LIMIT.
SELECT * FROM paginate('select id from events where id between $1 and $1 + 5 order by abs(id - $2), id limit $3',
	1, 10, params => array['10', '12', '4']);

-- Parameters count for paginate_meta and paginate_response too.
SELECT total, pages FROM paginate_meta('select * from events where kind = $1 order by id',
	1, 7, params => array['view']);
SELECT paginate_response('select id from events where id <= $1 order by id desc', 2, 2,
	params => array['5'])->'items';

-- A value is a value: text that looks like SQL stays text.
SELECT * FROM paginate('select id, kind from events where kind = $1 order by id',
	params => array[$$x' or '1'='1$$]);
SELECT * FROM paginate('select $1::text as v order by 1',
	params => array['1) s; drop table events; --']);
SELECT count(*) FROM events;

-- params takes the arrays drivers send (it is paginate_param[]): arrays of
-- integers, numerics, booleans, dates, timestamps and uuids, each element
-- read back with the type the query gives its parameter, and untyped array
-- literals; a NULL element is SQL NULL.
SELECT * FROM paginate('select id from events where id > $1 and id < $2 order by id',
	params => array[55, 58]);
SELECT * FROM paginate('select id from events where score > $1 order by id', 1, 2,
	params => array[80.5]);
SELECT * FROM paginate('select id from events where (score > 85) = $1 order by id desc', 1, 2,
	params => array[true]);
SELECT * FROM paginate('select id from events where at::date = $1 order by id', 1, 2,
	params => array[date '2024-01-03']);
SELECT * FROM paginate('select id from events where at > $1 order by id', 1, 2,
	params => array[timestamptz '2024-01-03 10:30+00']);
SELECT * FROM paginate('select $1::uuid as u order by 1',
	params => array['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]);
SELECT * FROM paginate('select id from events where id > $1 and kind = $2 order by id', 1, 2,
	params => '{50, buy}');
SELECT * FROM paginate('select id from events where id = $1 or id = coalesce($2::int, 7) order by id', 1, 2,
	params => array[1, NULL]);
SELECT * FROM paginate('select id from events where id > $1 order by id', 1, 2,
	params => array[58::bigint]);
PREPARE untyped_params AS SELECT * FROM paginate($1, $2, $3, params => $4);
EXECUTE untyped_params('select id from events where id > $1 order by id', 1, 2, '{57}');
PREPARE typed_params(text, bigint, bigint, int[]) AS SELECT * FROM paginate($1, $2, $3, params => $4);
EXECUTE typed_params('select id from events where id > $1 order by id', 1, 2, '{57}');
DEALLOCATE untyped_params;
DEALLOCATE typed_params;

-- Wrong number of params.
SELECT * FROM paginate('select id from events where id = $1 order by id');
SELECT * FROM paginate('select id from events where id = $1 order by id', params => array['1', '2']);
SELECT * FROM paginate('select id from events where id in ($1, $2, $3) order by id', params => array['1']);
SELECT * FROM paginate('select id from events order by id', params => array['1']);
SELECT * FROM paginate('select id from events where id = $1 order by id', params => array[['1']]);

-- A value the parameter's type does not accept.
SELECT * FROM paginate('select id from events where id = $1 order by id', params => array['one']);
SELECT * FROM paginate('select id from events where at > $1 order by id', params => array['yesterday-ish']);

-- unknown = unknown reads both as text, as PREPARE does.
SELECT * FROM paginate('select id from events where $2 = $2 and id = $1 order by id', params => array['1', '2']);
-- A parameter whose type the query does not give.
SELECT * FROM paginate('select id from events where id = $2 order by id', params => array['1', '2']);

DROP SCHEMA params_test CASCADE;
RESET search_path;
