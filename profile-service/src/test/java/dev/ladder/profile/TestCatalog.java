package dev.ladder.profile;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.testkit.LadderInfra;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/** Publishes catalog releases the way catalog-service does (CloudEvents binary mode, JSON payload). */
public final class TestCatalog {

    public static final String TRACK = "ai-ml-security-specialist";
    public static final List<String> CERTIFICATIONS = List.of("comptia-security-plus", "ceh", "google-it-support",
            "cissp", "aws-security-specialty", "cais", "oscp", "mlsp", "cism", "giac", "vendor-security",
            "executive-leadership-program");

    /** Sends a release; returns its ce_id. */
    public static String publish(String eventId, String trackId, int version, List<String> certificationIds) {
        String certifications = certificationIds.stream()
                .map(id -> "{\"id\":\"" + id + "\",\"name\":\"" + name(id) + "\",\"renewalMonths\":36}")
                .collect(Collectors.joining(","));
        String json = """
                {"trackId":"%s","trackName":"Track %s","version":%d,"publishedAt":"%s",
                 "levels":[{"id":"entry","rank":1,"name":"Entry Level","minYears":0,"maxYears":2,"requirements":[]}],
                 "certifications":[%s],"skills":[]}
                """.formatted(trackId, trackId, version, Instant.now(), certifications);
        LadderInfra.send(Topics.CATALOG_RELEASES, trackId, Map.of(
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.TYPE, EventType.CATALOG_VERSION_PUBLISHED.id(),
                CloudEventHeaders.SOURCE, "/ladder/catalog-service",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, trackId,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON), json);
        return eventId;
    }

    /** Makes the service's local catalog know the seed track's certifications (once per database). */
    public static void ensureSeedTrack(JdbcClient jdbc) {
        if (knows(jdbc, "comptia-security-plus")) {
            return;
        }
        publish(UUID.randomUUID().toString(), TRACK, 1, CERTIFICATIONS);
        await().atMost(Duration.ofSeconds(60)).until(() -> knows(jdbc, "comptia-security-plus"));
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
