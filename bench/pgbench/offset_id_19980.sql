-- rows in key order: the page at offset 19,980, the plain page
SELECT * FROM paginate('select * from items order by id', 1000, 20);
