-- page only: paginate's typed rows
\set page random(1, 500)
SELECT * FROM paginate_as(NULL::items, 'select * from items order by created_at, id', :page::integer, 20);
