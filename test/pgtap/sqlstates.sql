-- sqlstates.sql: every error paginate raises, with its SQLSTATE and message,
-- and that a rejected statement has not run.
BEGIN;
SELECT plan(188);

CREATE TABLE sq_t (id integer PRIMARY KEY, v text NOT NULL);
INSERT INTO sq_t SELECT g, 'v' || g FROM generate_series(1, 5) g;
CREATE TABLE sq_log (id integer);
CREATE TYPE sq_pair AS (a integer, b text);

-- ---------------------------------------------------------------------------
-- 22023: bad arguments, through every entry point that takes them.
-- ---------------------------------------------------------------------------

-- query NULL
SELECT throws_ok($$SELECT * FROM paginate(NULL)$$,
    '22023', 'query must not be NULL', 'paginate: NULL query');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, NULL)$$,
    '22023', 'query must not be NULL', 'paginate(typed): NULL query');
SELECT throws_ok($$SELECT paginate_meta(NULL)$$,
    '22023', 'query must not be NULL', 'paginate_meta: NULL query');
SELECT throws_ok($$SELECT paginate_response(NULL)$$,
    '22023', 'query must not be NULL', 'paginate_response: NULL query');
SELECT throws_ok($$SELECT paginate_response_json(NULL)$$,
    '22023', 'query must not be NULL', 'paginate_response_json: NULL query');

SELECT throws_ok($$SELECT * FROM paginate_explain(NULL)$$,
    '22023', 'query must not be NULL', 'paginate_explain: NULL query');

-- page < 1
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', 0)$$,
    '22023', 'page must be at least 1', 'paginate: page 0');
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', -1)$$,
    '22023', 'page must be at least 1', 'paginate: page -1');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1 order by 1', 0)$$,
    '22023', 'page must be at least 1', 'paginate(typed): page 0');
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', 0)$$,
    '22023', 'page must be at least 1', 'paginate_meta: page 0');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', -2147483648)$$,
    '22023', 'page must be at least 1', 'paginate_response: page INT_MIN');
SELECT throws_ok($$SELECT * FROM paginate_explain('select 1 order by 1', 0)$$,
    '22023', 'page must be at least 1', 'paginate_explain: page 0');

-- per_page < 1
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', 1, 0)$$,
    '22023', 'per_page must be at least 1', 'paginate: per_page 0');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1 order by 1', 1, -5)$$,
    '22023', 'per_page must be at least 1', 'paginate(typed): per_page -5');
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', per_page => 0)$$,
    '22023', 'per_page must be at least 1', 'paginate_meta: per_page 0');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', per_page => 0)$$,
    '22023', 'per_page must be at least 1', 'paginate_response: per_page 0');

-- page and per_page are bigint; past int4 they are 22023 naming them
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', 2147483648)$$,
    '22023', 'page must be at most 2147483647', 'paginate: page 2^31');
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', 1, 9223372036854775807)$$,
    '22023', 'per_page must be at most 2147483647', 'paginate_meta: per_page INT8_MAX');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1 order by 1', -9223372036854775808)$$,
    '22023', 'page must be at least 1', 'paginate_as: page INT8_MIN');
SELECT is((SELECT count(*)::int FROM paginate('select g from generate_series(1, 30) g order by g',
                                              3::bigint, 12::smallint)),
    6, 'page as bigint, per_page as smallint');

-- count_timeout below 0
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', count_timeout => -1)$$,
    '22023', 'count_timeout must be at least 0', 'paginate_meta: count_timeout -1');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', count_timeout => -5)$$,
    '22023', 'count_timeout must be at least 0', 'paginate_response: count_timeout -5');

-- per_page above paginate.max_per_page with paginate.strict = on
SET LOCAL paginate.strict = on;
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', 1, 101)$$,
    '22023', 'per_page must be at most 100', 'strict: paginate per_page 101 > cap 100');
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', 1, 101)$$,
    '22023', 'per_page must be at most 100', 'strict: paginate_meta per_page 101 > cap 100');
SET LOCAL paginate.max_per_page = 3;
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', 1, 4)$$,
    '22023', 'per_page must be at most 3', 'strict: paginate_response per_page 4 > cap 3');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1 order by 1', 1, 4)$$,
    '22023', 'per_page must be at most 3', 'strict: paginate(typed) per_page 4 > cap 3');
SELECT lives_ok($$SELECT paginate_response('select 1 order by 1', 1, 3)$$,
    'strict: per_page equal to the cap is fine');

-- page past the end with paginate.strict = on (sq_t has 5 rows)
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t order by id', 3, 3)$$,
    '22023', 'page 3 is past the last page', 'strict: paginate page past the end');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', 3, 3)$$,
    '22023', 'page 3 is past the last page', 'strict: paginate(typed) page past the end');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', 3, 3)$$,
    '22023', 'page 3 is past the last page', 'strict: paginate_meta page past the end');
SELECT throws_ok($$SELECT paginate_response('select id from sq_t order by id', 3, 3)$$,
    '22023', 'page 3 is past the last page', 'strict: paginate_response page past the end');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', 3, 3, count => 'none')$$,
    '22023', 'page 3 is past the last page', 'strict: paginate_meta count none page past the end');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', 3, 3, count => 'planned')$$,
    '22023', 'page 3 is past the last page', 'strict: paginate_meta count planned page past the end');
SELECT lives_ok($$SELECT paginate_meta('select id from sq_t order by id', 2, 3)$$,
    'strict: the last page is fine');
SELECT lives_ok($$SELECT paginate_meta('select id from sq_t where false order by id', 1, 3)$$,
    'strict: page 1 of an empty result is fine');
RESET paginate.strict;

-- paginate.out_of_range = error: the same error; last: the last page, no error
SET LOCAL paginate.out_of_range = error;
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t order by id', 3, 3)$$,
    '22023', 'page 3 is past the last page', 'out_of_range error: paginate page past the end');
SELECT throws_ok($$SELECT paginate_response('select id from sq_t order by id', 3, 3, count => 'none')$$,
    '22023', 'page 3 is past the last page', 'out_of_range error: paginate_response, count none');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', 3, 3)$$,
    '22023', 'page 3 is past the last page', 'out_of_range error: paginate(typed) page past the end');
SET LOCAL paginate.out_of_range = last;
SELECT is((paginate_meta('select id from sq_t order by id', 3, 3)).page, 2,
    'out_of_range last: page 3 of 5 rows at 3 a page is served as page 2');
SELECT results_eq($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', 99, 3)$$,
    $$SELECT id FROM sq_t ORDER BY id OFFSET 3$$, 'out_of_range last: the last page''s rows');
SELECT throws_ok($$SET paginate.out_of_range = clamp$$, '22023', NULL,
    'out_of_range: an unknown value is 22023');
RESET paginate.out_of_range;
RESET paginate.max_per_page;

-- order_by: each bad sort is 22023 naming the item, on every function; a
-- malformed array literal is array_in's 22P02
SELECT throws_ok($$SELECT * FROM paginate('select id, v from sq_t', order_by => 'nope.desc')$$,
    '22023', 'order_by column "nope" is not a column of the query', 'order_by: an unknown column');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::sq_t, 'select * from sq_t', order_by => 'ID')$$,
    '22023', 'order_by column "ID" is not a column of the query', 'order_by: names are case-sensitive (paginate_as)');
SELECT throws_ok($$SELECT paginate_meta('select id, id from sq_t', order_by => 'id')$$,
    '22023', 'order_by column "id" is ambiguous', 'order_by: a name two columns have (paginate_meta)');
SELECT throws_ok($$SELECT paginate_response('select id, v from sq_t', order_by => 'v,id,v.desc')$$,
    '22023', 'order_by names column "v" twice', 'order_by: a column twice (paginate_response)');
SELECT throws_ok($$SELECT * FROM paginate_explain('select id, v from sq_t', order_by => 'id.descending')$$,
    '22023', 'order_by item "id.descending" is malformed', 'order_by: a malformed item (paginate_explain)');
SELECT throws_ok($$SELECT * FROM paginate('select id, v from sq_t', order_by => 'id;delete from sq_t')$$,
    '22023', 'order_by item "id;delete from sq_t" is malformed', 'order_by: SQL is a malformed item');
SELECT throws_ok($$SELECT * FROM paginate('select id, v from sq_t', order_by => 'id,,v')$$,
    '22023', 'order_by has an empty item', 'order_by: an empty item');
SELECT throws_ok($$SELECT * FROM paginate('select id, v from sq_t', order_by => ARRAY['id', NULL])$$,
    '22023', 'order_by must not hold a NULL', 'order_by: a NULL element');
SELECT throws_ok($$SELECT * FROM paginate('select id, ''{}''::json as j from sq_t', order_by => 'j')$$,
    '22023', 'order_by column "j" cannot be sorted', 'order_by: a type without an ordering');
SELECT throws_ok($$SELECT * FROM paginate('select id, v from sq_t', order_by => '{id')$$,
    '22P02', NULL, 'order_by: a malformed array literal');
SELECT is((SELECT count(*) FROM sq_t), 5::bigint, '... and sq_t still has its 5 rows');
SELECT throws_ok(
    format($$SELECT * FROM paginate('select id, v from sq_t', after => %L, order_by => 'id.desc')$$,
           (paginate_meta('select id, v from sq_t', 1, 2, order_by => 'id')).end_cursor),
    '22023', 'invalid cursor in after', 'order_by: a cursor of another sort');

-- last => true: not together with page or after
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t order by id', 2, last => true)$$,
    '22023', 'last cannot be used together with page', 'last: with page');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', after => 'x', last => true)$$,
    '22023', 'last cannot be used together with after', 'last: with after');
SELECT throws_ok($$SELECT paginate_response('select id from sq_t', last => true)$$,
    '22023', 'keyset pagination requires a query with ORDER BY', 'last: without ORDER BY');

SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t', with_cursors => true)$$,
    '22023', 'keyset pagination requires a query with ORDER BY', 'with_cursors: without ORDER BY');
SELECT throws_ok($$SELECT * FROM paginate_edges(NULL::integer, 'select 1')$$,
    '22023', 'keyset pagination requires a query with ORDER BY', 'paginate_edges: without ORDER BY');

SELECT throws_ok($$SELECT paginate_response('select id from sq_t order by id', format => 'hal')$$,
    '22023', 'unknown response format "hal"', 'format: an unknown one');
SELECT throws_ok($$SELECT paginate_response_json('select id from sq_t order by id', format => 'hal')$$,
    '22023', 'unknown response format "hal"', 'paginate_response_json: an unknown format');

-- paginate_as: the arguments that serve only its headers, without set_headers
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', count => 'exact')$$,
    '22023', 'count needs set_headers => true', 'paginate_as: count without set_headers');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', count_timeout => 5)$$,
    '22023', 'count_timeout needs set_headers => true', 'paginate_as: count_timeout without set_headers');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', set_headers => false, base_url => '/x')$$,
    '22023', 'base_url needs set_headers => true', 'paginate_as: base_url without set_headers');

-- page together with a cursor; both cursors
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', page => 1, after => 'x')$$,
    '22023', 'page cannot be used together with after', 'paginate: page and after');
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', page => 2, before => 'x')$$,
    '22023', 'page cannot be used together with before', 'paginate: page and before');
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', page => 1, after => 'x')$$,
    '22023', 'page cannot be used together with after', 'paginate_meta: page and after');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', page => 1, before => 'x')$$,
    '22023', 'page cannot be used together with before', 'paginate_response: page and before');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1 order by 1', page => 1, after => 'x')$$,
    '22023', 'page cannot be used together with after', 'paginate(typed): page and after');
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate: after and before');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1 order by 1', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate(typed): after and before');
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate_meta: after and before');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate_response: after and before');
SELECT throws_ok($$SELECT * FROM paginate_explain('select 1 order by 1', after => 'x', before => 'y')$$,
    '22023', 'after and before cannot be used together', 'paginate_explain: after and before');

-- unknown count mode (the argument, and the setting)
SELECT throws_ok($$SELECT paginate_meta('select 1 order by 1', count => 'bogus')$$,
    '22023', 'invalid count mode: "bogus"', 'paginate_meta: unknown count mode');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', count => 'EXACT')$$,
    '22023', 'invalid count mode: "EXACT"', 'paginate_response: count mode is case-sensitive');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1', count => '')$$,
    '22023', 'invalid count mode: ""', 'paginate_response: empty count mode');
SELECT throws_ok($$SELECT * FROM paginate_explain('select 1 order by 1', count => 'all')$$,
    '22023', 'invalid count mode: "all"', 'paginate_explain: unknown count mode');
SELECT throws_ok($$SET LOCAL paginate.count = 'bogus'$$,
    '22023', 'invalid value for parameter "paginate.count": "bogus"',
    'paginate.count refuses an unknown mode');
SELECT throws_ok($$SET LOCAL paginate.order_check = 'warn'$$,
    '22023', 'invalid value for parameter "paginate.order_check": "warn"',
    'paginate.order_check refuses an unknown value');

-- wrong number of params: 0, 1 and n parameters
SELECT throws_ok($$SELECT * FROM paginate('select 1 order by 1', params => ARRAY['1'])$$,
    '22023', 'wrong number of params', 'no parameters, one param');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int order by 1')$$,
    '22023', 'wrong number of params', 'one parameter, params NULL');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int order by 1', params => '{}')$$,
    '22023', 'wrong number of params', 'one parameter, params empty');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int order by 1', params => '{1,2}')$$,
    '22023', 'wrong number of params', 'one parameter, two params');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int, $2::text, $3::date order by 1', params => '{1,a}')$$,
    '22023', 'wrong number of params', 'three parameters, two params (too few)');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int, $2::text, $3::date order by 1', params => '{1,a,2024-01-01,x}')$$,
    '22023', 'wrong number of params', 'three parameters, four params (too many)');
SELECT throws_ok($$SELECT paginate_meta('select $1::int, $2::int order by 1', params => '{1}')$$,
    '22023', 'wrong number of params', 'paginate_meta: too few params');
SELECT throws_ok($$SELECT paginate_response('select $1::int order by 1', params => '{1,2}')$$,
    '22023', 'wrong number of params', 'paginate_response: too many params');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select $1::int order by 1')$$,
    '22023', 'wrong number of params', 'paginate(typed): params missing');
SELECT throws_ok($$SELECT paginate_meta('select $1::int order by 1', count => 'none')$$,
    '22023', 'wrong number of params', 'paginate_meta count none: params missing');
SELECT throws_ok($$SELECT * FROM paginate_explain('select $1::int order by 1', params => '{1,2}')$$,
    '22023', 'wrong number of params', 'paginate_explain: too many params');

-- multidimensional params
SELECT throws_ok($$SELECT * FROM paginate('select $1::int order by 1', params => '{{1},{2}}')$$,
    '22023', 'params must be a one-dimensional array', 'params 2x1');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int order by 1', params => '{{1}}')$$,
    '22023', 'params must be a one-dimensional array', 'params 1x1');
SELECT throws_ok($$SELECT paginate_meta('select $1::int, $2::int order by 1', params => '{{1,2}}')$$,
    '22023', 'params must be a one-dimensional array', 'paginate_meta: params 1x2');

-- ---------------------------------------------------------------------------
-- 22023: statements that are not one plain query.
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM paginate('')$$,
    '22023', 'query is empty', 'empty query');
SELECT throws_ok($$SELECT * FROM paginate('   ')$$,
    '22023', 'query is empty', 'blank query');
SELECT throws_ok($$SELECT * FROM paginate(';')$$,
    '22023', 'query is empty', 'just a semicolon');
SELECT throws_ok($$SELECT * FROM paginate('-- only a comment')$$,
    '22023', 'query is empty', 'only a line comment');
SELECT throws_ok($$SELECT paginate_meta('/* only a comment */')$$,
    '22023', 'query is empty', 'only a block comment');
SELECT throws_ok($$SELECT * FROM paginate('select 1; select 2')$$,
    '22023', 'query must be a single statement', 'two statements');
SELECT throws_ok($$SELECT paginate_response('select 1 order by 1;;select 2 order by 1;')$$,
    '22023', 'query must be a single statement', 'two statements with extra semicolons');

SELECT throws_ok($$SELECT * FROM paginate('insert into sq_t values (100, ''x'') returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'INSERT ... RETURNING');
SELECT throws_ok($$SELECT * FROM paginate('update sq_t set v = ''gone'' returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'UPDATE ... RETURNING');
SELECT throws_ok($$SELECT * FROM paginate('delete from sq_t returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'DELETE ... RETURNING');
SELECT throws_ok($$SELECT paginate_meta('delete from sq_t')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'DELETE without RETURNING');
SELECT throws_ok($$SELECT * FROM paginate('merge into sq_t using (select 1 as id) s on sq_t.id = s.id when matched then delete')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'MERGE');
SELECT throws_ok($$SELECT * FROM paginate('create table sq_new (a int)')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'CREATE TABLE');
SELECT throws_ok($$SELECT * FROM paginate('create table sq_new as select 1 as a')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'CREATE TABLE AS');
SELECT throws_ok($$SELECT * FROM paginate('drop table sq_t')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'DROP TABLE');
SELECT throws_ok($$SELECT * FROM paginate('vacuum sq_t')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'VACUUM');
SELECT throws_ok($$SELECT * FROM paginate('set work_mem = ''1MB''')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'SET');
SELECT throws_ok($$SELECT * FROM paginate('explain select 1')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'EXPLAIN');
SELECT throws_ok($$SELECT * FROM paginate('explain analyze delete from sq_t')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'EXPLAIN ANALYZE DELETE');
SELECT throws_ok($$SELECT * FROM paginate('copy sq_t to stdout')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'COPY');
SELECT throws_ok($$SELECT * FROM paginate('select * into sq_copy from sq_t')$$,
    '22023', 'query must not be SELECT INTO', 'SELECT INTO');
SELECT throws_ok($$SELECT * FROM paginate('with d as (delete from sq_t returning *) select * from d order by 1')$$,
    '22023', 'query must not contain data-modifying statements in WITH', 'WITH ... DELETE');
SELECT throws_ok($$SELECT * FROM paginate('with i as (insert into sq_t values (100, ''x'') returning id) select id from i order by 1')$$,
    '22023', 'query must not contain data-modifying statements in WITH', 'WITH ... INSERT');
SELECT throws_ok($$SELECT paginate_meta('with u as (update sq_t set v = ''gone'' returning id) select 1 order by 1')$$,
    '22023', 'query must not contain data-modifying statements in WITH', 'WITH ... UPDATE, unused');
SELECT throws_ok($$SELECT * FROM paginate('select * from sq_t order by id for update')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR UPDATE');
SELECT throws_ok($$SELECT * FROM paginate('select * from (select * from sq_t for update) s order by id')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR UPDATE in a subquery in FROM');
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t where id in (select id from sq_t for no key update) order by id')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR NO KEY UPDATE in a sublink');
SELECT throws_ok($$SELECT * FROM paginate('with l as (select * from sq_t for update) select id from l order by id')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR UPDATE in a WITH query');
SELECT throws_ok($$SELECT * FROM paginate('select * from sq_t order by id for share')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR SHARE');
SELECT throws_ok($$SELECT paginate_response('select * from sq_t order by id for key share')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR KEY SHARE');
SELECT throws_ok($$SELECT * FROM paginate_explain('select * from sq_t order by id for update')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'paginate_explain: FOR UPDATE');
SELECT throws_ok($$SELECT * FROM paginate_explain('delete from sq_t returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'paginate_explain: DELETE RETURNING');

-- A FOR UPDATE in a view's definition shows only after the view is expanded:
-- the plan is checked too, before it runs.
CREATE VIEW sq_locking AS SELECT id FROM sq_t FOR UPDATE;
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_locking order by id')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR UPDATE inside a view');
SELECT throws_ok($$SELECT * FROM paginate_meta('select id from sq_locking order by id')$$,
    '22023', 'query must not use FOR UPDATE or FOR SHARE', 'FOR UPDATE inside a view, count');

-- Two columns with one name cannot both be JSON keys.
SELECT throws_ok($$SELECT * FROM paginate('select 1 as a, 2 as a order by 1')$$,
    '42701', 'query has more than one column named "a"', 'duplicate column names, jsonb rows');
SELECT throws_ok($$SELECT paginate_response('select a.id, b.id from sq_t a join sq_t b using (id) order by 1')$$,
    '42701', 'query has more than one column named "id"', 'duplicate column names, response');

-- jsonb's size limit, as to_jsonb and jsonb_agg have it.
SELECT throws_ok($$SELECT paginate_response('select g, repeat(''x'', 140000000) as t
        from generate_series(1, 2) g order by g', 1, 2, count => 'none')$$,
    '54000', 'total size of jsonb array elements exceeds the maximum of 268435455 bytes',
    'a page of rows past jsonb''s limit');

-- order_check = error
SET LOCAL paginate.order_check = 'error';
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t')$$,
    '22023', 'query has no ORDER BY', 'order_check error: paginate');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t')$$,
    '22023', 'query has no ORDER BY', 'order_check error: paginate_meta');
SELECT throws_ok($$SELECT paginate_response('table sq_t')$$,
    '22023', 'query has no ORDER BY', 'order_check error: paginate_response, TABLE');
SELECT throws_ok($$SELECT * FROM paginate('select id from (select id from sq_t order by id) s')$$,
    '22023', 'query has no ORDER BY', 'an ORDER BY in a subquery is not the top-level ORDER BY');
SELECT lives_ok($$SELECT * FROM paginate('select id from sq_t order by id')$$,
    'order_check error: a query with ORDER BY is fine');
RESET paginate.order_check;

-- ---------------------------------------------------------------------------
-- 22023: a cursor that is not one (the details: test/pgtap/keyset.sql).
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t order by id', after => 'x')$$,
    '22023', 'invalid cursor in after', 'paginate: after, not a cursor');
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t order by id', before => 'x')$$,
    '22023', 'invalid cursor in before', 'paginate: before, not a cursor');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', after => 'x')$$,
    '22023', 'invalid cursor in after', 'paginate_meta: after, not a cursor');
SELECT throws_ok($$SELECT paginate_response('select id from sq_t order by id', before => 'x')$$,
    '22023', 'invalid cursor in before', 'paginate_response: before, not a cursor');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id', after => 'x')$$,
    '22023', 'invalid cursor in after', 'paginate(typed): after, not a cursor');
SELECT throws_ok($$SELECT * FROM paginate_explain('select id from sq_t order by id', after => 'x')$$,
    '22023', 'invalid cursor in after', 'paginate_explain: after, not a cursor');

-- ---------------------------------------------------------------------------
-- 42P18: a parameter the query gives no type.
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM paginate('select $1 is null as x order by 1', params => '{1}')$$,
    '42P18', 'could not determine data type of parameter $1', '$1 IS NULL has no type');
SELECT throws_ok($$SELECT paginate_meta('select $2::int as x order by 1', params => '{1,2}')$$,
    '42P18', 'could not determine data type of parameter $1', '$1 never used');

-- ---------------------------------------------------------------------------
-- 42804: the typed form with a rowtype that does not fit.
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::sq_pair, 'select 1 order by 1')$$,
    '42804', 'query does not match rowtype sq_pair', 'too few columns');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::sq_pair, 'select 1, ''a''::text, 3 order by 1')$$,
    '42804', 'query does not match rowtype sq_pair', 'too many columns');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::sq_pair, 'select 1, 2 order by 1')$$,
    '42804', 'query does not match rowtype sq_pair', 'column of the wrong type');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::sq_t, 'select v, id from sq_t order by id')$$,
    '42804', 'query does not match rowtype sq_t', 'table rowtype, columns swapped');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1, 2 order by 1')$$,
    '42804', 'query does not match rowtype integer', 'scalar rowtype, two columns');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1::bigint order by 1')$$,
    '42804', 'query does not match rowtype integer', 'scalar rowtype, other type');
SELECT throws_ok($$SELECT paginate_as(NULL::record, 'select 1, 2 order by 1')$$,
    '42804', 'rowtype must be a composite type or a base type, not record',
    'record rowtype without a column list');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::record, 'select 1, 2 order by 1') AS r(a int, b text)$$,
    '42804', 'query does not match rowtype record',
    'record rowtype with a column list that does not fit');
-- ... and the typed form with row cursors, paginate_edges
SELECT throws_ok($$SELECT * FROM paginate_edges(NULL::sq_pair, 'select 1, 2 order by 1')$$,
    '42804', 'query does not match rowtype sq_pair', 'paginate_edges: column of the wrong type');
SELECT throws_ok($$SELECT * FROM paginate_edges(NULL::integer, 'select 1, 2 order by 1')$$,
    '42804', 'query does not match rowtype integer', 'paginate_edges: scalar rowtype, two columns');
SELECT throws_ok($$SELECT * FROM paginate_edges(NULL::record, 'select 1, 2 order by 1')$$,
    '42804', 'rowtype must be a composite type or a base type, not record',
    'paginate_edges: record rowtype');

-- ---------------------------------------------------------------------------
-- PostgreSQL's own errors in the query.
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM paginate('select from where')$$,
    '42601', 'syntax error at or near "where"', 'syntax error');
SELECT throws_ok($$SELECT paginate_meta('select 1) s; delete from sq_t; --')$$,
    '42601', 'syntax error at or near ")"', 'an attempt to close the wrapping is a syntax error');
SELECT throws_ok($$SELECT * FROM paginate('select nope from sq_t order by 1')$$,
    '42703', 'column "nope" does not exist', 'unknown column');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_nope order by 1')$$,
    '42P01', 'relation "sq_nope" does not exist', 'unknown table');
SELECT throws_ok($$SELECT * FROM paginate('select $1::int as x order by 1', params => '{abc}')$$,
    '22P02', 'invalid input syntax for type integer: "abc"', 'params element not an integer');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t where id = any($1) order by 1', params => '{"{1,x}"}')$$,
    '22P02', 'invalid input syntax for type integer: "x"', 'params element not an integer[]');
SELECT throws_ok($$SELECT * FROM paginate('select 1/(id - 3) as x from sq_t order by id')$$,
    '22012', 'division by zero', 'division by zero in paginate');
SELECT throws_ok($$SELECT paginate_response('select 1/(id - 3) as x from sq_t order by id')$$,
    '22012', 'division by zero', 'division by zero in paginate_response');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select 1/(id - 3) from sq_t order by id')$$,
    '22012', 'division by zero', 'division by zero in paginate(typed)');

-- 22003: a planner's total too large for pages (an integer)
SET LOCAL paginate.order_check = off;
SELECT throws_ok($$SELECT paginate_meta('select generate_series(1, 10000000000) as g', per_page => 1, count => 'planned')$$,
    '22003', 'number of pages is out of range for type integer', 'pages out of range');
RESET paginate.order_check;

-- ---------------------------------------------------------------------------
-- 42501: the query runs with the caller's privileges.
-- ---------------------------------------------------------------------------
-- The same query texts ran above as superuser, so they are in the query
-- cache: the privilege check must still be the caller's.
CREATE ROLE paginate_tap_noread NOLOGIN;
SELECT lives_ok($$SELECT paginate_meta('select id from sq_t order by id', count => c)
                    FROM unnest(ARRAY['exact', 'planned', 'estimated', 'none']) AS c$$,
    'as superuser, the queries below run');
SET LOCAL ROLE paginate_tap_noread;
SELECT throws_ok($$SELECT * FROM paginate('select id from sq_t order by id')$$,
    '42501', 'permission denied for table sq_t', 'paginate: no SELECT privilege');
SELECT throws_ok($$SELECT * FROM paginate_as(NULL::integer, 'select id from sq_t order by id')$$,
    '42501', 'permission denied for table sq_t', 'paginate(typed): no SELECT privilege');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id')$$,
    '42501', 'permission denied for table sq_t', 'paginate_meta: no SELECT privilege');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', count => 'planned')$$,
    '42501', 'permission denied for table sq_t', 'paginate_meta count planned: no SELECT privilege');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', count => 'estimated')$$,
    '42501', 'permission denied for table sq_t', 'paginate_meta count estimated: no SELECT privilege');
SELECT throws_ok($$SELECT paginate_meta('select id from sq_t order by id', count => 'none')$$,
    '42501', 'permission denied for table sq_t', 'paginate_meta count none: no SELECT privilege');
SELECT throws_ok($$SELECT paginate_response('select 1 from sq_t order by 1', count => 'none')$$,
    '42501', 'permission denied for table sq_t', 'paginate_response: no SELECT privilege');
SELECT throws_ok($$SELECT * FROM paginate_explain('select id from sq_t order by id', count => 'none')$$,
    '42501', 'permission denied for table sq_t', 'paginate_explain: no SELECT privilege');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- Rejected statements have not run.
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT * FROM paginate('delete from sq_t returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'DELETE RETURNING refused ...');
SELECT is((SELECT count(*) FROM sq_t), 5::bigint, '... and sq_t still has its 5 rows');

SELECT throws_ok($$SELECT * FROM paginate('insert into sq_t select g, ''new'' from generate_series(10, 12) g returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'INSERT RETURNING refused ...');
SELECT is((SELECT count(*) FROM sq_t), 5::bigint, '... and sq_t has no new rows');

SELECT throws_ok($$SELECT paginate_response('with d as (delete from sq_t returning id) insert into sq_log select id from d returning id')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'data-modifying WITH in an INSERT refused ...');
SELECT throws_ok($$SELECT paginate_response('with d as (delete from sq_t returning id) select id from d order by id')$$,
    '22023', 'query must not contain data-modifying statements in WITH', 'data-modifying WITH refused ...');
SELECT is((SELECT count(*) FROM sq_t), 5::bigint, '... and sq_t still has its 5 rows');
SELECT is((SELECT count(*) FROM sq_log), 0::bigint, '... and nothing was logged');

SELECT throws_ok($$SELECT paginate_meta('update sq_t set v = ''gone'' returning *')$$,
    '22023', 'query must be a SELECT, VALUES or TABLE statement', 'UPDATE RETURNING refused ...');
SELECT is((SELECT count(*) FROM sq_t WHERE v = 'v' || id), 5::bigint, '... and no row was updated');

SELECT throws_ok($$SELECT * FROM paginate('select 1 as x; delete from sq_t')$$,
    '22023', 'query must be a single statement', 'a second, deleting statement refused ...');
SELECT is((SELECT count(*) FROM sq_t), 5::bigint, '... and sq_t still has its 5 rows');

SELECT is(
    (SELECT p ->> 'x' FROM paginate('select $1::text as x order by 1',
                                    params => ARRAY['1); delete from sq_t; --']) p),
    '1); delete from sq_t; --', 'a param is bound as a value, never spliced ...');
SELECT is((SELECT count(*) FROM sq_t), 5::bigint, '... and sq_t still has its 5 rows');

SELECT is(
    (SELECT count(*) FROM paginate('select v from sq_t where v = $1 order by v',
                                   params => ARRAY['x'' or ''1''=''1'])),
    0::bigint, 'a param is a value, not SQL text');

SELECT * FROM finish();
ROLLBACK;
