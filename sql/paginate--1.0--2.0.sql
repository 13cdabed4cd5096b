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
