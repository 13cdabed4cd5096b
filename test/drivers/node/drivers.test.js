// paginate through Node.js's drivers, as their users write the calls:
// node-postgres (pg: parameters sent untyped, the server infers them) and
// postgres.js (tagged templates; parameters typed by the server too).  For
// each: every function with bound parameters, the default page as null,
// params as an array, the typed form, a keyset walk forward and backward
// that moves between two connections, and an error read back with its
// SQLSTATE, detail and hint; results compared with the whole query.
//
// The connection comes from PGHOST, PGPORT, PGUSER and PGDATABASE.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const pg = require('pg');
const postgres = require('postgres');

const QUERY = 'select id, name, created_at from drivers_node.items order by created_at, id';
const PARAM_QUERY = 'select id, name from drivers_node.items where name <> $1 and name <> $2 order by id';
const config = {
  host: process.env.PGHOST,
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER,
  database: process.env.PGDATABASE,
};
let whole;

before(async () => {
  const client = new pg.Client(config);
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS paginate');
  await client.query('DROP SCHEMA IF EXISTS drivers_node CASCADE');
  await client.query('CREATE SCHEMA drivers_node');
  await client.query('CREATE TABLE drivers_node.items (id int PRIMARY KEY, name text NOT NULL, created_at timestamptz)');
  await client.query(`INSERT INTO drivers_node.items SELECT g, 'item ' || g,
    CASE WHEN g % 6 = 0 THEN NULL ELSE timestamptz '2024-01-01' + (g % 4) * interval '1 day' END
    FROM generate_series(1, 25) g`);
  whole = (await client.query(QUERY)).rows.map((r) => r.id);
  await client.end();
});

after(async () => {
  const client = new pg.Client(config);
  await client.connect();
  await client.query('DROP SCHEMA drivers_node CASCADE');
  await client.end();
});

// Walk every page with after (or before) cursors, asking page and metadata
// of whichever connection comes next.
async function walk(ask, backward) {
  let ids = [];
  let cursor = null;
  for (let n = 0; ; n++) {
    const { rows, meta } = await ask(n, cursor);
    ids = backward ? rows.concat(ids) : ids.concat(rows);
    if (!(backward ? meta.has_prev : meta.has_next)) return ids;
    cursor = backward ? meta.start_cursor : meta.end_cursor;
    if (n > 100) throw new Error('walk does not end');
  }
}

test('node-postgres', async () => {
  const pool = new pg.Pool({ ...config, max: 2 });
  try {
    // untyped parameters: paginate is the only function of the name
    let res = await pool.query('SELECT * FROM paginate($1, $2, $3)', [QUERY, 2, 10]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), whole.slice(10, 20));
    res = await pool.query('SELECT * FROM paginate($1, $2, $3)', [QUERY, null, 10]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), whole.slice(0, 10));
    // a named prepared statement
    res = await pool.query({ name: 'page', text: 'SELECT * FROM paginate($1, $2, $3)', values: [QUERY, 3, 10] });
    assert.deepEqual(res.rows.map((r) => r.paginate.id), whole.slice(20));
    res = await pool.query('SELECT * FROM paginate($1, $2, $3, params => $4)', [PARAM_QUERY, 1, 30, ['item 1', 'item 2']]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), [...Array(23).keys()].map((i) => i + 3));
    // bigint fields (total, first_item, last_item) arrive as strings
    const meta = (await pool.query('SELECT * FROM paginate_meta($1, $2, $3)', [QUERY, 2, 10])).rows[0];
    assert.deepEqual([meta.page, meta.total, meta.pages, meta.has_next], [2, '25', 3, true]);
    const body = (await pool.query('SELECT paginate_response($1, $2, $3)', [QUERY, 3, 10])).rows[0].paginate_response;
    assert.deepEqual(body.items.map((i) => i.id), whole.slice(20));
    assert.equal(body.pagination.total, 25); // a JSON number inside jsonb
    const typed = await pool.query('SELECT * FROM paginate_as(NULL::drivers_node.items, $1, $2, $3)',
      ['select * from drivers_node.items order by created_at, id', 1, 5]);
    assert.deepEqual(typed.rows.map((r) => r.id), whole.slice(0, 5));
    // params as an array of numbers and Dates
    res = await pool.query('SELECT * FROM paginate($1, $2, $3, params => $4)',
      ['select id from drivers_node.items where id > $1 and id < $2 and created_at < $3 order by id', 1, 30,
        [3, 12, new Date('2024-01-04T00:00:00Z')]]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), [4, 5, 8, 9, 10]); // not 6 (NULL), 7 and 11 (Jan 4)
    // a BigInt page (sent as its digits); past 2^31 - 1 the error names it
    res = await pool.query('SELECT * FROM paginate($1, $2, $3)', [QUERY, 2n, 10n]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), whole.slice(10, 20));
    await assert.rejects(pool.query('SELECT * FROM paginate($1, $2, $3)', [QUERY, 3000000000n, 10]), (error) => {
      assert.equal(error.code, '22023');
      assert.equal(error.message, 'page must be at most 2147483647');
      return true;
    });

    // a walk whose pages come from two connections in turn
    const a = await pool.connect();
    const b = await pool.connect();
    try {
      const clients = [a, b];
      // forward from the first page, backward from the last one (page 7 of 4 rows)
      const ask = (dir) => async (n, cursor) => {
        const c = clients[n % 2];
        const args = n === 0 && dir === 'before' ? ['$2, per_page => $3', [QUERY, 7, 4]]
          : [`${dir} => $2, per_page => $3`, [QUERY, cursor, 4]];
        const rows = (await c.query(`SELECT * FROM paginate($1, ${args[0]})`, args[1])).rows.map((r) => r.paginate.id);
        const meta = (await c.query(`SELECT * FROM paginate_meta($1, ${args[0]})`, args[1])).rows[0];
        return { rows, meta };
      };
      assert.deepEqual(await walk(ask('after'), false), whole);
      assert.deepEqual(await walk(ask('before'), true), whole);
    } finally {
      a.release();
      b.release();
    }

    await assert.rejects(pool.query('SELECT * FROM paginate($1, after => $2)', [QUERY, 'not a cursor!']), (error) => {
      assert.equal(error.code, '22023');
      assert.equal(error.message, 'invalid cursor in after');
      assert.equal(error.detail, 'A cursor holds only letters, digits, "-" and "_".');
      assert.match(error.hint, /^Pass start_cursor or end_cursor/);
      return true;
    });
  } finally {
    await pool.end();
  }
});

test('postgres.js', async () => {
  const sql = postgres({ ...config, max: 2, onnotice: () => {} });
  try {
    let rows = await sql`SELECT * FROM paginate(${QUERY}, ${2}, ${10})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), whole.slice(10, 20));
    rows = await sql`SELECT * FROM paginate(${QUERY}, ${null}, ${10})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), whole.slice(0, 10));
    rows = await sql`SELECT * FROM paginate(${PARAM_QUERY}, ${1}, ${30}, params => ${['item 1', 'item 2']})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), [...Array(23).keys()].map((i) => i + 3));
    const [meta] = await sql`SELECT * FROM paginate_meta(${QUERY}, ${2}, ${10})`;
    assert.deepEqual([meta.page, meta.total, meta.pages, meta.has_next], [2, '25', 3, true]);
    const [{ paginate_response: body }] = await sql`SELECT paginate_response(${QUERY}, ${3}, ${10})`;
    assert.deepEqual(body.items.map((i) => i.id), whole.slice(20));
    // params as an array of numbers
    rows = await sql`SELECT * FROM paginate(${'select id from drivers_node.items where id > $1 and id < $2 order by id'}, ${1}, ${30}, params => ${[3, 7]})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), [4, 5, 6]);
    // BigInt values, which postgres.js sends typed as int8
    rows = await sql`SELECT * FROM paginate(${QUERY}, ${2n}, ${10n})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), whole.slice(10, 20));

    // pages from two reserved connections in turn
    const a = await sql.reserve();
    const b = await sql.reserve();
    try {
      const clients = [a, b];
      // forward from the first page, backward from the last one (page 7 of 4 rows)
      const ask = (backward) => async (n, cursor) => {
        const c = clients[n % 2];
        let page;
        let m;
        if (backward && n === 0) {
          page = await c`SELECT * FROM paginate(${QUERY}, ${7}, ${4})`;
          [m] = await c`SELECT * FROM paginate_meta(${QUERY}, ${7}, ${4})`;
        } else if (backward) {
          page = await c`SELECT * FROM paginate(${QUERY}, before => ${cursor}, per_page => ${4})`;
          [m] = await c`SELECT * FROM paginate_meta(${QUERY}, before => ${cursor}, per_page => ${4})`;
        } else {
          page = await c`SELECT * FROM paginate(${QUERY}, after => ${cursor}, per_page => ${4})`;
          [m] = await c`SELECT * FROM paginate_meta(${QUERY}, after => ${cursor}, per_page => ${4})`;
        }
        return { rows: page.map((r) => r.paginate.id), meta: m };
      };
      assert.deepEqual(await walk(ask(false), false), whole);
      assert.deepEqual(await walk(ask(true), true), whole);
    } finally {
      a.release();
      b.release();
    }

    await assert.rejects(sql`SELECT * FROM paginate(${QUERY}, ${0}, ${10})`, (error) => {
      assert.equal(error.code, '22023');
      assert.equal(error.message, 'page must be at least 1');
      assert.equal(error.detail, 'page is 0; pages are numbered from 1.');
      return true;
    });
    await assert.rejects(sql`SELECT * FROM paginate(${QUERY}, before => ${'AAAA'})`, (error) => {
      assert.equal(error.code, '22023');
      assert.equal(error.message, 'invalid cursor in before');
      assert.match(error.hint, /^Pass start_cursor or end_cursor/);
      return true;
    });
    // the typed form
    const typed = await sql`SELECT * FROM paginate_as(NULL::drivers_node.items, ${'select * from drivers_node.items order by created_at, id'}, ${1}, ${5})`;
    assert.deepEqual(typed.map((r) => r.id), whole.slice(0, 5));
  } finally {
    await sql.end();
  }
});

// order_by from each driver: a client's sort as a string and as an array
// (node-postgres sends it as an untyped array literal, postgres.js as the
// type the server names, paginate_sort, written as an array literal too),
// and a cursor of that sort walked on; compared with the query sorted in SQL.
test('order_by', async () => {
  const SORT_QUERY = 'select id, name, created_at from drivers_node.items';
  const SORT = 'created_at.desc.nullslast,id.desc';
  const pool = new pg.Pool({ ...config, max: 1 });
  const sql = postgres({ ...config, max: 1, onnotice: () => {} });
  try {
    const sorted = (await pool.query('select id from drivers_node.items order by created_at desc nulls last, id desc'))
      .rows.map((r) => r.id);
    let res = await pool.query('SELECT * FROM paginate($1, $2, $3, order_by => $4)', [SORT_QUERY, 1, 7, SORT]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), sorted.slice(0, 7));
    const list = ['created_at.desc.nullslast', 'id.desc'];
    const meta = (await pool.query('SELECT * FROM paginate_meta($1, $2, $3, order_by => $4)', [SORT_QUERY, 1, 7, list])).rows[0];
    res = await pool.query('SELECT * FROM paginate($1, after => $2, per_page => $3, order_by => $4)',
      [SORT_QUERY, meta.end_cursor, 7, list]);
    assert.deepEqual(res.rows.map((r) => r.paginate.id), sorted.slice(7, 14));
    await assert.rejects(pool.query('SELECT * FROM paginate($1, order_by => $2)', [SORT_QUERY, 'name;drop table x']), (error) => {
      assert.equal(error.code, '22023');
      assert.equal(error.message, 'order_by item "name;drop table x" is malformed');
      return true;
    });

    let rows = await sql`SELECT * FROM paginate(${SORT_QUERY}, ${2}, ${7}, order_by => ${SORT})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), sorted.slice(7, 14));
    rows = await sql`SELECT * FROM paginate(${SORT_QUERY}, ${3}, ${7}, order_by => ${sql.array(list)})`;
    assert.deepEqual(rows.map((r) => r.paginate.id), sorted.slice(14, 21));
  } finally {
    await pool.end();
    await sql.end();
  }
});
