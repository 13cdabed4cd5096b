-- exact count on 10,000,000 rows with a 100 ms budget: abandoned, the planner's total
\set page random(2, 500)
SELECT * FROM paginate_meta('select * from events_10m order by created_at, id', :page::integer, 20, count_timeout => 100);
