-- the late lookup's threshold: the page at offset 1,000, read by late row lookup
SELECT * FROM paginate('select * from items order by created_at, id', 51, 20);
