package dev.ladder.progress.readiness;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.testkit.LadderInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database written by the previous version (schema V2: the projection stored the explanation, no skills, no
 * ledger sequence) is migrated and completed when the new version starts: the rows are evaluated again and explained
 * from the ledger.
 */
class ProjectionUpgradeTest {

    static final String EMPLOYEE = "upgraded-" + UUID.randomUUID();

    @Test
    void rowsWrittenBeforeTheUpgradeAreEvaluatedAgainAtStartUp() {
        LadderInfra.startAll();
        LadderInfra.Database db = LadderInfra.newDatabase("progress_upgrade");
        Flyway.configure().dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration", "classpath:db/kit").target("2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.username(), db.password()));
        JsonMapper json = JsonMapper.builder().build();
        jdbc.sql("INSERT INTO catalog_version (track_id, version, snapshot, published_at) "
                        + "VALUES (:track, 1, CAST(:snapshot AS jsonb), now())")
                .param("track", SeedTrack.TRACK).param("snapshot", json.writeValueAsString(SeedTrack.version(1)))
                .update();
        CertificationRecorded ceh = new CertificationRecorded("a-1", EMPLOYEE, "ceh", "C-1", null,
                LocalDate.of(2025, 6, 1), null, Instant.parse("2025-06-02T00:00:00Z"));
        jdbc.sql("INSERT INTO ledger_entry (employee_id, event_id, type, effective_date, payload) "
                        + "VALUES (:e, 'ev-1', :type, DATE '2025-06-01', CAST(:payload AS jsonb))")
                .param("e", EMPLOYEE).param("type", EventType.CERTIFICATION_RECORDED.id())
                .param("payload", json.writeValueAsString(ceh)).update();
        // as the old version stored it (an explanation the new schema drops)
        jdbc.sql("""
                        INSERT INTO progress (employee_id, track_id, catalog_version, current_level_id,
                                              current_level_name, current_rank, next_level_id, next_level_name,
                                              next_rank, readiness_percent, groups, updated_at)
                        VALUES (:e, :track, 1, 'entry', 'Entry Level', 1, 'mid', 'Mid-Level', 2, 33, '[]', now())""")
                .param("e", EMPLOYEE).param("track", SeedTrack.TRACK).update();

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

            assertThat(jdbc.sql("SELECT count(*) FROM progress WHERE skills IS NULL").query(Integer.class).single())
                    .isZero();
            assertThat(jdbc.sql("SELECT ledger_seq FROM progress WHERE employee_id = :e").param("e", EMPLOYEE)
                    .query(Long.class).single())
                    .isEqualTo(jdbc.sql("SELECT max(id) FROM ledger_entry").query(Long.class).single());
            EmployeeProgress progress = upgraded.getBean(ReadinessService.class).progressOf(EMPLOYEE).orElseThrow();
            assertThat(progress.readinessPercent()).isEqualTo(33);
            assertThat(progress.groups().get(0).metCount()).isEqualTo(1);
            assertThat(progress.groups().get(0).items()).anySatisfy(item -> {
                assertThat(item.ref()).isEqualTo("ceh");
                assertThat(item.met()).isTrue();
            });
        }
    }
}
