package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.fixtures.SeedTrack;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RulesEngineTest {

    static final CatalogVersionPublished CATALOG = SeedTrack.version(1);
    static final Level MID = CATALOG.levels().stream().filter(l -> l.id().equals("mid")).findFirst().orElseThrow();
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final LocalDate ALICE_START = LocalDate.of(2024, 9, 1);

    final RulesEngine engine = new RulesEngine(CATALOG);

    @Test
    void nothingAchievedIsZeroPercentWithEveryGroupUnmet() {
        LevelEvaluation mid = engine.evaluate(MID, EmployeeState.empty().withStartDate(ALICE_START), TODAY);

        assertThat(mid.readinessPercent()).isZero();
        assertThat(mid.groups()).extracting(GroupResult::id)
                .containsExactly("mid-certifications", "mid-skills", "mid-experience");
        assertThat(mid.groups()).noneMatch(GroupResult::met);
        assertThat(mid.groups().get(2).items().get(0).detail()).isEqualTo("2 years since 2024-09-01");
    }

    @Test
    void securityPlusMeetsTheCertificationGroupAndMakesAThird() {
        EmployeeState alice = EmployeeState.empty().withStartDate(ALICE_START)
                .withCertification(new HeldCertification("comptia-security-plus", LocalDate.of(2026, 3, 1),
                        LocalDate.of(2029, 3, 1)));

        LevelEvaluation mid = engine.evaluate(MID, alice, TODAY);

        assertThat(mid.readinessPercent()).isEqualTo(33);
        GroupResult certifications = mid.groups().get(0);
        assertThat(certifications.met()).isTrue();
        assertThat(certifications.required()).isEqualTo(1);
        assertThat(certifications.metCount()).isEqualTo(1);
        assertThat(certifications.items().get(0)).isEqualTo(new ItemResult(RequirementType.CERTIFICATION,
                "comptia-security-plus", "CompTIA Security+", true, "issued 2026-03-01, valid until 2029-03-01",
                ItemResult.Status.MET, LocalDate.of(2026, 3, 1)));
        assertThat(certifications.items().get(1).detail()).isEqualTo("not recorded yet");
    }

    @Test
    void aCertificationCountsFromItsIssueDayUntilTheDayBeforeItExpires() {
        HeldCertification held = new HeldCertification("ceh", LocalDate.of(2025, 1, 10), LocalDate.of(2026, 1, 10));

        assertThat(held.validOn(LocalDate.of(2025, 1, 9))).isFalse();
        assertThat(held.validOn(LocalDate.of(2025, 1, 10))).isTrue();
        assertThat(held.validOn(LocalDate.of(2026, 1, 9))).isTrue();
        assertThat(held.validOn(LocalDate.of(2026, 1, 10))).isFalse();
        assertThat(new HeldCertification("ceh", LocalDate.of(2025, 1, 10), null).validOn(LocalDate.of(2099, 1, 1)))
                .isTrue();
    }

    @Test
    void anExpiredCertificationIsExplained() {
        EmployeeState state = EmployeeState.empty()
                .withCertification(new HeldCertification("ceh", LocalDate.of(2022, 1, 10), LocalDate.of(2025, 1, 10)));

        GroupResult certifications = engine.evaluate(MID, state, TODAY).groups().get(0);

        assertThat(certifications.met()).isFalse();
        assertThat(certifications.items().get(1).detail()).isEqualTo("expired on 2025-01-10");
    }

    @Test
    void experienceIsWholeYearsSinceTheStartDate() {
        EmployeeState alice = EmployeeState.empty().withStartDate(ALICE_START);

        assertThat(engine.evaluate(MID, alice, LocalDate.of(2027, 8, 31)).groups().get(2).met()).isFalse();
        assertThat(engine.evaluate(MID, alice, LocalDate.of(2027, 9, 1)).groups().get(2).met()).isTrue();
        assertThat(engine.evaluate(MID, EmployeeState.empty(), TODAY).groups().get(2).items().get(0))
                .extracting(ItemResult::met, ItemResult::detail).containsExactly(false, "start date not known");
    }

    @Test
    void everyGroupMetIsExactlyOneHundred() {
        Map<String, Integer> skills = new java.util.HashMap<>();
        MID.requirements().get(1).items().forEach(item -> skills.put(item.ref(), 3));
        EmployeeState ready = new EmployeeState(LocalDate.of(2020, 1, 1),
                List.of(new HeldCertification("ceh", LocalDate.of(2024, 1, 1), null)), skills);

        assertThat(engine.evaluate(MID, ready, TODAY).readinessPercent()).isEqualTo(100);

        skills.put(MID.requirements().get(1).items().get(0).ref(), 2); // one skill below proficiency 3
        LevelEvaluation almost = engine.evaluate(MID, new EmployeeState(ready.startDate(), ready.certifications(),
                skills), TODAY);
        assertThat(almost.readinessPercent()).isEqualTo(94); // (1 + 5/6 + 1) / 3
    }

    @Test
    void nOfMNeedsItsNumberAndAllOfNeedsEveryItemWhateverRequiredSays() {
        List<Requirement> three = List.of(cert("a"), cert("b"), cert("c"));
        Level level = new Level("l", 2, "L", 0, null, List.of(
                new RequirementGroup("two", null, GroupKind.N_OF_M, 2, three),
                new RequirementGroup("all", null, GroupKind.ALL_OF, 1, three)));
        EmployeeState one = EmployeeState.empty()
                .withCertification(new HeldCertification("a", LocalDate.of(2020, 1, 1), null));

        LevelEvaluation evaluation = engine.evaluate(level, one, TODAY);

        assertThat(evaluation.groups()).extracting(GroupResult::required, GroupResult::metCount, GroupResult::met)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 1, false),
                        org.assertj.core.groups.Tuple.tuple(3, 1, false));
        assertThat(evaluation.readinessPercent()).isEqualTo(41); // (1/2 + 1/3) / 2 = 41.67
    }

    @Test
    void aLevelWithoutRequirementsIsFullyReady() {
        assertThat(engine.evaluate(CATALOG.levels().get(0), EmployeeState.empty(), TODAY).readinessPercent())
                .isEqualTo(100);
    }

    static Requirement cert(String id) {
        return new Requirement(RequirementType.CERTIFICATION, id, null, null);
    }
}
