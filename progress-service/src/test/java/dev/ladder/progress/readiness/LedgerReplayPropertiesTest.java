package dev.ladder.progress.readiness;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.rules.LevelEvaluation;
import dev.ladder.progress.rules.Progression;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass replay gives exactly what the plain definition gives: fold the whole ledger again for every effective
 * date up to the day and evaluate the full rules there, carrying the level reached. Histories hold every kind of
 * achievement event: corrections (the same achievementId or experienceId again, with another recordedAt),
 * withdrawals, verifications, self-declared claims, placements (on this track and another), under every
 * verification policy (none, i.e. legacy, included).
 */
class LedgerReplayPropertiesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final List<String> CERTIFICATIONS = List.of("c1", "c2", "c3", "c4", "c5");
    static final List<String> SKILLS = List.of("s1", "s2", "s3");

    @Property(tries = 1000)
    void theOnePassReplayEqualsTheDayByDayDefinition(@ForAll("histories") List<LedgerEntry> history,
                                                     @ForAll boolean demotes,
                                                     @ForAll @IntRange(min = 1, max = 4) int heldRank,
                                                     @ForAll("days") LocalDate on,
                                                     @ForAll("startDates") LocalDate startDate,
                                                     @ForAll("policies") VerificationPolicy policy) {
        CatalogVersionPublished catalog = catalog(demotes, policy);

        Optional<Progression> fast = LedgerReplay.on(catalog, history, startDate, on, heldRank);
        Optional<Progression> reference = dayByDay(catalog, history, startDate, on, heldRank);

        assertThat(fast).isEqualTo(reference);
    }

    /** The definition, as progress-service first implemented it: O(days × entries). */
    static Optional<Progression> dayByDay(CatalogVersionPublished catalog, List<LedgerEntry> entries,
                                          LocalDate startDate, LocalDate on, int heldRank) {
        TreeSet<LocalDate> days = new TreeSet<>();
        entries.stream().map(LedgerEntry::effectiveDate).filter(d -> !d.isAfter(on)).forEach(days::add);
        days.add(on);
        int rank = heldRank;
        List<LevelEvaluation> advanced = new ArrayList<>();
        Progression last = null;
        for (LocalDate day : days) {
            Optional<Progression> progression = Progression.evaluate(catalog, rank,
                    AchievementFold.stateOn(entries, startDate, day, catalog.verificationPolicy()), day);
            if (progression.isEmpty()) {
                return progression;
            }
            last = progression.get();
            advanced.addAll(last.advanced());
            rank = last.current().rank();
        }
        return Optional.of(new Progression(last.current(), advanced, last.next(), last.atRisk()));
    }

    static CatalogVersionPublished catalog(boolean demotes) {
        return catalog(demotes, null);
    }

    /** @param policy null: a version published before policies existed (legacy) */
    static CatalogVersionPublished catalog(boolean demotes, VerificationPolicy policy) {
        Level entry = new Level("entry", 1, "Entry", 0, 2, List.of());
        Level mid = new Level("mid", 2, "Mid", 3, 5, List.of(
                group("mid-certs", GroupKind.ANY_OF, 1, cert("c1"), cert("c2")),
                group("mid-skills", GroupKind.ALL_OF, 1, skill("s1", 3)),
                group("mid-years", GroupKind.ALL_OF, 1, years(2))));
        Level senior = new Level("senior", 3, "Senior", 6, 10, List.of(
                group("senior-certs", GroupKind.ANY_OF, 1, cert("c3"), cert("c4")),
                group("senior-skills", GroupKind.N_OF_M, 2, skill("s1", 4), skill("s2", 3), skill("s3", 3)),
                group("senior-years", GroupKind.ALL_OF, 1, years(5))));
        Level executive = new Level("executive", 4, "Executive", 10, null, List.of(
                group("executive-certs", GroupKind.ALL_OF, 1, cert("c5")),
                group("executive-skills", GroupKind.ALL_OF, 1, skill("s3", 5)),
                group("executive-years", GroupKind.ALL_OF, 1, years(8))));
        return new CatalogVersionPublished("t", "T", 1, Instant.EPOCH, List.of(executive, entry, senior, mid),
                CERTIFICATIONS.stream().map(c -> new CatalogVersionPublished.Certification(c, c.toUpperCase(), 36))
                        .toList(),
                SKILLS.stream().map(s -> new CatalogVersionPublished.Skill(s, s.toUpperCase())).toList(), demotes,
                policy);
    }

    static RequirementGroup group(String id, GroupKind kind, int required, Requirement... items) {
        return new RequirementGroup(id, id, kind, required, List.of(items));
    }

    static Requirement cert(String id) {
        return new Requirement(RequirementType.CERTIFICATION, id, null, null);
    }

    static Requirement skill(String id, int min) {
        return new Requirement(RequirementType.SKILL, id, min, null);
    }

    static Requirement years(int min) {
        return new Requirement(RequirementType.EXPERIENCE, null, null, min);
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(-2500, 300).map(TODAY::plusDays);
    }

    @Provide
    Arbitrary<VerificationPolicy> policies() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as(VerificationPolicy::new).injectNull(0.25);
    }

    @Provide
    Arbitrary<LocalDate> startDates() {
        return Arbitraries.integers().between(-5000, 100).map(TODAY::plusDays).injectNull(0.1);
    }

    /** Random events in random recording order, then stored as the ledger keeps them: by date, then sequence. */
    @Provide
    Arbitrary<List<LedgerEntry>> histories() {
        return event().list().ofMaxSize(40).map(events -> {
            List<LedgerEntry> entries = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                Object event = events.get(i);
                entries.add(new LedgerEntry(i + 1, "e" + i, type(event).id(), effectiveDate(event), event));
            }
            entries.sort(Comparator.comparing(LedgerEntry::effectiveDate).thenComparingLong(LedgerEntry::sequence));
            return entries;
        });
    }

    Arbitrary<Object> event() {
        Arbitrary<LocalDate> date = days();
        Arbitrary<String> achievement = Arbitraries.of("a1", "a2", "a3", "a4", "a5", "a6");
        // recordedAt within a few seconds: corrections of one id are newer, older or equally new
        Arbitrary<Instant> recordedAt = Arbitraries.integers().between(0, 3).map(Instant.EPOCH::plusSeconds);
        Arbitrary<Object> recorded = Combinators.combine(achievement, Arbitraries.of(CERTIFICATIONS), date,
                        Arbitraries.integers().between(-1, 1200), recordedAt,
                        Arbitraries.of(CertificationRecorded.Source.class).injectNull(0.3))
                .as((id, cert, issued, days, at, source) -> new CertificationRecorded(id, "x", cert, "C-" + id, null,
                        issued, days < 0 ? null : issued.plusDays(days + 1), at, source));
        Arbitrary<Object> verified = Combinators.combine(achievement, date).as((id, on) ->
                new CertificationVerified(id, "x", "c1", "m", on.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        Arbitrary<Object> withdrawn = achievement.map(id -> new CertificationWithdrawn(id, "x", "c1", "x", "oops",
                Instant.parse("2026-02-01T00:00:00Z")));
        Arbitrary<Object> experienceWithdrawn = Arbitraries.of("x1", "x2").map(id -> new ExperienceWithdrawn(id, "x",
                "x", Instant.parse("2026-03-01T00:00:00Z")));
        Arbitrary<Object> placed = Combinators.combine(Arbitraries.of("p1", "p2"), Arbitraries.of("t", "t", "other"),
                        Arbitraries.of("entry", "mid", "senior", "executive", "gone"), date)
                .as((id, track, level, on) -> new LevelPlaced(id, "x", track, level, on, "joined", "hr",
                        Instant.EPOCH));
        Arbitrary<Object> rejected = achievement.map(id -> new CertificationRejected(id, "x", "c1", "m", "no",
                Instant.parse("2026-01-01T00:00:00Z")));
        Arbitrary<Object> revoked = Combinators.combine(achievement, date).as((id, on) ->
                new CertificationRevoked(id, "x", "c1", "withdrawn", on, Instant.EPOCH));
        Arbitrary<Object> assessed = Combinators.combine(Arbitraries.of(SKILLS), Arbitraries.integers().between(1, 5),
                        date, Arbitraries.integers().between(0, 3))
                .as((skill, level, on, second) -> new SkillAssessed("s", "x", skill, level,
                        second == 0 ? SkillAssessed.Source.SELF : SkillAssessed.Source.ASSESSMENT, "m", on,
                        Instant.EPOCH.plusSeconds(second)));
        Arbitrary<Object> experience = Combinators.combine(Arbitraries.of("x1", "x2"), date,
                        Arbitraries.integers().between(-1, 2000), recordedAt)
                .as((id, from, days, at) -> new ExperienceRecorded(id, "x", from,
                        days < 0 ? null : from.plusDays(days + 1), "before", at));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, recorded), net.jqwik.api.Tuple.of(1, rejected),
                net.jqwik.api.Tuple.of(1, revoked), net.jqwik.api.Tuple.of(4, assessed),
                net.jqwik.api.Tuple.of(2, experience), net.jqwik.api.Tuple.of(2, verified),
                net.jqwik.api.Tuple.of(1, withdrawn), net.jqwik.api.Tuple.of(1, experienceWithdrawn),
                net.jqwik.api.Tuple.of(1, placed));
    }

    static EventType type(Object event) {
        return EventType.of(event.getClass());
    }

    static LocalDate effectiveDate(Object event) {
        if (event instanceof CertificationRecorded c) {
            return c.issuedOn();
        } else if (event instanceof CertificationRejected r) {
            return LocalDate.ofInstant(r.rejectedAt(), java.time.ZoneOffset.UTC);
        } else if (event instanceof CertificationRevoked r) {
            return r.effectiveOn();
        } else if (event instanceof SkillAssessed s) {
            return s.assessedOn();
        } else if (event instanceof CertificationVerified v) {
            return LocalDate.ofInstant(v.verifiedAt(), java.time.ZoneOffset.UTC);
        } else if (event instanceof CertificationWithdrawn w) {
            return LocalDate.ofInstant(w.withdrawnAt(), java.time.ZoneOffset.UTC);
        } else if (event instanceof ExperienceWithdrawn w) {
            return LocalDate.ofInstant(w.withdrawnAt(), java.time.ZoneOffset.UTC);
        } else if (event instanceof LevelPlaced p) {
            return p.effectiveOn();
        }
        return ((ExperienceRecorded) event).startedOn();
    }
}
