package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.testkit.LadderInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database the release before event sources left behind — its kit migrations up to 0.1, its own up to 6 — starts
 * with this version: the kit's V0_2 runs although it sorts below the versions the database already has, the catalog's
 * ids are collected from the stored versions, and the events applied before (kept without their source) are not
 * applied again when they come back with one.
 */
class EventSourceUpgradeTest {

    static final String EMPLOYEE = "upgraded-" + UUID.randomUUID();

    @Test
    void aDatabaseOfThePreviousReleaseIsMigratedAndKeepsItsEventsApplied(@TempDir Path previousRelease)
            throws IOException {
        LadderInfra.startAll();
        LadderInfra.Database db = LadderInfra.newDatabase("progress_sources");
        copyMigrations("classpath*:db/kit/*.sql", previousRelease, "V0_1__");
        copyMigrations("classpath*:db/migration/*.sql", previousRelease, "V1__", "V2__", "V3__", "V4__", "V5__",
                "V6__");
        Flyway.configure().dataSource(db.url(), db.username(), db.password())
                .locations("filesystem:" + previousRelease).load().migrate();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        JsonMapper json = JsonMapper.builder().build();
        jdbc.sql("INSERT INTO catalog_version (track_id, version, snapshot, published_at) "
                        + "VALUES (:track, 1, CAST(:snapshot AS jsonb), now())")
                .param("track", SeedTrack.TRACK).param("snapshot", json.writeValueAsString(SeedTrack.version(1)))
                .update();
        CertificationRecorded ceh = new CertificationRecorded("a-1", EMPLOYEE, "ceh", "C-1", null,
                LocalDate.of(2025, 6, 1), null, Instant.parse("2025-06-02T00:00:00Z"));
        jdbc.sql("INSERT INTO ledger_entry (employee_id, event_id, type, effective_date, payload) "
                        + "VALUES (:e, 'applied-before', :type, DATE '2025-06-01', CAST(:payload AS json))")
                .param("e", EMPLOYEE).param("type", EventType.CERTIFICATION_RECORDED.id())
                .param("payload", json.writeValueAsString(ceh)).update();
        jdbc.sql("INSERT INTO processed_event (event_id, consumer) VALUES ('employee-before', :consumer)")
                .param("consumer", ProgressApplication.CONSUMER).update();

        // as its own Kafka user on the tests' locked broker (LadderInfra), like the test context
        String[] arguments = Stream.concat(Stream.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + LadderInfra.kafkaBootstrap(),
                "--spring.kafka.listener.auto-startup=false",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + LadderInfra.issuerUri()),
                LadderInfra.kafkaServiceArguments("progress").stream()).toArray(String[]::new);
        try (ConfigurableApplicationContext upgraded = new SpringApplicationBuilder(ProgressApplication.class)
                .run(arguments)) {

            assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                    .query(String.class).list()).containsSubsequence("6", "0.2", "7", "8");
            assertThat(jdbc.sql("SELECT event_source FROM ledger_entry WHERE event_id = 'applied-before'")
                    .query(String.class).single()).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM catalog_item WHERE kind = 'CERTIFICATION'")
                    .query(Integer.class).single()).isEqualTo(SeedTrack.certificationIds().size());

            Ledger ledger = upgraded.getBean(Ledger.class);
            TransactionTemplate tx = new TransactionTemplate(upgraded.getBean(PlatformTransactionManager.class));
            Map<String, List<LedgerEntry>> appended = tx.execute(status -> ledger.appendNew(List.of(
                    entry(new EventId(EventProducers.PROFILE_SERVICE, "applied-before"), ceh),
                    entry(new EventId(EventProducers.PROFILE_SERVICE, "applied-after"), ceh))));
            assertThat(appended.get(EMPLOYEE)).extracting(LedgerEntry::eventId).containsExactly("applied-after");

            Inbox inbox = upgraded.getBean(Inbox.class);
            Boolean before = tx.execute(status -> inbox.firstDelivery(
                    new EventId(EventProducers.PROFILE_SERVICE, "employee-before"), ProgressApplication.CONSUMER));
            Boolean after = tx.execute(status -> inbox.firstDelivery(
                    new EventId(EventProducers.PROFILE_SERVICE, "employee-after"), ProgressApplication.CONSUMER));
            assertThat(before).as("applied before the upgrade").isFalse();
            assertThat(after).isTrue();
        }
    }

    static NewEntry entry(EventId id, CertificationRecorded event) {
        return new NewEntry(id, event.employeeId(), EventType.CERTIFICATION_RECORDED, event.issuedOn(), event);
    }

    /** The migrations of the previous release, as files: the ones whose names start with {@code prefixes}. */
    static void copyMigrations(String pattern, Path into, String... prefixes) throws IOException {
        int copied = 0;
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
            String name = resource.getFilename();
            if (name != null && List.of(prefixes).stream().anyMatch(name::startsWith)) {
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, into.resolve(name));
                }
                copied++;
            }
        }
        assertThat(copied).as(pattern).isEqualTo(prefixes.length);
    }
}
