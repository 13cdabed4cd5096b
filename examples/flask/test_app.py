"""Tests of the Flask example against a real database.

The connection comes from libpq's environment (PGHOST, PGPORT, PGUSER,
PGDATABASE); the extension to create, if the database lacks it, from
PAGINATE_EXTENSION (default: paginate).  The tests make the tutorial's users
table, 100 users, in a schema of their own, and drop it at the end.

The bodies are checked against the tutorial itself: the same app written
with Flask-SQLAlchemy's paginate over SQLite, page for page.  paginate_pages
is checked against Flask-SQLAlchemy's Pagination.iter_pages.

    PGHOST=... PGDATABASE=... /usr/bin/python3 -m pytest examples/flask
"""

import os
import re

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from app import create_app

EXTENSION = os.environ.get("PAGINATE_EXTENSION", "paginate")
SCHEMA = "paginate_flask_example"
TUTORIAL_FIELDS = {"users", "total_users", "current_page", "total_pages",
                   "has_next", "has_prev"}


@pytest.fixture(scope="session")
def conninfo():
    """A connection string whose search_path finds the test's users table."""
    with psycopg.connect(autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(
            sql.Identifier(EXTENSION)))
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            sql.Identifier(SCHEMA)))
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
        conn.execute(sql.SQL("""
            CREATE TABLE {}.users (
                id serial PRIMARY KEY,
                username varchar(80) UNIQUE NOT NULL,
                email varchar(120) UNIQUE NOT NULL)""").format(sql.Identifier(SCHEMA)))
        conn.execute(sql.SQL("""
            INSERT INTO {}.users (username, email)
            SELECT 'user' || i, 'user' || i || '@example.com'
            FROM generate_series(1, 100) i""").format(sql.Identifier(SCHEMA)))
        conn.execute(sql.SQL("ANALYZE {}.users").format(sql.Identifier(SCHEMA)))
    yield make_conninfo(options=f"-c search_path={SCHEMA},public")
    with psycopg.connect(autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(SCHEMA)))


@pytest.fixture
def client(conninfo):
    return create_app(conninfo).test_client()


@pytest.fixture(scope="session")
def tutorial():
    """The tutorial's app, on Flask-SQLAlchemy and SQLite, as a test client."""
    from flask import Flask, jsonify, request
    from flask_sqlalchemy import SQLAlchemy

    app = Flask("tutorial")
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db = SQLAlchemy(app)

    class User(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        username = db.Column(db.String(80), unique=True, nullable=False)
        email = db.Column(db.String(120), unique=True, nullable=False)

    def body(users):
        return jsonify({
            "users": [{"id": u.id, "username": u.username, "email": u.email}
                      for u in users.items],
            "total_users": users.total,
            "current_page": users.page,
            "total_pages": users.pages,
            "has_next": users.has_next,
            "has_prev": users.has_prev,
        })

    def args():
        return {"page": request.args.get("page", 1, type=int),
                "per_page": request.args.get("per_page", 10, type=int),
                "error_out": False}

    @app.get("/users")
    def users():
        return body(User.query.order_by(User.id).paginate(**args()))

    @app.get("/users/sorted")
    def users_sorted():
        return body(User.query.order_by(User.username).paginate(**args()))

    with app.app_context():
        db.create_all()
        for i in range(1, 101):
            db.session.add(User(username=f"user{i}", email=f"user{i}@example.com"))
        db.session.commit()
    return app.test_client()


def links(response):
    """The Link header as {rel: url}."""
    return {rel: url for url, rel in
            re.findall(r'<([^>]*)>; rel="([a-z]+)"', response.headers.get("Link", ""))}


def ids(response):
    return [user["id"] for user in response.get_json()["users"]]


# ---------------------------------------------------------------------------
# /users and /users/sorted: the tutorial's JSON
# ---------------------------------------------------------------------------

def test_first_page_with_defaults(client):
    response = client.get("/users")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == TUTORIAL_FIELDS
    assert ids(response) == list(range(1, 11))
    assert body["users"][0] == {"id": 1, "username": "user1",
                                "email": "user1@example.com"}
    assert (body["total_users"], body["current_page"], body["total_pages"],
            body["has_next"], body["has_prev"]) == (100, 1, 10, True, False)


def test_tutorial_example_page_3_of_5(client):
    body = client.get("/users?page=3&per_page=5").get_json()
    assert [u["username"] for u in body["users"]] == [f"user{i}" for i in range(11, 16)]
    assert (body["total_users"], body["current_page"], body["total_pages"],
            body["has_next"], body["has_prev"]) == (100, 3, 20, True, True)


@pytest.mark.parametrize("path", ["/users", "/users/sorted"])
def test_same_json_as_the_tutorial(client, tutorial, path):
    compared = 0
    for per_page in (1, 3, 5, 7, 10, 33, 100, 101, 500):
        for page in (1, 2, 3, 4, 7, 14, 15, 16, 20, 34, 100, 101, 1000):
            url = f"{path}?page={page}&per_page={per_page}"
            assert client.get(url).get_json() == tutorial.get(url).get_json(), url
            compared += 1
    # and with the parameters left out, or not numbers
    for url in (path, f"{path}?page=2", f"{path}?per_page=4",
                f"{path}?page=x&per_page=y", f"{path}?page=&per_page="):
        assert client.get(url).get_json() == tutorial.get(url).get_json(), url
        compared += 1
    assert compared == 9 * 13 + 5


def test_sorted_by_username(client):
    response = client.get("/users/sorted?page=1&per_page=5")
    assert [u["username"] for u in response.get_json()["users"]] == \
        ["user1", "user10", "user100", "user11", "user12"]


def test_past_the_last_page_is_empty(client):
    response = client.get("/users?page=50")
    body = response.get_json()
    assert body["users"] == []
    assert (body["current_page"], body["total_pages"], body["has_next"],
            body["has_prev"]) == (50, 10, False, True)
    assert response.headers["X-Pagination"] == \
        '{"total": 100, "total_pages": 10, "first_page": 1, "last_page": 10}'


def test_per_page_is_capped_at_100(client):
    body = client.get("/users?per_page=500").get_json()
    assert len(body["users"]) == 100
    assert body["total_pages"] == 1


@pytest.mark.parametrize("query, message", [
    ("page=0", "page must be at least 1"),
    ("page=-3", "page must be at least 1"),
    ("per_page=0", "per_page must be at least 1"),
])
def test_bad_arguments_are_400(client, query, message):
    response = client.get(f"/users?{query}")
    assert response.status_code == 400
    assert response.get_json()["error"] == message


# ---------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------

def test_x_pagination_is_flask_smorests(client):
    response = client.get("/users?page=3&per_page=5")
    assert response.headers["X-Pagination"] == (
        '{"total": 100, "total_pages": 20, "first_page": 1, "last_page": 20, '
        '"page": 3, "previous_page": 2, "next_page": 4}')
    first = client.get("/users?page=1&per_page=50")
    assert first.headers["X-Pagination"] == (
        '{"total": 100, "total_pages": 2, "first_page": 1, "last_page": 2, '
        '"page": 1, "next_page": 2}')
    last = client.get("/users?page=2&per_page=50")
    assert last.headers["X-Pagination"] == (
        '{"total": 100, "total_pages": 2, "first_page": 1, "last_page": 2, '
        '"page": 2, "previous_page": 1}')


def test_total_and_range_headers(client):
    response = client.get("/users?page=3&per_page=5")
    assert response.headers["X-Total-Count"] == "100"
    assert response.headers["Content-Range"] == "10-14/100"


def test_link_header(client):
    response = client.get("/users?page=3&per_page=5")
    assert response.headers["Link"] == (
        '<http://localhost/users?page=1&per_page=5>; rel="first", '
        '<http://localhost/users?page=2&per_page=5>; rel="prev", '
        '<http://localhost/users?page=4&per_page=5>; rel="next", '
        '<http://localhost/users?page=20&per_page=5>; rel="last"')


def test_link_keeps_other_parameters(client):
    response = client.get("/users/sorted?q=abc&page=2&per_page=40&lang=en")
    assert links(response) == {
        "first": "http://localhost/users/sorted?q=abc&lang=en&page=1&per_page=40",
        "prev": "http://localhost/users/sorted?q=abc&lang=en&page=1&per_page=40",
        "next": "http://localhost/users/sorted?q=abc&lang=en&page=3&per_page=40",
        "last": "http://localhost/users/sorted?q=abc&lang=en&page=3&per_page=40",
    }


def test_following_next_links_reads_every_user_once(client):
    url, seen, pages = "/users/sorted?per_page=30", [], 0
    while url:
        response = client.get(url)
        seen += [u["username"] for u in response.get_json()["users"]]
        pages += 1
        last = links(response)["last"]
        url = links(response).get("next")
    assert pages == 4
    assert sorted(seen) == sorted(f"user{i}" for i in range(1, 101))
    assert seen == sorted(seen)
    assert last == "http://localhost/users/sorted?page=4&per_page=30"


# ---------------------------------------------------------------------------
# /users/feed: keyset paging by cursor
# ---------------------------------------------------------------------------

def test_feed_walks_every_user_once(client):
    url, seen, cursor = "/users/feed?per_page=7", [], None
    while True:
        response = client.get(url if cursor is None
                              else f"/users/feed?per_page=7&after={cursor}")
        body = response.get_json()
        assert set(body) == {"users", "per_page", "has_next", "next_cursor"}
        seen += ids(response)
        if not body["has_next"]:
            assert body["next_cursor"] is None
            assert "next" not in links(response)
            break
        cursor = body["next_cursor"]
        # the Link header's next is the same page
        assert links(response)["next"] == \
            f"http://localhost/users/feed?after={cursor}&per_page=7"
    assert seen == list(range(1, 101))


def test_feed_links_carry_cursors(client):
    first = client.get("/users/feed?per_page=10")
    assert "X-Pagination" not in first.headers  # no page numbers, no count
    assert "X-Total-Count" not in first.headers
    assert set(links(first)) == {"first", "next", "last"}
    second = client.get(links(first)["next"])
    assert ids(second) == list(range(11, 21))
    assert set(links(second)) == {"first", "prev", "next", "last"}
    assert links(second)["first"] == "http://localhost/users/feed?per_page=10"
    back = client.get(links(second)["prev"])
    assert ids(back) == list(range(1, 11))


def test_feed_does_not_shift_when_rows_go(client, conninfo):
    first = client.get("/users/feed?per_page=10").get_json()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute("DELETE FROM users WHERE id = 3 RETURNING *").fetchone()
        try:
            # offset paging would now start page 2 at id 12
            assert ids(client.get("/users?page=2")) == list(range(12, 22))
            second = client.get(f"/users/feed?per_page=10&after={first['next_cursor']}")
            assert ids(second) == list(range(11, 21))
        finally:
            conn.execute("INSERT INTO users VALUES (%s, %s, %s)", row)


def test_feed_refuses_a_bad_cursor(client):
    response = client.get("/users/feed?after=not-a-cursor")
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid cursor in after"


# ---------------------------------------------------------------------------
# paginate_pages is Flask-SQLAlchemy's iter_pages
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("edges", [
    (2, 2, 4, 2), (1, 2, 2, 1), (0, 0, 0, 0), (3, 1, 1, 3), (5, 0, 0, 4),
    (0, 3, 3, 0), (1, 0, 6, 2),
])
def test_paginate_pages_is_iter_pages(conninfo, edges):
    from flask_sqlalchemy.pagination import Pagination

    class Counted(Pagination):
        """A Pagination over nothing but a total."""

        def _query_items(self):
            return []

        def _query_count(self):
            return self._query_args["total"]

    left_edge, left_current, right_current, right_edge = edges
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute("""
            SELECT t, p, array(SELECT n FROM paginate_pages(m, %s, %s, %s, %s)
                               WITH ORDINALITY AS w(n, i) ORDER BY i)
            FROM generate_series(0, 60, 3) t, generate_series(1, 25) p,
                 LATERAL paginate_meta('select g from generate_series(1, $1::int) g order by g',
                                       p, 3, params => array[t::text]) m""",
                            edges).fetchall()
    assert len(rows) == 21 * 25
    for total, page, numbers in rows:
        pagination = Counted(page=page, per_page=3, max_per_page=None,
                             error_out=False, total=total)
        expected = list(pagination.iter_pages(
            left_edge=left_edge, left_current=left_current,
            right_current=right_current, right_edge=right_edge))
        assert numbers == expected, (total, page)


# ---------------------------------------------------------------------------
# ?order=: the client's sort, through paginate's order_by
# ---------------------------------------------------------------------------

def in_database_order(conninfo, column):
    """The users' column sorted descending by the database (its collation)."""
    with psycopg.connect(conninfo) as conn:
        return [r[0] for r in conn.execute(
            sql.SQL("SELECT {0} FROM users ORDER BY {0} DESC").format(sql.Identifier(column)))]


def test_order_sorts_every_endpoint(client, conninfo):
    response = client.get("/users?order=email.desc&page=2&per_page=3")
    assert response.status_code == 200
    emails = in_database_order(conninfo, "email")
    assert [u["email"] for u in response.get_json()["users"]] == emails[3:6]
    assert response.get_json()["total_users"] == 100
    # the Link header keeps the sort
    assert links(response)["next"] == "http://localhost/users?order=email.desc&page=3&per_page=3"
    sorted_desc = client.get("/users/sorted?order=username.desc&per_page=2")
    assert [u["username"] for u in sorted_desc.get_json()["users"]] == \
        in_database_order(conninfo, "username")[:2]


def test_order_feed_walks_every_user_once_by_its_links(client, conninfo):
    url, seen = "/users/feed?order=username.desc&per_page=9", []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen += [u["username"] for u in response.get_json()["users"]]
        url = links(response).get("next")
    assert seen == in_database_order(conninfo, "username")


def test_order_is_never_sql(client, conninfo):
    for order, error in [
        ("password", 'order_by column "password" is not a column of the query'),
        ("id;delete from users", 'order_by item "id;delete from users" is malformed'),
        ("id desc", 'order_by column "id desc" is not a column of the query'),
    ]:
        response = client.get("/users", query_string={"order": order})
        assert response.status_code == 400
        assert response.get_json()["error"] == error
    with psycopg.connect(conninfo) as conn:
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 100


def test_order_binds_the_cursor(client):
    first = client.get("/users/feed?order=username.desc&per_page=5").get_json()
    response = client.get(f"/users/feed?per_page=5&after={first['next_cursor']}")
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid cursor in after"


def test_feed_walks_back_from_its_last_link(client):
    first = client.get("/users/feed?per_page=7")
    assert links(first)["last"] == "http://localhost/users/feed?last=true&per_page=7"
    url, seen, pages = links(first)["last"], [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        seen = ids(response) + seen
        pages += 1
        if pages == 1:
            # the last page: the last 7 users, nothing after it, no last link
            assert ids(response) == list(range(94, 101))
            assert not response.get_json()["has_next"]
            assert set(links(response)) == {"first", "prev"}
        url = links(response).get("prev")
    assert seen == list(range(1, 101))
    assert pages == 15


def test_feed_before_is_the_page_before(client):
    second = client.get("/users/feed?per_page=10&after=" +
                        client.get("/users/feed?per_page=10").get_json()["next_cursor"])
    third = client.get(links(second)["next"])
    back = client.get(links(third)["prev"])
    assert ids(back) == list(range(11, 21))
