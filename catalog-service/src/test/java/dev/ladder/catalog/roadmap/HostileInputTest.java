package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.catalog.validation.TextChecks;
import dev.ladder.catalog.validation.TrackValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Crafted lines of about 100 KB (and a 2 MB document of them) go through what a Markdown import runs before it
 * stores anything ({@code TrackImportService.importMarkdown}: repair, title, parse, validation, the JSON answer), and
 * each is either read or refused with a problem at its line. The regular expressions the reader used before took
 * from seconds to hours on such lines (quadratic or worse backtracking).
 *
 * <p>The 5-second bound is a guard against catastrophic backtracking, not a benchmark: a linear reader needs a
 * fraction of it on any machine, a backtracking one exceeds it by orders of magnitude.
 */
class HostileInputTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final int RUN = 100_000;
    private static final String SPACES = " ".repeat(RUN);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A valid roadmap; {@link #with} puts a line into one of its parts. */
    private static final List<String> BASE = List.of(
            "# Hostile Career Roadmap",
            "",
            "## Entry Level Positions (0-2 years)",
            "### Job Titles",
            "- Analyst",
            "### Responsibilities",
            "- Analyse",
            "### Required Skills",
            "- Python",
            "### Salary Range",
            "- Europe: €50,000 - €60,000",
            "",
            "## Mid-Level Positions (3-5 years)",
            "### Job Titles",
            "- Engineer",
            "### Responsibilities",
            "- Engineer things",
            "### Required Skills",
            "- Threat modelling",
            "### Requirements",
            "- All of {#mid-skills}: the basics",
            "  - Skill `threat-modelling` at proficiency 3 or higher",
            "",
            "## Certification Pathway",
            "",
            "### Year 1-2",
            "- CompTIA Security+",
            "",
            "## Communities",
            "",
            "- [ISACA](https://www.isaca.org)",
            "");

    static Stream<Arguments> hostileLines() {
        return Stream.of(
                // headings: the old pattern tried every split of the run between "\s*", "#*" and "\s*"
                read("heading with a long run of spaces", "## Communities", "## a" + SPACES + "x"),
                read("heading with a long run of ' #'", "## Communities", "## a" + " #".repeat(RUN / 2) + " x"),
                read("heading of '#'s", "## Communities", "## " + "#".repeat(RUN) + " x"),
                read("seven and more '#'s (text, not a heading)", "- [ISACA](https://www.isaca.org)",
                        "#".repeat(RUN) + SPACES + "x"),
                read("level heading with a long run of spaces", "## Entry Level Positions (0-2 years)",
                        "## Entry Level" + SPACES + "Positions (0-2 years)"),
                refused("level heading with a run of digits", "## Entry Level Positions (0-2 years)",
                        "## Entry Level Positions (" + "9".repeat(RUN) + "-1 years)", "too large"),
                refused("pathway bucket with a run of digits", "### Year 1-2", "### Year " + "9".repeat(RUN) + "+",
                        "too large"),
                // list items with long whitespace in each typed part
                read("list item with a long run of spaces", "- Analyst", "-" + SPACES + "Analyst" + SPACES + "x"),
                read("skill with a long run of spaces", "- Python", "- a" + SPACES + "x"),
                refused("salary with a long run of spaces", "- Europe: €50,000 - €60,000",
                        "- Region" + SPACES + "x", "salary line not understood"),
                refused("salary with spaces after the currency", "- Europe: €50,000 - €60,000",
                        "- Region: USD" + SPACES + "x", "salary line not understood"),
                refused("salary with spaces after the amount", "- Europe: €50,000 - €60,000",
                        "- Region: $1 - $2" + SPACES + "x", "salary line not understood"),
                read("certification with a long run of spaces", "- CompTIA Security+", "- Cert" + SPACES + "x"),
                read("certification with spaces before its renewal", "- CompTIA Security+",
                        "- Cert" + SPACES + "— renews every 12 months"),
                read("long '(ACRONYM' without ')'", "- CompTIA Security+", "- Cert (" + "A".repeat(RUN)),
                // a trailing {#id key=value} attribute block with long runs
                read("attributes after a long run of spaces", "- Python", "- Python" + SPACES + "{#py}"),
                read("attributes with a long run of spaces inside", "- Python", "- Python {#py" + SPACES + "x"),
                read("attributes never closed", "- Python", "- Python {" + "#a ".repeat(RUN / 3)),
                read("33,000 attributes", "- Python", "- Python {" + "#a ".repeat(RUN / 3) + "}"),
                read("attribute name without '='", "- Python", "- Python {" + "a".repeat(RUN)),
                // requirement groups and requirements
                refused("requirement group with a long run of spaces", "- All of {#mid-skills}: the basics",
                        "- All of" + SPACES + "x", "requirement group"),
                refused("requirement group with a run of digits", "- All of {#mid-skills}: the basics",
                        "- Any " + "9".repeat(RUN) + " of", "requirement group"),
                // a requirement's problem is reported at its group's line
                refused("requirement with a long run of spaces",
                        "  - Skill `threat-modelling` at proficiency 3 or higher", "  - Skill" + SPACES + "x",
                        "requirement 'Skill", "- All of {#mid-skills}: the basics"),
                // link-like text: the old link pattern re-scanned the rest of the line from every '['
                read("'[[[[…'", "- [ISACA](https://www.isaca.org)", "- " + "[".repeat(RUN)),
                read("'[a]([a]([a](…'", "- [ISACA](https://www.isaca.org)", "- " + "[a](".repeat(RUN / 4)),
                read("'http://' runs", "- [ISACA](https://www.isaca.org)", "- " + "http://".repeat(RUN / 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileLines")
    void aHostileLineIsReadOrRefusedAtItsLineInTime(String name, String markdown, int line, String problem) {
        List<String> problems = assertTimeoutPreemptively(BOUND, () -> importProblems(markdown));

        if (problem == null) {
            // read: the parser takes it; a 100,000-character name or item is then over the track's size limits
            // (validation.TrackLimits), the only problems left
            assertThat(problems).as(name).allSatisfy(p -> assertThat(p).contains("message=at most "));
        } else {
            assertThat(problems).as(name).isNotEmpty()
                    .anySatisfy(p -> assertThat(p).startsWith("line " + line + ": ").contains(problem));
        }
    }

    /** About 2 MB: every hostile line above, in a descriptive section, as items, details, paragraphs and headings. */
    @Test
    void aTwoMegabyteDocumentOfHostileLinesIsReadInTime() {
        List<String> hostile = List.of("## a" + SPACES + "x", "### b" + " #".repeat(RUN / 2) + " x",
                "- a" + SPACES + "x", "  - " + "[".repeat(RUN), "- Cert (" + "A".repeat(RUN),
                "- Python {" + "#a ".repeat(RUN / 3), "- " + "[a](".repeat(RUN / 4), "text" + SPACES + "x",
                "- All of" + SPACES + "x", "- Region: USD" + SPACES + "x");
        List<String> lines = new ArrayList<>(BASE);
        for (int i = 0; lines.stream().mapToInt(String::length).sum() < 2_000_000; i++) {
            lines.add("");
            lines.add(hostile.get(i % hostile.size()));
        }
        String markdown = String.join("\n", lines);

        List<String> problems = assertTimeoutPreemptively(BOUND, () -> importProblems(markdown));

        assertThat(markdown.length()).isGreaterThanOrEqualTo(2_000_000);
        // descriptive sections take any text the parser reads; what is refused is refused for its size alone
        assertThat(problems).allSatisfy(p -> assertThat(p).contains("message=at most "));
    }

    /**
     * What {@code TrackImportService.importMarkdown} checks before it stores a track, as problem texts: empty when
     * the document would be imported.
     */
    private static List<String> importProblems(String markdown) {
        try {
            String text = Mojibake.repair(markdown);
            String id = Slugs.slug(RoadmapParser.title(text));
            TrackContent content = TrackDocuments.fromRoadmap(RoadmapParser.parse(id, text));
            List<String> problems = new ArrayList<>();
            TrackValidator.problems(content).forEach(p -> problems.add(p.toString()));
            TextChecks.mojibake(JSON, content).forEach(p -> problems.add(p.toString()));
            assertThat(JSON.writeValueAsString(content)).isNotEmpty(); // the answer, with every item's links
            return problems;
        } catch (RoadmapFormatException e) {
            return e.problems().stream().map(RoadmapFormatException.Problem::toString).toList();
        }
    }

    private static Arguments read(String name, String replaced, String line) {
        return arguments(name, with(replaced, line), 0, null);
    }

    /** Refused with a problem at the hostile line (its number in the document) that contains {@code problem}. */
    private static Arguments refused(String name, String replaced, String line, String problem) {
        return refused(name, replaced, line, problem, replaced);
    }

    /** Refused with a problem at the line {@code reportedAt} of the base that contains {@code problem}. */
    private static Arguments refused(String name, String replaced, String line, String problem, String reportedAt) {
        return arguments(name, with(replaced, line), BASE.indexOf(reportedAt) + 1, problem);
    }

    /** The base roadmap with {@code replaced} (one of its lines) replaced by {@code line}. */
    private static String with(String replaced, String line) {
        assertThat(BASE).contains(replaced);
        List<String> lines = new ArrayList<>(BASE);
        lines.set(BASE.indexOf(replaced), line);
        return String.join("\n", lines);
    }
}
