// paginate through PgJDBC, as its users write the calls.
//
// PreparedStatement binds each value with the type its setter names
// (setString: varchar, setInt: int4, setNull(Types.INTEGER), setArray), and
// after prepareThreshold executions (5) the statement is prepared on the
// server.  For each function: bound parameters, the default page as NULL,
// params as a JDBC text array, the typed form read by column, a keyset walk
// forward and backward that moves between two connections, and errors read
// back with their SQLSTATE, message, detail and hint.  Results are compared
// with the whole query run directly.
//
// Run as a single source file (java -cp postgresql.jar Drivers.java); it
// connects over TCP to 127.0.0.1 at PGPORT as PGUSER to PGDATABASE (the
// cluster of scripts/cluster.sh env, as make test sets them) and prints one
// "ok"/"not ok" line a check, then "# pass N" and "# fail N".
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

public class Drivers {
    static final String QUERY =
        "select id, name, created_at from drivers_test_java.items order by created_at, id";
    static final String PARAM_QUERY =
        "select id, name from drivers_test_java.items where name <> $1 and name <> $2 order by id";
    static final Pattern ID = Pattern.compile("\"id\": (\\d+)");
    static int pass = 0;
    static int fail = 0;

    interface Check {
        void run() throws Exception;
    }

    static Connection connect(boolean unspecified) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", System.getenv().getOrDefault("PGUSER", "postgres"));
        if (unspecified) {
            props.setProperty("stringtype", "unspecified");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + System.getenv().getOrDefault("PGPORT", "5432") + "/"
            + System.getenv().getOrDefault("PGDATABASE", "postgres");
        return DriverManager.getConnection(url, props);
    }

    static void check(String name, Check check) {
        try {
            check.run();
            pass++;
            System.out.println("ok " + (pass + fail) + " - " + name);
        } catch (Throwable e) {
            fail++;
            System.out.println("not ok " + (pass + fail) + " - " + name);
            System.out.println("# " + e.toString().replace("\n", "\n# "));
        }
    }

    static void expect(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    // The "id" of each jsonb row of a result (PgJDBC hands jsonb over as text).
    static List<Integer> ids(ResultSet rs) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        while (rs.next()) {
            Matcher m = ID.matcher(rs.getString(1));
            if (!m.find()) {
                throw new AssertionError("no id in " + rs.getString(1));
            }
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    static List<Integer> whole(Connection conn) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                ids.add(rs.getInt("id"));
            }
        }
        return ids;
    }

    static List<Integer> page(Connection conn, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 1, Types.INTEGER);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                return ids(rs);
            }
        }
    }

    // Walk the whole query by cursors, page by page, alternating connections.
    static List<Integer> walk(Connection[] conns, boolean forward) throws SQLException {
        List<Integer> walked = new ArrayList<>();
        String cursor = null;
        int perPage = 4;
        if (!forward) {
            try (PreparedStatement ps = conns[0].prepareStatement(
                     "SELECT start_cursor FROM paginate_meta(?, ?, ?)")) {
                ps.setString(1, QUERY);
                ps.setInt(2, 7);
                ps.setInt(3, perPage);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    cursor = rs.getString(1);
                }
            }
            walked.addAll(page(conns[0], "SELECT * FROM paginate(?, ?, ?)", QUERY, 7, perPage));
        }
        String dir = forward ? "after" : "before";
        for (int n = 0;; n++) {
            Connection conn = conns[n % 2];
            try (PreparedStatement ps = conn.prepareStatement(
                     "SELECT * FROM paginate(?, " + dir + " => ?, per_page => ?)")) {
                ps.setString(1, QUERY);
                ps.setString(2, cursor);
                ps.setInt(3, perPage);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Integer> got = ids(rs);
                    if (forward) {
                        walked.addAll(got);
                    } else {
                        walked.addAll(0, got);
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(
                     "SELECT has_prev, has_next, start_cursor, end_cursor FROM paginate_meta(?, "
                     + dir + " => ?, per_page => ?)")) {
                ps.setString(1, QUERY);
                ps.setString(2, cursor);
                ps.setInt(3, perPage);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(forward ? "has_next" : "has_prev")) {
                        return walked;
                    }
                    cursor = rs.getString(forward ? "end_cursor" : "start_cursor");
                }
            }
        }
    }

    static ServerErrorMessage error(Connection conn, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeQuery().close();
        } catch (PSQLException e) {
            return e.getServerErrorMessage();
        }
        throw new AssertionError("no error from " + sql);
    }

    public static void main(String[] args) throws Exception {
        try (Connection conn = connect(false); Connection other = connect(false);
             Connection loose = connect(true)) {
            try (Statement st = conn.createStatement()) {
                st.execute("SET client_min_messages = warning");
                st.execute("CREATE EXTENSION IF NOT EXISTS paginate");
                st.execute("DROP SCHEMA IF EXISTS drivers_test_java CASCADE");
                st.execute("CREATE SCHEMA drivers_test_java");
                st.execute("CREATE TABLE drivers_test_java.items "
                           + "(id int PRIMARY KEY, name text NOT NULL, created_at timestamptz)");
                // ties in created_at and NULLs (NULLS LAST), 25 rows
                st.execute("INSERT INTO drivers_test_java.items SELECT g, 'item ' || g, "
                           + "CASE WHEN g % 6 = 0 THEN NULL ELSE timestamptz '2024-01-01' "
                           + "+ (g % 4) * interval '1 day' END FROM generate_series(1, 25) g");
            }
            List<Integer> all = whole(conn);

            check("setString and setInt; server-prepared after 5 executions", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM paginate(?, ?, ?)")) {
                    for (int i = 0; i < 7; i++) {
                        ps.setString(1, QUERY);
                        ps.setInt(2, 2);
                        ps.setInt(3, 10);
                        try (ResultSet rs = ps.executeQuery()) {
                            expect(all.subList(10, 20), ids(rs), "page 2, execution " + i);
                        }
                    }
                }
            });
            check("the default page as setNull(Types.INTEGER)", () ->
                expect(all.subList(0, 10), page(conn, "SELECT * FROM paginate(?, ?, ?)", QUERY, null, 10), "page"));
            check("a page given with setString: 42883 naming the types, never another function", () -> {
                ServerErrorMessage e = error(conn, "SELECT * FROM paginate(?, ?, ?)", QUERY, "2", 10);
                expect("42883", e.getSQLState(), "SQLSTATE");
                expect(true, e.getMessage().contains("paginate(character varying, character varying, integer)"),
                       "message " + e.getMessage());
            });
            check("stringtype=unspecified: every value given with setString", () -> {
                try (PreparedStatement ps = loose.prepareStatement("SELECT * FROM paginate(?, ?, ?)")) {
                    ps.setString(1, QUERY);
                    ps.setString(2, "3");
                    ps.setString(3, "10");
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(all.subList(20, 25), ids(rs), "page 3");
                    }
                }
            });
            check("params as a JDBC text array (createArrayOf)", () -> {
                try (PreparedStatement ps = conn.prepareStatement(
                         "SELECT * FROM paginate(?, ?, ?, params => ?)")) {
                    Array params = conn.createArrayOf("text", new String[] {"item 1", "item 2"});
                    ps.setString(1, PARAM_QUERY);
                    ps.setInt(2, 1);
                    ps.setInt(3, 30);
                    ps.setArray(4, params);
                    List<Integer> expected = new ArrayList<>();
                    for (int i = 3; i <= 25; i++) {
                        expected.add(i);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(expected, ids(rs), "rows");
                    }
                }
            });
            check("paginate_meta: int4, int8 and boolean columns", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM paginate_meta(?, ?, ?)")) {
                    ps.setString(1, QUERY);
                    ps.setInt(2, 2);
                    ps.setInt(3, 10);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        expect(2, rs.getInt("page"), "page");
                        expect(25L, rs.getLong("total"), "total");
                        expect(3, rs.getInt("pages"), "pages");
                        expect(true, rs.getBoolean("has_prev"), "has_prev");
                        expect(true, rs.getBoolean("has_next"), "has_next");
                    }
                }
            });
            check("paginate_response: the JSON body as text", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT paginate_response(?, ?, ?)")) {
                    ps.setString(1, QUERY);
                    ps.setInt(2, 3);
                    ps.setInt(3, 10);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        String body = rs.getString(1);
                        List<Integer> got = new ArrayList<>();
                        Matcher m = ID.matcher(body);
                        while (m.find()) {
                            got.add(Integer.parseInt(m.group(1)));
                        }
                        expect(all.subList(20, 25), got, "items");
                        expect(true, body.contains("\"total\": 25"), "total in " + body);
                    }
                }
            });
            check("paginate_as: the row type's columns by name", () -> {
                try (PreparedStatement ps = conn.prepareStatement(
                         "SELECT * FROM paginate_as(NULL::drivers_test_java.items, ?, ?, ?)")) {
                    ps.setString(1, "select * from drivers_test_java.items order by created_at, id");
                    ps.setInt(2, 1);
                    ps.setInt(3, 5);
                    List<Integer> got = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            got.add(rs.getInt("id"));
                            expect(true, rs.getTimestamp("created_at") != null || rs.getInt("id") % 6 == 0,
                                   "created_at of " + rs.getInt("id"));
                        }
                    }
                    expect(all.subList(0, 5), got, "rows");
                }
            });
            check("page and per_page with setLong; past 2^31 - 1 a 22023 naming page", () -> {
                try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM paginate(?, ?, ?)")) {
                    ps.setString(1, QUERY);
                    ps.setLong(2, 2L);
                    ps.setLong(3, 10L);
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(all.subList(10, 20), ids(rs), "page 2");
                    }
                }
                ServerErrorMessage e = error(conn, "SELECT * FROM paginate(?, ?, ?)", QUERY, 3_000_000_000L, 10L);
                expect("22023", e.getSQLState(), "SQLSTATE");
                expect("page must be at most 2147483647", e.getMessage(), "message");
            });
            check("params as an int4 array (createArrayOf(\"int4\"))", () -> {
                try (PreparedStatement ps = conn.prepareStatement(
                         "SELECT * FROM paginate(?, ?, ?, params => ?)")) {
                    ps.setString(1, "select id from drivers_test_java.items where id > $1 and id < $2 order by id");
                    ps.setInt(2, 1);
                    ps.setInt(3, 30);
                    ps.setArray(4, conn.createArrayOf("int4", new Integer[] {3, 7}));
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(List.of(4, 5, 6), ids(rs), "rows");
                    }
                }
            });
            check("a walk forward between two connections", () ->
                expect(all, walk(new Connection[] {conn, other}, true), "walk"));
            check("a walk backward between two connections", () ->
                expect(all, walk(new Connection[] {other, conn}, false), "walk"));
            check("errors: SQLSTATE, message, detail and hint", () -> {
                ServerErrorMessage e = error(conn, "SELECT * FROM paginate(?, after => ?)", QUERY, "not a cursor!");
                expect("22023", e.getSQLState(), "SQLSTATE");
                expect("invalid cursor in after", e.getMessage(), "message");
                expect("A cursor holds only letters, digits, \"-\" and \"_\".", e.getDetail(), "detail");
                expect(true, e.getHint().startsWith("Pass start_cursor or end_cursor"), "hint " + e.getHint());
                e = error(conn, "SELECT * FROM paginate(?, ?, ?)", QUERY, 0, 10);
                expect("22023", e.getSQLState(), "SQLSTATE");
                expect("page must be at least 1", e.getMessage(), "message");
            });

            check("order_by as a String (varchar) and as createArrayOf(\"text\"), then a cursor of that sort", () -> {
                String sortQuery = "select id, name, created_at from drivers_test_java.items";
                List<Integer> sorted = new ArrayList<>();
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery(
                         "select id from drivers_test_java.items order by created_at desc nulls last, id desc")) {
                    while (rs.next()) {
                        sorted.add(rs.getInt(1));
                    }
                }
                try (PreparedStatement ps = conn.prepareStatement(
                         "SELECT * FROM paginate(?, ?, ?, order_by => ?)")) {
                    ps.setString(1, sortQuery);
                    ps.setInt(2, 1);
                    ps.setInt(3, 7);
                    ps.setString(4, "created_at.desc.nullslast,id.desc");
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(sorted.subList(0, 7), ids(rs), "page 1");
                    }
                }
                Array list = conn.createArrayOf("text", new String[] {"created_at.desc.nullslast", "id.desc"});
                String cursor;
                try (PreparedStatement ps = conn.prepareStatement(
                         "SELECT end_cursor FROM paginate_meta(?, ?, ?, order_by => ?)")) {
                    ps.setString(1, sortQuery);
                    ps.setInt(2, 1);
                    ps.setInt(3, 7);
                    ps.setArray(4, list);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        cursor = rs.getString(1);
                    }
                }
                try (PreparedStatement ps = conn.prepareStatement(
                         "SELECT * FROM paginate(?, after => ?, per_page => ?, order_by => ?)")) {
                    ps.setString(1, sortQuery);
                    ps.setString(2, cursor);
                    ps.setInt(3, 7);
                    ps.setArray(4, list);
                    try (ResultSet rs = ps.executeQuery()) {
                        expect(sorted.subList(7, 14), ids(rs), "after the cursor");
                    }
                }
                ServerErrorMessage e = error(conn, "SELECT * FROM paginate(?, order_by => ?)", sortQuery, "nope");
                expect("22023", e.getSQLState(), "SQLSTATE");
                expect("order_by column \"nope\" is not a column of the query", e.getMessage(), "message");
            });

            try (Statement st = conn.createStatement()) {
                st.execute("DROP SCHEMA drivers_test_java CASCADE");
            }
        }
        System.out.println("# pass " + pass);
        System.out.println("# fail " + fail);
        System.exit(fail == 0 ? 0 : 1);
    }
}
