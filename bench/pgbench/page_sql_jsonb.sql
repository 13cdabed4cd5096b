-- page only, reference (not paginate): the jsonb rows of the slice in plain
-- SQL, with to_jsonb applied after the LIMIT/OFFSET, so only to the 21 rows
-- kept (20 and one more for has_next, as paginate fetches)
\set page random(1, 500)
\set off (:page - 1) * 20
SELECT to_jsonb(r) FROM (SELECT * FROM items ORDER BY created_at, id LIMIT 21 OFFSET :off) r;
