package dev.ladder.notification.people;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy of {@code ladder.profile.employees.v1} (PersonListener → People) against real PostgreSQL and Kafka:
 * redelivery, unreadable records and records whose key or {@code ce_subject} is not the payload's employee. Every
 * test uses fresh employee ids; this context has a consumer group of its own and is closed after the class.
 */
@SpringBootTest
@DirtiesContext
class PersonListenerTest {

    private static final String GROUP = "notification-people-" + UUID.randomUUID();
    private static final String SOURCE = EventProducers.PROFILE_SERVICE;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
    }

    @Autowired
    People people;

    @Test
    void aRedeliveredUpdateChangesNothingEvenAfterAnEquallyNewOne() {
        String employee = id();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CloudEventRecord first = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, employee,
                employee(employee, "Ann Original", at)).id(id());
        send(first);
        // as new as the first and applied after it (same key, same partition): it wins
        send(employee, id(), employee(employee, "Ann Renamed", at));
        // the first one again, the very same record (same ce_source, same ce_id), as Kafka may redeliver it
        RecordMetadata again = send(first);
        LadderInfra.awaitConsumed(GROUP, again);

        assertThat(people.find(employee)).map(Person::displayName).contains("Ann Renamed");
    }

    @Test
    void unreadableUpdatesAreDeadLetteredAndTheNextOneOnThePartitionIsApplied() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            String employee = id();
            String garbage = id();
            String noName = id();
            send(CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, employee, "{not json").id(garbage));
            send(CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, employee, """
                    {"employeeId":"%s","teamId":"t-1","updatedAt":"%s"}""".formatted(employee, Instant.now()))
                    .id(noName));
            // same key, so the same partition, after both
            RecordMetadata good = send(employee, id(), employee(employee, "Gus Good", Instant.now()));

            for (String eventId : new String[] {garbage, noName}) {
                ConsumerRecord<String, String> dead = dlt.await(deadLetteredHere(eventId), WAIT);
                assertThat(dead.key()).isEqualTo(employee);
            }
            LadderInfra.awaitConsumed(GROUP, good);
            assertThat(people.find(employee)).map(Person::displayName).contains("Gus Good");
        }
    }

    @Test
    void anUpdateKeyedOrAddressedToSomeoneElseIsDeadLetteredAndChangesNobody() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            String keyed = id();
            String named = id();
            // keyed to one person, about another
            String wrongKey = id();
            send(keyed, wrongKey, employee(named, "Mallory Misrouted", Instant.now()));
            // key and payload agree, the ce_subject names someone else
            String wrongSubject = id();
            RecordMetadata wrongSubjectAt = send(CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, named,
                    employee(named, "Mallory Misaddressed", Instant.now())).subject(keyed).id(wrongSubject));
            RecordMetadata good = send(keyed, id(), employee(keyed, "Kim Keyed", Instant.now()));

            ConsumerRecord<String, String> misKeyed = dlt.await(deadLetteredHere(wrongKey), WAIT);
            ConsumerRecord<String, String> misAddressed = dlt.await(deadLetteredHere(wrongSubject), WAIT);
            assertThat(misKeyed.key()).isEqualTo(keyed);
            assertThat(misAddressed.key()).isEqualTo(named);
            for (ConsumerRecord<String, String> dead : List.of(misKeyed, misAddressed)) {
                assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-message"))
                        .contains("Record about another employeeId than its payload");
            }
            LadderInfra.awaitConsumed(GROUP, good, wrongSubjectAt);
            assertThat(people.find(named)).isEmpty();
            assertThat(people.find(keyed)).map(Person::displayName).contains("Kim Keyed");
        }
    }

    /** Who manages whom decides who is told about claims: only profile-service may say it. */
    @Test
    void anUpdateFromAnotherSourceThanProfileServiceIsDeadLetteredAndChangesNoManager() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            String employee = id();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            send(employee, id(), managed(employee, "real-manager", at));
            String forged = id();
            RecordMetadata forgedAt = CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, employee,
                    managed(employee, "mallory", at.plusSeconds(60))).id(forged).source("/lms/acme-academy")
                    .sendForMetadata();

            assertThat(KafkaProbe.header(dlt.await(deadLetteredHere(forged), WAIT), "kafka_dlt-exception-stacktrace"))
                    .contains("InvalidEventException", "ce_source '/lms/acme-academy' may not publish "
                            + EventType.EMPLOYEE_UPDATED.id());
            LadderInfra.awaitConsumed(GROUP, forgedAt);
            assertThat(people.find(employee)).map(Person::managerId).contains("real-manager");
        }
    }

    // --- helpers

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String employee(String employeeId, String name, Instant updatedAt) {
        return """
                {"employeeId":"%s","displayName":"%s","email":null,"teamId":"people-test","teamName":"People test",
                 "managerId":null,"updatedAt":"%s","subject":null,"active":true}""".formatted(employeeId, name,
                updatedAt);
    }

    private static String managed(String employeeId, String managerId, Instant updatedAt) {
        return """
                {"employeeId":"%s","displayName":"Ann","email":null,"teamId":"people-test","teamName":"People test",
                 "managerId":"%s","updatedAt":"%s","subject":null,"active":true}""".formatted(employeeId, managerId,
                updatedAt);
    }

    private static RecordMetadata send(String key, String eventId, String json) {
        return send(CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, key, json).id(eventId));
    }

    private static RecordMetadata send(CloudEventRecord record) {
        return record.source(SOURCE).sendForMetadata();
    }

    private static Predicate<ConsumerRecord<String, String>> deadLetteredHere(String eventId) {
        return KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId)
                .and(KafkaProbe.hasHeader("kafka_dlt-original-consumer-group", GROUP));
    }
}
