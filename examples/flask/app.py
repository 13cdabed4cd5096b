"""The users API of the Flask-SQLAlchemy pagination tutorial, on paginate.

The tutorial pages a ``User`` model with ``User.query.paginate(...)``, which
runs a COUNT and a LIMIT/OFFSET query from Python.  Here one call of
``paginate_response`` does both in the database, on one snapshot, and
``paginate_headers`` turns its metadata into the ``X-Pagination`` (the header
flask-smorest sends) and ``Link`` headers.

    GET /users?page=3&per_page=5         users by id
    GET /users/sorted?page=1&per_page=5  users by username
    GET /users/feed?after=...&per_page=  users by id, by cursor (before=...
                                         back)
    GET /users/feed?last=true            the feed's last page
    GET /users?order=email.desc&page=2   any of them sorted as the client
                                         asks, in PostgREST's syntax

The bodies of /users and /users/sorted have the tutorial's fields: users,
total_users, current_page, total_pages, has_next, has_prev.  A page past the
last is empty, as with the tutorial's ``error_out=False``; per_page is capped
at 100 (Flask-SQLAlchemy's max_per_page and paginate.max_per_page).  Where
the tutorial quietly takes page 1 for ``page=0``, this API answers 400 with
paginate's message.

A client's ``order`` (``username.desc,id``: columns of the query, each
with .asc or .desc and .nullsfirst or .nullslast) goes to paginate's
order_by, which checks it against the query's columns (a 400 naming the
item otherwise) and puts it on the query's parse tree in place of its ORDER
BY: it is never pasted into SQL.  The Link headers keep it (they are built
from the request's URL), and a feed's cursor is bound to it.

The database connection comes from libpq's environment (PGHOST, PGPORT,
PGUSER, PGDATABASE, ...), or from the ``conninfo`` given to create_app; the
database needs the tutorial's users table and the paginate extension.

Run it:  flask --app app run   (or python3 app.py)
"""

import psycopg
from flask import Flask, g, jsonify, request

USERS_BY_ID = "select id, username, email from users order by id"
USERS_BY_USERNAME = "select id, username, email from users order by username"

# One page as paginate_response's body, and its headers.  The response's
# "pagination" object has the fields of the pagination type, so
# jsonb_populate_record turns it back into one for paginate_headers.  A feed
# passes it with page NULL, so that its first page (asked for without a
# cursor, so by number) links on by cursor too.
PAGE_SQL = """
select body,
       paginate_headers(jsonb_populate_record(null::pagination,
                          (body -> 'pagination') || %(links_by)s::jsonb),
                        %(url)s)
from paginate_response(%(query)s, page => %(page)s::int,
                       per_page => %(per_page)s::int,
                       after => %(after)s::text, before => %(before)s::text,
                       count => %(count)s::text,
                       order_by => %(order)s::text, last => %(last)s::boolean) body
"""
BY_PAGE = "{}"
BY_CURSOR = '{"page": null}'


def create_app(conninfo=""):
    """The app; conninfo is a libpq connection string ("" for the environment)."""
    app = Flask(__name__)
    app.config["DATABASE"] = conninfo

    def db():
        if "db" not in g:
            g.db = psycopg.connect(app.config["DATABASE"], autocommit=True)
        return g.db

    @app.teardown_appcontext
    def close_db(_exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    @app.errorhandler(psycopg.errors.InvalidParameterValue)
    def bad_argument(error):
        # paginate's SQLSTATE 22023: a bad page, per_page, cursor or order
        return jsonify(error=error.diag.message_primary,
                       hint=error.diag.message_hint), 400

    def fetch(query, page=None, after=None, before=None, count="exact",
              links_by=BY_PAGE, last=None):
        per_page = request.args.get("per_page", 10, type=int)
        return db().execute(PAGE_SQL, {
            "url": request.url, "query": query, "page": page,
            "per_page": per_page, "after": after, "before": before, "count": count,
            "links_by": links_by, "order": request.args.get("order"), "last": last,
        }).fetchone()

    def page_response(query):
        page = request.args.get("page", 1, type=int)
        body, headers = fetch(query, page=page)
        meta = body["pagination"]
        return jsonify({
            "users": body["items"],
            "total_users": meta["total"],
            "current_page": meta["page"],
            "total_pages": meta["pages"],
            "has_next": meta["has_next"],
            "has_prev": meta["has_prev"],
        }), headers

    @app.get("/users")
    def get_users():
        return page_response(USERS_BY_ID)

    @app.get("/users/sorted")
    def get_users_sorted():
        return page_response(USERS_BY_USERNAME)

    @app.get("/users/feed")
    def get_users_feed():
        # No count: a feed walks on with the cursor of its last row, or
        # back from its last page (?last=true, its Link rel="last").
        body, headers = fetch(USERS_BY_ID, after=request.args.get("after") or None,
                              before=request.args.get("before") or None,
                              count="none", links_by=BY_CURSOR,
                              last=request.args.get("last") == "true" or None)
        meta = body["pagination"]
        return jsonify({
            "users": body["items"],
            "per_page": meta["per_page"],
            "has_next": meta["has_next"],
            "next_cursor": meta["end_cursor"] if meta["has_next"] else None,
        }), headers

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
