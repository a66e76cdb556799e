package dev.ladder.catalog.privacy;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What catalog-service does with the records of {@code ladder.profile.employees.v1} (ErasureListener, the catalog's
 * UnhandledTypeSkipper), against real PostgreSQL and Kafka: an erasure is applied once, only to the employee its key,
 * {@code ce_subject} and payload agree on; unreadable records are dead-lettered only when they may be erasures. The
 * people are audit-trail actors written here (what an erasure anonymises); every test uses fresh ids, and this
 * context has a consumer group of its own, closed after the class.
 */
@SpringBootTest
@DirtiesContext
class ErasureListenerTest {

    private static final String GROUP = "catalog-erasure-listener-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLT_REASON = "kafka_dlt-exception-message";
    private static final String DLT_TRACE = "kafka_dlt-exception-stacktrace";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "catalog");
        registry.add("ladder.catalog.consumer-group", () -> GROUP);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void anErasureKeyedOrAddressedToSomeoneElseIsDeadLetteredWithItsReasonAndErasesNobody() {
        String named = id();
        String other = id();
        authored(named);
        authored(other);
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            // about one person, keyed (so ordered) as another's
            CloudEventRecord wrongKey = erasure(other, named).subject(named);
            // key and payload agree, the ce_subject names someone else
            CloudEventRecord wrongSubject = erasure(named, named).subject(other);
            RecordMetadata first = wrongKey.sendForMetadata();
            RecordMetadata second = wrongSubject.sendForMetadata();

            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(wrongKey.id()), WAIT), DLT_REASON))
                    .contains("Record about another employeeId than its payload: payload employeeId '" + named
                            + "', key '" + other + "', ce_subject '" + named + "'");
            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(wrongSubject.id()), WAIT), DLT_REASON))
                    .contains("Record about another employeeId than its payload: payload employeeId '" + named
                            + "', key '" + named + "', ce_subject '" + other + "'");
            LadderInfra.awaitConsumed(GROUP, first, second);
        }
        assertThat(actorsOf(named)).isEqualTo(1);
        assertThat(actorsOf(other)).isEqualTo(1);
    }

    @Test
    void aRedeliveredErasureIsAppliedOnce() {
        String erased = id();
        authored(erased);
        CloudEventRecord erasure = erasure(erased, erased);
        LadderInfra.awaitConsumed(GROUP, erasure.sendForMetadata());
        assertThat(actorsOf(erased)).isZero();

        // stands for whatever a second application would erase: it must stay, the event having been applied
        authored(erased);
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            // the very same record again (same ce_source and ce_id), as Kafka may redeliver it
            LadderInfra.awaitConsumed(GROUP, erasure.sendForMetadata());
            dlt.noneUpToEnd(deadLetteredHere(erasure.id()));
        }
        assertThat(actorsOf(erased)).isEqualTo(1);
    }

    @Test
    void anUnreadableProfileChangeIsSkippedWhileAnUnreadableErasureOrARecordWithoutTypeIsDeadLettered() {
        String person = id();
        authored(person);
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            // all keyed alike: one partition, in this order
            CloudEventRecord update = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, person, "{not json");
            CloudEventRecord erasure = CloudEventRecord.of(EventType.EMPLOYEE_ERASED, person, "{not json");
            // a readable erasure of the person, but no CloudEvent: nobody's to apply
            String readable = payload(person);
            CloudEventRecord untyped = CloudEventRecord.of(EventType.EMPLOYEE_ERASED, person, readable);
            Map<String, String> withoutType = untyped.headerMap();
            withoutType.remove(CloudEventHeaders.TYPE);
            RecordMetadata[] sent = {update.sendForMetadata(), erasure.sendForMetadata(),
                    LadderInfra.send(Topics.EMPLOYEES, person, withoutType, readable)};
            LadderInfra.awaitConsumed(GROUP, sent);

            // the deserializer's reason is the cause of the error handler's "failed to deserialize"
            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(erasure.id()), WAIT), DLT_TRACE))
                    .contains("Invalid " + EventType.EMPLOYEE_ERASED.id() + " payload");
            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(untyped.id()), WAIT), DLT_TRACE))
                    .contains("Missing " + CloudEventHeaders.TYPE + " header");
            // dead letters are published before the group commits past their record: all of them are there by now
            dlt.noneUpToEnd(deadLetteredHere(update.id()));
        }
        assertThat(actorsOf(person)).isEqualTo(1);
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** An edit in the audit trail by {@code actor}: the one thing catalog-service holds about a person. */
    private void authored(String actor) {
        jdbc.sql("""
                        INSERT INTO catalog_audit (track_id, action, actor_id, actor_username, detail)
                        VALUES ('erasure-listener-test', 'DRAFT_UPDATE', :actor, :username, 'edited')""")
                .param("actor", actor).param("username", "user-" + actor).update();
    }

    /** Audit entries still naming {@code actor} (an erasure replaces them with "erased"). */
    private int actorsOf(String actor) {
        return jdbc.sql("SELECT count(*) FROM catalog_audit WHERE actor_id = :actor").param("actor", actor)
                .query(Integer.class).single();
    }

    private String payload(String employeeId) {
        return json.writeValueAsString(new EmployeeErased(id(), employeeId, null, Instant.now()));
    }

    private CloudEventRecord erasure(String key, String employeeId) {
        return CloudEventRecord.of(EventType.EMPLOYEE_ERASED, key, payload(employeeId));
    }

    private static Predicate<ConsumerRecord<String, String>> deadLetteredHere(String eventId) {
        return KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId)
                .and(KafkaProbe.hasHeader("kafka_dlt-original-consumer-group", GROUP));
    }
}
