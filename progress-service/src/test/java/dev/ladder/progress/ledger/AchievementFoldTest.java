package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.ExperiencePeriod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AchievementFoldTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    final List<LedgerEntry> entries = new ArrayList<>();

    @Test
    void onlyEntriesEffectiveOnOrBeforeTheDateCount() {
        add(EventType.CERTIFICATION_RECORDED, LocalDate.of(2026, 3, 1), cert("a1", LocalDate.of(2026, 3, 1)));
        add(EventType.SKILL_ASSESSED, LocalDate.of(2026, 6, 1), skill("python", 4, LocalDate.of(2026, 6, 1)));

        assertThat(state(LocalDate.of(2026, 2, 28)).certifications()).isEmpty();
        assertThat(state(LocalDate.of(2026, 2, 28)).skills()).isEmpty();
        assertThat(state(TODAY).certifications()).hasSize(1);
        assertThat(state(TODAY).skills()).containsEntry("python", 4);
    }

    @Test
    void aRejectionVoidsTheCertificationOnEveryDateARevocationFromItsEffectiveDate() {
        add(EventType.CERTIFICATION_RECORDED, LocalDate.of(2024, 1, 1), cert("a1", LocalDate.of(2024, 1, 1)));
        add(EventType.CERTIFICATION_RECORDED, LocalDate.of(2024, 1, 1), cert("a2", LocalDate.of(2024, 1, 1)));
        add(EventType.CERTIFICATION_REJECTED, LocalDate.of(2026, 6, 1), new CertificationRejected("a1", "e", "ceh",
                "mark", "fake", Instant.parse("2026-06-01T00:00:00Z")));
        add(EventType.CERTIFICATION_REVOKED, LocalDate.of(2025, 1, 1), new CertificationRevoked("a2", "e", "ceh",
                "withdrawn", LocalDate.of(2025, 1, 1), Instant.parse("2026-06-01T00:00:00Z")));

        assertThat(state(LocalDate.of(2024, 6, 1)).certifications()).singleElement()
                .satisfies(c -> assertThat(c.validOn(LocalDate.of(2024, 6, 1))).isTrue());
        assertThat(state(TODAY).certifications()).singleElement()
                .satisfies(c -> assertThat(c.validOn(TODAY)).isFalse());
    }

    @Test
    void theLatestAssessmentByAssessedOnWinsWhateverTheRecordingOrder() {
        add(EventType.SKILL_ASSESSED, LocalDate.of(2026, 9, 1), skill("python", 2, LocalDate.of(2026, 9, 1)));
        add(EventType.SKILL_ASSESSED, LocalDate.of(2026, 5, 1), skill("python", 5, LocalDate.of(2026, 5, 1)));

        assertThat(state(TODAY).skills()).containsEntry("python", 2);
        assertThat(state(LocalDate.of(2026, 8, 1)).skills()).containsEntry("python", 5);
    }

    @Test
    void experiencePeriodsMergeWithTheTimeSinceTheStartDate() {
        add(EventType.EXPERIENCE_RECORDED, LocalDate.of(2018, 1, 1), new ExperienceRecorded("x1", "e",
                LocalDate.of(2018, 1, 1), LocalDate.of(2020, 1, 1), "before", Instant.now()));
        add(EventType.EXPERIENCE_RECORDED, LocalDate.of(2019, 1, 1), new ExperienceRecorded("x2", "e",
                LocalDate.of(2019, 1, 1), LocalDate.of(2021, 1, 1), "overlapping", Instant.now()));
        EmployeeState state = AchievementFold.stateOn(entries, LocalDate.of(2024, 9, 1), TODAY);

        // 2018-01-01..2021-01-01 (3 years) + 2024-09-01..today (2 years 2 months) = 5 years
        assertThat(ExperiencePeriod.wholeYears(state.allExperience(), TODAY)).isEqualTo(5);
    }

    @Test
    void aSinglePeriodCountsCalendarYearsLikeTheStartDateAlways() {
        assertThat(ExperiencePeriod.wholeYears(List.of(new ExperiencePeriod(LocalDate.of(2024, 9, 1), null)), TODAY))
                .isEqualTo(2);
        assertThat(ExperiencePeriod.wholeYears(List.of(new ExperiencePeriod(LocalDate.of(2023, 11, 25), null)),
                TODAY)).isEqualTo(3);
        assertThat(ExperiencePeriod.wholeYears(List.of(new ExperiencePeriod(LocalDate.of(2027, 1, 1), null)),
                TODAY)).isZero();
    }

    void add(EventType type, LocalDate effective, Object event) {
        entries.add(new LedgerEntry(entries.size() + 1, "id-" + entries.size(), type.id(), effective, event));
    }

    EmployeeState state(LocalDate on) {
        return AchievementFold.stateOn(entries, null, on);
    }

    static CertificationRecorded cert(String id, LocalDate issued) {
        return new CertificationRecorded(id, "e", "ceh", "C-" + id, null, issued, null, Instant.now());
    }

    static SkillAssessed skill(String skill, int proficiency, LocalDate on) {
        return new SkillAssessed("s-" + on, "e", skill, proficiency, SkillAssessed.Source.SELF, "e", on,
                Instant.now());
    }
}
