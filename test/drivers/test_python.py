"""paginate through Python's drivers, as their users write the calls.

psycopg 3 (server-side binding: $1, $2, ... with typed or untyped values),
psycopg2 (client-side: values pasted in as literals by the driver) and
asyncpg (prepared statements whose parameter types the server infers).
For each: every function with bound parameters, the default page as None,
params as a Python list, a keyset walk forward and backward that moves
between two connections, the typed form, and an error read back with its
SQLSTATE, detail and hint.  Results are compared with the whole query run
directly.

The connection comes from PGHOST, PGPORT, PGUSER and PGDATABASE (the
cluster of scripts/cluster.sh env, as make test sets them).
"""

import asyncio
import json
import os

import asyncpg
import psycopg
import psycopg2
import psycopg2.extras
import psycopg2.pool
import pytest

QUERY = "select id, name, created_at from drivers_test.items order by created_at, id"
WHOLE = "select id, name, created_at from drivers_test.items order by created_at, id"
PARAM_QUERY = "select id, name from drivers_test.items where name <> $1 and name <> $2 order by id"


def dsn():
    return " ".join(
        f"{key}={os.environ[var]}"
        for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("dbname", "PGDATABASE"))
        if os.environ.get(var)
    )


@pytest.fixture(scope="module", autouse=True)
def items():
    with psycopg.connect(dsn(), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS paginate")
        conn.execute("DROP SCHEMA IF EXISTS drivers_test CASCADE")
        conn.execute("CREATE SCHEMA drivers_test")
        conn.execute(
            "CREATE TABLE drivers_test.items (id int PRIMARY KEY, name text NOT NULL, created_at timestamptz)"
        )
        # ties in created_at and NULLs (NULLS LAST), 25 rows
        conn.execute(
            "INSERT INTO drivers_test.items SELECT g, 'item ' || g, "
            "CASE WHEN g % 6 = 0 THEN NULL ELSE timestamptz '2024-01-01' + (g % 4) * interval '1 day' END "
            "FROM generate_series(1, 25) g"
        )
        yield
        conn.execute("DROP SCHEMA drivers_test CASCADE")


def whole_ids():
    with psycopg.connect(dsn()) as conn:
        return [row[0] for row in conn.execute(WHOLE)]


# ---------------------------------------------------------------------------
# psycopg 3


def test_psycopg_untyped_and_default_page():
    with psycopg.connect(dsn()) as conn:
        # %s with a str and ints: paginate is the only function of the name
        rows = conn.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 2, 10]).fetchall()
        assert [r[0]["id"] for r in rows] == whole_ids()[10:20]
        # the default page as None
        rows = conn.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, None, 10]).fetchall()
        assert [r[0]["id"] for r in rows] == whole_ids()[:10]
        # prepared on the server after a few executions, and forced
        for _ in range(6):
            rows = conn.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 3, 10], prepare=True).fetchall()
        assert [r[0]["id"] for r in rows] == whole_ids()[20:]


def test_psycopg_meta_response_params_typed():
    with psycopg.connect(dsn()) as conn:
        cur = conn.execute("SELECT * FROM paginate_meta(%s, %s, %s)", [QUERY, 2, 10])
        meta = dict(zip([c.name for c in cur.description], cur.fetchone()))
        assert (meta["page"], meta["total"], meta["pages"], meta["has_prev"], meta["has_next"]) == (2, 25, 3, True, True)
        body = conn.execute("SELECT paginate_response(%s, %s, %s)", [QUERY, 3, 10]).fetchone()[0]
        assert [item["id"] for item in body["items"]] == whole_ids()[20:]
        assert body["pagination"]["total"] == 25
        # params as a list of str: text[]
        rows = conn.execute(
            "SELECT * FROM paginate(%s, %s, %s, params => %s)", [PARAM_QUERY, 1, 30, ["item 1", "item 2"]]
        ).fetchall()
        assert [r[0]["id"] for r in rows] == list(range(3, 26))
        # the typed form, rows as tuples of the row type
        rows = conn.execute(
            "SELECT * FROM paginate_as(NULL::drivers_test.items, %s, %s, %s)",
            ["select * from drivers_test.items order by created_at, id", 1, 5],
        ).fetchall()
        assert [r[0] for r in rows] == whole_ids()[:5]


def test_psycopg_int8_page_and_int_params():
    with psycopg.connect(dsn()) as conn:
        # a Python int too large for int4 is sent as int8: a clear 22023
        with pytest.raises(psycopg.Error) as raised:
            conn.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 2**40, 10])
        assert raised.value.sqlstate == "22023"
        assert raised.value.diag.message_primary == "page must be at most 2147483647"
        conn.rollback()
        # a list of ints is an int2[] (or int8[]), which params takes
        rows = conn.execute(
            "SELECT * FROM paginate(%s, %s, %s, params => %s)",
            ["select id from drivers_test.items where id > $1 and id < $2 order by id", 1, 30, [3, 7]],
        ).fetchall()
        assert [r[0]["id"] for r in rows] == [4, 5, 6]


def test_psycopg_walk_between_connections():
    a = psycopg.connect(dsn())
    b = psycopg.connect(dsn())
    try:
        pool = [a, b]
        walked, cursor, n = [], None, 0
        while True:
            conn = pool[n % 2]
            n += 1
            rows = conn.execute(
                "SELECT * FROM paginate(%s, after => %s, per_page => %s)", [QUERY, cursor, 4]
            ).fetchall()
            walked += [r[0]["id"] for r in rows]
            meta = conn.execute(
                "SELECT has_next, end_cursor FROM paginate_meta(%s, after => %s, per_page => %s)", [QUERY, cursor, 4]
            ).fetchone()
            if not meta[0]:
                break
            cursor = meta[1]
        assert walked == whole_ids()
        # and back from the last page
        back, cursor = [], None
        meta = a.execute("SELECT start_cursor FROM paginate_meta(%s, %s, %s)", [QUERY, 7, 4]).fetchone()
        back = [r[0]["id"] for r in a.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 7, 4])]
        cursor, n = meta[0], 0
        while True:
            conn = pool[n % 2]
            n += 1
            back = [r[0]["id"] for r in conn.execute(
                "SELECT * FROM paginate(%s, before => %s, per_page => %s)", [QUERY, cursor, 4])] + back
            meta = conn.execute(
                "SELECT has_prev, start_cursor FROM paginate_meta(%s, before => %s, per_page => %s)", [QUERY, cursor, 4]
            ).fetchone()
            if not meta[0]:
                break
            cursor = meta[1]
        assert back == whole_ids()
    finally:
        a.close()
        b.close()


def test_psycopg_error():
    with psycopg.connect(dsn()) as conn:
        with pytest.raises(psycopg.Error) as raised:
            conn.execute("SELECT * FROM paginate(%s, after => %s)", [QUERY, "not a cursor!"])
        error = raised.value
        assert error.sqlstate == "22023"
        assert error.diag.message_primary == "invalid cursor in after"
        assert error.diag.message_detail == 'A cursor holds only letters, digits, "-" and "_".'
        assert error.diag.message_hint.startswith("Pass start_cursor or end_cursor")


# ---------------------------------------------------------------------------
# psycopg2: values become literals in the statement text


def psycopg2_walk(pool, backward):
    """Walk every page with cursors, each page on the next connection of the pool."""
    conns = [pool.getconn(), pool.getconn()]
    try:
        ids, cursor, n = [], None, 0
        if backward:
            cur = conns[0].cursor()
            cur.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 5, 6])
            ids = [r[0]["id"] for r in cur.fetchall()]
            cur.execute("SELECT start_cursor FROM paginate_meta(%s, %s, %s)", [QUERY, 5, 6])
            cursor = cur.fetchone()[0]
        direction = "before" if backward else "after"
        while True:
            cur = conns[n % 2].cursor()
            n += 1
            cur.execute(f"SELECT * FROM paginate(%s, {direction} => %s, per_page => %s)", [QUERY, cursor, 6])
            page = [r[0]["id"] for r in cur.fetchall()]
            ids = page + ids if backward else ids + page
            cur.execute(
                f"SELECT has_prev, has_next, start_cursor, end_cursor FROM paginate_meta(%s, {direction} => %s, per_page => %s)",
                [QUERY, cursor, 6],
            )
            has_prev, has_next, start, end = cur.fetchone()
            if not (has_prev if backward else has_next):
                return ids
            cursor = start if backward else end
    finally:
        for conn in conns:
            conn.rollback()
            pool.putconn(conn)


def test_psycopg2_calls():
    conn = psycopg2.connect(dsn())
    try:
        cur = conn.cursor()
        cur.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 2, 10])
        assert [r[0]["id"] for r in cur.fetchall()] == whole_ids()[10:20]
        cur.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, None, 10])
        assert [r[0]["id"] for r in cur.fetchall()] == whole_ids()[:10]
        cur.execute("SELECT * FROM paginate(%s, %s, %s, params => %s)", [PARAM_QUERY, 1, 30, ["item 1", "item 2"]])
        assert [r[0]["id"] for r in cur.fetchall()] == list(range(3, 26))
        # a list of ints becomes ARRAY[3,7], an int[]
        cur.execute("SELECT * FROM paginate(%s, %s, %s, params => %s)",
                    ["select id from drivers_test.items where id > $1 and id < $2 order by id", 1, 30, [3, 7]])
        assert [r[0]["id"] for r in cur.fetchall()] == [4, 5, 6]
        cur.execute("SELECT paginate_response(%s, %s, %s)", [QUERY, 3, 10])
        body = cur.fetchone()[0]
        assert [item["id"] for item in body["items"]] == whole_ids()[20:]
        dict_cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
        dict_cur.execute("SELECT * FROM paginate_meta(%s, %s, %s)", [QUERY, 2, 10])
        meta = dict_cur.fetchone()
        assert (meta["page"], meta["total"], meta["has_next"]) == (2, 25, True)
        # the typed form: the row type's columns
        dict_cur.execute("SELECT * FROM paginate_as(NULL::drivers_test.items, %s, %s, %s)",
                         ["select * from drivers_test.items order by created_at, id", 1, 5])
        assert [r["id"] for r in dict_cur.fetchall()] == whole_ids()[:5]
        with pytest.raises(psycopg2.Error) as raised:
            cur.execute("SELECT * FROM paginate(%s, %s, %s)", [QUERY, 0, 10])
        assert raised.value.pgcode == "22023"
        assert raised.value.diag.message_primary == "page must be at least 1"
        assert raised.value.diag.message_detail == "page is 0; pages are numbered from 1."
        conn.rollback()
        with pytest.raises(psycopg2.Error) as raised:
            cur.execute("SELECT * FROM paginate(%s, after => %s)", [QUERY, "not a cursor!"])
        assert raised.value.pgcode == "22023"
        assert raised.value.diag.message_hint.startswith("Pass start_cursor or end_cursor")
        conn.rollback()
    finally:
        conn.close()
    # walks whose pages come from two connections of a pool, with the
    # cursors psycopg2 hands back as str
    pool = psycopg2.pool.SimpleConnectionPool(2, 2, dsn())
    try:
        assert psycopg2_walk(pool, backward=False) == whole_ids()
        assert psycopg2_walk(pool, backward=True) == whole_ids()
    finally:
        pool.closeall()


# ---------------------------------------------------------------------------
# asyncpg: the server infers each parameter's type; jsonb arrives as text


async def asyncpg_calls():
    pool = await asyncpg.create_pool(
        host=os.environ.get("PGHOST"), port=os.environ.get("PGPORT"),
        user=os.environ.get("PGUSER"), database=os.environ.get("PGDATABASE"), min_size=2, max_size=2,
    )
    try:
        async with pool.acquire() as conn:
            rows = await conn.fetch("SELECT * FROM paginate($1, $2, $3)", QUERY, 2, 10)
            assert [json.loads(r[0])["id"] for r in rows] == whole_ids()[10:20]
            rows = await conn.fetch("SELECT * FROM paginate($1, $2, $3)", QUERY, None, 10)
            assert [json.loads(r[0])["id"] for r in rows] == whole_ids()[:10]
            rows = await conn.fetch(
                "SELECT * FROM paginate($1, $2, $3, params => $4)", PARAM_QUERY, 1, 30, ["item 1", "item 2"]
            )
            assert [json.loads(r[0])["id"] for r in rows] == list(range(3, 26))
            meta = await conn.fetchrow("SELECT * FROM paginate_meta($1, $2, $3)", QUERY, 2, 10)
            assert (meta["page"], meta["total"], meta["has_next"]) == (2, 25, True)
            body = json.loads(await conn.fetchval("SELECT paginate_response($1, $2, $3)", QUERY, 3, 10))
            assert [item["id"] for item in body["items"]] == whole_ids()[20:]
            typed = await conn.fetch(
                "SELECT * FROM paginate_as(NULL::drivers_test.items, $1, $2, $3)",
                "select * from drivers_test.items order by created_at, id", 1, 5,
            )
            assert [r["id"] for r in typed] == whole_ids()[:5]
            with pytest.raises(asyncpg.PostgresError) as raised:
                await conn.fetch("SELECT * FROM paginate($1, before => $2)", QUERY, "AAAA")
            assert raised.value.sqlstate == "22023"
            assert raised.value.message == "invalid cursor in before"
            assert raised.value.detail
            assert raised.value.hint.startswith("Pass start_cursor or end_cursor")
        # a walk whose pages come from whichever connection the pool gives
        walked, cursor = [], None
        while True:
            rows = await pool.fetch("SELECT * FROM paginate($1, after => $2, per_page => $3)", QUERY, cursor, 5)
            walked += [json.loads(r[0])["id"] for r in rows]
            meta = await pool.fetchrow(
                "SELECT has_next, end_cursor FROM paginate_meta($1, after => $2, per_page => $3)", QUERY, cursor, 5
            )
            if not meta["has_next"]:
                break
            cursor = meta["end_cursor"]
        assert walked == whole_ids()
        # and back from the last page (page 5 of 5 rows)
        walked = [json.loads(r[0])["id"] for r in await pool.fetch("SELECT * FROM paginate($1, $2, $3)", QUERY, 5, 5)]
        cursor = await pool.fetchval("SELECT start_cursor FROM paginate_meta($1, $2, $3)", QUERY, 5, 5)
        while True:
            rows = await pool.fetch("SELECT * FROM paginate($1, before => $2, per_page => $3)", QUERY, cursor, 5)
            walked = [json.loads(r[0])["id"] for r in rows] + walked
            meta = await pool.fetchrow(
                "SELECT has_prev, start_cursor FROM paginate_meta($1, before => $2, per_page => $3)", QUERY, cursor, 5
            )
            if not meta["has_prev"]:
                break
            cursor = meta["start_cursor"]
        assert walked == whole_ids()
    finally:
        await pool.close()


def test_asyncpg_calls():
    asyncio.run(asyncpg_calls())


# ---------------------------------------------------------------------------
# order_by from each driver: a client's sort as a str and as a list, and a
# cursor of that sort walked on; compared with the query sorted in SQL.

SORT_QUERY = "select id, name, created_at from drivers_test.items"
SORTED = "select id from drivers_test.items order by created_at desc nulls last, id desc"


def sorted_ids():
    with psycopg.connect(dsn()) as conn:
        return [row[0] for row in conn.execute(SORTED)]


def test_order_by_psycopg_psycopg2():
    with psycopg.connect(dsn()) as conn:
        rows = conn.execute(
            "SELECT * FROM paginate(%s, %s, %s, order_by => %s)", [SORT_QUERY, 1, 7, "created_at.desc.nullslast,id.desc"]
        ).fetchall()
        assert [r[0]["id"] for r in rows] == sorted_ids()[:7]
        # a list of str is a text[]
        end = conn.execute(
            "SELECT end_cursor FROM paginate_meta(%s, %s, %s, order_by => %s)",
            [SORT_QUERY, 1, 7, ["created_at.desc.nullslast", "id.desc"]],
        ).fetchone()[0]
        rows = conn.execute(
            "SELECT * FROM paginate(%s, after => %s, per_page => %s, order_by => %s)",
            [SORT_QUERY, end, 7, ["created_at.desc.nullslast", "id.desc"]],
        ).fetchall()
        assert [r[0]["id"] for r in rows] == sorted_ids()[7:14]
        with pytest.raises(psycopg.Error) as raised:
            conn.execute("SELECT * FROM paginate(%s, order_by => %s)", [SORT_QUERY, "nope"])
        assert raised.value.sqlstate == "22023"
        assert raised.value.diag.message_primary == 'order_by column "nope" is not a column of the query'
    conn2 = psycopg2.connect(dsn())
    try:
        with conn2.cursor() as cur:
            # psycopg2 pastes a str as a literal and a list as ARRAY[...]
            cur.execute(
                "SELECT * FROM paginate(%s, %s, %s, order_by => %s)", [SORT_QUERY, 2, 7, ["created_at.desc.nullslast", "id.desc"]]
            )
            assert [r[0]["id"] for r in cur.fetchall()] == sorted_ids()[7:14]
            cur.execute("SELECT paginate_response(%s, %s, %s, order_by => %s)", [SORT_QUERY, 4, 7, "created_at.desc.nullslast,id.desc"])
            assert [item["id"] for item in cur.fetchone()[0]["items"]] == sorted_ids()[21:]
    finally:
        conn2.close()


async def asyncpg_order_by():
    conn = await asyncpg.connect(
        host=os.environ.get("PGHOST"), port=os.environ.get("PGPORT"),
        user=os.environ.get("PGUSER"), database=os.environ.get("PGDATABASE"),
    )
    try:
        rows = await conn.fetch("SELECT * FROM paginate($1, $2, $3, order_by => $4)", SORT_QUERY, 1, 7, "created_at.desc.nullslast,id.desc")
        assert [json.loads(r[0])["id"] for r in rows] == sorted_ids()[:7]
        # the server says $4 is a paginate_sort, which asyncpg sends as text:
        # a list arrives as its array literal, read as the array it is
        rows = await conn.fetch(
            "SELECT * FROM paginate($1, $2, $3, order_by => $4::text[])", SORT_QUERY, 2, 7, ["created_at.desc.nullslast", "id.desc"]
        )
        assert [json.loads(r[0])["id"] for r in rows] == sorted_ids()[7:14]
    finally:
        await conn.close()


def test_order_by_asyncpg():
    asyncio.run(asyncpg_order_by())
