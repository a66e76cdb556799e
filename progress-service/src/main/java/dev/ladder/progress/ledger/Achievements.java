package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.readiness.ReadinessService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Records achievements in the ledger with the day each takes effect and re-evaluates the employee, once per event
 * (by ce_id) however often it arrives.
 */
@Service
public class Achievements {

    private final Inbox inbox;
    private final Ledger ledger;
    private final ReadinessService readiness;

    public Achievements(Inbox inbox, Ledger ledger, ReadinessService readiness) {
        this.inbox = inbox;
        this.ledger = ledger;
        this.readiness = readiness;
    }

    @Transactional
    public void apply(String eventId, CertificationRecorded event) {
        record(eventId, event.employeeId(), EventType.CERTIFICATION_RECORDED, event.issuedOn(), event);
    }

    @Transactional
    public void apply(String eventId, CertificationVerified event) {
        record(eventId, event.employeeId(), EventType.CERTIFICATION_VERIFIED, day(event.verifiedAt()), event);
    }

    /** Kept with the day it was decided; the fold voids the certification on every date (the claim was never true). */
    @Transactional
    public void apply(String eventId, CertificationRejected event) {
        record(eventId, event.employeeId(), EventType.CERTIFICATION_REJECTED, day(event.rejectedAt()), event);
    }

    @Transactional
    public void apply(String eventId, CertificationRevoked event) {
        record(eventId, event.employeeId(), EventType.CERTIFICATION_REVOKED, event.effectiveOn(), event);
    }

    @Transactional
    public void apply(String eventId, SkillAssessed event) {
        record(eventId, event.employeeId(), EventType.SKILL_ASSESSED, event.assessedOn(), event);
    }

    @Transactional
    public void apply(String eventId, ExperienceRecorded event) {
        record(eventId, event.employeeId(), EventType.EXPERIENCE_RECORDED, event.startedOn(), event);
    }

    private void record(String eventId, String employeeId, EventType type, LocalDate effectiveOn, Object event) {
        if (!inbox.firstDelivery(eventId, ProgressApplication.CONSUMER)) {
            return;
        }
        ledger.append(eventId, employeeId, type, effectiveOn, event);
        readiness.reevaluate(employeeId);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
