package dev.ladder.kit.outbox;

import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of a service run a relay each over one database. Whatever they do at the same time, one
 * aggregate's events (one record key) reach the topic in the order they were written, each once.
 */
class OutboxRelayOrderTest {

    static final int EVENTS = 3_000;
    static final int AGGREGATES = 20;

    @Test
    void relaysInSeveralInstancesPublishEachAggregatesEventsInOrder() {
        LadderInfra.Database db = LadderInfra.newDatabase("kit_outbox_order");
        Flyway.configure().dataSource(db.url(), db.username(), db.password()).locations("classpath:db/kit").load()
                .migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        String topic = "kit.outbox-order." + UUID.randomUUID();
        // small batches claimed often: the relays overlap many times over the run
        OutboxProperties properties = new OutboxProperties(true, Duration.ofMillis(1), 7, "/ladder/kit-test");
        List<OutboxRelay> relays = new ArrayList<>();
        try (KafkaProbe probe = LadderInfra.probe(topic)) {
            // aggregate n % AGGREGATES gets its events n = 0, 20, 40, ... in that order
            jdbc.sql("""
                            INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload, occurred_at)
                            SELECT 'e-' || n, :topic, 'aggregate-' || (n % :aggregates), 'test.Counted.v1',
                                   '{"n":' || n || '}', now()
                            FROM generate_series(0, :events - 1) AS n ORDER BY n""")
                    .param("topic", topic).param("aggregates", AGGREGATES).param("events", EVENTS).update();

            for (int instance = 0; instance < 3; instance++) {
                OutboxRelay relay = new OutboxRelay(jdbc, tx, template(), properties, properties.source(),
                        dev.ladder.kit.tracing.Traces.off());
                relays.add(relay);
            }
            relays.forEach(OutboxRelay::start);

            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                    .sql("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL").query(Long.class).single() == 0);
            relays.forEach(OutboxRelay::stop);

            ConsumerRecord<String, String> last = probe.await(r -> r.value().equals("{\"n\":" + (EVENTS - 1) + "}"),
                    Duration.ofSeconds(30));
            assertThat(last).isNotNull();
            probe.noneUpToEnd(r -> false); // reads up to the end: every published record is seen
            Map<String, List<Integer>> byAggregate = new HashMap<>();
            for (ConsumerRecord<String, String> record : probe.records()) {
                int n = Integer.parseInt(record.value().replaceAll("\\D", ""));
                byAggregate.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(n);
            }
            assertThat(byAggregate).hasSize(AGGREGATES);
            byAggregate.forEach((aggregate, published) -> {
                List<Integer> written = new ArrayList<>();
                for (int n = Integer.parseInt(aggregate.substring("aggregate-".length())); n < EVENTS;
                     n += AGGREGATES) {
                    written.add(n);
                }
                assertThat(published).as(aggregate).containsExactlyElementsOf(written);
            });
        }
        finally {
            relays.forEach(OutboxRelay::stop);
        }
    }

    /** Each instance has its own producer, as each service instance has. */
    private static KafkaTemplate<Object, Object> template() {
        Map<String, Object> config = new HashMap<>(LadderInfra.kafkaClientConfig());
        @SuppressWarnings({"unchecked", "rawtypes"})
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory(config,
                new StringSerializer(), new ByteArraySerializer());
        return new KafkaTemplate<>(factory);
    }
}
