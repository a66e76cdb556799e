package dev.ladder.catalog.validation;

import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.catalog.rules.LevelRulesV1;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackContent.Level;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.kit.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrackValidatorTest {

    private final TrackContent seed = TrackDocuments.fromRoadmap(SeedRoadmap.parsed(),
            LevelRulesV1.derive(SeedRoadmap.parsed()));

    @Test
    void theSeedIsValid() {
        assertThat(TrackValidator.problems(seed)).isEmpty();
    }

    @Test
    void everyProblemIsListedWithItsPath() {
        List<Level> levels = new ArrayList<>(seed.levels());
        Level entry = levels.get(0);
        levels.set(0, new Level(entry.id(), entry.rank(), entry.name(), 5, 2, entry.jobTitles(),
                entry.responsibilities(), List.of(entry.skills().get(0), entry.skills().get(0)),
                List.of(new TrackContent.SalaryBand("europe", "Europe", "EUR", 90, 80L, false),
                        new TrackContent.SalaryBand("mars", "Mars", "ZZZ", 1, 2L, false)),
                entry.kpis(), entry.requirements()));
        List<TrackContent.Certification> certifications = new ArrayList<>(seed.certifications());
        certifications.add(certifications.get(0));
        TrackContent broken = new TrackContent(seed.id(), seed.name(), seed.summary(), levels, certifications,
                seed.sections(), seed.pathwayPosition(), false);

        assertThat(TrackValidator.problems(broken)).extracting(FieldProblem::field).contains(
                "levels[0].maxYears", "levels[0].skills[1].id", "levels[0].salaryBands[0].min",
                "levels[0].salaryBands[1].currency", "certifications[12].id");
    }
}
