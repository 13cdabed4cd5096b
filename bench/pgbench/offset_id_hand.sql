-- offset, rows in key order: the hand-written plain OFFSET at the same depth
SELECT * FROM items ORDER BY id LIMIT 21 OFFSET 900000;
