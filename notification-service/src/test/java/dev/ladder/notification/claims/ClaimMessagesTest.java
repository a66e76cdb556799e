package dev.ladder.notification.claims;

import dev.ladder.notification.delivery.Notification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimMessagesTest {

    private static final Instant AT = Instant.parse("2026-03-05T10:00:00Z");

    @Test
    void aPendingClaimAsksTheManagerToVerify() {
        Notification n = ClaimMessages.pending("e-1", "mark", "Alice Anders", "CompTIA Security+", AT);

        assertThat(n.id()).isEqualTo("CLAIM_PENDING:e-1:mark");
        assertThat(n.employeeId()).isEqualTo("mark");
        assertThat(n.kind()).isEqualTo("CLAIM_PENDING");
        assertThat(n.message()).isEqualTo("Alice Anders claims CompTIA Security+ — waiting for your verification");
        assertThat(n.link()).isEqualTo("#/verification");
        assertThat(n.createdAt()).isEqualTo(AT);
    }

    @Test
    void decisionsNameWhoDecidedWhenKnownAndTheReason() {
        assertThat(ClaimMessages.verified("e-2", "alice", "CompTIA Security+", "Mark Meyer", AT).message())
                .isEqualTo("Your CompTIA Security+ was verified by Mark Meyer");
        assertThat(ClaimMessages.verified("e-2", "alice", "CompTIA Security+", null, AT).message())
                .isEqualTo("Your CompTIA Security+ was verified");
        Notification rejected = ClaimMessages.rejected("e-3", "alice", "CompTIA Security+", "Mark Meyer",
                " credential id unknown to the issuer ", AT);
        assertThat(rejected.id()).isEqualTo("CLAIM_REJECTED:e-3:alice");
        assertThat(rejected.message())
                .isEqualTo("Your CompTIA Security+ was rejected by Mark Meyer: credential id unknown to the issuer");
        assertThat(rejected.link()).isEqualTo("#/certifications");
        assertThat(ClaimMessages.rejected("e-3", "alice", "X", null, " ", AT).message())
                .isEqualTo("Your X was rejected");
    }

    @Test
    void aSelfAssessmentIsOneNotificationPerSkillDayAndRecipient() {
        LocalDate day = LocalDate.of(2026, 3, 5);
        Notification first = ClaimMessages.selfAssessed("alice", "ml", day, "mark", "Alice Anders", "ML", 3, AT);
        Notification later = ClaimMessages.selfAssessed("alice", "ml", day, "mark", "Alice Anders", "ML", 4,
                AT.plusSeconds(60));

        assertThat(later.id()).isEqualTo(first.id());
        assertThat(ClaimMessages.selfAssessed("alice", "ml", day.plusDays(1), "mark", "Alice Anders", "ML", 4, AT)
                .id()).isNotEqualTo(first.id());
        assertThat(first.message()).isEqualTo("Alice Anders self-assessed ML at 3 — waiting for your confirmation");
    }
}
