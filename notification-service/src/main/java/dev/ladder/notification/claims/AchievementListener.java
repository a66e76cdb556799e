package dev.ladder.notification.claims;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.messaging.EventSubject;
import dev.ladder.notification.privacy.ErasedPeople;
import dev.ladder.notification.summary.HeldCertifications;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.stereotype.Component;

/**
 * ladder.achievements.v1 is a public contract: every type this service has no use for (experience, placements,
 * types only other consumers know) is skipped before any database work, even when it cannot be read
 * ({@link dev.ladder.notification.inbound.UnhandledTypeSkipper}); so are certifications recorded by an issuer and a
 * manager's assessments. A record of a type handled here that cannot be read, or that is keyed or addressed to
 * another employee than its payload's ({@link EventSubject}), is dead-lettered.
 */
@Component
@KafkaListener(topics = Topics.ACHIEVEMENTS, groupId = "${ladder.notification.consumer-group:notification}")
class AchievementListener {

    private static final String EMPLOYEE_ID = "employeeId";

    private final ClaimNotifications notifications;
    private final HeldCertifications held;
    private final ErasedPeople erased;

    AchievementListener(ClaimNotifications notifications, HeldCertifications held, ErasedPeople erased) {
        this.erased = erased;
        this.notifications = notifications;
        this.held = held;
    }

    @KafkaHandler
    void on(CertificationRecorded recorded, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, EMPLOYEE_ID, recorded.employeeId());
        if (erased.discards(recorded.employeeId(), recorded)) {
            return;
        }
        EventId id = new EventId(source, eventId);
        if (recorded.selfDeclared()) {
            notifications.claimRecorded(id, recorded);
        }
        held.recorded(id, recorded);
    }

    @KafkaHandler
    void on(CertificationVerified verified, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, EMPLOYEE_ID, verified.employeeId());
        if (erased.discards(verified.employeeId(), verified)) {
            return;
        }
        notifications.claimVerified(new EventId(source, eventId), verified);
    }

    @KafkaHandler
    void on(CertificationRejected rejected, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, EMPLOYEE_ID, rejected.employeeId());
        if (erased.discards(rejected.employeeId(), rejected)) {
            return;
        }
        EventId id = new EventId(source, eventId);
        notifications.claimRejected(id, rejected);
        held.ended(id, rejected.employeeId(), rejected.achievementId(), rejected.certificationId(),
                rejected.rejectedAt());
    }

    @KafkaHandler
    void on(CertificationWithdrawn withdrawn, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, EMPLOYEE_ID, withdrawn.employeeId());
        if (erased.discards(withdrawn.employeeId(), withdrawn)) {
            return;
        }
        EventId id = new EventId(source, eventId);
        notifications.claimWithdrawn(id, withdrawn);
        held.ended(id, withdrawn.employeeId(), withdrawn.achievementId(), withdrawn.certificationId(),
                withdrawn.withdrawnAt());
    }

    /** The issuer withdrew it: it no longer counts in the team summary (nobody is notified here). */
    @KafkaHandler
    void on(CertificationRevoked revoked, @Header(CloudEventHeaders.SOURCE) String source,
            @Header(CloudEventHeaders.ID) String eventId, @Headers MessageHeaders record) {
        EventSubject.require(record, EMPLOYEE_ID, revoked.employeeId());
        if (erased.discards(revoked.employeeId(), revoked)) {
            return;
        }
        held.ended(new EventId(source, eventId), revoked.employeeId(), revoked.achievementId(),
                revoked.certificationId(), revoked.revokedAt());
    }

    @KafkaHandler
    void on(SkillAssessed assessed, @Headers MessageHeaders record) {
        EventSubject.require(record, EMPLOYEE_ID, assessed.employeeId());
        if (erased.discards(assessed.employeeId(), assessed)) {
            return;
        }
        if (assessed.source() == SkillAssessed.Source.SELF) {
            notifications.skillSelfAssessed(assessed);
        }
    }

    @KafkaHandler(isDefault = true)
    void ignore(Object other) {
        // the topic's other Ladder types: nothing to tell anyone
    }
}
