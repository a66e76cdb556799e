package dev.ladder.notification.inapp;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Hears every change of every feed, whichever instance made it: one thread holding one connection that
 * {@code LISTEN}s on {@value InAppNotificationRepository#CHANNEL} (PostgreSQL delivers a {@code pg_notify} at commit to
 * every listening session), handing each changed employee to {@link LiveFeed}. A lost connection is reconnected;
 * after each (re)connect every open stream catches up, for what was announced while nobody listened.
 * <p>
 * The connection is a dedicated one, opened with the datasource's URL and credentials: held for the life of the
 * instance, it would otherwise take one of the pool's connections for good (and look like a leak to the pool).
 */
@Component
class FeedListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedListener.class);
    /** How long one wait for notifications lasts: the longest stop() waits for the thread. */
    private static final int POLL_MILLIS = 500;
    /** An idle connection is checked this often (a silently dropped one would never deliver again). */
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** The longest a check (or the LISTEN) may wait for the server before the connection counts as lost. */
    private static final int NETWORK_TIMEOUT_MILLIS = 10_000;
    /** How the connection shows in pg_stat_activity. */
    static final String APPLICATION_NAME = "ladder-feed-listener";

    private final ObjectProvider<JdbcConnectionDetails> connectionDetails;
    private final DataSource dataSource;
    private final LiveFeed feed;
    private final LiveFeedProperties properties;

    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    FeedListener(ObjectProvider<JdbcConnectionDetails> connectionDetails, DataSource dataSource, LiveFeed feed,
                 LiveFeedProperties properties) {
        this.connectionDetails = connectionDetails;
        this.dataSource = dataSource;
        this.feed = feed;
        this.properties = properties;
    }

    /** Whether the connection is up and listening (for tests and health). */
    boolean isListening() {
        return listening;
    }

    private void run() {
        while (running) {
            try {
                listen();
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    log.warn("Listening for feed changes failed, again in {}: {}", properties.listenRetry(),
                            e.toString());
                    pause();
                }
            }
        }
        listening = false;
    }

    private void listen() throws SQLException {
        try (Connection connection = connect()) {
            try {
                listen(connection);
            } finally {
                unlisten(connection);
            }
        }
    }

    /** A connection of its own; without connection details (a DataSource defined by hand), one from the pool. */
    private Connection connect() throws SQLException {
        JdbcConnectionDetails details = connectionDetails.getIfAvailable();
        Connection connection = details == null ? dataSource.getConnection()
                : DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(), details.getPassword());
        connection.setAutoCommit(true);
        connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
        connection.setClientInfo("ApplicationName", APPLICATION_NAME);
        return connection;
    }

    /** A pooled connection must not go back LISTENing (its notifications would pile up in the driver). */
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            // a broken connection is not reused
        }
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + InAppNotificationRepository.CHANNEL);
        }
        listening = true;
        log.debug("Listening on {}", InAppNotificationRepository.CHANNEL);
        feed.changedAll();
        long checked = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    if (InAppNotificationRepository.CHANNEL.equals(notification.getName())) {
                        feed.changed(notification.getParameter());
                    }
                }
                checked = System.nanoTime();
            } else if (System.nanoTime() - checked > CHECK_NANOS) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                checked = System.nanoTime();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.listenRetry().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "ladder-feed-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(2L * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after {@link LiveFeed} and stops before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 256;
    }
}
