package dev.ladder.notification.catalog;

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
 * Certification and skill names from {@code ladder.catalog.releases.v1} (CatalogReleaseListener → CatalogNames)
 * against real PostgreSQL and Kafka: redelivery, unreadable releases and releases whose key or {@code ce_subject} is
 * not their track. Every test uses fresh track and certification ids (the topic is read from its beginning); this
 * context has a consumer group of its own and is closed after the class.
 */
@SpringBootTest
@DirtiesContext
class CatalogReleaseListenerTest {

    private static final String GROUP = "notification-catalog-" + UUID.randomUUID();
    private static final String SOURCE = EventProducers.CATALOG_SERVICE;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "notification");
        registry.add("ladder.notification.consumer-group", () -> GROUP);
    }

    @Autowired
    CatalogNames names;

    @Test
    void aRedeliveredReleaseDoesNotOverrideAnEquallyNewReleaseOfAnotherTrack() {
        String certification = "cert-" + id();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String trackA = "track-a-" + id();
        String trackB = "track-b-" + id();
        CloudEventRecord releaseA = CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, trackA,
                release(trackA, certification, "Name From A", at)).id(id());
        LadderInfra.awaitConsumed(GROUP, send(releaseA));
        // another track names the same certification at the same instant, applied after A: its name wins
        LadderInfra.awaitConsumed(GROUP, send(trackB, id(), release(trackB, certification, "Name From B", at)));
        assertThat(names.certification(certification)).isEqualTo("Name From B");

        // A again, the very same record (same ce_source, same ce_id), as Kafka may redeliver it: nothing changes
        LadderInfra.awaitConsumed(GROUP, send(releaseA));

        assertThat(names.certification(certification)).isEqualTo("Name From B");
    }

    @Test
    void unreadableReleasesAreDeadLetteredAndTheNextOneOnThePartitionIsApplied() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.CATALOG_RELEASES))) {
            String track = "track-" + id();
            String certification = "cert-" + id();
            String garbage = id();
            String noName = id();
            send(CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, track, "{not json").id(garbage));
            send(CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, track, """
                    {"trackId":"%s","version":1,"publishedAt":"%s","levels":[],"certifications":[],"skills":[]}"""
                    .formatted(track, Instant.now())).id(noName));
            // same key, so the same partition, after both
            RecordMetadata good = send(track, id(), release(track, certification, "Good Name", Instant.now()));

            for (String eventId : new String[] {garbage, noName}) {
                ConsumerRecord<String, String> dead = dlt.await(deadLetteredHere(eventId), WAIT);
                assertThat(dead.key()).isEqualTo(track);
            }
            LadderInfra.awaitConsumed(GROUP, good);
            assertThat(names.certification(certification)).isEqualTo("Good Name");
        }
    }

    @Test
    void aReleaseKeyedOrAddressedToAnotherTrackIsDeadLetteredAndNamesNothing() {
        try (KafkaProbe dlt = LadderInfra.probe(Topics.deadLetter(Topics.CATALOG_RELEASES))) {
            String keyed = "track-keyed-" + id();
            String named = "track-named-" + id();
            String misKeyedCertification = "cert-" + id();
            String misAddressedCertification = "cert-" + id();
            // keyed to one track, the release of another
            String wrongKey = id();
            send(keyed, wrongKey, release(named, misKeyedCertification, "Misrouted", Instant.now()));
            // key and payload agree, the ce_subject names another track
            String wrongSubject = id();
            RecordMetadata wrongSubjectAt = send(CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, named,
                    release(named, misAddressedCertification, "Misaddressed", Instant.now())).subject(keyed)
                    .id(wrongSubject));
            String goodCertification = "cert-" + id();
            RecordMetadata good = send(keyed, id(), release(keyed, goodCertification, "Good Name", Instant.now()));

            ConsumerRecord<String, String> misKeyed = dlt.await(deadLetteredHere(wrongKey), WAIT);
            ConsumerRecord<String, String> misAddressed = dlt.await(deadLetteredHere(wrongSubject), WAIT);
            assertThat(misKeyed.key()).isEqualTo(keyed);
            assertThat(misAddressed.key()).isEqualTo(named);
            for (ConsumerRecord<String, String> dead : List.of(misKeyed, misAddressed)) {
                assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-message"))
                        .contains("Record about another trackId than its payload");
            }
            LadderInfra.awaitConsumed(GROUP, good, wrongSubjectAt);
            // an id no release named is shown as it is
            assertThat(names.certification(misKeyedCertification)).isEqualTo(misKeyedCertification);
            assertThat(names.certification(misAddressedCertification)).isEqualTo(misAddressedCertification);
            assertThat(names.certification(goodCertification)).isEqualTo("Good Name");
        }
    }

    // --- helpers

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String release(String trackId, String certificationId, String certificationName,
                                  Instant publishedAt) {
        return """
                {"trackId":"%s","trackName":"Test track","version":1,"publishedAt":"%s","levels":[],
                 "certifications":[{"id":"%s","name":"%s","renewalMonths":36}],"skills":[]}"""
                .formatted(trackId, publishedAt, certificationId, certificationName);
    }

    private static RecordMetadata send(String key, String eventId, String json) {
        return send(CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, key, json).id(eventId));
    }

    private static RecordMetadata send(CloudEventRecord record) {
        return record.source(SOURCE).sendForMetadata();
    }

    private static Predicate<ConsumerRecord<String, String>> deadLetteredHere(String eventId) {
        return KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId)
                .and(KafkaProbe.hasHeader("kafka_dlt-original-consumer-group", GROUP));
    }
}
