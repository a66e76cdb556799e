package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.RoadmapFormatException.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ParserProblemsTest {

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() {
        String markdown = """
                # Broken Career Roadmap
                ## Entry Level Positions (0-2 years)
                Some prose nobody could place.
                ### Job Titles
                - Intern
                ### Required Skills
                - Python
                - python
                ### Salary Range
                - Mars: ZZZ 1,000 - ZZZ 2,000
                ### Perks
                - Free coffee
                ## Mid-Level Positions (5-3 years)
                ### Job Titles
                - Analyst
                ### Responsibilities
                - Analyse
                ### Required Skills
                - SQL
                """;
        RoadmapFormatException e = catchThrowableOfType(RoadmapFormatException.class,
                () -> RoadmapParser.parse("broken", markdown));

        assertThat(e.problems()).extracting(Problem::line).containsExactlyInAnyOrder(2, 2, 8, 10, 11, 13);
        assertThat(e.getMessage()).contains("line 8: ", "duplicates", "unknown currency 'ZZZ'", "Perks",
                "reversed", "Responsibilities", "text outside a list");
    }
}
