-- items: 100,000 rows of bench/load.sql's shape (fixed seed), indexed on
-- (created_at, id): the table bench/callgrind.sh and bench/peers.sh page.
SET client_min_messages = warning;
CREATE TABLE items (
    id         bigint PRIMARY KEY,
    user_id    int NOT NULL,
    kind       text NOT NULL,
    created_at timestamptz NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL
);
SELECT setseed(0.17) \g /dev/null
INSERT INTO items
SELECT i, 1 + floor(random() * 10000)::int,
       (ARRAY['note', 'task', 'bug', 'idea', 'doc'])[1 + floor(random() * 5)::int],
       timestamptz '2024-01-01 00:00:00+00' + floor(random() * 366 * 24 * 3600) * interval '1 second',
       'Item ' || lpad(i::text, 7, '0') || ' ' || left(md5(random()::text), 27),
       left(repeat(md5(random()::text) || ' ', 7), 200)
FROM generate_series(1, 100000) AS i;
CREATE INDEX items_created_at_id ON items (created_at, id);
-- no autovacuum or autoanalyze in the middle of the measurements: the
-- scripts VACUUM ANALYZE it until every page is all-visible (lib.sh
-- settle_table)
ALTER TABLE items SET (autovacuum_enabled = false);
