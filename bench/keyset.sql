-- Data for bench/keyset.sh: 1,000,000 events whose keys have the shapes
-- users have: a nullable timestamp (5% NULL), a low-cardinality status (5
-- values), a day that ties (100 values), the primary key id; an index that
-- matches each ORDER BY with its tiebreak; a view.  Deterministic (no
-- random()): the same rows on every run.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS paginate;

CREATE TABLE ev (
	id bigint PRIMARY KEY,
	created_at timestamptz,
	status integer NOT NULL,
	day date NOT NULL,
	title text NOT NULL
);
INSERT INTO ev
SELECT g,
	CASE WHEN g % 20 = 0 THEN NULL
		 ELSE '2024-01-01'::timestamptz + (g::bigint * 7919 % 1000003) * interval '1 minute' END,
	g % 5,
	'2024-01-01'::date + (g * 31 % 100)::integer,
	'event ' || g
FROM generate_series(1, 1000000) g;
CREATE INDEX ev_created_at ON ev (created_at, id);
CREATE INDEX ev_created_at_nulls_first ON ev (created_at NULLS FIRST, id);
CREATE INDEX ev_status_created_at_desc ON ev (status, created_at DESC, id);
CREATE INDEX ev_status_day ON ev (status, day, id);
CREATE INDEX ev_day ON ev (day, id);
CREATE VIEW ev_v AS SELECT id, created_at, title FROM ev;
-- the row type of a page of titles, for paginate's typed form
CREATE TYPE title_row AS (title text);
VACUUM (FREEZE, ANALYZE) ev;

-- The shapes: the query paged, its order written out in full (the ORDER BY
-- and the tiebreak paginate adds), and the hand-written statements that
-- fetch the same page after and before a row, with its key values as $1..
CREATE TABLE bench_shape (
	name text PRIMARY KEY,
	query text NOT NULL,
	full_order text NOT NULL,
	keys text NOT NULL,			-- the key columns, for the positions
	rowtype text NOT NULL,		-- the rows' type, for paginate's typed form
	hand_after text NOT NULL,
	hand_before text NOT NULL
);
INSERT INTO bench_shape VALUES
	('nulls_last', 'select * from ev order by created_at', 'created_at, id', 'created_at, id', 'ev',
	 'SELECT * FROM ev WHERE (created_at, id) > (:k1, :k2) ORDER BY created_at, id LIMIT 21',
	 'SELECT * FROM ev WHERE (created_at, id) < (:k1, :k2) ORDER BY created_at DESC, id DESC LIMIT 21'),
	('nulls_first', 'select * from ev order by created_at nulls first', 'created_at nulls first, id', 'created_at, id', 'ev',
	 'SELECT * FROM ev WHERE (created_at, id) > (:k1, :k2) ORDER BY created_at NULLS FIRST, id LIMIT 21',
	 'SELECT * FROM ev WHERE (created_at, id) < (:k1, :k2) ORDER BY created_at DESC NULLS LAST, id DESC LIMIT 21'),
	('mixed', 'select * from ev order by status, created_at desc', 'status, created_at desc, id', 'status, created_at, id', 'ev',
	 'SELECT * FROM ev WHERE status > :k1 OR (status = :k1 AND (created_at < :k2 OR (created_at = :k2 AND id > :k3))) ORDER BY status, created_at DESC, id LIMIT 21',
	 'SELECT * FROM ev WHERE status < :k1 OR (status = :k1 AND (created_at > :k2 OR created_at IS NULL OR (created_at = :k2 AND id < :k3))) ORDER BY status DESC, created_at, id DESC LIMIT 21'),
	('low_cardinality', 'select * from ev order by status, day, id', 'status, day, id', 'status, day, id', 'ev',
	 'SELECT * FROM ev WHERE (status, day, id) > (:k1, :k2, :k3) ORDER BY status, day, id LIMIT 21',
	 'SELECT * FROM ev WHERE (status, day, id) < (:k1, :k2, :k3) ORDER BY status DESC, day DESC, id DESC LIMIT 21'),
	('ties', 'select * from ev order by day', 'day, id', 'day, id', 'ev',
	 'SELECT * FROM ev WHERE (day, id) > (:k1, :k2) ORDER BY day, id LIMIT 21',
	 'SELECT * FROM ev WHERE (day, id) < (:k1, :k2) ORDER BY day DESC, id DESC LIMIT 21'),
	('view', 'select id, created_at, title from ev_v order by created_at', 'created_at, id', 'created_at, id', 'ev_v',
	 'SELECT id, created_at, title FROM ev_v WHERE (created_at, id) > (:k1, :k2) ORDER BY created_at, id LIMIT 21',
	 'SELECT id, created_at, title FROM ev_v WHERE (created_at, id) < (:k1, :k2) ORDER BY created_at DESC, id DESC LIMIT 21'),
	('not_selected', 'select title from ev order by day', 'day, id', 'day, id', 'title_row',
	 'SELECT title FROM ev WHERE (day, id) > (:k1, :k2) ORDER BY day, id LIMIT 21',
	 'SELECT title FROM ev WHERE (day, id) < (:k1, :k2) ORDER BY day DESC, id DESC LIMIT 21');

-- The positions: forward, the page after row p (p = 40 for the first page,
-- then 10%, 50% and 90% into the walk); backward, the page before row
-- p + 1, p counted from the end (999,960 first, then 900,000, 500,000,
-- 100,000).  cursor is paginate's (end_cursor of the page that ends at row
-- p, start_cursor of the page that starts after it); k1.. are row p's key
-- values (backward: row p + 1's) for the hand-written statements.
CREATE TABLE bench_pos (
	name text PRIMARY KEY,		-- shape.direction.depth
	cursor text NOT NULL,
	k1 text,
	k2 text,
	k3 text
);
DO $$
DECLARE
	s bench_shape;
	d record;
	row_at bigint;
	keys text[];
BEGIN
	FOR s IN SELECT * FROM bench_shape LOOP
		FOR d IN SELECT * FROM (VALUES
				('after', 'first', 40), ('after', '10', 100000), ('after', '50', 500000), ('after', '90', 900000),
				('before', 'first', 999960), ('before', '10', 900000), ('before', '50', 500000), ('before', '90', 100000))
				AS v(dir, depth, p) LOOP
			row_at := CASE WHEN d.dir = 'after' THEN d.p ELSE d.p + 1 END;
			EXECUTE format('SELECT array[%s] FROM (SELECT %s FROM ev ORDER BY %s OFFSET %s LIMIT 1) r',
						   (SELECT string_agg(format('r.%I::text', k), ', ')
							  FROM unnest(string_to_array(replace(s.keys, ' ', ''), ',')) k),
						   s.keys, s.full_order, row_at - 1)
				INTO keys;
			INSERT INTO bench_pos VALUES (
				s.name || '.' || d.dir || '.' || d.depth,
				CASE WHEN d.dir = 'after'
					 THEN (paginate_meta(s.query, (d.p / 20)::integer, 20, count => 'none')).end_cursor
					 ELSE (paginate_meta(s.query, (d.p / 20)::integer + 1, 20, count => 'none')).start_cursor END,
				keys[1], keys[2], keys[3]);
		END LOOP;
	END LOOP;
END
$$;
