package dev.ladder.progress.milestone;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.TestLevels;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.HeldCertification;
import dev.ladder.progress.rules.Progression;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MilestonePlannerTest {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void securityPlusTakesAliceAcrossTwentyFivePercent() {
        Progression progression = evaluate(SeedTrack.version(1), 1, securityPlus());

        List<MilestoneReached> milestones = MilestonePlanner.plan(ALICE, SeedTrack.TRACK, "mid", 0, progression, NOW);

        assertThat(milestones).containsExactly(new MilestoneReached(
                ALICE + ":READINESS_THRESHOLD_CROSSED:mid:25", ALICE, MilestoneKind.READINESS_THRESHOLD_CROSSED,
                SeedTrack.TRACK, "mid", "Mid-Level", 33, 25, "You are now 33% ready for Mid-Level", NOW));
    }

    @Test
    void nothingNewIsReachedWhenReadinessDoesNotRiseAcrossAThreshold() {
        Progression progression = evaluate(SeedTrack.version(1), 1, securityPlus());

        assertThat(MilestonePlanner.plan(ALICE, SeedTrack.TRACK, "mid", 33, progression, NOW)).isEmpty();
        assertThat(MilestonePlanner.plan(ALICE, SeedTrack.TRACK, "mid", 50, progression, NOW)).isEmpty();
    }

    @Test
    void aNewNextLevelStartsFromZero() {
        Progression progression = evaluate(SeedTrack.version(1), 1, securityPlus());

        assertThat(MilestonePlanner.plan(ALICE, SeedTrack.TRACK, "senior", 90, progression, NOW))
                .extracting(MilestoneReached::threshold).containsExactly(25);
    }

    @Test
    void advancingAnnouncesEveryThresholdTheLevelAndTheNextLevelsProgress() {
        CatalogVersionPublished ladder = new CatalogVersionPublished("t", "T", 1, Instant.EPOCH,
                List.of(new Level("entry", 1, "Entry", 0, null, List.of()),
                        TestLevels.certificationsOnly("a", 2, List.of("x")),
                        new Level("b", 3, "B", 0, null, List.of(
                                TestLevels.certificationsOnly("b", 3, List.of("y")).requirements().get(0),
                                TestLevels.certificationsOnly("b2", 3, List.of("z")).requirements().get(0)))),
                List.of(), List.of());
        EmployeeState state = EmployeeState.empty()
                .withCertification(new HeldCertification("x", LocalDate.of(2025, 1, 1), null))
                .withCertification(new HeldCertification("y", LocalDate.of(2025, 1, 1), null));

        List<MilestoneReached> milestones = MilestonePlanner.plan(ALICE, "t", "a", 0, evaluate(ladder, 1, state), NOW);

        assertThat(milestones).extracting(MilestoneReached::milestoneId).containsExactly(
                ALICE + ":READINESS_THRESHOLD_CROSSED:a:25",
                ALICE + ":READINESS_THRESHOLD_CROSSED:a:50",
                ALICE + ":READINESS_THRESHOLD_CROSSED:a:75",
                ALICE + ":READINESS_THRESHOLD_CROSSED:a:100",
                ALICE + ":LEVEL_ADVANCED:a:100",
                ALICE + ":READINESS_THRESHOLD_CROSSED:b:25",
                ALICE + ":READINESS_THRESHOLD_CROSSED:b:50");
        assertThat(milestones.get(4).message()).isEqualTo("Congratulations! You reached a");
        assertThat(milestones.get(0).message()).isEqualTo("You passed 25% readiness for a");
        assertThat(milestones.get(6).message()).isEqualTo("You are now 50% ready for B");
    }

    @Test
    void crossedMeansStrictlyBelowBeforeAndReachedAfter() {
        assertThat(MilestonePlanner.crossed(0, 24)).isEmpty();
        assertThat(MilestonePlanner.crossed(24, 25)).containsExactly(25);
        assertThat(MilestonePlanner.crossed(25, 49)).isEmpty();
        assertThat(MilestonePlanner.crossed(0, 100)).containsExactly(25, 50, 75, 100);
        assertThat(MilestonePlanner.crossed(80, 10)).isEmpty();
    }

    static Progression evaluate(CatalogVersionPublished catalog, int rank, EmployeeState state) {
        return Progression.evaluate(catalog, rank, state, TODAY).orElseThrow();
    }

    static EmployeeState securityPlus() {
        return EmployeeState.empty().withStartDate(LocalDate.of(2024, 9, 1)).withCertification(
                new HeldCertification("comptia-security-plus", LocalDate.of(2026, 3, 1), null));
    }
}
