# paginate through ruby-pg, as its users write the calls.
#
# exec_params sends every value as text with no type (OID 0), so the server
# infers each parameter's type from the function call: the untyped form must
# find one function.  A prepared statement does the same once.  For each:
# every function with bound parameters, the default page as nil, params as a
# PG text array, the typed form, a keyset walk forward and backward that
# moves between two connections, and an error read back with its SQLSTATE,
# detail and hint.  Results are compared with the whole query run directly.
#
# The connection comes from PGHOST, PGPORT, PGUSER and PGDATABASE (the
# cluster of scripts/cluster.sh env, as make test sets them), which libpq
# reads itself.
require "json"
require "minitest/autorun"
require "pg"

QUERY = "select id, name, created_at from drivers_test_rb.items order by created_at, id"
PARAM_QUERY = "select id, name from drivers_test_rb.items where name <> $1 and name <> $2 order by id"

class PaginateRubyPgTest < Minitest::Test
  @@ready = false

  def setup
    unless @@ready
      conn = PG.connect
      conn.exec("SET client_min_messages = warning")
      conn.exec("CREATE EXTENSION IF NOT EXISTS paginate")
      conn.exec("DROP SCHEMA IF EXISTS drivers_test_rb CASCADE")
      conn.exec("CREATE SCHEMA drivers_test_rb")
      conn.exec("CREATE TABLE drivers_test_rb.items (id int PRIMARY KEY, name text NOT NULL, created_at timestamptz)")
      # ties in created_at and NULLs (NULLS LAST), 25 rows
      conn.exec("INSERT INTO drivers_test_rb.items SELECT g, 'item ' || g, " \
                "CASE WHEN g % 6 = 0 THEN NULL ELSE timestamptz '2024-01-01' + (g % 4) * interval '1 day' END " \
                "FROM generate_series(1, 25) g")
      conn.close
      @@ready = true
    end
    @conn = PG.connect
  end

  def teardown
    @conn.close
  end

  def whole_ids
    @conn.exec(QUERY).map { |r| r["id"].to_i }
  end

  def ids(result)
    result.map { |r| JSON.parse(r["paginate"])["id"] }
  end

  def test_untyped_default_page_and_prepared
    assert_equal whole_ids[10, 10], ids(@conn.exec_params("SELECT * FROM paginate($1, $2, $3)", [QUERY, 2, 10]))
    # the default page as nil (SQL NULL)
    assert_equal whole_ids[0, 10], ids(@conn.exec_params("SELECT * FROM paginate($1, $2, $3)", [QUERY, nil, 10]))
    @conn.prepare("page", "SELECT * FROM paginate($1, $2, $3)")
    6.times { |i| assert_equal whole_ids[20..], ids(@conn.exec_prepared("page", [QUERY, 3, 10])), "execution #{i}" }
  end

  def test_meta_response_params_typed
    meta = @conn.exec_params("SELECT * FROM paginate_meta($1, $2, $3)", [QUERY, 2, 10])[0]
    assert_equal ["2", "25", "3", "t", "t"], meta.values_at("page", "total", "pages", "has_prev", "has_next")
    body = JSON.parse(@conn.exec_params("SELECT paginate_response($1, $2, $3)", [QUERY, 3, 10]).getvalue(0, 0))
    assert_equal whole_ids[20..], body["items"].map { |item| item["id"] }
    assert_equal 25, body["pagination"]["total"]
    # params as a text array, encoded by the driver
    params = PG::TextEncoder::Array.new.encode(["item 1", "item 2"])
    rows = @conn.exec_params("SELECT * FROM paginate($1, $2, $3, params => $4)", [PARAM_QUERY, 1, 30, params])
    assert_equal (3..25).to_a, ids(rows)
    # ... or of Integers
    params = PG::TextEncoder::Array.new.encode([3, 7])
    rows = @conn.exec_params("SELECT * FROM paginate($1, $2, $3, params => $4)",
                             ["select id from drivers_test_rb.items where id > $1 and id < $2 order by id", 1, 30, params])
    assert_equal [4, 5, 6], ids(rows)
    # the typed form: the row type's columns, decoded by a type map
    @conn.type_map_for_results = PG::BasicTypeMapForResults.new(@conn)
    rows = @conn.exec_params("SELECT * FROM paginate_as(NULL::drivers_test_rb.items, $1, $2, $3)",
                             ["select * from drivers_test_rb.items order by created_at, id", 1, 5])
    assert_equal whole_ids[0, 5], rows.map { |r| r["id"] }
    assert_kind_of Time, rows[0]["created_at"]
  end

  def walk(conns, direction)
    walked = []
    cursor = nil
    per_page = 4
    if direction == "before"
      cursor = conns[0].exec_params("SELECT start_cursor FROM paginate_meta($1, $2, $3)", [QUERY, 7, per_page]).getvalue(0, 0)
      walked = ids(conns[0].exec_params("SELECT * FROM paginate($1, $2, $3)", [QUERY, 7, per_page]))
    end
    n = 0
    loop do
      conn = conns[n % 2]
      n += 1
      page = ids(conn.exec_params("SELECT * FROM paginate($1, #{direction} => $2, per_page => $3)", [QUERY, cursor, per_page]))
      walked = direction == "after" ? walked + page : page + walked
      more, cursor = conn.exec_params(
        "SELECT #{direction == "after" ? "has_next, end_cursor" : "has_prev, start_cursor"} " \
        "FROM paginate_meta($1, #{direction} => $2, per_page => $3)", [QUERY, cursor, per_page]
      ).values[0]
      break unless more == "t"
    end
    walked
  end

  def test_walk_between_connections
    other = PG.connect
    begin
      assert_equal whole_ids, walk([@conn, other], "after")
      assert_equal whole_ids, walk([@conn, other], "before")
    ensure
      other.close
    end
  end

  def test_error
    error = assert_raises(PG::InvalidParameterValue) do
      @conn.exec_params("SELECT * FROM paginate($1, after => $2)", [QUERY, "not a cursor!"])
    end
    result = error.result
    assert_equal "22023", result.error_field(PG::PG_DIAG_SQLSTATE)
    assert_equal "invalid cursor in after", result.error_field(PG::PG_DIAG_MESSAGE_PRIMARY)
    assert_equal 'A cursor holds only letters, digits, "-" and "_".', result.error_field(PG::PG_DIAG_MESSAGE_DETAIL)
    assert result.error_field(PG::PG_DIAG_MESSAGE_HINT).start_with?("Pass start_cursor or end_cursor")
    error = assert_raises(PG::InvalidParameterValue) do
      @conn.exec_params("SELECT * FROM paginate($1, $2, $3)", [QUERY, 0, 10])
    end
    assert_equal "page must be at least 1", error.result.error_field(PG::PG_DIAG_MESSAGE_PRIMARY)
    # a page past 2^31 - 1 (an Integer is sent as its digits): the error names it
    error = assert_raises(PG::InvalidParameterValue) do
      @conn.exec_params("SELECT * FROM paginate($1, $2, $3)", [QUERY, 2**40, 10])
    end
    assert_equal "page must be at most 2147483647", error.result.error_field(PG::PG_DIAG_MESSAGE_PRIMARY)
  end

  # order_by: a client's sort as a String and as an array the driver
  # encodes (an untyped array literal); a cursor of that sort walks on.
  def test_order_by
    sort_query = "select id, name, created_at from drivers_test_rb.items"
    sorted = @conn.exec("select id from drivers_test_rb.items order by created_at desc nulls last, id desc").map { |r| r["id"].to_i }
    assert_equal sorted[0, 7], ids(@conn.exec_params("SELECT * FROM paginate($1, $2, $3, order_by => $4)",
                                                     [sort_query, 1, 7, "created_at.desc.nullslast,id.desc"]))
    list = PG::TextEncoder::Array.new.encode(["created_at.desc.nullslast", "id.desc"])
    cursor = @conn.exec_params("SELECT end_cursor FROM paginate_meta($1, $2, $3, order_by => $4)",
                               [sort_query, 1, 7, list]).getvalue(0, 0)
    assert_equal sorted[7, 7], ids(@conn.exec_params("SELECT * FROM paginate($1, after => $2, per_page => $3, order_by => $4)",
                                                     [sort_query, cursor, 7, list]))
    error = assert_raises(PG::InvalidParameterValue) do
      @conn.exec_params("SELECT * FROM paginate($1, order_by => $2)", [sort_query, "created_at.sideways"])
    end
    assert_equal 'order_by item "created_at.sideways" is malformed', error.result.error_field(PG::PG_DIAG_MESSAGE_PRIMARY)
  end

  Minitest.after_run do
    conn = PG.connect
    conn.exec("SET client_min_messages = warning")
    conn.exec("DROP SCHEMA IF EXISTS drivers_test_rb CASCADE")
    conn.close
  end
end
