package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness over arbitrary levels, histories and dates (Level rules v1). */
class ReadinessPropertiesTest {

    static final List<String> CERTIFICATIONS = List.of("c1", "c2", "c3", "c4", "c5", "c6");
    static final List<String> SKILLS = List.of("s1", "s2", "s3");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final RulesEngine ENGINE = new RulesEngine(new CatalogVersionPublished("t", "T", 1, Instant.EPOCH,
            List.of(), List.of(), List.of()));

    @Property(tries = 500)
    void readinessIsAPercentAndOneHundredExactlyWhenEveryGroupIsMet(@ForAll("levels") Level level,
                                                                     @ForAll("states") EmployeeState state) {
        LevelEvaluation evaluation = ENGINE.evaluate(level, state, TODAY);

        assertThat(evaluation.readinessPercent()).isBetween(0, 100);
        assertThat(evaluation.readinessPercent() == 100)
                .isEqualTo(evaluation.groups().stream().allMatch(GroupResult::met));
    }

    @Property(tries = 500)
    void aValidCertificationNeverLowersReadiness(@ForAll("levels") Level level, @ForAll("states") EmployeeState state,
                                                 @ForAll("validToday") HeldCertification added) {
        int before = ENGINE.evaluate(level, state, TODAY).readinessPercent();
        int after = ENGINE.evaluate(level, state.withCertification(added), TODAY).readinessPercent();

        assertThat(after).isGreaterThanOrEqualTo(before);
    }

    @Property(tries = 1000)
    void theQuickCompletenessCheckAgreesWithTheFullEvaluation(@ForAll("levels") Level level,
                                                              @ForAll("states") EmployeeState state,
                                                              @ForAll("days") LocalDate on) {
        assertThat(ENGINE.complete(level, state, on)).isEqualTo(ENGINE.evaluate(level, state, on).complete());
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return dates();
    }

    @Provide
    Arbitrary<Level> levels() {
        return group().list().ofMinSize(0).ofMaxSize(4)
                .map(groups -> new Level("l", 2, "L", 0, null, groups));
    }

    Arbitrary<RequirementGroup> group() {
        Arbitrary<List<Requirement>> items = requirement().list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(Arbitraries.of(GroupKind.class), items, Arbitraries.integers().between(1, 5))
                .as((kind, list, required) -> new RequirementGroup("g", null, kind, Math.min(required, list.size()),
                        list));
    }

    Arbitrary<Requirement> requirement() {
        return Arbitraries.oneOf(
                Arbitraries.of(CERTIFICATIONS).map(c -> new Requirement(RequirementType.CERTIFICATION, c, null, null)),
                Combinators.combine(Arbitraries.of(SKILLS), Arbitraries.integers().between(1, 5))
                        .as((s, p) -> new Requirement(RequirementType.SKILL, s, p, null)),
                Arbitraries.integers().between(0, 12)
                        .map(y -> new Requirement(RequirementType.EXPERIENCE, null, null, y)));
    }

    @Provide
    Arbitrary<EmployeeState> states() {
        Arbitrary<LocalDate> start = dates().injectNull(0.2);
        Arbitrary<List<HeldCertification>> held = anyCertification().list().ofMaxSize(6);
        Arbitrary<Map<String, Integer>> skills = Arbitraries.maps(Arbitraries.of(SKILLS),
                Arbitraries.integers().between(1, 5)).ofMaxSize(3);
        return Combinators.combine(start, held, skills).as(EmployeeState::new);
    }

    Arbitrary<HeldCertification> anyCertification() {
        return Combinators.combine(Arbitraries.of(CERTIFICATIONS), dates(), Arbitraries.integers().between(-1, 2000))
                .as((id, issued, days) -> new HeldCertification(id, issued, days < 0 ? null : issued.plusDays(days)));
    }

    @Provide
    Arbitrary<HeldCertification> validToday() {
        return Combinators.combine(Arbitraries.of(CERTIFICATIONS), Arbitraries.integers().between(0, 3000),
                        Arbitraries.integers().between(-1, 3000))
                .as((id, ago, left) -> new HeldCertification(id, TODAY.minusDays(ago),
                        left < 0 ? null : TODAY.plusDays(left + 1)));
    }

    static Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(-6000, 400).map(TODAY::plusDays);
    }
}
