-- Demo data for make demo (scripts/demo.sh).  Re-runnable: drops and
-- recreates everything it makes.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP TABLE IF EXISTS users, events;
DROP EXTENSION IF EXISTS paginate CASCADE;
CREATE EXTENSION paginate;

-- The User model of the Flask-SQLAlchemy tutorial.
CREATE TABLE users (
    id       serial PRIMARY KEY,
    username varchar(80) UNIQUE NOT NULL,
    email    varchar(120) UNIQUE NOT NULL
);

INSERT INTO users (username, email)
SELECT 'user' || i, 'user' || i || '@example.com'
FROM generate_series(1, 100) AS i;

-- A million events, the same on every run (fixed seed).  created_at is a
-- random minute of 2024, so many rows share one: order by (created_at, id).
CREATE TABLE events (
    id         bigint PRIMARY KEY,
    user_id    int,
    kind       text,
    created_at timestamptz,
    payload    text
);

SELECT setseed(0.42) \g /dev/null
INSERT INTO events (id, user_id, kind, created_at, payload)
SELECT i,
       1 + floor(random() * 100)::int,
       (ARRAY['signup', 'login', 'view', 'click', 'purchase', 'logout'])[1 + floor(random() * 6)::int],
       timestamptz '2024-01-01 00:00:00+00' + floor(random() * 366 * 24 * 60) * interval '1 minute',
       md5(i::text)
FROM generate_series(1, 1000000) AS i;

CREATE INDEX events_created_at_id ON events (created_at, id);
VACUUM ANALYZE users, events;
