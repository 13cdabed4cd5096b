-- keyset: the page after a cursor at 90% depth (the 900,000th row)
SELECT cursor AS cur FROM bench_cursors WHERE name = 'deep' \gset
SELECT * FROM paginate('select * from items order by created_at, id', after => :cur, per_page => 20);
