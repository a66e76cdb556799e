package dev.ladder.notification.claims;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.SkillAssessed;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * ladder.achievements.v1 is a public contract: every Ladder type this service has no use for (experience, placements,
 * revocations, certifications recorded by an issuer or a manager's assessment) is skipped before any database work;
 * records that are not valid Ladder events are dead-lettered by the kit (README, "Producing to
 * ladder.achievements.v1").
 */
@Component
@KafkaListener(topics = Topics.ACHIEVEMENTS, groupId = "${ladder.notification.consumer-group:notification}")
class AchievementListener {

    private final ClaimNotifications notifications;

    AchievementListener(ClaimNotifications notifications) {
        this.notifications = notifications;
    }

    @KafkaHandler
    void on(CertificationRecorded recorded, @Header(CloudEventHeaders.ID) String eventId) {
        if (recorded.selfDeclared()) {
            notifications.claimRecorded(eventId, recorded);
        }
    }

    @KafkaHandler
    void on(CertificationVerified verified, @Header(CloudEventHeaders.ID) String eventId) {
        notifications.claimVerified(eventId, verified);
    }

    @KafkaHandler
    void on(CertificationRejected rejected, @Header(CloudEventHeaders.ID) String eventId) {
        notifications.claimRejected(eventId, rejected);
    }

    @KafkaHandler
    void on(CertificationWithdrawn withdrawn, @Header(CloudEventHeaders.ID) String eventId) {
        notifications.claimWithdrawn(eventId, withdrawn);
    }

    @KafkaHandler
    void on(SkillAssessed assessed) {
        if (assessed.source() == SkillAssessed.Source.SELF) {
            notifications.skillSelfAssessed(assessed);
        }
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        // the topic's other Ladder types: nothing to tell anyone
    }
}
