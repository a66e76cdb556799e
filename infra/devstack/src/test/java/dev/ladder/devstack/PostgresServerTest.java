package dev.ladder.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devstack's data must survive a restart (initdb runs once, the databases and their rows stay) and a crash:
 * PostgreSQL's durable settings, not the embedded test server's fast ones.
 */
class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void databasesAndDataSurviveARestart() throws Exception {
        int port = Ports.resolve(Map.of(Component.POSTGRES, 0)).get(Component.POSTGRES);
        Path data = dir.resolve("postgres");
        Path log = dir.resolve("postgres.log");

        try (PostgresServer postgres = PostgresServer.start(data, port, log)) {
            postgres.createDatabasesIfMissing(Platform.DATABASES);
            try (Connection c = connect(postgres, "profile")) {
                c.createStatement().execute("CREATE TABLE kept (name text); INSERT INTO kept VALUES ('alice')");
            }
            assertThat(postgres.postmasterPid()).isPresent();
            try (Connection c = connect(postgres, "profile")) {
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet rs = c.createStatement().executeQuery("SHOW " + setting)) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                    }
                }
            }
        }

        try (PostgresServer postgres = PostgresServer.start(data, port, log)) {
            postgres.createDatabasesIfMissing(Platform.DATABASES); // idempotent
            try (Connection c = connect(postgres, "profile");
                 ResultSet rs = c.createStatement().executeQuery("SELECT name FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("alice");
            }
            for (String db : Platform.DATABASES) {
                try (Connection c = connect(postgres, db)) {
                    assertThat(c.isValid(2)).isTrue();
                }
            }
        }
    }

    private static Connection connect(PostgresServer postgres, String db) throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(db), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
