package dev.ladder.testkit;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * For erasure tests (GDPR Art. 17): where a service's database still holds any of a person's identifiers, searched
 * everywhere rather than where the test expects them, so a column the erasure forgot — a new table, a JSON payload,
 * an array of ids — is found too.
 */
public final class DatabaseSearch {

    /**
     * Every column that can hold text of every table (and materialized view: a copy of data) in the database's own
     * schemas (public, and any other that is not PostgreSQL's): strings, arrays and the types without a category of
     * their own, such as json, jsonb and uuid. Numbers, dates and booleans cannot hold an identifier. A partition is
     * searched through its parent.
     */
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
              AND a.attnum > 0 AND NOT a.attisdropped
              AND t.typcategory IN ('S', 'A', 'U')
              AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY 1, 2, 3""";

    private DatabaseSearch() {
    }

    /**
     * Where any of {@code values} occurs, as a substring and ignoring case (a service that lower-cases an e-mail
     * still holds it), in any text-like column of any row.
     *
     * @param values identifiers to look for; none may be blank (every column contains the empty string)
     * @return one {@code "table.column ~ value"} per column and value found (the table schema-qualified outside
     * {@code public}), in table and column order; empty when none is held anywhere
     * @throws IllegalStateException when the database has no such column at all: a search of the wrong (empty)
     *                               database must not pass as "nothing found"
     */
    public static List<String> mentions(DataSource dataSource, Collection<String> values) {
        if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new IllegalArgumentException("values to search for must be present and not blank: " + values);
        }
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = columns(connection);
            if (columns.isEmpty()) {
                throw new IllegalStateException("no table of " + connection.getCatalog() + " has a text column");
            }
            Array searched = connection.createArrayOf("text", values.toArray());
            List<String> hits = new ArrayList<>();
            for (String[] column : columns) {
                for (String value : found(connection, column, searched)) {
                    String table = "public".equals(column[0]) ? column[1] : column[0] + "." + column[1];
                    hits.add(table + "." + column[2] + " ~ " + value);
                }
            }
            return hits;
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot search the database: " + e.getMessage(), e);
        }
    }

    private static List<String[]> columns(Connection connection) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(COLUMNS); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
            }
        }
        return columns;
    }

    /** The values that occur in the column, in the order given. One scan of the table per value at most. */
    private static List<String> found(Connection connection, String[] column, Array values) throws SQLException {
        String sql = "SELECT v FROM unnest(?::text[]) WITH ORDINALITY AS s(v, n) WHERE EXISTS (SELECT 1 FROM "
                + quoted(column[0]) + "." + quoted(column[1]) + " x WHERE strpos(lower(x." + quoted(column[2])
                + "::text), lower(v)) > 0) ORDER BY n";
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, values);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
