package dev.ladder.progress.expiry;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.readiness.EmployeeProgress;
import dev.ladder.progress.readiness.LevelRef;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.HeldCertification;
import dev.ladder.progress.rules.Progression;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryPlannerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final CatalogVersionPublished CATALOG = SeedTrack.version(1);
    static final EmployeeProgress ENTRY = new EmployeeProgress("e", SeedTrack.TRACK, 1,
            new LevelRef("entry", "Entry Level", 1), new LevelRef("mid", "Mid-Level", 2), 33, List.of(),
            Instant.EPOCH);

    @Test
    void onlyTheMostUrgentDueMilestoneInItsWindow() {
        assertThat(ids(91)).isEmpty();
        assertThat(ids(90)).containsExactly("e:CERTIFICATION_EXPIRING:ceh@" + TODAY.plusDays(90) + ":90");
        assertThat(ids(31)).containsExactly("e:CERTIFICATION_EXPIRING:ceh@" + TODAY.plusDays(31) + ":90");
        assertThat(ids(30)).containsExactly("e:CERTIFICATION_EXPIRING:ceh@" + TODAY.plusDays(30) + ":30");
        assertThat(ids(0)).containsExactly("e:CERTIFICATION_EXPIRED:ceh@" + TODAY + ":0");
        assertThat(ids(-29)).hasSize(1);
        assertThat(ids(-30)).isEmpty(); // old history is not announced
    }

    @Test
    void renewedOrRevokedCertificationsAreNotAnnounced() {
        HeldCertification lapsing = new HeldCertification("ceh", LocalDate.of(2024, 1, 1), TODAY.plusDays(10));
        HeldCertification renewal = new HeldCertification("ceh", TODAY.minusDays(5), TODAY.plusYears(3));
        assertThat(ExpiryPlanner.due(ENTRY, CATALOG, List.of(lapsing, renewal), TODAY, Instant.EPOCH)).isEmpty();
        assertThat(ExpiryPlanner.due(ENTRY, CATALOG, List.of(lapsing.revokedOn(TODAY.minusDays(1))), TODAY,
                Instant.EPOCH)).isEmpty();
    }

    @Test
    void aLapsedRequirementPutsTheHeldLevelAtRiskOrDemotesWhenTheCatalogSaysSo() {
        EmployeeState lapsed = EmployeeState.empty().withStartDate(LocalDate.of(2020, 1, 1))
                .withCertification(new HeldCertification("ceh", LocalDate.of(2021, 1, 1), TODAY.minusDays(1)))
                .withSkills(Map.of(), Map.of());
        Progression kept = Progression.evaluate(CATALOG, 2, lapsed, TODAY).orElseThrow();
        assertThat(kept.current().id()).isEqualTo("mid");
        assertThat(kept.atRisk()).isTrue();

        CatalogVersionPublished demoting = new CatalogVersionPublished(CATALOG.trackId(), CATALOG.trackName(), 2,
                CATALOG.publishedAt(), CATALOG.levels(), CATALOG.certifications(), CATALOG.skills(), true);
        Progression demoted = Progression.evaluate(demoting, 2, lapsed, TODAY).orElseThrow();
        assertThat(demoted.current().id()).isEqualTo("entry");
        assertThat(demoted.atRisk()).isFalse();
    }

    static List<String> ids(int daysLeft) {
        HeldCertification c = new HeldCertification("ceh", LocalDate.of(2023, 1, 1), TODAY.plusDays(daysLeft));
        return ExpiryPlanner.due(ENTRY, CATALOG, List.of(c), TODAY, Instant.EPOCH).stream()
                .map(MilestoneReached::milestoneId).toList();
    }
}
