-- page + exact total: the two statements an ORM sends, as Flask-SQLAlchemy
-- builds them: a count of the query without its ORDER BY, then the slice
\set page random(1, 500)
\set off (:page - 1) * 20
SELECT count(*) FROM (SELECT * FROM items) AS anon_1;
SELECT * FROM items ORDER BY created_at, id LIMIT 20 OFFSET :off;
