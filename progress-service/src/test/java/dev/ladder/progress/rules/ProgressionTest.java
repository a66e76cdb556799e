package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.fixtures.SeedTrack;
import dev.ladder.progress.support.TestLevels;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    /** entry → a (needs x) → b (needs y): a ladder only certifications climb. */
    static final CatalogVersionPublished LADDER = new CatalogVersionPublished("t", "T", 1, Instant.EPOCH,
            List.of(new Level("entry", 1, "Entry", 0, null, List.of()),
                    TestLevels.certificationsOnly("a", 2, List.of("x")),
                    TestLevels.certificationsOnly("b", 3, List.of("y"))),
            List.of(), List.of());

    @Test
    void everyoneStartsAtTheEntryLevelLookingAtTheNextOne() {
        Progression progression = Progression.evaluate(SeedTrack.version(1), 1, EmployeeState.empty(), TODAY)
                .orElseThrow();

        assertThat(progression.current().id()).isEqualTo("entry");
        assertThat(progression.advanced()).isEmpty();
        assertThat(progression.next().level().id()).isEqualTo("mid");
        assertThat(progression.readinessPercent()).isZero();
    }

    @Test
    void advancesWhileTheNextLevelIsComplete() {
        Progression one = Progression.evaluate(LADDER, 1, state("x"), TODAY).orElseThrow();
        assertThat(one.current().id()).isEqualTo("a");
        assertThat(one.advanced()).extracting(e -> e.level().id()).containsExactly("a");
        assertThat(one.next().level().id()).isEqualTo("b");
        assertThat(one.readinessPercent()).isZero();

        Progression top = Progression.evaluate(LADDER, 1, state("x", "y"), TODAY).orElseThrow();
        assertThat(top.current().id()).isEqualTo("b");
        assertThat(top.advanced()).extracting(e -> e.level().id()).containsExactly("a", "b");
        assertThat(top.next()).isNull();
        assertThat(top.readinessPercent()).isEqualTo(100);
    }

    @Test
    void aLevelOnceReachedIsKeptWhenItsRequirementsLapse() {
        Progression progression = Progression.evaluate(LADDER, 2, EmployeeState.empty(), TODAY).orElseThrow();

        assertThat(progression.current().id()).isEqualTo("a");
        assertThat(progression.advanced()).isEmpty();
        assertThat(progression.next().level().id()).isEqualTo("b");
    }

    @Test
    void aCatalogWithoutLevelsCannotBeEvaluated() {
        CatalogVersionPublished empty = new CatalogVersionPublished("t", "T", 1, Instant.EPOCH, List.of(), List.of(),
                List.of());

        assertThat(Progression.evaluate(empty, 1, EmployeeState.empty(), TODAY)).isEmpty();
    }

    static EmployeeState state(String... certifications) {
        EmployeeState state = EmployeeState.empty();
        for (String id : certifications) {
            state = state.withCertification(new HeldCertification(id, LocalDate.of(2025, 1, 1), null));
        }
        return state;
    }
}
