package dev.ladder.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server (zonky's embedded binaries) whose data directory outlives the launcher: initdb runs
 * only when the directory is new, so the services' data survives restarts, and commits are durable.
 */
final class PostgresServer implements AutoCloseable {

    /** zonky's initdb uses trust authentication: any password is accepted, this one matches the services' default. */
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    static PostgresServer start(Path dataDir, int port, Path logFile) {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // progress-service locks every employee of a poll (advisory locks, see EvaluationLocks)
                    .setServerConfig("max_locks_per_transaction", "256")
                    // PostgreSQL's durable defaults: zonky's builder is made for throw-away test databases and turns
                    // synchronous_commit off; this server keeps data across restarts, and a crash or power cut must
                    // not lose committed transactions or corrupt pages (the tests' own servers stay fast)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log);
            if (System.getProperty("ot.epg.working-dir") == null) {
                // where the binaries are unpacked; shared with the test runs (see the parent pom's surefire config)
                builder.setOverrideWorkingDirectory(
                        Path.of(System.getProperty("java.io.tmpdir"), "ladder-embedded-pg").toFile());
            }
            return new PostgresServer(builder.start(), dataDir);
        } catch (IOException | RuntimeException e) {
            throw new PlatformException("PostgreSQL did not start on port " + port + ": " + e.getMessage()
                    + System.lineSeparator() + LogTail.of(logFile, 20), e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    void createDatabasesIfMissing(List<String> databases) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
             Statement create = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        // identifiers cannot be bind parameters; the names are our own constants
                        create.execute("CREATE DATABASE \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new PlatformException("Could not create the databases " + databases + ": " + e.getMessage(), e);
        }
    }

    /** The postmaster is not our child (pg_ctl daemonises it), so its pid comes from the data directory. */
    Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new PlatformException("Could not stop PostgreSQL: " + e.getMessage(), e);
        }
    }
}
