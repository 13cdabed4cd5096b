-- page only: the hand-written slice, a prepared statement
\set page random(1, 500)
\set off (:page - 1) * 20
SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET :off;
