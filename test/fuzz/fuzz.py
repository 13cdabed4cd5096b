#!/usr/bin/python3
"""Push sqlsmith's queries through paginate and compare with the queries run
directly.  Run by test/fuzz/run.sh, which starts the cluster, loads
schema.sql and has sqlsmith write the queries; see run.sh for the settings.

    fuzz.py QUERIES_FILE OUT_DIR

Environment: FUZZ_DSN (libpq connection string of the fuzz database, as the
unprivileged fuzz role), FUZZ_LOG (the server log, read for crashes),
FUZZ_JOBS (worker processes), FUZZ_TIMEOUT (statement_timeout), FUZZ_SEED,
FUZZ_COMMAND, FUZZ_EXT (only reported).

Every generated query is first run through paginate as sqlsmith wrote it
(paginate_response(q, 1, 5)), for crashes.  Then, for every query q that is
a SELECT, VALUES or WITH without data-modifying statements, two forms of it
are compared: q made deterministic (1.), and the same without its WHERE
clauses and TABLESAMPLE ("relaxed": sqlsmith's predicates mostly compare
with NULL, so that most of its queries return no rows; relaxed ones do):

1. q is made deterministic where that is mechanical (determinize): sqlsmith's
   TABLESAMPLE gets REPEATABLE (0); its scalar subqueries
   "(select c from t limit 1 offset k)" get "order by c::text"; every other
   LIMIT (without ORDER BY) is removed.  What still depends on chance or on
   row order makes q nondeterministic (nondeterministic_reasons): a volatile
   function, a stable function whose value changes between the statements of
   one transaction (statement_timestamp, pg_stat_*, ...), an order-sensitive
   aggregate (array_agg, string_agg, json[b]_agg, json[b]_object_agg,
   xmlagg), a LIMIT left over.  Those are still run through paginate (a
   crash is a crash), but not compared.
2. direct = to_jsonb of each row of q.  paginate(q, 1, N + 1) returns the
   same multiset of objects; paginate_meta(q) has total N (count exact and
   estimated), pages and has_next right (count none too).
3. Q = select paginate_fuzz_q.*, paginate_fuzz_q::text as paginate_fuzz_row
   from (q) paginate_fuzz_q order by <every
   output column that has a btree ordering (but record, whose values a
   cursor cannot carry), each ASC or DESC and NULLS FIRST or LAST at
   random>, paginate_fuzz_row.  Rows that tie in all of that have
   the same text, hence the same jsonb: the order is total as far as the
   comparison can see.  Page sizes and directions are drawn from a random
   generator seeded by the query's number: a run is repeatable.  The direct rows of Q in order are sliced in Python;
   paginate_response(Q, k, pp) for every page k (and one past the last) must
   return exactly slice k, with total, pages, has_prev, has_next right; the
   keyset walk forward from page 1's end_cursor (after =>) and backward from
   the last page's start_cursor (before =>) must return the same slices.

DML (INSERT, UPDATE, DELETE, MERGE, data-modifying WITH) must be refused by
paginate with SQLSTATE 22023 and is never run directly.  Every query runs in
its own REPEATABLE READ transaction that is rolled back, each statement in a
savepoint, as a role without superuser rights, with extra_float_digits = 0
(a float sum over rows in another order differs only past 15 digits).

A crash is a server process terminated by a signal (or PANIC) in the server
log; every query that lost its connection is run again alone at the end to
find which one it was.
"""
import collections
import datetime
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
import traceback

import psycopg
from psycopg import errors

MAX_ROWS = 5000            # compare results up to this many rows
MAX_PAGES = 5              # pages per ordered walk

ORDER_SENSITIVE_AGGREGATES = {
    'array_agg', 'string_agg', 'json_agg', 'jsonb_agg', 'json_object_agg',
    'jsonb_object_agg', 'xmlagg', 'json_agg_strict', 'jsonb_agg_strict',
    'json_object_agg_strict', 'jsonb_object_agg_strict',
    'json_object_agg_unique', 'jsonb_object_agg_unique',
    'json_object_agg_unique_strict', 'jsonb_object_agg_unique_strict',
}
# stable functions whose value differs between two statements of one
# transaction (the direct query and the paginate call are two statements)
PER_STATEMENT = re.compile(
    r'^(statement_timestamp|pg_stat_.*|pg_cursor|pg_prepared_statement|'
    r'pg_current_.*|txid_.*|pg_trigger_depth|pg_listening_channels|'
    r'pg_get_replication_slots|pg_backend_memory_contexts|pg_snapshot_.*|'
    r'pg_last_.*|pg_ls_.*|pg_show_all_settings|'
    r'paginate.*)$')
DML_CTE = re.compile(r'\bas\s*\(\s*(insert\s+into|update\s+[\w.]+\s+set|delete\s+from|merge\s+into)\b', re.I)
SCALAR_SUBQUERY = re.compile(
    r'\(select (\w+) from ([\w.]+) limit 1 offset (\d+)\)')
SCALAR_ORDERED = re.compile(
    r'\(select (\w+) from ([\w.]+) order by \1::text limit 1 offset (\d+)\)')
LIMIT = re.compile(r'\s+limit\s+\d+(?!\s+offset)')
TABLESAMPLE = re.compile(r'(tablesample\s+\w+\s*\([^()]*\))')
TABLESAMPLE_REPEATABLE = re.compile(r'tablesample\s+\w+\s*\([^()]*\)(\s+repeatable\s*\(\d+\))?')
FUNCTION_CALL = re.compile(r'(?:\b(\w+)\.)?\b(\w+)\s*\(')

# set in each worker
conn = None
unsafe_names = set()


def determinize(q):
    """The mechanical part of making q deterministic (see the module doc)."""
    q = SCALAR_SUBQUERY.sub(
        lambda m: '(select %s from %s order by %s::text limit 1 offset %s)'
        % (m.group(1), m.group(2), m.group(1), m.group(3)), q)
    q = LIMIT.sub('', q)
    q = TABLESAMPLE.sub(r'\1 repeatable (0)', q)
    return q


CLAUSE_END = re.compile(
    r'(group\s+by|having|window|order\s+by|limit|offset|fetch|union|intersect|'
    r'except|for|returning)\b', re.I)


def without_where(q):
    """q with every WHERE clause cut out (not FILTER (WHERE ...)), or None when
    it has none.  sqlsmith's predicates mostly compare with NULL, so that
    most of its queries return no rows; without them they return some."""
    out = q
    start = 0
    changed = False
    while True:
        m = re.compile(r'\bwhere\b', re.I).search(out, start)
        if m is None:
            break
        i = m.start()
        if not _outside_quotes(out, i) or re.search(r'filter\s*\(\s*$', out[:i], re.I):
            start = m.end()
            continue
        end = _clause_end(out, m.end())
        out = out[:i] + out[end:]
        start = i
        changed = True
    return out if changed else None


def _outside_quotes(s, pos):
    """Is pos outside '...' and "..." in s?"""
    quote = None
    for ch in s[:pos]:
        if quote:
            if ch == quote:
                quote = None
        elif ch in '\'"':
            quote = ch
    return quote is None


def _clause_end(s, pos):
    """Where the clause that starts at pos ends: a ')' that closes the
    enclosing parenthesis, a keyword that starts the next clause at the same
    depth, or the end."""
    depth = 0
    quote = None
    i = pos
    while i < len(s):
        ch = s[i]
        if quote:
            if ch == quote:
                quote = None
        elif ch in '\'"':
            quote = ch
        elif ch == '(':
            depth += 1
        elif ch == ')':
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and (i == 0 or not (s[i - 1].isalnum() or s[i - 1] == '_')):
            m = CLAUSE_END.match(s, i)
            if m:
                return i
        i += 1
    return i


def nondeterministic_reasons(q):
    """Why q's result may differ between two runs on one snapshot."""
    reasons = set()
    if re.search(r'\blimit\b', SCALAR_ORDERED.sub('', q), re.I):
        reasons.add('LIMIT without ORDER BY')
    for schema, name in FUNCTION_CALL.findall(TABLESAMPLE_REPEATABLE.sub('', q)):
        name = name.lower()
        if name in ORDER_SENSITIVE_AGGREGATES:
            reasons.add('order-sensitive aggregate')
        elif PER_STATEMENT.match(name):
            reasons.add('value changes per statement (%s)'
                        % ('paginate' if name.startswith('paginate') else name))
        elif name in unsafe_names:
            reasons.add('volatile function')
    return sorted(reasons)


class Lost(Exception):
    """The connection to the server was lost."""


def connect():
    """(Re)connect and set the session up; waits out a crash restart."""
    global conn
    for attempt in range(180):
        try:
            conn = psycopg.connect(os.environ['FUZZ_DSN'], autocommit=True)
            conn.execute("set statement_timeout = %s"
                         % quote(os.environ.get('FUZZ_TIMEOUT', '2s')))
            conn.execute("set paginate.max_per_page = 0")
            conn.execute("set paginate.order_check = off")
            conn.execute("set paginate.strict = off")
            conn.execute("set paginate.count = exact")
            # float sums in another order differ in the last bits: 15 digits
            conn.execute("set extra_float_digits = 0")
            conn.execute("set client_min_messages = error")
            conn.execute("set max_parallel_workers_per_gather = 0")
            return
        except psycopg.OperationalError:
            time.sleep(1)
    raise SystemExit('fuzz.py: cannot connect to the fuzz database')


def quote(s):
    return "'" + s.replace("'", "''") + "'"


class Query:
    """One statement in a savepoint; errors are turned into results."""

    def __init__(self, result):
        self.result = result
        self.description = None

    def run(self, sql, params=None):
        """Rows of sql, or a (sqlstate, message) tuple on an error."""
        try:
            conn.execute("savepoint s")
            cur = conn.execute(sql, params)
            rows = cur.fetchall() if cur.description else []
            self.description = cur.description
            conn.execute("release savepoint s")
            return rows
        except (psycopg.OperationalError, psycopg.InterfaceError) as e:
            if conn.closed or conn.broken:
                raise Lost(str(e))
            return self._error(e)
        except psycopg.Error as e:
            return self._error(e)

    def _error(self, e):
        try:
            conn.execute("rollback to savepoint s")
        except psycopg.Error as e2:
            if conn.closed or conn.broken:
                raise Lost(str(e2))
            raise
        state = getattr(e, 'sqlstate', None) or 'XX???'
        message = str(e).split('\n')[0]
        return (state, message)


def is_error(r):
    return isinstance(r, tuple)


def check_query(index, q):
    """Everything done with one generated query; a dict for the results file."""
    result = {'i': index, 'checks': 0, 'errors': [], 'mismatches': []}
    conn.execute("begin isolation level repeatable read")
    try:
        work(result, q)
    finally:
        if not (conn.closed or conn.broken):
            conn.execute("rollback")
    return result


def perror(result, what, r):
    """Record an error that a paginate call raised."""
    result['errors'].append({'call': what, 'sqlstate': r[0], 'message': r[1]})


def mismatch(result, what, detail):
    result['mismatches'].append({'call': what, 'detail': detail})


def work(result, q):
    db = Query(result)
    head = q.lstrip().split(None, 1)[0].lower()
    if head in ('insert', 'update', 'delete', 'merge'):
        result['kind'] = 'dml'
        r = db.run("select p::text from paginate(%s::text, 1, 5) p", (q,))
        result['checks'] += 1
        if is_error(r) and r[0] == '22023':
            result['refused'] = True
        else:
            mismatch(result, 'paginate(dml)', 'a data-modifying statement was not refused: %r' % (r,))
        return

    result['kind'] = 'select'
    # the query as sqlsmith wrote it, for crashes only
    r = db.run("select paginate_response(%s::text, 1, 5, count => 'exact')::text", (q,))
    result['checks'] += 1
    if is_error(r):
        result['original_error'] = r[0]
    if head == 'with' and (DML_CTE.search(q) or
                           (is_error(r) and 'data-modifying' in r[1])):
        # WITH ... INSERT/UPDATE/DELETE/MERGE: never run directly
        result['kind'] = 'dml'
        result['refused'] = is_error(r)
        if not is_error(r):
            mismatch(result, 'paginate_response(q)', 'a data-modifying WITH was not refused')
        return

    dq = determinize(q)
    variants = [('sqlsmith', dq)]
    rq = relax(dq)
    if rq is not None:
        variants.append(('relaxed', rq))
    result['variants'] = []
    for name, text in variants:
        v = {'i': result['i'], 'variant': name, 'checks': 0, 'errors': [],
             'mismatches': []}
        result['variants'].append(v)
        compare(db, v, text)


def relax(dq):
    """dq without its WHERE clauses and TABLESAMPLE, or None if that is dq."""
    t = TABLESAMPLE_REPEATABLE.sub('', dq)
    t = without_where(t) or t
    return t if t != dq else None


def compare(db, result, dq):
    """Run dq directly and through paginate, and compare (module doc, 2-3)."""
    reasons = nondeterministic_reasons(dq)
    result['reasons'] = reasons

    direct = db.run("select to_jsonb(paginate_fuzz_q)::text from (%s) paginate_fuzz_q" % dq)
    if is_error(direct):
        result['direct_error'] = direct[0]
        # paginate must not crash on it either
        r = db.run("select p::text from paginate(%s::text, 1, 3) p", (dq,))
        result['checks'] += 1
        if is_error(r):
            result['paginate_error_too'] = r[0]
        return
    n = len(direct)
    result['rows'] = n

    if reasons:
        # not compared: run it through paginate, offset and keyset, for crashes
        smoke(db, result, dq, n)
        return
    if n > MAX_ROWS:
        result['reasons'] = ['more than %d rows' % MAX_ROWS]
        smoke(db, result, dq, n)
        return

    result['compared'] = True
    rng = random.Random('%d %s' % (result['i'], result['variant']))

    # 2. the whole result on one page, and the total
    r = db.run("select p::text from paginate(%s::text, 1, %s::int) p", (dq, n + 1))
    result['checks'] += 1
    if is_error(r):
        perror(result, 'paginate(q, 1, N+1)', r)
    else:
        got = collections.Counter(x[0] for x in r)
        want = collections.Counter(x[0] for x in direct)
        if got != want:
            mismatch(result, 'paginate(q, 1, N+1)', diff(want, got))
    pp = rng.choice([1, 2, 3, 5, 10])
    r = db.run("select total, pages, has_next from paginate_meta(%s::text, 1, %s::int)", (dq, pp))
    result['checks'] += 1
    if is_error(r):
        perror(result, 'paginate_meta(q)', r)
    elif r[0] != (n, math.ceil(n / pp), n > pp):
        mismatch(result, 'paginate_meta(q, 1, %d)' % pp,
                 'total, pages, has_next = %r, want %r' % (r[0], (n, math.ceil(n / pp), n > pp)))

    r = db.run("select total, total_is_exact from paginate_meta(%s::text, 1, %s::int, count => 'estimated')",
               (dq, pp))
    result['checks'] += 1
    if is_error(r):
        perror(result, "paginate_meta(q, count => 'estimated')", r)
    elif r[0] != (n, True):
        mismatch(result, "paginate_meta(q, 1, %d, count => 'estimated')" % pp,
                 'total, total_is_exact = %r, want %r' % (r[0], (n, True)))
    r = db.run("select total, has_prev, has_next from paginate_meta(%s::text, 2, %s::int, count => 'none')",
               (dq, pp))
    result['checks'] += 1
    if is_error(r):
        perror(result, "paginate_meta(q, count => 'none')", r)
    elif r[0] != (None, True, n > 2 * pp):
        mismatch(result, "paginate_meta(q, 2, %d, count => 'none')" % pp,
                 'total, has_prev, has_next = %r, want %r' % (r[0], (None, True, n > 2 * pp)))

    # 3. a total order: every orderable column, then the row's text
    ordered = ordered_query(db, result, dq, rng)
    if ordered is None:
        return
    Q, rows = ordered
    walk(db, result, Q, rows, rng)


def ordered_query(db, result, dq, rng):
    """Q and its rows in order, or None."""
    cols = db.run("select * from (%s) paginate_fuzz_q limit 0" % dq)
    if is_error(cols):
        perror(result, 'describe', cols)
        return None
    keys = []
    for pos, col in enumerate(db.description, start=1):
        # a key of type record carries no cursor (sql/fuzz_regressions.sql)
        if col.type_code not in (2249, 2287) and type_is_orderable(db, col.type_code):
            keys.append('%d %s nulls %s' % (pos, rng.choice(['asc', 'desc']),
                                           rng.choice(['first', 'last'])))
    keys.append('paginate_fuzz_row')
    Q = ("select paginate_fuzz_q.*, paginate_fuzz_q::text as paginate_fuzz_row "
         "from (%s) paginate_fuzz_q order by %s" % (dq, ', '.join(keys)))
    rows = db.run("select to_jsonb(paginate_fuzz_o)::text from (%s) paginate_fuzz_o" % Q)
    if is_error(rows):
        result['ordered_error'] = rows[0]
        return None
    result['keys'] = len(keys)
    return Q, [x[0] for x in rows]


_orderable = {}


def type_is_orderable(db, oid):
    """Can ORDER BY sort a column of this type (as the server decides it)?"""
    if oid not in _orderable:
        name = db.run("select format_type(%s::oid, null)", (oid,))
        ok = False
        if not is_error(name):
            r = db.run("select x from (select null::%s as x) s order by x" % name[0][0])
            ok = not is_error(r)
        _orderable[oid] = ok
    return _orderable[oid]


def walk(db, result, Q, rows, rng):
    """Offset pages and keyset walks over Q against slices of rows."""
    n = len(rows)
    pp = rng.choice([1, 2, 3, 4, 7, 10, 25])
    pp = max(pp, math.ceil(n / MAX_PAGES))
    pages = math.ceil(n / pp)
    result['per_page'] = pp
    result['pages'] = pages

    def slice_of(k):
        return rows[(k - 1) * pp:k * pp]

    def response(label, **args):
        sql = ("select r->'pagination', array(select x::text from jsonb_array_elements(r->'items') x) "
               "from paginate_response(%s::text" +
               ''.join(', %s => %%s::%s' % (a, 'int' if a in ('page', 'per_page') else 'text')
                       for a in args) + ") r")
        r = db.run(sql, (Q,) + tuple(args.values()))
        result['checks'] += 1
        if is_error(r):
            perror(result, label, r)
            return None
        return r[0]

    cursors = {}
    for k in range(1, pages + 2):
        label = 'paginate_response(Q, %d, %d)' % (k, pp)
        r = response(label, page=k, per_page=pp)
        if r is None:
            continue
        meta, items = r
        want = slice_of(k)
        if items != want:
            mismatch(result, label, seq_diff(want, items))
        expect = {'total': n, 'pages': pages, 'has_prev': k > 1,
                  'has_next': k < pages}
        got = {key: meta.get(key) for key in expect}
        if got != expect:
            mismatch(result, label, 'pagination %r, want %r' % (got, expect))
        cursors[k] = (meta.get('start_cursor'), meta.get('end_cursor'))

    # the jsonb form for one page
    k = rng.randint(1, max(pages, 1))
    r = db.run("select p::text from paginate(%s::text, %s::int, %s::int) p", (Q, k, pp))
    result['checks'] += 1
    if is_error(r):
        perror(result, 'paginate(Q, %d, %d)' % (k, pp), r)
    elif [x[0] for x in r] != slice_of(k):
        mismatch(result, 'paginate(Q, %d, %d)' % (k, pp), seq_diff(slice_of(k), [x[0] for x in r]))

    if pages < 2 or 1 not in cursors or pages not in cursors:
        return
    # forward from page 1
    cursor = cursors[1][1]
    for k in range(2, pages + 1):
        label = 'paginate_response(Q, after => end_cursor of page %d, %d)' % (k - 1, pp)
        if cursor is None:
            mismatch(result, label, 'page %d has no end_cursor' % (k - 1))
            break
        r = response(label, after=cursor, per_page=pp)
        if r is None:
            break
        meta, items = r
        if items != slice_of(k):
            mismatch(result, label, seq_diff(slice_of(k), items))
            break
        expect = {'has_prev': True, 'has_next': k < pages}
        got = {key: meta.get(key) for key in expect}
        if got != expect:
            mismatch(result, label, 'pagination %r, want %r' % (got, expect))
        cursor = meta.get('end_cursor')
    # backward from the last page
    cursor = cursors[pages][0]
    for k in range(pages - 1, 0, -1):
        label = 'paginate_response(Q, before => start_cursor of page %d, %d)' % (k + 1, pp)
        if cursor is None:
            mismatch(result, label, 'page %d has no start_cursor' % (k + 1))
            break
        r = response(label, before=cursor, per_page=pp)
        if r is None:
            break
        meta, items = r
        if items != slice_of(k):
            mismatch(result, label, seq_diff(slice_of(k), items))
            break
        expect = {'has_prev': k > 1, 'has_next': True}
        got = {key: meta.get(key) for key in expect}
        if got != expect:
            mismatch(result, label, 'pagination %r, want %r' % (got, expect))
        cursor = meta.get('start_cursor')


def smoke(db, result, dq, n):
    """Run a nondeterministic query through paginate without comparing."""
    for sql, args in (
            ("select p::text from paginate(%s::text, 2, 3) p", (dq,)),
            ("select (paginate_meta(%s::text, 1, 4, count => 'estimated')).total", (dq,))):
        r = db.run(sql, args)
        result['checks'] += 1
        if is_error(r):
            perror(result, 'smoke: ' + sql.split(' from ')[-1].split('(')[0], r)
    ordered = ordered_query(db, result, dq, random.Random(result['i']))
    if ordered is None:
        return
    Q = ordered[0]
    r = db.run("select (paginate_meta(%s::text, 1, 3, count => 'none')).end_cursor", (Q,))
    result['checks'] += 1
    if is_error(r):
        perror(result, 'smoke: paginate_meta(Q)', r)
    elif r and r[0][0] is not None:
        r = db.run("select count(*) from paginate(%s::text, after => %s::text, per_page => 3)",
                   (Q, r[0][0]))
        result['checks'] += 1
        if is_error(r):
            perror(result, 'smoke: paginate(Q, after)', r)


def diff(want, got):
    missing = want - got
    extra = got - want
    return 'missing %d rows (%s), extra %d rows (%s)' % (
        sum(missing.values()), trunc(list(missing)[:2]),
        sum(extra.values()), trunc(list(extra)[:2]))


def seq_diff(want, got):
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return 'row %d: want %s, got %s (of %d and %d rows)' % (
                i + 1, trunc(a), trunc(b), len(want), len(got))
    return 'want %d rows, got %d' % (len(want), len(got))


def trunc(x):
    s = str(x)
    return s if len(s) < 300 else s[:300] + '...'


def worker(args):
    """Run the queries of one worker; results go to a JSON-lines file."""
    wid, jobs, queries, out = args
    global unsafe_names
    connect()
    unsafe_names = {r[0] for r in conn.execute(
        "select distinct proname from pg_proc where provolatile = 'v'").fetchall()}
    path = os.path.join(out, 'results.%d.jsonl' % wid)
    with open(path, 'w') as f:
        for i in range(wid, len(queries), jobs):
            t = time.time()
            try:
                result = check_query(i, queries[i])
            except Lost as e:
                result = {'i': i, 'lost': str(e).split('\n')[0]}
                connect()
            except Exception as e:
                result = {'i': i, 'harness_error': traceback.format_exc()[-600:]}
                try:
                    conn.execute("rollback")
                except Exception:
                    connect()
            result['ms'] = int((time.time() - t) * 1000)
            f.write(json.dumps(result) + '\n')
            f.flush()
    return path


CRASH = re.compile(r'(was terminated by signal|terminated by exception|PANIC:|'
                   r'server process .* exited with exit code [1-9])')


def crash_lines(log, start):
    with open(log, errors='replace') as f:
        f.seek(start)
        return [line.rstrip() for line in f if CRASH.search(line)]


def main():
    qfile, out = sys.argv[1], sys.argv[2]
    log = os.environ['FUZZ_LOG']
    jobs = int(os.environ.get('FUZZ_JOBS', '2'))
    text = open(qfile, errors='replace').read()
    queries = [q.strip() for q in re.split(r';\n(?=\S|\Z)', text) if q.strip()]
    started = time.time()
    log_start = os.path.getsize(log)
    with multiprocessing.Pool(jobs) as pool:
        paths = pool.map(worker, [(w, jobs, queries, out) for w in range(jobs)])
    results = []
    for p in paths:
        with open(p) as f:
            results.extend(json.loads(line) for line in f)
    results.sort(key=lambda r: r['i'])
    crashes = crash_lines(log, log_start)

    # queries that lost their connection: again, alone, to find the crash
    confirmed = []
    lost = [r for r in results if 'lost' in r or 'harness_error' in r]
    if lost or crashes:
        global unsafe_names
        connect()
        unsafe_names = {r[0] for r in conn.execute(
            "select distinct proname from pg_proc where provolatile = 'v'").fetchall()}
        for r in lost:
            before = os.path.getsize(log)
            try:
                again = check_query(r['i'], queries[r['i']])
                r['rerun'] = 'ok'
                r['rerun_result'] = again
            except Lost as e:
                r['rerun'] = 'lost: ' + str(e).split('\n')[0]
                connect()
            lines = crash_lines(log, before)
            if lines:
                confirmed.append((r['i'], lines))
    elapsed = time.time() - started
    with open(os.path.join(out, 'results.jsonl'), 'w') as f:
        for r in results:
            f.write(json.dumps(r) + '\n')
    summarize(queries, results, crashes, confirmed, elapsed, out)


def summarize(queries, results, crashes, confirmed, elapsed, out):
    kinds = collections.Counter(r.get('kind', '?') for r in results)
    dml = [r for r in results if r.get('kind') == 'dml']
    variants = [v for r in results for v in r.get('variants', [])]
    relaxed = [v for v in variants if v['variant'] == 'relaxed']
    compared = [v for v in variants if v.get('compared')]
    nonempty = [v for v in compared if v.get('rows', 0) > 0]
    direct_errors = collections.Counter(v['direct_error'] for v in variants if 'direct_error' in v)
    skipped = collections.Counter()
    for v in variants:
        if 'direct_error' in v:
            continue
        for reason in v.get('reasons') or []:
            skipped[re.sub(r' \(.*\)$', '', reason)] += 1
    not_compared = [v for v in variants if not v.get('compared') and 'direct_error' not in v]
    ordered_errors = collections.Counter(v['ordered_error'] for v in compared if 'ordered_error' in v)
    walked = [v for v in compared if 'keys' in v]
    errors = collections.Counter()
    error_examples = {}
    everything = results + variants
    for r in everything:
        for e in r.get('errors', []):
            key = (e['sqlstate'], e['message'][:90])
            errors[key] += 1
            error_examples.setdefault(key, (r['i'], e['call']))
    mismatches = [(r['i'], m) for r in everything for m in r.get('mismatches', [])]
    lost = [r for r in results if 'lost' in r]
    harness = [r for r in results if 'harness_error' in r]
    checks = sum(r.get('checks', 0) for r in everything)
    per_statement = sorted({m.group(1) for v in variants for reason in v.get('reasons') or []
                            for m in [re.search(r'\((.*)\)$', reason)] if m})

    lines = []
    w = lines.append
    w('# Fuzzing paginate with sqlsmith')
    w('')
    w('Written by `test/fuzz/run.sh` (`make fuzz`); see its header for what is')
    w('compared and how a query counts as deterministic.')
    w('')
    w('| | |')
    w('|---|---|')
    w('| date | %s |' % datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M UTC'))
    w('| command | `%s` |' % os.environ.get('FUZZ_COMMAND', '?'))
    w('| seed | %s |' % os.environ.get('FUZZ_SEED', '?'))
    w('| extension | %s (PostgreSQL %s) |' % (os.environ.get('FUZZ_EXT', '?'), os.environ.get('FUZZ_PG', '?')))
    w('| sqlsmith | %s |' % os.environ.get('FUZZ_SQLSMITH', '?'))
    w('| statement_timeout | %s |' % os.environ.get('FUZZ_TIMEOUT', '2s'))
    w('| workers | %s |' % os.environ.get('FUZZ_JOBS', '2'))
    w('| time | %d min %d s |' % (elapsed // 60, elapsed % 60))
    w('')
    w('## Result')
    w('')
    w('| | |')
    w('|---|---|')
    w('| queries generated | %d |' % len(queries))
    w('| run through paginate | %d (every one) |' % len(results))
    w('| paginate calls | %d |' % checks)
    w('| SELECT/VALUES/WITH queries | %d |' % kinds.get('select', 0))
    w('| ... and their relaxed forms (no WHERE, no TABLESAMPLE) | %d |' % len(relaxed))
    w('| data-modifying statements | %d, refused by paginate with 22023: %d |'
      % (len(dml), sum(1 for r in dml if r.get('refused'))))
    w('| compared with the query run directly | %d (%d sqlsmith\'s, %d relaxed; %d with rows, %d rows in all) |'
      % (len(compared), sum(1 for v in compared if v['variant'] == 'sqlsmith'),
         sum(1 for v in compared if v['variant'] == 'relaxed'), len(nonempty),
         sum(v.get('rows', 0) for v in compared)))
    w('| ... of which also paged offset and keyset in a total order | %d (%d pages) |'
      % (len(walked), sum(r.get('pages', 0) for r in walked)))
    w('| **crashes** | **%d** |' % len(crashes))
    w('| **mismatches in deterministic queries** | **%d** |' % len(mismatches))
    w('| connections lost | %d |' % len(lost))
    w('| harness errors | %d |' % len(harness))
    w('')
    w('## Not compared, and why')
    w('')
    w('A query is compared when it runs directly without an error, is')
    w('deterministic after `determinize` (see run.sh) and has at most %d rows.' % MAX_ROWS)
    w('Every query is still run through paginate.  Counted over both forms of')
    w('each query (as sqlsmith wrote it, and relaxed).')
    w('')
    w('| reason | queries |')
    w('|---|---|')
    w('| the query itself fails when run directly (SQLSTATE below) | %d |' % sum(direct_errors.values()))
    for reason, count in skipped.most_common():
        w('| %s | %d |' % (reason, count))
    w('')
    w('(A query can have several reasons; %d were not compared for one or more.)' % len(not_compared))
    if per_statement:
        w('')
        w('Functions whose value changes between statements: %s.' % ', '.join(per_statement))
    w('')
    w('Errors of the queries run directly, by SQLSTATE:')
    w('')
    w('| SQLSTATE | queries |')
    w('|---|---|')
    for state, count in direct_errors.most_common():
        w('| %s | %d |' % (state, count))
    if ordered_errors:
        w('')
        w('The ordered form Q failed directly for %d compared queries (%s); they were compared unordered only.'
          % (sum(ordered_errors.values()), ', '.join('%s: %d' % x for x in ordered_errors.most_common())))
    w('')
    w('## Errors raised by paginate calls on queries that ran directly')
    w('')
    if not errors:
        w('None.')
    else:
        w('| SQLSTATE | message | calls | first query |')
        w('|---|---|---|---|')
        for (state, msg), count in errors.most_common():
            i, call = error_examples[(state, msg)]
            w('| %s | %s | %d | #%d `%s` |' % (state, msg.replace('|', '\\|'), count, i, call))
    w('')
    w('## Crashes')
    w('')
    if not crashes:
        w('None: no server process ended by a signal, and no PANIC, in the server log.')
    else:
        for line in crashes:
            w('    ' + line)
    for r in lost:
        w('- query #%d lost its connection (%s); run again alone: %s%s'
          % (r['i'], r['lost'][:80], r.get('rerun', 'not run'),
             ', and the server crashed again' if any(i == r['i'] for i, _ in confirmed) else ''))
        with open(os.path.join(out, 'lost-%d.sql' % r['i']), 'w') as f:
            f.write(queries[r['i']] + ';\n')
    w('')
    w('## Mismatches')
    w('')
    if not mismatches:
        w('None.')
    else:
        for i, m in mismatches[:50]:
            w('- #%d %s: %s' % (i, m['call'], m['detail'].replace('\n', ' ')))
    w('')
    with open(os.path.join(out, 'SUMMARY.md'), 'w') as f:
        f.write('\n'.join(lines))
    print('\n'.join(lines))
    if crashes or mismatches:
        sys.exit(1)


if __name__ == '__main__':
    main()
