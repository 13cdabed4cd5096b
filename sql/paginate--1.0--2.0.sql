-- paginate 1.0 => 2.0
\echo Use "ALTER EXTENSION paginate UPDATE TO '2.0'" to load this file. \quit

-- Planner support: a call of paginate returns per_page rows at most (after
-- the default and the cap), not the 1000 rows the planner assumes of a
-- set-returning function, so joins with a page are planned for its size.
CREATE FUNCTION paginate_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'paginate_support'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION paginate_support(internal)
	IS 'planner support for paginate: estimates a call''s rows as its per_page';

ALTER FUNCTION paginate(text, integer, integer, text, text, text[])
	SUPPORT paginate_support;
ALTER FUNCTION paginate(anyelement, text, integer, integer, text, text, text[])
	SUPPORT paginate_support;

-- The typed form is paginate_as, so that paginate is the jsonb form alone
-- and a call whose arguments have no types yet (a driver's $1, $2, $3, or
-- paginate('...', NULL, 3)) always means it.  A rename keeps the function:
-- views and SQL-standard function bodies that call the typed form hold it
-- by OID and go on working; a function body written as text that calls
-- paginate(NULL::t, ...) is resolved when it runs and must say paginate_as.
ALTER FUNCTION paginate(anyelement, text, integer, integer, text, text, text[])
	RENAME TO paginate_as;

COMMENT ON FUNCTION paginate_as(anyelement, text, integer, integer, text, text, text[])
	IS 'the rows of one page of a query, typed as rowtype';
