-- The query runs as the caller: privileges and row-level security apply.
CREATE SCHEMA security_test;
SET search_path TO security_test, public;

CREATE TABLE secrets (id int PRIMARY KEY, owner text, note text);
INSERT INTO secrets
SELECT i, CASE WHEN i % 3 = 0 THEN 'paginate_alice' ELSE 'paginate_bob' END, 'note ' || i
FROM generate_series(1, 30) i;

CREATE ROLE paginate_alice;
CREATE ROLE paginate_nobody;
GRANT USAGE ON SCHEMA security_test TO paginate_alice, paginate_nobody;
GRANT SELECT ON secrets TO paginate_alice;

-- Without SELECT, every function is refused.
SET ROLE paginate_nobody;
SELECT * FROM paginate('select * from secrets order by id');
SELECT * FROM paginate(NULL::secrets, 'select * from secrets order by id');
SELECT * FROM paginate_meta('select * from secrets order by id');
SELECT * FROM paginate_response('select * from secrets order by id');
SELECT * FROM paginate_meta('select * from secrets order by id', count => 'planned');
-- Column privileges too.
RESET ROLE;
GRANT SELECT (id) ON secrets TO paginate_nobody;
SET ROLE paginate_nobody;
SELECT * FROM paginate('select id from secrets order by id', 1, 2);
SELECT * FROM paginate('select id, note from secrets order by id', 1, 2);
RESET ROLE;

-- Row-level security filters the page and the total alike.
ALTER TABLE secrets ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON secrets FOR SELECT USING (owner = current_user);
SET ROLE paginate_alice;
SELECT count(*) FROM secrets;
SELECT * FROM paginate('select id, owner from secrets order by id', 2, 4);
SELECT total, pages, has_next FROM paginate_meta('select * from secrets order by id', 1, 4);
SELECT paginate_response('select id from secrets order by id', 3, 4, count => 'exact');
RESET ROLE;
-- The table owner is not subject to its policies.
SELECT total FROM paginate_meta('select * from secrets order by id');

DROP SCHEMA security_test CASCADE;
DROP ROLE paginate_alice;
DROP ROLE paginate_nobody;
