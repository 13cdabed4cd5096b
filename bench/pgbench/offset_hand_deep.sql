-- offset: the hand-written plain OFFSET at the same depth (rows 900,001 to 900,021), a prepared statement
SELECT * FROM items ORDER BY created_at, id LIMIT 21 OFFSET 900000;
