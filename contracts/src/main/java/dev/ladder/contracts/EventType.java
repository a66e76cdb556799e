package dev.ladder.contracts;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.TrackReevaluated;

import java.util.Arrays;
import java.util.Optional;

/**
 * The registry of event types: the logical type id on the wire ({@code ce_type}), the record it maps to, the topic
 * it travels on and its JSON Schema. Java class names never appear on the wire.
 */
public enum EventType {

    CATALOG_VERSION_PUBLISHED("dev.ladder.catalog.CatalogVersionPublished.v1", CatalogVersionPublished.class,
            Topics.CATALOG_RELEASES),
    EMPLOYEE_UPDATED("dev.ladder.profile.EmployeeUpdated.v1", EmployeeUpdated.class, Topics.EMPLOYEES),
    EMPLOYEE_ERASED("dev.ladder.profile.EmployeeErased.v1", EmployeeErased.class, Topics.EMPLOYEES),
    CERTIFICATION_RECORDED("dev.ladder.achievements.CertificationRecorded.v1", CertificationRecorded.class,
            Topics.ACHIEVEMENTS),
    CERTIFICATION_VERIFIED("dev.ladder.achievements.CertificationVerified.v1", CertificationVerified.class,
            Topics.ACHIEVEMENTS),
    CERTIFICATION_REJECTED("dev.ladder.achievements.CertificationRejected.v1", CertificationRejected.class,
            Topics.ACHIEVEMENTS),
    CERTIFICATION_REVOKED("dev.ladder.achievements.CertificationRevoked.v1", CertificationRevoked.class,
            Topics.ACHIEVEMENTS),
    CERTIFICATION_WITHDRAWN("dev.ladder.achievements.CertificationWithdrawn.v1", CertificationWithdrawn.class,
            Topics.ACHIEVEMENTS),
    SKILL_ASSESSED("dev.ladder.achievements.SkillAssessed.v1", SkillAssessed.class, Topics.ACHIEVEMENTS),
    EXPERIENCE_RECORDED("dev.ladder.achievements.ExperienceRecorded.v1", ExperienceRecorded.class,
            Topics.ACHIEVEMENTS),
    EXPERIENCE_WITHDRAWN("dev.ladder.achievements.ExperienceWithdrawn.v1", ExperienceWithdrawn.class,
            Topics.ACHIEVEMENTS),
    LEVEL_PLACED("dev.ladder.achievements.LevelPlaced.v1", LevelPlaced.class, Topics.ACHIEVEMENTS),
    MILESTONE_REACHED("dev.ladder.progress.MilestoneReached.v1", MilestoneReached.class, Topics.MILESTONES),
    TRACK_REEVALUATED("dev.ladder.progress.TrackReevaluated.v1", TrackReevaluated.class, Topics.MILESTONES);

    private final String id;
    private final Class<? extends LadderEvent> payload;
    private final String topic;

    EventType(String id, Class<? extends LadderEvent> payload, String topic) {
        this.id = id;
        this.payload = payload;
        this.topic = topic;
    }

    /** The {@code ce_type} value. */
    public String id() {
        return id;
    }

    public Class<? extends LadderEvent> payload() {
        return payload;
    }

    public String topic() {
        return topic;
    }

    /** Classpath location of the JSON Schema (draft 2020-12) of this event's payload. */
    public String schemaResource() {
        return "/schemas/" + id + ".schema.json";
    }

    public static Optional<EventType> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    public static EventType of(Class<?> payload) {
        return Arrays.stream(values()).filter(t -> t.payload.equals(payload)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a Ladder event: " + payload.getName()));
    }
}
