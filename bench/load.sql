-- bench/load.sql: the benchmark's data, the same on every run (fixed seeds).
-- Run by bench/run.sh in a fresh database paginate_bench.  Each step's time
-- goes into bench_info, which RESULTS.md reports.
--
-- The data is read-only: autovacuum is off for these tables, so that no
-- worker runs while pgbench measures, and the explicit VACUUM at the end
-- sets the visibility map, which index-only scans (counts) depend on.
-- run.sh checks that every page ended up all-visible.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
-- one process writes the rows, so the random() sequence is the same every run
SET max_parallel_workers_per_gather = 0;
SET maintenance_work_mem = '512MB';

CREATE TABLE bench_info (
    step    text PRIMARY KEY,
    seconds numeric
);

-- items: 1,000,000 rows of an API's typical table.  created_at is a random
-- second of 2024, so some rows share one: order by (created_at, id).
SELECT clock_timestamp() AS t \gset
CREATE TABLE items (
    id         bigint PRIMARY KEY,
    user_id    int NOT NULL,
    kind       text NOT NULL,
    created_at timestamptz NOT NULL,
    title      text NOT NULL,   -- 40 characters
    body       text NOT NULL    -- 200 characters
) WITH (autovacuum_enabled = off);
SELECT setseed(0.17) \g /dev/null
INSERT INTO items (id, user_id, kind, created_at, title, body)
SELECT i,
       1 + floor(random() * 10000)::int,
       (ARRAY['note', 'task', 'bug', 'idea', 'doc'])[1 + floor(random() * 5)::int],
       timestamptz '2024-01-01 00:00:00+00'
           + floor(random() * 366 * 24 * 3600) * interval '1 second',
       'Item ' || lpad(i::text, 7, '0') || ' ' || left(md5(random()::text), 27),
       left(repeat(md5(random()::text) || ' ', 7), 200)
FROM generate_series(1, 1000000) AS i;
CREATE INDEX items_created_at_id ON items (created_at, id);
INSERT INTO bench_info
SELECT 'items: 1,000,000 rows, primary key, index on (created_at, id)',
       extract(epoch FROM clock_timestamp() - :'t'::timestamptz);

-- events_10m and events_1m: one narrow shape at 10,000,000 and 1,000,000
-- rows, for the planned count (its cost must not grow with the table).
SELECT clock_timestamp() AS t \gset
CREATE TABLE events_10m (
    id         bigint PRIMARY KEY,
    created_at timestamptz NOT NULL
) WITH (autovacuum_enabled = off);
SELECT setseed(0.23) \g /dev/null
INSERT INTO events_10m (id, created_at)
SELECT i, timestamptz '2024-01-01 00:00:00+00'
              + floor(random() * 366 * 24 * 3600) * interval '1 second'
FROM generate_series(1, 10000000) AS i;
CREATE INDEX events_10m_created_at_id ON events_10m (created_at, id);
INSERT INTO bench_info
SELECT 'events_10m: 10,000,000 rows (id, created_at), primary key, index on (created_at, id)',
       extract(epoch FROM clock_timestamp() - :'t'::timestamptz);

SELECT clock_timestamp() AS t \gset
CREATE TABLE events_1m (
    id         bigint PRIMARY KEY,
    created_at timestamptz NOT NULL
) WITH (autovacuum_enabled = off);
SELECT setseed(0.23) \g /dev/null
INSERT INTO events_1m (id, created_at)
SELECT i, timestamptz '2024-01-01 00:00:00+00'
              + floor(random() * 366 * 24 * 3600) * interval '1 second'
FROM generate_series(1, 1000000) AS i;
CREATE INDEX events_1m_created_at_id ON events_1m (created_at, id);
INSERT INTO bench_info
SELECT 'events_1m: 1,000,000 rows of the same shape',
       extract(epoch FROM clock_timestamp() - :'t'::timestamptz);

-- wide: 200,000 rows of about 1 kB (stored inline: under the TOAST threshold),
-- for the memory of a 100,000-row page.
SELECT clock_timestamp() AS t \gset
CREATE TABLE wide (
    i       int PRIMARY KEY,
    payload text NOT NULL
) WITH (autovacuum_enabled = off);
INSERT INTO wide (i, payload)
SELECT i, repeat(md5(i::text), 32)
FROM generate_series(1, 200000) AS i;
INSERT INTO bench_info
SELECT 'wide: 200,000 rows of 1 kB, primary key',
       extract(epoch FROM clock_timestamp() - :'t'::timestamptz);

SELECT clock_timestamp() AS t \gset
VACUUM (FREEZE, ANALYZE) items, events_10m, events_1m, wide;
CHECKPOINT;
INSERT INTO bench_info
SELECT 'VACUUM (FREEZE, ANALYZE), CHECKPOINT',
       extract(epoch FROM clock_timestamp() - :'t'::timestamptz);
