package dev.ladder.progress.employee;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The employees batch listener as the container calls it, against the real database: a poll is one transaction,
 * the newest state of an employee wins whatever its place in the poll, each event applies once, a record the
 * database refuses is reported by its index with the records before it applied, and one about another employee than
 * its key or ce_subject is dead-lettered in place while the poll goes on.
 */
class EmployeeBatchTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmployeeListener listener;

    @BeforeAll
    void catalog() {
        new TestApi(json, port).publishSeedTrack(jdbc);
    }

    @Test
    void theNewestStateWinsAndEachEventAppliesOnce() {
        String alice = "emp-" + UUID.randomUUID();
        String bob = "emp-" + UUID.randomUUID();
        String repeated = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<ConsumerRecord<String, Object>> poll = List.of(
                record(repeated, employee(alice, "team-new", t.plusSeconds(60))),
                record(UUID.randomUUID().toString(), employee(alice, "team-old", t)), // older, arrives later
                record(UUID.randomUUID().toString(), employee(bob, "team-b", t)),
                record(repeated, employee(alice, "team-repeated", t.plusSeconds(120)))); // same ce_id: skipped

        listener.on(poll);

        assertThat(teamOf(alice)).isEqualTo("team-new");
        assertThat(teamOf(bob)).isEqualTo("team-b");
        // evaluated in the same transaction: both have a projection row on the default track
        assertThat(jdbc.sql("SELECT count(*) FROM progress WHERE employee_id IN (:a, :b)")
                .param("a", alice).param("b", bob).query(Integer.class).single()).isEqualTo(2);

        // redelivered (a rebalance before the commit), then an older state in a later poll: nothing changes
        listener.on(poll);
        listener.on(List.of(record(UUID.randomUUID().toString(), employee(alice, "team-stale", t.minusSeconds(60)))));
        assertThat(teamOf(alice)).isEqualTo("team-new");
    }

    @Test
    void aRecordTheDatabaseRefusesIsReportedByItsIndexAndChangesNothing() {
        String carol = "emp-" + UUID.randomUUID();
        String dave = "emp-" + UUID.randomUUID();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        List<ConsumerRecord<String, Object>> poll = List.of(
                record(UUID.randomUUID().toString(), employee(carol, "team-c", t)),
                // valid by the contract, but PostgreSQL stores no NUL character in text
                record(UUID.randomUUID().toString(), employee(dave, "team-\u0000", t)),
                record(UUID.randomUUID().toString(), employee(carol, "team-c2", t.plusSeconds(1))));

        assertThatThrownBy(() -> listener.on(poll)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failed -> assertThat(failed.getIndex()).isEqualTo(1));

        assertThat(teamOf(carol)).isEqualTo("team-c");
        assertThat(jdbc.sql("SELECT count(*) FROM employee WHERE employee_id = :d").param("d", dave)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aChangeOrErasureAboutSomeoneElseThanItsKeyOrSubjectIsDeadLetteredWithItsReasonAndTheRestApplies() {
        String gina = "emp-" + UUID.randomUUID();
        String hank = "emp-" + UUID.randomUUID();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        String wrongKey = UUID.randomUUID().toString();
        String wrongSubject = UUID.randomUUID().toString();
        String wrongErasure = UUID.randomUUID().toString();
        try (KafkaProbe deadLetters = LadderInfra.probe(Topics.deadLetter(Topics.EMPLOYEES))) {
            List<ConsumerRecord<String, Object>> poll = List.of(
                    record(UUID.randomUUID().toString(), employee(gina, "team-g", t)),
                    // keyed (so ordered) as hank's, about gina
                    TestApi.received(wrongKey, hank, employee(gina, "team-mallory", t.plusSeconds(60))),
                    // key and payload agree, the ce_subject names gina
                    CloudEventRecord.of(EventType.EMPLOYEE_UPDATED, hank, "{}").id(wrongSubject).subject(gina)
                            .received(employee(hank, "team-mallory", t.plusSeconds(60))),
                    // gina's erasure, keyed as hank's: erases nobody
                    TestApi.received(wrongErasure, hank, new EmployeeErased(UUID.randomUUID().toString(), gina, null,
                            t.plusSeconds(60))),
                    record(UUID.randomUUID().toString(), employee(hank, "team-h", t)));

            listener.on(poll); // no failure: the rest of the poll is applied in the same call

            assertThat(teamOf(gina)).isEqualTo("team-g"); // and not erased: her row is there
            assertThat(teamOf(hank)).isEqualTo("team-h");
            assertThat(reason(deadLetters, wrongKey)).isEqualTo("Record about another employeeId than its payload: "
                    + "payload employeeId '" + gina + "', key '" + hank + "', ce_subject '" + hank + "'");
            assertThat(reason(deadLetters, wrongSubject)).isEqualTo("Record about another employeeId than its "
                    + "payload: payload employeeId '" + hank + "', key '" + hank + "', ce_subject '" + gina + "'");
            assertThat(reason(deadLetters, wrongErasure)).isEqualTo("Record about another employeeId than its "
                    + "payload: payload employeeId '" + gina + "', key '" + hank + "', ce_subject '" + hank + "'");
        }
    }

    /** The reason a dead letter gives, as the error handler's would. */
    static String reason(KafkaProbe deadLetters, String eventId) {
        return KafkaProbe.header(deadLetters.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId)),
                "kafka_dlt-exception-message");
    }

    String teamOf(String employeeId) {
        return jdbc.sql("SELECT team_id FROM employee WHERE employee_id = :id").param("id", employeeId)
                .query(String.class).single();
    }

    static EmployeeUpdated employee(String id, String team, Instant updatedAt) {
        return new EmployeeUpdated(id, "Name " + team, null, team, "Team " + team, "manager-1", SeedTrack.TRACK,
                "us", LocalDate.of(2020, 1, 6), updatedAt);
    }

    static ConsumerRecord<String, Object> record(String eventId, EmployeeUpdated event) {
        return TestApi.received(eventId, event.employeeId(), event);
    }
}
