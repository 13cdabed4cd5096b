-- the late lookup's threshold: the page at offset 980, the plain page
SELECT * FROM paginate('select * from items order by created_at, id', 50, 20);
