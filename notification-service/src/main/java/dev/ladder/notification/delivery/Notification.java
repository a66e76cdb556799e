package dev.ladder.notification.delivery;

import dev.ladder.contracts.progress.MilestoneReached;

import java.time.Instant;

/**
 * One thing to tell one employee, independent of how it is delivered. The id is deterministic, so a redelivered
 * event is still one notification: for a milestone the milestone id (progress derives it, so the same milestone
 * re-published under another {@code ce_id} is one notification too), for claims and decisions the event's
 * {@code ce_id} and the recipient. {@code link} is the portal's hash path to act on it (README, "Notifications").
 */
public record Notification(String id, String employeeId, String kind, String title, String message,
                           Instant createdAt, String link) {

    /** Where a milestone points: the employee's progress. */
    public static final String PROGRESS_LINK = "#/progress";

    public static Notification of(MilestoneReached milestone) {
        return new Notification(milestone.milestoneId(), milestone.employeeId(), milestone.kind().name(),
                titleOf(milestone), milestone.message(),
                // the milestone's own time, not the consumer's clock: a replay or a lagging consumer must not
                // reorder the feed or make an old milestone look new
                milestone.occurredAt(), PROGRESS_LINK);
    }

    /** The level's name, or its id when the milestone has none. */
    public static String levelOf(MilestoneReached milestone) {
        return milestone.levelName() == null || milestone.levelName().isBlank()
                ? milestone.levelId() : milestone.levelName();
    }

    static String titleOf(MilestoneReached milestone) {
        String level = levelOf(milestone);
        return switch (milestone.kind()) {
            case READINESS_THRESHOLD_CROSSED -> milestone.readinessPercent() + "% ready for " + level;
            case LEVEL_ADVANCED -> "Promoted to " + level;
            case CERTIFICATION_EXPIRING -> "A certification is about to expire";
            case CERTIFICATION_EXPIRED -> "A certification has expired";
        };
    }
}
