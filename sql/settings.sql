-- The paginate.* settings: defaults, bounds, and per role and database.
-- They exist once the library is loaded: by the first paginate call of a
-- session, by LOAD, or by session_preload_libraries.
LOAD 'paginate';
SELECT name, setting, context, vartype, short_desc
FROM pg_settings WHERE name LIKE 'paginate.%' ORDER BY name;

-- Out-of-range and unknown values are refused.
SET paginate.default_per_page = 0;
SET paginate.max_per_page = -1;
SET paginate.count = 'approximately';
SET paginate.count_threshold = -5;
SET paginate.nosuch = 1;

-- paginate.strict: errors instead of caps and empty pages.
SET paginate.strict = on;
SELECT count(*) FROM paginate('select g from generate_series(1, 30) g order by g', 3, 10);
SELECT * FROM paginate('select g from generate_series(1, 30) g order by g', 4, 10);
SELECT * FROM paginate_meta('select g from generate_series(1, 30) g order by g', 4, 10);
SELECT * FROM paginate_response('select g from generate_series(1, 30) g order by g', 4, 10, count => 'none');
SELECT * FROM paginate('select g from generate_series(1, 30) g order by g', 1, 101);
-- A default above the cap is lowered, even in strict mode: the caller did
-- not ask for it.
SET paginate.default_per_page = 500;
SELECT per_page FROM paginate_meta('select g from generate_series(1, 30) g order by g');
RESET paginate.default_per_page;
-- Page 1 of no rows is no error.
SELECT count(*) FROM paginate('select g from generate_series(1, 0) g order by g');
RESET paginate.strict;

-- (Per role and per database, as ALTER ROLE/DATABASE ... SET give them at
-- login: test/login, which logs in as a role of its own.)
