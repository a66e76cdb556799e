package dev.ladder.profile;

import dev.ladder.contracts.EventType;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.testkit.CloudEventRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Publishes catalog releases the way catalog-service does (CloudEvents binary mode, JSON payload). */
public final class TestCatalog {

    public static final String TRACK = SeedTrack.TRACK;

    /** Sends a release; returns its ce_id. */
    public static String publish(String eventId, String trackId, int version, List<String> certificationIds) {
        return send(eventId, trackId, json(trackId, version, certificationIds, null));
    }

    /**
     * A release as catalog-service writes it since releases carry the track's salary regions ({@code regions} null:
     * as before, without the field); each region's name is its id in capitals.
     */
    public static String json(String trackId, int version, List<String> certificationIds, List<String> regions) {
        String certifications = certificationIds.stream()
                .map(id -> "{\"id\":\"" + id + "\",\"name\":\"" + name(id) + "\",\"renewalMonths\":36}")
                .collect(Collectors.joining(","));
        String salaryRegions = regions == null ? "" : ",\"salaryRegions\":[" + regions.stream()
                .map(id -> "{\"id\":\"" + id + "\",\"name\":\"" + id.toUpperCase() + "\"}")
                .collect(Collectors.joining(",")) + "]";
        return """
                {"trackId":"%s","trackName":"Track %s","version":%d,"publishedAt":"%s",
                 "levels":[{"id":"entry","rank":1,"name":"Entry Level","minYears":0,"maxYears":2,"requirements":[]}],
                 "certifications":[%s],"skills":[]%s}
                """.formatted(trackId, trackId, version, Instant.now(), certifications, salaryRegions);
    }

    /** Sends a release with the track's salary regions and waits until the local catalog holds that version. */
    public static void publishWithRegions(JdbcClient jdbc, String trackId, int version, List<String> regions) {
        send(UUID.randomUUID().toString(), trackId, json(trackId, version, List.of(), regions));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "select count(*) from catalog_track where track_id = :track and version = :version")
                .param("track", trackId).param("version", version).query(Long.class).single() > 0);
    }

    /** Makes the service's local catalog know the seed track as catalog-service publishes it (once per database). */
    public static void ensureSeedTrack(JdbcClient jdbc) {
        if (knows(jdbc, "comptia-security-plus")) {
            return;
        }
        send(UUID.randomUUID().toString(), TRACK, SeedTrack.json(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> knows(jdbc, "comptia-security-plus"));
    }

    private static String send(String eventId, String trackId, String json) {
        return CloudEventRecord.of(EventType.CATALOG_VERSION_PUBLISHED, trackId, json).id(eventId)
                .source("/ladder/catalog-service").send().id();
    }

    public static boolean knows(JdbcClient jdbc, String certificationId) {
        return jdbc.sql("select count(*) from catalog_certification where certification_id = :id")
                .param("id", certificationId).query(Long.class).single() > 0;
    }

    public static String name(String id) {
        return id.equals("comptia-security-plus") ? "CompTIA Security+" : "Certification " + id;
    }

    private TestCatalog() {
    }
}
