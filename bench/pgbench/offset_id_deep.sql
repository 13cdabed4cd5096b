-- offset, rows in key order: the page by number at 90% depth, ORDER BY id (rows 900,001 to 900,020)
SELECT * FROM paginate('select * from items order by id', 45001, 20);
