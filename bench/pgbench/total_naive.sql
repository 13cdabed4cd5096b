-- page + exact total: a naive PL/pgSQL function (bench/setup.sql)
\set page random(1, 500)
SELECT naive_paginate('select * from items order by created_at, id', :page::integer, 20);
