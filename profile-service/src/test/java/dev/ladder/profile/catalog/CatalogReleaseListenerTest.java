package dev.ladder.profile.catalog;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.TestCatalog;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The releases listener as the contract says a consumer behaves: each release applied once (per {@code ce_source}
 * and {@code ce_id}); a record it cannot read, one from another source than catalog-service, or one keyed (or
 * subjected) to another track than it names, dead-lettered to
 * {@code ladder.catalog.releases.v1-dlt} without stopping the records after it.
 */
class CatalogReleaseListenerTest extends ProfileServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private KafkaProbe dlt;
    private String track;

    @BeforeEach
    void watchTheDeadLetters() {
        dlt = LadderInfra.probe(Topics.deadLetter(Topics.CATALOG_RELEASES));
        track = "listener-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        dlt.close();
    }

    @Test
    void aDuplicateDeliveryChangesNothingAndPublishesNothing() {
        String json = TestCatalog.json(track, 1, List.of(track + "-cert"), List.of("north"));
        String eventId = UUID.randomUUID().toString();
        release(eventId, track, json);
        await().atMost(WAIT).until(() -> version(track) == 1);
        String before = state(track);
        long outbox = count("select count(*) from outbox_event");

        RecordMetadata again = release(eventId, track, json);
        LadderInfra.awaitConsumed(GROUP, again);

        assertThat(state(track)).isEqualTo(before);
        assertThat(count("select count(*) from catalog_release where event_id = '" + eventId + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + eventId + "'")).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event")).as("nothing announced").isEqualTo(outbox);
        dlt.noneUpToEnd(KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId));
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextGoodReleaseIsApplied() {
        String garbage = UUID.randomUUID().toString();
        String versionZero = UUID.randomUUID().toString();
        String noName = UUID.randomUUID().toString();
        String noType = UUID.randomUUID().toString();
        String rankZero = UUID.randomUUID().toString();
        release(garbage, track, "{\"trackId\":\"" + track + "\", this is not json");
        release(versionZero, track, TestCatalog.json(track, 1, List.of(), null).replace("\"version\":1",
                "\"version\":0"));
        release(noName, track, TestCatalog.json(track, 1, List.of(), null).replaceFirst(
                "\"trackName\":\"[^\"]*\",", ""));
        LadderInfra.send(Topics.CATALOG_RELEASES, track, java.util.Map.of(CloudEventHeaders.ID, noType,
                CloudEventHeaders.SPEC_VERSION, "1.0"), TestCatalog.json(track, 1, List.of(), null));
        // readable as a record, but against the schema (a level's rank is at least 1)
        release(rankZero, track, TestCatalog.json(track, 1, List.of(), null).replace("\"rank\":1", "\"rank\":0"));
        String good = UUID.randomUUID().toString();
        release(good, track, TestCatalog.json(track, 2, List.of(track + "-good"), List.of("north")));

        for (String eventId : List.of(garbage, versionZero, noName, noType, rankZero)) {
            ConsumerRecord<String, String> dead = dlt.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId),
                    WAIT);
            assertThat(dead.key()).isEqualTo(track);
        }
        await().atMost(WAIT).until(() -> version(track) == 2);
        assertThat(TestCatalog.knows(jdbc, track + "-good")).isTrue();
        assertThat(count("select count(*) from catalog_release where track_id = '" + track + "'")).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = '" + rankZero + "'")).isZero();
        dlt.noneUpToEnd(KafkaProbe.hasHeader(CloudEventHeaders.ID, good));
    }

    @Test
    void aRecordKeyedOrSubjectedToAnotherTrackIsDeadLetteredNotApplied() {
        String other = "listener-other-" + UUID.randomUUID();
        String wrongKey = UUID.randomUUID().toString();
        String wrongSubject = UUID.randomUUID().toString();
        // the payload names `track`, the key `other` (ce_subject = the key, as the binding's default)
        CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, other,
                        TestCatalog.json(track, 5, List.of(track + "-hijack"), null))
                .id(wrongKey).source("/ladder/catalog-service").send();
        // the key is right, ce_subject names another track
        CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, track,
                        TestCatalog.json(track, 6, List.of(track + "-hijack"), null))
                .id(wrongSubject).subject(other).source("/ladder/catalog-service").send();
        String good = UUID.randomUUID().toString();
        release(good, track, TestCatalog.json(track, 1, List.of(track + "-real"), null));

        for (String eventId : List.of(wrongKey, wrongSubject)) {
            ConsumerRecord<String, String> dead = dlt.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, eventId),
                    WAIT);
            assertThat(KafkaProbe.header(dead, "kafka_dlt-exception-stacktrace"))
                    .contains("InvalidEventException", "must be the track id");
        }
        await().atMost(WAIT).until(() -> version(track) == 1);
        assertThat(TestCatalog.knows(jdbc, track + "-real")).isTrue();
        assertThat(TestCatalog.knows(jdbc, track + "-hijack")).isFalse();
        assertThat(version(other)).isZero();
        assertThat(count("select count(*) from catalog_release where event_id in ('" + wrongKey + "', '"
                + wrongSubject + "')")).isZero();
        assertThat(count("select count(*) from processed_event where event_id in ('" + wrongKey + "', '"
                + wrongSubject + "')")).isZero();
    }

    /** Only catalog-service publishes the catalog: a release from anyone else could teach this service any slugs. */
    @Test
    void aReleaseFromAnotherSourceThanCatalogServiceIsDeadLetteredNotApplied() {
        String fromProfile = UUID.randomUUID().toString();
        String fromLms = UUID.randomUUID().toString();
        CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, track,
                        TestCatalog.json(track, 7, List.of(track + "-forged"), null))
                .id(fromProfile).source(EventProducers.PROFILE_SERVICE).send();
        CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, track,
                        TestCatalog.json(track, 8, List.of(track + "-forged"), null))
                .id(fromLms).source("/lms/acme-academy").send();
        String good = UUID.randomUUID().toString();
        release(good, track, TestCatalog.json(track, 1, List.of(track + "-real"), null));

        assertThat(KafkaProbe.header(dlt.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, fromProfile), WAIT),
                "kafka_dlt-exception-stacktrace")).contains("InvalidEventException",
                "ce_source '/ladder/profile-service' may not publish " + EventType.CATALOG_VERSION_PUBLISHED.id(),
                "only /ladder/catalog-service may");
        assertThat(KafkaProbe.header(dlt.await(KafkaProbe.hasHeader(CloudEventHeaders.ID, fromLms), WAIT),
                "kafka_dlt-exception-stacktrace")).contains("ce_source '/lms/acme-academy' may not publish");
        await().atMost(WAIT).until(() -> version(track) == 1);
        assertThat(TestCatalog.knows(jdbc, track + "-real")).isTrue();
        assertThat(TestCatalog.knows(jdbc, track + "-forged")).isFalse();
        assertThat(count("select count(*) from processed_event where event_id in ('" + fromProfile + "', '"
                + fromLms + "')")).isZero();
    }

    private static RecordMetadata release(String eventId, String key, String json) {
        return CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, key, json).id(eventId)
                .source("/ladder/catalog-service").sendForMetadata();
    }

    private int version(String trackId) {
        return jdbc.sql("select coalesce(max(version), 0) from catalog_track where track_id = :track")
                .param("track", trackId).query(Integer.class).single();
    }

    /** Everything the local copy holds about the track, as text. */
    private String state(String trackId) {
        return jdbc.sql("""
                        select t.version || '/' || t.track_name || '/' || t.salary_regions_known || '/'
                            || (select string_agg(certification_id, ',' order by certification_id)
                                  from catalog_certification where track_id = t.track_id) || '/'
                            || (select string_agg(region_id, ',' order by position)
                                  from catalog_salary_region where track_id = t.track_id) || '/'
                            || (select count(*) from catalog_level where track_id = t.track_id)
                          from catalog_track t where t.track_id = :track
                        """)
                .param("track", trackId).query(String.class).single();
    }
}
