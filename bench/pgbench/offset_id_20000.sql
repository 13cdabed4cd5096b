-- rows in key order: the page at offset 20,000, read by late row lookup
SELECT * FROM paginate('select * from items order by id', 1001, 20);
