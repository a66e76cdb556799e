package dev.ladder.kit.outbox;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.kit.tracing.TraceContext;
import dev.ladder.kit.tracing.Traces;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows in order and marks them sent. A row is marked sent only after the broker
 * acknowledged it, so a crash between the two re-publishes it (at-least-once; consumers' inboxes make the effect
 * exactly-once). A relay that was stopped picks up every unsent row when it starts again.
 * <p>
 * With several instances of a service, one relay publishes at a time: each batch first takes a transaction-scoped
 * PostgreSQL advisory lock, and a relay that does not get it leaves the batch to the one that has it. Sharing the
 * rows out instead ({@code SKIP LOCKED}) lets two instances' producers race, and one aggregate's later event can
 * reach the topic before its earlier one ({@code OutboxRelayOrderTest} shows it). One publisher costs nothing that
 * matters: publishing is a small part of a service's work, and the lock passes on within a poll interval when its
 * holder dies (the database ends the dead instance's transaction).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The advisory lock of the relay; each service has its own database, so one constant serves them all. */
    static final long RELAY_LOCK = 0x6c61646465724fL; // "ladderO"

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<Object, Object> kafka;
    private final OutboxProperties properties;
    private final String source;
    private final Traces traces;
    private volatile ScheduledExecutorService scheduler;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, KafkaTemplate<Object, Object> kafka,
                       OutboxProperties properties, String source, Traces traces) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
        this.source = source;
        this.traces = traces;
    }

    /** Publishes every pending row now; returns how many were sent. */
    public int publishPending() {
        int total = 0;
        int sent;
        do {
            sent = publishBatch();
            total += sent;
        } while (sent == properties.batchSize());
        return total;
    }

    private int publishBatch() {
        Integer sent = tx.execute(status -> {
            boolean publisher = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:lock)")
                    .param("lock", RELAY_LOCK).query(Boolean.class).single());
            if (!publisher) {
                return 0; // another instance is publishing; its batch ends within moments and the lock is free
            }
            List<Row> rows = jdbc.sql("""
                            SELECT seq, event_id, topic, event_key, event_type, payload, occurred_at,
                                   trace_parent, trace_state
                            FROM outbox_event WHERE sent_at IS NULL
                            ORDER BY seq LIMIT :limit""")
                    .param("limit", properties.batchSize())
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getString(8) == null ? null : new TraceContext(rs.getString(8), rs.getString(9))))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = rows.stream().<CompletableFuture<?>>map(this::send).toList();
            // Wait for every acknowledgement before marking: a failure rolls back and the rows stay pending.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            jdbc.sql("UPDATE outbox_event SET sent_at = :now WHERE seq IN (:seqs)")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("seqs", rows.stream().map(Row::seq).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Sends a row in a producer span that continues the row's trace; its context goes in the record's headers. */
    private CompletableFuture<?> send(Row row) {
        RecordHeaders headers = new RecordHeaders();
        Span span = traces.startPublish(row.trace(), row.topic(), headers);
        try {
            return kafka.send(record(row, headers)).whenComplete((result, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.error(e).end();
            throw e;
        }
    }

    private ProducerRecord<Object, Object> record(Row row, RecordHeaders headers) {
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.eventId());
        header(headers, CloudEventHeaders.TYPE, row.type());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.TIME, row.occurredAt().toString());
        header(headers, CloudEventHeaders.SUBJECT, row.key());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new ProducerRecord<>(row.topic(), null, row.key(), row.payload().getBytes(StandardCharsets.UTF_8),
                headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void poll() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            // The broker or database is unavailable; the rows stay pending and the next poll retries them.
            log.warn("Outbox relay could not publish yet: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        if (!properties.relayEnabled()) {
            log.info("Outbox relay disabled (ladder.outbox.relay-enabled=false)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        long interval = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Start after the Kafka listeners and web server so a publish never races application start-up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private record Row(long seq, String eventId, String topic, String key, String type, String payload,
                       Instant occurredAt, TraceContext trace) {
    }
}
