package dev.ladder.notification.summary;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.notification.privacy.ErasedPeople;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Every certification each person holds, from {@code ladder.achievements.v1} (table {@code held_certification}), for
 * the weekly team summary: what expires soon and what next quarter. A recording newer than everything known about
 * the achievement makes it held again; a rejection, withdrawal or revocation at or after the newest recording ends
 * it. Each event is applied once (its own inbox consumer).
 */
@Service
public class HeldCertifications {

    static final String CONSUMER = "notification.certifications";

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final ErasedPeople erased;

    HeldCertifications(JdbcClient jdbc, Inbox inbox, ErasedPeople erased) {
        this.erased = erased;
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @Transactional
    public void recorded(EventId eventId, CertificationRecorded e) {
        if (!inbox.firstDelivery(eventId, CONSUMER) || erased.discardsUnderLock(e.employeeId(), e)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO held_certification (employee_id, achievement_id, certification_id, expires_on,
                                                        recorded_at, active)
                        VALUES (:employee, :achievement, :certification, :expires, :at, TRUE)
                        ON CONFLICT (employee_id, achievement_id) DO UPDATE SET
                            certification_id = EXCLUDED.certification_id, expires_on = EXCLUDED.expires_on,
                            recorded_at = EXCLUDED.recorded_at,
                            active = held_certification.ended_at IS NULL
                                     OR held_certification.ended_at < EXCLUDED.recorded_at
                        WHERE held_certification.recorded_at <= EXCLUDED.recorded_at""")
                .param("employee", e.employeeId())
                .param("achievement", e.achievementId())
                .param("certification", e.certificationId())
                .param("expires", e.expiresOn() == null ? null : Date.valueOf(e.expiresOn()))
                .param("at", Timestamp.from(e.recordedAt()))
                .update();
    }

    /**
     * Rejected, withdrawn or revoked at {@code at}: no longer held, unless recorded again later. One that arrives
     * before its recording is kept (as ended), so the recording, when it comes, does not make it held.
     */
    @Transactional
    public void ended(EventId eventId, String employeeId, String achievementId, String certificationId, Instant at) {
        if (!inbox.firstDelivery(eventId, CONSUMER) || erased.discardsUnderLock(employeeId, "certification end")) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO held_certification (employee_id, achievement_id, certification_id, recorded_at,
                                                        active, ended_at)
                        VALUES (:employee, :achievement, :certification, TIMESTAMPTZ '-infinity', FALSE, :at)
                        ON CONFLICT (employee_id, achievement_id) DO UPDATE SET
                            ended_at = GREATEST(held_certification.ended_at, EXCLUDED.ended_at),
                            active = held_certification.active AND held_certification.recorded_at > EXCLUDED.ended_at""")
                .param("employee", employeeId)
                .param("achievement", achievementId)
                .param("certification", certificationId)
                .param("at", Timestamp.from(at))
                .update();
    }
}
