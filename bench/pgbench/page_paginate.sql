-- page only: paginate's jsonb rows
\set page random(1, 500)
SELECT * FROM paginate('select * from items order by created_at, id', :page::integer, 20);
