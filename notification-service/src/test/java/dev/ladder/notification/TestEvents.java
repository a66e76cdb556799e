package dev.ladder.notification;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import dev.ladder.contracts.progress.TrackReevaluated;
import dev.ladder.testkit.CloudEventRecord;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Events as the other services publish them (CloudEvents binary mode), for this service's tests. */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** Publishes {@code event} with a new ce_id; the answer says where it landed (for awaitConsumed). */
    public static RecordMetadata send(EventType type, String key, Object event) {
        return send(type, key, id(), event);
    }

    public static RecordMetadata send(EventType type, String key, String eventId, Object event) {
        String payload = JSON.writeValueAsString(event);
        CloudEventRecord record = CloudEventRecord.of(type, key, payload).id(eventId);
        return LadderInfra.send(record.topic(), record.key(), record.headerMap(), payload);
    }

    /** A person as profile-service announces them; {@code subject} null = their employee id signs in. */
    public static RecordMetadata person(String employeeId, String name, String email, String teamId, String managerId,
                                        String deputyId) {
        return person(employeeId, employeeId, name, email, teamId, managerId, deputyId);
    }

    /** A person who signs in as {@code subject} (a Keycloak user's id). */
    public static RecordMetadata person(String employeeId, String subject, String name, String email, String teamId,
                                        String managerId, String deputyId) {
        return send(EventType.EMPLOYEE_UPDATED, employeeId, new EmployeeUpdated(employeeId, name, email, teamId,
                "Team " + teamId, managerId, null, null, null, Instant.now(), subject, null, deputyId, true));
    }

    public static MilestoneReached advanced(String employeeId, String levelName) {
        return new MilestoneReached(employeeId + ":LEVEL_ADVANCED:" + levelName, employeeId,
                MilestoneKind.LEVEL_ADVANCED, "ai-ml-security-specialist", levelName.toLowerCase(), levelName, 100,
                100, "Congratulations! You reached " + levelName, Instant.now());
    }

    public static MilestoneReached readiness(String employeeId, int threshold) {
        return new MilestoneReached(employeeId + ":READINESS_THRESHOLD_CROSSED:mid:" + threshold, employeeId,
                MilestoneKind.READINESS_THRESHOLD_CROSSED, "ai-ml-security-specialist", "mid", "Mid-Level", threshold,
                threshold, "You are " + threshold + "% ready for Mid-Level", Instant.now());
    }

    public static MilestoneReached expired(String employeeId, String certificationId) {
        LocalDate on = LocalDate.now().minusDays(1);
        return new MilestoneReached(employeeId + ":CERTIFICATION_EXPIRED:" + certificationId + "@" + on + ":0",
                employeeId, MilestoneKind.CERTIFICATION_EXPIRED, "ai-ml-security-specialist", "mid", "Mid-Level", 50,
                null, "Your " + certificationId + " expired on " + on + " and no longer counts", Instant.now(),
                certificationId, on);
    }

    public static MilestoneReached expiring(String employeeId, String certificationId, int window) {
        LocalDate on = LocalDate.now().plusDays(window - 1);
        return new MilestoneReached(employeeId + ":CERTIFICATION_EXPIRING:" + certificationId + "@" + on + ":" + window,
                employeeId, MilestoneKind.CERTIFICATION_EXPIRING, "ai-ml-security-specialist", "mid", "Mid-Level",
                50, window, "Your " + certificationId + " expires on " + on + " (in " + (window - 1) + " days)",
                Instant.now(), certificationId, on);
    }

    public static RecordMetadata milestone(MilestoneReached milestone) {
        return send(EventType.MILESTONE_REACHED, milestone.employeeId(), milestone);
    }

    /** A milestone published in a trace: its W3C {@code traceparent} header. */
    public static RecordMetadata milestone(MilestoneReached milestone, String traceparent) {
        String payload = JSON.writeValueAsString(milestone);
        CloudEventRecord record = CloudEventRecord.of(EventType.MILESTONE_REACHED, milestone.employeeId(), payload)
                .header("traceparent", traceparent);
        return LadderInfra.send(record.topic(), record.key(), record.headerMap(), payload);
    }

    /**
     * A track re-evaluated after a catalog release, as progress-service reports it; {@code publishedBy} (the admin's
     * sign-in subject) null = the seed import.
     */
    public static TrackReevaluated reevaluated(String trackId, int version, int evaluated, int advanced, int lowered,
                                               String publishedBy) {
        return new TrackReevaluated(TrackReevaluated.idOf(trackId, version), trackId, "AI & ML Security Specialist",
                version, evaluated, advanced, lowered, publishedBy, Instant.now());
    }

    /** Publishes a re-evaluation keyed by its track, under {@code eventId}. */
    public static RecordMetadata reevaluation(TrackReevaluated reevaluation, String eventId) {
        return send(EventType.TRACK_REEVALUATED, reevaluation.trackId(), eventId, reevaluation);
    }

    private TestEvents() {
    }
}
