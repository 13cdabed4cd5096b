-- page + exact total: paginate_response (count, page and JSON in one call)
\set page random(1, 500)
SELECT paginate_response('select * from items order by created_at, id', :page::integer, 20);
