package dev.ladder.progress.ledger;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.progress.ProgressApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** ladder.achievements.v1 is a public contract: other systems publish here too, so unknown types are expected. */
@Component
@KafkaListener(topics = Topics.ACHIEVEMENTS, groupId = ProgressApplication.CONSUMER)
class AchievementListener {

    private static final Logger log = LoggerFactory.getLogger(AchievementListener.class);

    private final Achievements achievements;

    AchievementListener(Achievements achievements) {
        this.achievements = achievements;
    }

    @KafkaHandler
    void on(CertificationRecorded event, @Header(CloudEventHeaders.ID) String eventId) {
        achievements.apply(eventId, event);
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        log.info("Ignoring {} on {}", other.getClass().getSimpleName(), Topics.ACHIEVEMENTS);
    }
}
