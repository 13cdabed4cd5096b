-- The database sqlsmith generates queries against: a few small tables of
-- mixed types, with NULLs, duplicate rows and duplicate keys, so that its
-- joins stay small and paginate meets ties, NULLs and every common type.
-- Loaded by test/fuzz/run.sh into a fresh database; deterministic (no random()).

CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);

-- integers and text, a primary key, duplicates in the other columns
CREATE TABLE people (
    id      integer PRIMARY KEY,
    name    text,
    age     smallint,
    score   bigint,
    team    varchar(10),
    feeling mood
);
INSERT INTO people
SELECT i,
       CASE WHEN i % 7 = 0 THEN NULL ELSE 'user' || (i % 9) END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (20 + i % 4)::smallint END,
       (i * 37) % 11 - 5,
       CASE WHEN i % 3 = 0 THEN 'red' WHEN i % 3 = 1 THEN 'blue' ELSE NULL END,
       (ARRAY['sad', 'ok', 'happy', NULL])[1 + i % 4]::mood
FROM generate_series(1, 24) AS i;

-- numeric, timestamptz, date, interval, boolean, float; no key at all
CREATE TABLE payments (
    person_id integer,
    amount    numeric(10, 2),
    ratio     numeric,
    paid_at   timestamptz,
    due       date,
    late      interval,
    ok        boolean,
    weight    double precision,
    size      real,
    qty       positive
);
INSERT INTO payments
SELECT i % 13,
       CASE WHEN i % 6 = 0 THEN NULL ELSE (i * 12.5) % 40 END,
       CASE WHEN i % 4 = 0 THEN 1.0 WHEN i % 4 = 1 THEN 1.00 ELSE i / 7.0 END,
       CASE WHEN i % 8 = 0 THEN NULL
            ELSE timestamptz '2024-01-01 00:00:00+00' + (i % 5) * interval '1 day 3 hours' END,
       date '2024-02-28' + i % 3,
       CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 3) * interval '1 hour 30 minutes' END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END,
       CASE WHEN i % 9 = 0 THEN 'NaN'::float8 WHEN i % 10 = 0 THEN '-0'::float8 ELSE i / 4.0 END,
       (i % 4) / 2.0,
       1 + i % 3
FROM generate_series(1, 30) AS i;
-- exact duplicate rows
INSERT INTO payments SELECT * FROM payments WHERE person_id IN (1, 2);

-- text with multibyte characters and a composite key
CREATE TABLE notes (
    author  integer,
    seq     integer,
    body    text NOT NULL,
    tag     char(3),
    data    bytea,
    PRIMARY KEY (author, seq)
);
INSERT INTO notes
SELECT i % 5, i,
       (ARRAY['plain', 'größe', '日本語', 'emoji 🎉', '', 'a''quote', 'back\slash', 'tab	here'])[1 + i % 8],
       CASE WHEN i % 4 = 0 THEN NULL ELSE lpad((i % 3)::text, 3, 'x') END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE decode(lpad(to_hex(i * 7919), 6, '0'), 'hex') END
FROM generate_series(1, 20) AS i;

-- arrays, jsonb, uuid; a unique index on a nullable column
CREATE TABLE things (
    id      bigint GENERATED ALWAYS AS IDENTITY,
    code    uuid UNIQUE,
    labels  text[],
    nums    integer[],
    doc     jsonb,
    at      timestamp
);
INSERT INTO things (code, labels, nums, doc, at)
SELECT CASE WHEN i % 4 = 0 THEN NULL
            ELSE ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE ARRAY['x' || i % 2, NULL, 'z'] END,
       ARRAY[i % 3, i % 2],
       CASE WHEN i % 5 = 0 THEN NULL
            ELSE jsonb_build_object('k', i % 3, 'list', jsonb_build_array(i, 'v', NULL)) END,
       timestamp '2023-12-31 23:59:59' + i * interval '17 minutes'
FROM generate_series(1, 16) AS i;

-- an empty table and a view over a join
CREATE TABLE empty (a integer, b text);
CREATE VIEW person_totals AS
    SELECT p.id, p.name, sum(pa.amount) AS total, count(pa.*) AS n
    FROM people p LEFT JOIN payments pa ON pa.person_id = p.id
    GROUP BY p.id, p.name;

CREATE INDEX ON payments (paid_at);
CREATE INDEX ON people (name, age);
ANALYZE;
