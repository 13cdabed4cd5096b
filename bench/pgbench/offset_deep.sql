-- offset: the page by number at the same depth (rows 900,001 to 900,020)
SELECT * FROM paginate('select * from items order by created_at, id', 45001, 20);
