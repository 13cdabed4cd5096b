-- bench/setup.sql: the extension and the contenders that are not paginate.
-- Run by bench/run.sh in database paginate_bench after bench/load.sql.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

-- the paginate just built and installed, whatever version was here before
DROP EXTENSION IF EXISTS paginate CASCADE;
CREATE EXTENSION paginate;

-- What people write by hand before paginate: count the query text as given
-- (ORDER BY included), then run the slice, both as spliced text, and build
-- the same JSON as paginate_response.
CREATE OR REPLACE FUNCTION naive_paginate(q text, page int, per_page int)
RETURNS jsonb
LANGUAGE plpgsql
AS $$
DECLARE
    total bigint;
    items jsonb;
    n int;
    pages int;
    off bigint := (page - 1)::bigint * per_page;
BEGIN
    EXECUTE 'select count(*) from (' || q || ') s' INTO total;
    EXECUTE 'select coalesce(jsonb_agg(to_jsonb(s)), ''[]''::jsonb), count(*) from ('
            || q || ' limit $1 offset $2) s'
        INTO items, n USING per_page, off;
    pages := CASE WHEN total = 0 THEN 0 ELSE ((total - 1) / per_page + 1)::int END;
    RETURN jsonb_build_object(
        'items', items,
        'pagination', jsonb_build_object(
            'page', page,
            'per_page', per_page,
            'total', total,
            'total_is_exact', true,
            'total_is_lower_bound', false,
            'pages', pages,
            'has_prev', page > 1,
            'has_next', off + n < total,
            'prev_page', CASE WHEN page > 1 THEN page - 1 END,
            'next_page', CASE WHEN off + n < total THEN page + 1 END,
            'first_item', CASE WHEN n > 0 THEN off + 1 ELSE 0 END,
            'last_item', CASE WHEN n > 0 THEN off + n ELSE 0 END,
            'start_cursor', NULL,
            'end_cursor', NULL));
END
$$;
