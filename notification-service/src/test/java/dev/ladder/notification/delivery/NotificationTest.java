package dev.ladder.notification.delivery;

import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    @Test
    void readinessTitleShowsTheActualPercentForTheNextLevel() {
        Notification n = Notification.of(milestone(MilestoneKind.READINESS_THRESHOLD_CROSSED, "Mid-Level", 33, 25));

        assertThat(n.id()).isEqualTo("alice:READINESS_THRESHOLD_CROSSED:mid:25");
        assertThat(n.employeeId()).isEqualTo("alice");
        assertThat(n.kind()).isEqualTo("READINESS_THRESHOLD_CROSSED");
        assertThat(n.title()).isEqualTo("33% ready for Mid-Level");
        assertThat(n.message()).isEqualTo("the message");
        assertThat(n.createdAt()).isEqualTo(AT);
    }

    @Test
    void levelAdvancedIsAPromotion() {
        assertThat(Notification.of(milestone(MilestoneKind.LEVEL_ADVANCED, "Mid-Level", 100, null)).title())
                .isEqualTo("Promoted to Mid-Level");
    }

    @Test
    void fallsBackToTheLevelIdWhenTheNameIsMissing() {
        assertThat(Notification.of(milestone(MilestoneKind.LEVEL_ADVANCED, null, 100, null)).title())
                .isEqualTo("Promoted to mid");
        assertThat(Notification.of(milestone(MilestoneKind.READINESS_THRESHOLD_CROSSED, " ", 50, 50)).title())
                .isEqualTo("50% ready for mid");
    }

    @Test
    void everyKindHasATitle() {
        for (MilestoneKind kind : MilestoneKind.values()) {
            assertThat(Notification.of(milestone(kind, "Mid-Level", 10, null)).title()).isNotBlank();
        }
    }

    private static MilestoneReached milestone(MilestoneKind kind, String levelName, int percent, Integer threshold) {
        return new MilestoneReached("alice:" + kind + ":mid:" + threshold, "alice", kind, "ai-ml-security-specialist",
                "mid", levelName, percent, threshold, "the message", AT);
    }
}
