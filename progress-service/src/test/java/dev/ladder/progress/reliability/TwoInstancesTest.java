package dev.ladder.progress.reliability;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.ledger.Achievements;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.GroupResult;
import dev.ladder.progress.rules.ItemResult;
import dev.ladder.progress.support.TestApi;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service on one database and one consumer group split the achievement partitions between them,
 * and every event — even delivered twice — is applied once and announces its milestone once.
 */
// one achievements consumer per instance, so the two instances must split the three partitions between them (with
// three consumers each, the group could give one instance all of them and leave the other idle)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ladder.progress.achievements-consumers=1")
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    static final int EMPLOYEES = 24;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "progress");
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    ApplicationContext context;
    ConfigurableApplicationContext second;

    @BeforeAll
    void secondInstance() {
        // command-line arguments: they outrank application.yml (builder "properties" are only defaults)
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--ladder.progress.achievements-consumers=1",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                        + environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri")));
        // as progress-service's own Kafka user on the tests' locked broker, like this test's context
        arguments.addAll(LadderInfra.kafkaServiceArguments("progress"));
        second = new SpringApplicationBuilder(ProgressApplication.class).run(arguments.toArray(String[]::new));
        KafkaListenerEndpointRegistry other = second.getBean(KafkaListenerEndpointRegistry.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<TopicPartition> mine = achievementPartitions(listeners);
            Set<TopicPartition> theirs = achievementPartitions(other);
            assertThat(mine).isNotEmpty();
            assertThat(theirs).isNotEmpty();
            assertThat(mine).doesNotContainAnyElementsOf(theirs);
            assertThat(mine.size() + theirs.size()).isEqualTo(3);
        });
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void eventsSpreadOverBothInstancesAreAppliedOnceAndAnnouncedOnce() {
        TestApi api = new TestApi(json, port);
        api.send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(), SeedTrack.TRACK,
                SeedTrack.version(1));
        List<String> eventIds = new ArrayList<>();
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 0; i < EMPLOYEES; i++) {
            String employee = "pair-" + i + "-" + UUID.randomUUID();
            for (String certification : List.of("comptia-security-plus", "ceh")) {
                String eventId = UUID.randomUUID().toString();
                CertificationRecorded event = new CertificationRecorded(UUID.randomUUID().toString(), employee,
                        certification, "C", null, LocalDate.of(2025, 1, 1), null, Instant.now());
                sent.add(api.send(EventType.CERTIFICATION_RECORDED, eventId, employee, event));
                sent.add(api.send(EventType.CERTIFICATION_RECORDED, eventId, employee, event)); // at-least-once: again
                eventIds.add(eventId);
            }
        }

        // every record handled, the repeated ones included (the ledger count alone is reached before the last
        // repeats are), then the catalog (another topic) for the evaluations
        LadderInfra.awaitConsumed(ProgressApplication.CONSUMER, sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM progress") == EMPLOYEES);
        assertThat(count("SELECT count(*) FROM ledger_entry")).isEqualTo(eventIds.size());
        assertThat(count("SELECT count(DISTINCT event_id) FROM ledger_entry")).isEqualTo(eventIds.size());
        assertThat(count("SELECT count(*) FROM emitted_milestone")).isEqualTo(EMPLOYEES);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = '" + Topics.MILESTONES
                + "' AND event_type = '" + EventType.MILESTONE_REACHED.id() + "'")).isEqualTo(EMPLOYEES);
        assertThat(count("SELECT count(*) FROM progress WHERE readiness_percent = 33")).isEqualTo(EMPLOYEES);
    }

    /**
     * Each instance keeps histories in memory; one that applies an event after the other instance changed the same
     * employee (a partition moved and moved back) must notice and read the ledger, or it would lose that change.
     */
    @Test
    void anInstanceNeverEvaluatesAStaleHistoryWhenTheOtherOneAppliedEventsMeanwhile() {
        new TestApi(json, port).send(EventType.CATALOG_VERSION_PUBLISHED, UUID.randomUUID().toString(),
                SeedTrack.TRACK, SeedTrack.version(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM catalog_version") > 0);
        String employee = "moved-" + UUID.randomUUID();
        Achievements here = context.getBean(Achievements.class);
        Achievements there = second.getBean(Achievements.class);

        here.apply(newEventId(), certification(employee, "comptia-security-plus")); // cached here
        there.apply(newEventId(), skill(employee, 3));                              // not seen here
        here.apply(newEventId(), certification(employee, "ceh"));

        assertThat(count("SELECT count(*) FROM ledger_entry WHERE employee_id = '" + employee + "'")).isEqualTo(3);
        List<GroupResult> groups = context.getBean(ReadinessService.class).progressOf(employee).orElseThrow()
                .groups();
        assertThat(groups.get(0).metCount()).isEqualTo(2);
        assertThat(groups.get(1).items()).extracting(ItemResult::detail).contains("proficiency 3 of 3 required");
        assertThat(count("SELECT count(*) FROM progress WHERE employee_id = '" + employee + "' AND ledger_seq = "
                + "(SELECT max(id) FROM ledger_entry WHERE employee_id = '" + employee + "')")).isEqualTo(1);
    }

    static EventId newEventId() {
        return new EventId(EventProducers.PROFILE_SERVICE, UUID.randomUUID().toString());
    }

    static CertificationRecorded certification(String employee, String certificationId) {
        return new CertificationRecorded(UUID.randomUUID().toString(), employee, certificationId, "C", null,
                LocalDate.of(2025, 1, 1), null, Instant.now());
    }

    static SkillAssessed skill(String employee, int proficiency) {
        return new SkillAssessed(UUID.randomUUID().toString(), employee, SeedTrack.midSkillIds().get(0), proficiency,
                SkillAssessed.Source.MANAGER, "mark", LocalDate.of(2025, 1, 1), Instant.now());
    }

    int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }

    static Set<TopicPartition> achievementPartitions(KafkaListenerEndpointRegistry registry) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            if (assigned != null) {
                assigned.stream().filter(p -> p.topic().equals(Topics.ACHIEVEMENTS)).forEach(partitions::add);
            }
        }
        return partitions;
    }
}
