package dev.ladder.notification.claims;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.notification.catalog.CatalogNames;
import dev.ladder.notification.claims.Claim.State;
import dev.ladder.notification.delivery.Notification;
import dev.ladder.notification.delivery.Notifier;
import dev.ladder.notification.people.People;
import dev.ladder.notification.people.Person;
import dev.ladder.notification.people.PersonChanged;
import dev.ladder.notification.privacy.ErasedPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Claims and decisions from {@code ladder.achievements.v1} become notifications:
 * <ul>
 * <li>a self-declared {@code CertificationRecorded} → the claimant's manager and deputy (not the claimant, not a
 * retired one), {@code CLAIM_PENDING}. A correction (same {@code achievementId}, newer {@code recordedAt}) of a claim
 * still pending announces nothing new; one recorded after the claim was decided opens a new round, announced again.
 * A claim whose claimant is not known here yet, or has no manager or deputy yet, waits (state kept in {@code claim})
 * and is announced when the claimant's {@code EmployeeUpdated} arrives — unless it has been decided by then;</li>
 * <li>{@code CertificationVerified} / {@code CertificationRejected} → the employee ({@code CLAIM_VERIFIED} /
 * {@code CLAIM_REJECTED} with the reason). The recipient is the employee id, so no person copy is needed to address
 * it: the feed finds it by the reader's subject once they are known;</li>
 * <li>a self-assessed {@code SkillAssessed} → the manager and deputy, at most one per skill, day and recipient, and
 * only if the employee is known now (self-assessments are frequent and the verification queue lists them: not kept
 * for later).</li>
 * </ul>
 * Each applied event is recorded in the inbox (one per {@code ce_source} and {@code ce_id}) with its effects, and
 * every notification id is deterministic, so redelivery changes nothing. Notification ids and a claim's
 * {@code openedBy} use the {@code ce_id} alone: only profile-service may publish self-declared recordings,
 * verifications and rejections ({@code EventProducers}), so their ids are unique without the source. Events older
 * than {@code ladder.notification.max-age} (by their own time) update the claim state but announce nothing: a new
 * consumer group reads the topic from its beginning, and years of claims must not land in people's feeds on the
 * first deployment.
 */
@Service
public class ClaimNotifications {

    static final String CONSUMER = "notification.claims";

    private static final Logger log = LoggerFactory.getLogger(ClaimNotifications.class);

    private final ClaimRepository claims;
    private final People people;
    private final CatalogNames names;
    private final Notifier notifier;
    private final Inbox inbox;
    private final ErasedPeople erased;
    private final Duration maxAge;
    private final Clock clock = Clock.systemUTC();

    ClaimNotifications(ClaimRepository claims, People people, CatalogNames names, Notifier notifier, Inbox inbox,
                       ErasedPeople erased, @Value("${ladder.notification.max-age:30d}") Duration maxAge) {
        this.erased = erased;
        this.claims = claims;
        this.people = people;
        this.names = names;
        this.notifier = notifier;
        this.inbox = inbox;
        this.maxAge = maxAge;
    }

    /** A self-declared certification ({@code source: SELF}); others are no claims and are not passed here. */
    @Transactional
    public void claimRecorded(EventId eventId, CertificationRecorded e) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            return;
        }
        people.lock(e.employeeId());
        if (erased.discardsUnderLock(e.employeeId(), e)) {
            return;
        }
        Optional<Claim> known = claims.find(e.employeeId(), e.achievementId());
        Claim claim;
        if (known.isEmpty()) {
            claim = new Claim(e.employeeId(), e.achievementId(), e.certificationId(), State.PENDING, e.recordedAt(),
                    eventId.id(), null, false);
        } else {
            Claim c = known.get();
            if (c.recordedAt() != null && e.recordedAt().isBefore(c.recordedAt())) {
                log.debug("Recording {} of {} is older than the one known, skipping", eventId, e.achievementId());
                return;
            }
            boolean reopens = c.state() != State.PENDING
                    && (c.decidedAt() == null || e.recordedAt().isAfter(c.decidedAt()));
            claim = reopens
                    ? new Claim(c.employeeId(), c.achievementId(), e.certificationId(), State.PENDING,
                    e.recordedAt(), eventId.id(), c.decidedAt(), false)
                    : new Claim(c.employeeId(), c.achievementId(), e.certificationId(), c.state(), e.recordedAt(),
                    c.openedBy(), c.decidedAt(), c.announced());
        }
        claims.save(announce(claim));
    }

    @Transactional
    public void claimVerified(EventId eventId, CertificationVerified e) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            return;
        }
        people.lock(e.employeeId());
        if (erased.discardsUnderLock(e.employeeId(), e)) {
            return;
        }
        decide(e.employeeId(), e.achievementId(), e.certificationId(), State.VERIFIED, e.verifiedAt());
        if (fresh(e.verifiedAt())) {
            notifier.deliver(ClaimMessages.verified(eventId.id(), e.employeeId(), names.certification(e.certificationId()),
                    nameOf(e.verifiedBy()), e.verifiedAt()));
        }
    }

    @Transactional
    public void claimRejected(EventId eventId, CertificationRejected e) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            return;
        }
        people.lock(e.employeeId());
        if (erased.discardsUnderLock(e.employeeId(), e)) {
            return;
        }
        decide(e.employeeId(), e.achievementId(), e.certificationId(), State.REJECTED, e.rejectedAt());
        if (fresh(e.rejectedAt())) {
            notifier.deliver(ClaimMessages.rejected(eventId.id(), e.employeeId(), names.certification(e.certificationId()),
                    nameOf(e.rejectedBy()), e.reason(), e.rejectedAt()));
        }
    }

    /** The claimant took it back: nobody is told, but a claim still waiting for its manager is no longer announced. */
    @Transactional
    public void claimWithdrawn(EventId eventId, CertificationWithdrawn e) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            return;
        }
        people.lock(e.employeeId());
        if (erased.discardsUnderLock(e.employeeId(), e)) {
            return;
        }
        decide(e.employeeId(), e.achievementId(), e.certificationId(), State.WITHDRAWN, e.withdrawnAt());
    }

    /** A self-assessment ({@code source: SELF}); others are not passed here. */
    @Transactional
    public void skillSelfAssessed(SkillAssessed e) {
        if (!fresh(e.recordedAt()) || erased.discardsUnderLock(e.employeeId(), e)) {
            return;
        }
        Optional<Person> employee = people.find(e.employeeId());
        if (employee.isEmpty()) {
            log.debug("Self-assessment of unknown employee {}: nobody to tell", e.employeeId());
            return;
        }
        String skill = names.skill(e.skillId());
        for (String recipient : recipients(employee.get())) {
            notifier.deliver(ClaimMessages.selfAssessed(e.employeeId(), e.skillId(), e.assessedOn(), recipient,
                    employee.get().displayName(), skill, e.proficiency(), e.recordedAt()));
        }
    }

    /**
     * A person's copy changed: announce their claims that waited for them (or for a manager). Runs synchronously in
     * {@link People#apply}'s transaction, under the person's lock, so a claim consumed at the same moment is either
     * seen here or sees the person itself.
     */
    @EventListener
    public void personChanged(PersonChanged changed) {
        for (Claim waiting : claims.unannounced(changed.person().employeeId())) {
            Claim after = announce(waiting);
            if (after.announced()) {
                claims.save(after);
            }
        }
    }

    private void decide(String employeeId, String achievementId, String certificationId, State state, Instant at) {
        Optional<Claim> known = claims.find(employeeId, achievementId);
        if (known.isEmpty()) {
            // a decision may arrive before the claim it names; the claim, when it comes, is not announced then
            claims.save(new Claim(employeeId, achievementId, certificationId, state, null, null, at, true));
            return;
        }
        Claim c = known.get();
        if (c.recordedAt() != null && at.isBefore(c.recordedAt())) {
            log.debug("Decision on {} predates its newest recording: the claim stays {}", achievementId, c.state());
            return;
        }
        Instant decidedAt = c.decidedAt() == null || at.isAfter(c.decidedAt()) ? at : c.decidedAt();
        claims.save(new Claim(employeeId, achievementId, c.certificationId(), state, c.recordedAt(), c.openedBy(),
                decidedAt, true));
    }

    /** Tells the manager and deputy about a pending, unannounced claim if they are known; else it keeps waiting. */
    private Claim announce(Claim c) {
        if (c.state() != State.PENDING || c.announced()) {
            return c;
        }
        if (!fresh(c.recordedAt())) {
            log.debug("Claim {} is older than {}: not announced", c.achievementId(), maxAge);
            return c.announcedNow();
        }
        Optional<Person> claimant = people.find(c.employeeId());
        List<String> recipients = claimant.map(this::recipients).orElse(List.of());
        if (recipients.isEmpty()) {
            log.info("Claim {} of {} waits: {}", c.achievementId(), c.employeeId(),
                    claimant.isEmpty() ? "the employee is not known yet" : "no manager or deputy");
            return c;
        }
        String certification = names.certification(c.certificationId());
        for (String recipient : recipients) {
            notifier.deliver(ClaimMessages.pending(c.openedBy(), recipient, claimant.get().displayName(),
                    certification, c.recordedAt()));
        }
        Notification forTeam = ClaimMessages.pendingForTeam(c.openedBy(), claimant.get().displayName(),
                certification, c.recordedAt());
        notifier.toTeam(claimant.get().teamId(), forTeam.id(), forTeam);
        return c.announcedNow();
    }

    private List<String> recipients(Person person) {
        return people.managersOf(person);
    }

    private String nameOf(String employeeId) {
        return people.find(employeeId).map(Person::displayName).orElse(null);
    }

    private boolean fresh(Instant at) {
        return at != null && !at.isBefore(clock.instant().minus(maxAge));
    }
}
