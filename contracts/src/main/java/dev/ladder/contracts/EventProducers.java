package dev.ladder.contracts;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who may publish what, by {@code ce_source}: the one place consumers learn whether a record may be applied. Anyone
 * who can write a topic can put any {@code ce_type} on it, so the type alone proves nothing — an
 * {@code EmployeeUpdated} naming someone as manager would hand them that person's progress, a
 * {@code MilestoneReached} would write into anyone's feed, a {@code SkillAssessed} claiming {@code MANAGER} would
 * count as verified.
 * <p>
 * Each type has one Ladder service that publishes it ({@code /ladder/<spring.application.name>}, as the kit's outbox
 * writes it). Only on {@code ladder.achievements.v1}, the public topic, may configured external producers (an LMS,
 * a credential issuer) publish too, and only what such a system can know first-hand: certifications it issued or
 * recorded, their revocation, and formal assessments. Decisions taken inside Ladder — a manager verifying, rejecting
 * or assessing, an employee declaring or withdrawing a claim, experience, placements — come from profile-service
 * alone.
 *
 * <pre>
 * type                                   Ladder producer   configured external producers
 * CatalogVersionPublished                catalog-service   -
 * EmployeeUpdated, EmployeeErased        profile-service   -
 * MilestoneReached, TrackReevaluated     progress-service  -
 * CertificationRecorded                  profile-service   yes, with "source" ISSUER or none (never SELF)
 * CertificationRevoked                   profile-service   yes
 * SkillAssessed                          profile-service   yes, with "source" ASSESSMENT only
 * CertificationVerified, ...Rejected,    profile-service   -
 * ...Withdrawn, ExperienceRecorded,
 * ExperienceWithdrawn, LevelPlaced
 * </pre>
 */
public final class EventProducers {

    public static final String CATALOG_SERVICE = ladderService("catalog-service");
    public static final String PROFILE_SERVICE = ladderService("profile-service");
    public static final String PROGRESS_SERVICE = ladderService("progress-service");

    private static final Map<EventType, Rule> RULES = rules(
            ladderOnly(EventType.CATALOG_VERSION_PUBLISHED, CATALOG_SERVICE),
            ladderOnly(EventType.EMPLOYEE_UPDATED, PROFILE_SERVICE),
            ladderOnly(EventType.EMPLOYEE_ERASED, PROFILE_SERVICE),
            ladderOnly(EventType.MILESTONE_REACHED, PROGRESS_SERVICE),
            ladderOnly(EventType.TRACK_REEVALUATED, PROGRESS_SERVICE),
            // an issuer's or LMS's record; SELF is the employee's own declaration, made in Ladder's portal and
            // verified there by their manager — an external SELF claim could never be verified by anyone
            alsoExternal(EventType.CERTIFICATION_RECORDED, "with \"source\" ISSUER or none, never SELF",
                    event -> ((CertificationRecorded) event).source() != CertificationRecorded.Source.SELF),
            // the issuer withdrawing what it issued
            alsoExternal(EventType.CERTIFICATION_REVOKED, "whatever its payload", event -> true),
            // a formal assessment; SELF and MANAGER are people's judgements entered in Ladder
            alsoExternal(EventType.SKILL_ASSESSED, "with \"source\" ASSESSMENT only",
                    event -> ((SkillAssessed) event).source() == SkillAssessed.Source.ASSESSMENT),
            // decisions of a manager or the employee, taken in Ladder
            ladderOnly(EventType.CERTIFICATION_VERIFIED, PROFILE_SERVICE),
            ladderOnly(EventType.CERTIFICATION_REJECTED, PROFILE_SERVICE),
            ladderOnly(EventType.CERTIFICATION_WITHDRAWN, PROFILE_SERVICE),
            ladderOnly(EventType.EXPERIENCE_RECORDED, PROFILE_SERVICE),
            ladderOnly(EventType.EXPERIENCE_WITHDRAWN, PROFILE_SERVICE),
            ladderOnly(EventType.LEVEL_PLACED, PROFILE_SERVICE));

    private final Set<String> externalProducers;

    /** @param externalProducers the {@code ce_source}s of the outside systems allowed on the public topic */
    public EventProducers(Collection<String> externalProducers) {
        this.externalProducers = externalProducers.stream().map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The {@code ce_source} of a Ladder service's events. */
    public static String ladderService(String applicationName) {
        return "/ladder/" + applicationName;
    }

    /** The Ladder service that publishes this type. */
    public static String ladderProducer(EventType type) {
        return RULES.get(type).ladderProducer();
    }

    /** Whether external producers may ever publish this type (for some payloads: see {@link #refusal}). */
    public static boolean openToExternalProducers(EventType type) {
        return RULES.get(type).external() != null;
    }

    public Set<String> externalProducers() {
        return externalProducers;
    }

    /**
     * @return why {@code source} may not publish {@code event} (naming the source and the type), or null when it may
     */
    public String refusal(String source, EventType type, LadderEvent event) {
        Rule rule = RULES.get(type);
        if (rule.ladderProducer().equals(source)) {
            return null;
        }
        boolean external = externalProducers.contains(source);
        if (external && rule.external() != null) {
            return rule.external().test(event) ? null
                    : "ce_source '" + source + "' is an external producer: it may publish " + type.id() + " "
                    + rule.externalCondition() + " (" + payloadSource(event) + ")";
        }
        String allowed = rule.external() == null ? "only " + rule.ladderProducer() + " may"
                : "only " + rule.ladderProducer() + " and the configured external producers may";
        return "ce_source '" + source + "' may not publish " + type.id() + ": " + allowed
                + (external ? " (external producers never may)" : "");
    }

    private static String payloadSource(LadderEvent event) {
        Object claimed = event instanceof CertificationRecorded c ? c.source()
                : event instanceof SkillAssessed s ? s.source() : null;
        return "the payload's \"source\" is " + (claimed == null ? "absent" : claimed);
    }

    private record Rule(EventType type, String ladderProducer, Predicate<LadderEvent> external,
                        String externalCondition) {
    }

    private static Rule ladderOnly(EventType type, String producer) {
        return new Rule(type, producer, null, null);
    }

    /** Achievements profile-service publishes and external producers may too, for payloads {@code allowed} accepts. */
    private static Rule alsoExternal(EventType type, String condition, Predicate<LadderEvent> allowed) {
        return new Rule(type, PROFILE_SERVICE, allowed, condition);
    }

    private static Map<EventType, Rule> rules(Rule... rules) {
        Map<EventType, Rule> byType = new EnumMap<>(EventType.class);
        for (Rule rule : rules) {
            if (byType.put(rule.type(), rule) != null) {
                throw new IllegalStateException("Two producer rules for " + rule.type());
            }
            if (rule.external() != null && !Topics.ACHIEVEMENTS.equals(rule.type().topic())) {
                throw new IllegalStateException("External producers write only " + Topics.ACHIEVEMENTS);
            }
        }
        List<EventType> missing = Arrays.stream(EventType.values()).filter(t -> !byType.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            // a new type must say who publishes it, or every consumer would refuse (or accept) it by accident
            throw new IllegalStateException("No producer rule for " + missing);
        }
        return byType;
    }

    @Override
    public String toString() {
        return "EventProducers" + Objects.toString(externalProducers);
    }
}
