package dev.ladder.progress.ledger;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.ProgressServiceTest;
import dev.ladder.progress.support.TestApi;
import dev.ladder.progress.support.Today;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
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
 * The batch listener as the container calls it, with a poll's worth of records, against the real database: the
 * whole poll in one transaction, each event once, and a record the database refuses reported by its index after the
 * records before it are applied (the kit's error handler then dead-letters it and redelivers the rest), and a
 * record that will never apply (refused, unreadable) dead-lettered in place while the poll goes on.
 */
@Import(Today.class)
class AchievementBatchTest implements ProgressServiceTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AchievementListener listener;

    @BeforeAll
    void catalog() {
        new TestApi(json, port).publishSeedTrack(jdbc);
    }

    @Test
    void aPollIsAppliedTogetherAndAnEventRepeatedInItOnce() {
        String alice = "batch-" + UUID.randomUUID();
        String bob = "batch-" + UUID.randomUUID();
        String repeated = UUID.randomUUID().toString();
        List<ConsumerRecord<String, Object>> poll = List.of(
                record(repeated, certification(alice, "comptia-security-plus", "C-1")),
                record(UUID.randomUUID().toString(), certification(bob, "ceh", "C-2")),
                record(repeated, certification(alice, "comptia-security-plus", "C-1")),
                record(UUID.randomUUID().toString(), skill(alice, 3)));

        listener.on(poll);

        assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id = '" + alice + "'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id = '" + bob + "'")).isEqualTo(1);
        assertThat(count("SELECT readiness_percent FROM progress WHERE employee_id = '" + bob + "'")).isEqualTo(33);
        assertThat(count("SELECT readiness_percent FROM progress WHERE employee_id = '" + alice + "'"))
                .isGreaterThan(33);

        listener.on(poll); // the whole poll redelivered (a rebalance before the commit): nothing changes
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id IN ('" + alice + "', '" + bob + "')"))
                .isEqualTo(3);
    }

    @Test
    void aRecordTheDatabaseRefusesIsReportedByItsIndexAndChangesNothing() {
        String carol = "batch-" + UUID.randomUUID();
        String dave = "batch-" + UUID.randomUUID();
        String refused = UUID.randomUUID().toString();
        // valid by the contract, but PostgreSQL stores no NUL character in text
        List<ConsumerRecord<String, Object>> poll = List.of(
                record(UUID.randomUUID().toString(), certification(carol, "ceh", "C-3")),
                record(refused, certification(dave + "\u0000", "ceh", "C-4")),
                record(UUID.randomUUID().toString(), certification(carol, "comptia-security-plus", "C-5")));

        assertThatThrownBy(() -> listener.on(poll)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failed -> assertThat(failed.getIndex()).isEqualTo(1));

        assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id = '" + carol + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ledger_entry WHERE event_id = '" + refused + "'")).isZero();
        assertThat(count("SELECT count(*) FROM progress WHERE employee_id LIKE '" + dave + "%'")).isZero();
    }

    @Test
    void aRecordThatWillNeverApplyIsDeadLetteredInPlaceAndThePollGoesOnInOneTransaction() {
        String erin = "batch-" + UUID.randomUUID();
        String frank = "batch-" + UUID.randomUUID();
        String misaddressed = UUID.randomUUID().toString();
        try (KafkaProbe deadLetters = LadderInfra.probe(Topics.deadLetter(Topics.ACHIEVEMENTS))) {
            // keyed to frank, about erin: refused, never applied, whatever happens
            List<ConsumerRecord<String, Object>> poll = List.of(
                    record(UUID.randomUUID().toString(), certification(erin, "ceh", "C-6")),
                    TestApi.received(misaddressed, frank, certification(erin, "comptia-security-plus", "C-7")),
                    record(UUID.randomUUID().toString(), certification(frank, "ceh", "C-8")));

            listener.on(poll); // no failure: the rest of the poll is applied in the same call

            assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id = '" + erin + "'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id = '" + frank + "'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM ledger_entry WHERE event_id = '" + misaddressed + "'")).isZero();
            ConsumerRecord<String, String> dead = deadLetters.await(
                    KafkaProbe.hasHeader(CloudEventHeaders.ID, misaddressed));
            assertThat(dead.key()).isEqualTo(frank);
            assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-message")).contains(erin);
        }
    }

    static ConsumerRecord<String, Object> record(String eventId, LadderEvent event) {
        return TestApi.received(eventId,
                event instanceof CertificationRecorded c ? c.employeeId() : ((SkillAssessed) event).employeeId(), event);
    }

    static CertificationRecorded certification(String employee, String certificationId, String credential) {
        return new CertificationRecorded(UUID.randomUUID().toString(), employee, certificationId, credential, null,
                LocalDate.of(2025, 6, 1), null, Instant.parse("2025-06-02T00:00:00Z"));
    }

    static SkillAssessed skill(String employee, int proficiency) {
        return new SkillAssessed(UUID.randomUUID().toString(), employee, SeedTrack.midSkillIds().get(0), proficiency,
                SkillAssessed.Source.ASSESSMENT, "lms", LocalDate.of(2025, 7, 1), Instant.parse("2025-07-01T00:00:00Z"));
    }

    int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
