-- keyset: the page after a cursor on page 1 (the 20th row)
SELECT cursor AS cur FROM bench_cursors WHERE name = 'first' \gset
SELECT * FROM paginate('select * from items order by created_at, id', after => :cur, per_page => 20);
