package dev.ladder.catalog.validation;

import dev.ladder.catalog.roadmap.DescriptiveSection;
import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.catalog.rules.LevelRulesV1;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackContent.Level;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.kit.web.FieldProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each limit at its boundary: the maximum passes, one more is refused with the path of what is too long. */
class TrackLimitsTest {

    private static final TrackContent SEED = TrackDocuments.fromRoadmap(SeedRoadmap.parsed(),
            LevelRulesV1.derive(SeedRoadmap.parsed()));

    @Test
    void theSeedIsWellWithinEveryLimit() {
        assertThat(TrackLimits.problems(SEED)).isEmpty();
    }

    @Test
    void levels() {
        assertBoundary(n -> withLevels(IntStream.range(0, n).mapToObj(i -> level(SEED.levels().get(0), "l" + i))
                .toList()), TrackLimits.LEVELS, "levels");
    }

    @Test
    void certifications() {
        assertBoundary(n -> new TrackContent(SEED.id(), SEED.name(), SEED.summary(), SEED.levels(),
                IntStream.range(0, n).mapToObj(i -> new TrackContent.Certification("c" + i, "C" + i, "1-2", null))
                        .toList(), SEED.sections(), SEED.pathwayPosition(), false), TrackLimits.CERTIFICATIONS,
                "certifications");
    }

    @Test
    void skillsOfALevelAndOfTheTrack() {
        assertBoundary(n -> withLevels(List.of(withSkills(SEED.levels().get(0), skills("s", n)))),
                TrackLimits.SKILLS, "levels[0].skills");
        // 100 on one level and n - 100 others on the next: the 201st different skill is the one refused
        assertBoundary(n -> {
            List<Level> levels = new ArrayList<>(SEED.levels().stream().map(l -> withSkills(l, List.of())).toList());
            levels.set(0, withSkills(levels.get(0), skills("a", 100)));
            levels.set(1, withSkills(levels.get(1), skills("b", n - 100)));
            return withLevels(levels);
        }, TrackLimits.SKILLS, "levels[1].skills[100].id");
    }

    @Test
    void salaryBandsOfALevelAndRegionsOfTheTrack() {
        assertBoundary(n -> withLevels(List.of(withBands(SEED.levels().get(0), bands("r", n)))),
                TrackLimits.SALARY_REGIONS, "levels[0].salaryBands");
        assertBoundary(n -> {
            List<Level> levels = new ArrayList<>(SEED.levels().stream().map(l -> withBands(l, List.of())).toList());
            levels.set(0, withBands(levels.get(0), bands("a", 25)));
            levels.set(1, withBands(levels.get(1), bands("b", n - 25)));
            return withLevels(levels);
        }, TrackLimits.SALARY_REGIONS, "levels[1].salaryBands[25].region");
    }

    @Test
    void requirementGroupsAndTheirItems() {
        RequirementGroup group = SEED.levels().stream().flatMap(l -> l.requirements().stream()).findFirst()
                .orElseThrow();
        assertBoundary(n -> withFirstLevel(l -> withRequirements(l, IntStream.range(0, n)
                .mapToObj(i -> new RequirementGroup("g" + i, null, group.kind(), group.required(), group.items()))
                .toList())), TrackLimits.GROUPS, "levels[0].requirements");
        Requirement item = new Requirement(RequirementType.SKILL, "x", 1, null);
        assertBoundary(n -> withFirstLevel(l -> withRequirements(l, List.of(new RequirementGroup("g", null,
                GroupKind.ANY_OF, 1, Collections.nCopies(n, item))))), TrackLimits.ITEMS,
                "levels[0].requirements[0].items");
    }

    @Test
    void jobTitlesResponsibilitiesAndKpis() {
        assertBoundary(n -> withFirstLevel(l -> new Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(),
                Collections.nCopies(n, "Engineer"), l.responsibilities(), l.skills(), l.salaryBands(), l.kpis(),
                l.requirements())), TrackLimits.LINES, "levels[0].jobTitles");
        assertBoundary(n -> withFirstLevel(l -> new Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(),
                l.jobTitles(), l.responsibilities(), l.skills(), l.salaryBands(), List.of("k".repeat(n)),
                l.requirements())), TrackLimits.LINE_LENGTH, "levels[0].kpis[0]");
    }

    @Test
    void textsAndIds() {
        assertBoundary(n -> new TrackContent(SEED.id(), "n".repeat(n), SEED.summary(), SEED.levels(),
                SEED.certifications(), SEED.sections(), SEED.pathwayPosition(), false), TrackLimits.NAME_LENGTH,
                "name");
        assertBoundary(n -> new TrackContent(SEED.id(), SEED.name(), "s".repeat(n), SEED.levels(),
                SEED.certifications(), SEED.sections(), SEED.pathwayPosition(), false), TrackLimits.TEXT_LENGTH,
                "summary");
        assertBoundary(n -> withFirstLevel(l -> withSkills(l, List.of(new TrackContent.Skill("i".repeat(n), "I")))),
                TrackLimits.ID_LENGTH, "levels[0].skills[0].id");
    }

    @Test
    void sectionsTheirDepthParagraphsAndItems() {
        DescriptiveSection leaf = SEED.sections().get(0);
        assertBoundary(n -> withSections(Collections.nCopies(n, leaf)), TrackLimits.SECTIONS, "sections");
        // the list that holds the 7th level of sections is sections[0].children[0]…children
        assertBoundary(n -> withSections(List.of(nested(n))), TrackLimits.SECTION_DEPTH,
                "sections[0]" + ".children[0]".repeat(TrackLimits.SECTION_DEPTH - 1) + ".children");
        assertBoundary(n -> withSections(List.of(new DescriptiveSection("H", false, Collections.nCopies(n, "p"),
                List.of(), List.of(), List.of()))), TrackLimits.PARAGRAPHS, "sections[0].paragraphs");
        assertBoundary(n -> withSections(List.of(new DescriptiveSection("H", false, List.of("p".repeat(n)),
                List.of(), List.of(), List.of()))), TrackLimits.TEXT_LENGTH, "sections[0].paragraphs[0]");
        assertBoundary(n -> withSections(List.of(new DescriptiveSection("H", false, List.of(),
                Collections.nCopies(n, DescriptiveSection.Item.of("i")), List.of(), List.of()))),
                TrackLimits.SECTION_ITEMS, "sections[0].items");
        assertBoundary(n -> withSections(List.of(new DescriptiveSection("H", false, List.of(),
                List.of(nestedItem(n)), List.of(), List.of()))), TrackLimits.ITEM_DEPTH,
                "sections[0].items" + "[0].items".repeat(TrackLimits.ITEM_DEPTH));
    }

    @Test
    void aDocumentOverItsLimitsIsRefusedForThatAloneWithAShortAnswer() {
        List<Level> levels = IntStream.range(0, 1000).mapToObj(i -> level(SEED.levels().get(0), "l" + i))
                .map(l -> withSkills(l, Collections.nCopies(100,
                        new TrackContent.Skill("x".repeat(200), "y".repeat(400)))))
                .toList();

        List<FieldProblem> problems = TrackValidator.problems(withLevels(levels));

        // not the duplicate ranks and overlapping years the validator would find in these copies: only the limits
        assertThat(problems).hasSize(TrackLimits.MAX_PROBLEMS);
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).startsWith("at most"));
        assertThat(problems.get(0)).isEqualTo(new FieldProblem("levels", "at most 20 levels (has 1000)"));
    }

    private static void assertBoundary(IntFunction<TrackContent> withN, int max, String field) {
        assertThat(TrackLimits.problems(withN.apply(max))).as("%s at its maximum %d", field, max).isEmpty();
        assertThat(TrackLimits.problems(withN.apply(max + 1))).as("%s over its maximum %d", field, max)
                .extracting(FieldProblem::field).containsExactly(field);
    }

    private static TrackContent withLevels(List<Level> levels) {
        return new TrackContent(SEED.id(), SEED.name(), SEED.summary(), levels, SEED.certifications(),
                SEED.sections(), SEED.pathwayPosition(), false);
    }

    private static TrackContent withFirstLevel(UnaryOperator<Level> change) {
        List<Level> levels = new ArrayList<>(SEED.levels());
        levels.set(0, change.apply(levels.get(0)));
        return withLevels(levels);
    }

    private static TrackContent withSections(List<DescriptiveSection> sections) {
        return new TrackContent(SEED.id(), SEED.name(), SEED.summary(), SEED.levels(), SEED.certifications(),
                sections, 0, false);
    }

    private static Level level(Level l, String id) {
        return new Level(id, l.rank(), l.name(), l.minYears(), l.maxYears(), l.jobTitles(), l.responsibilities(),
                l.skills(), l.salaryBands(), l.kpis(), l.requirements());
    }

    private static Level withSkills(Level l, List<TrackContent.Skill> skills) {
        return new Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(), l.jobTitles(), l.responsibilities(),
                skills, l.salaryBands(), l.kpis(), l.requirements());
    }

    private static Level withBands(Level l, List<TrackContent.SalaryBand> bands) {
        return new Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(), l.jobTitles(), l.responsibilities(),
                l.skills(), bands, l.kpis(), l.requirements());
    }

    private static Level withRequirements(Level l, List<RequirementGroup> groups) {
        return new Level(l.id(), l.rank(), l.name(), l.minYears(), l.maxYears(), l.jobTitles(), l.responsibilities(),
                l.skills(), l.salaryBands(), l.kpis(), groups);
    }

    private static List<TrackContent.Skill> skills(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new TrackContent.Skill(prefix + i, "Skill " + prefix + i)).toList();
    }

    private static List<TrackContent.SalaryBand> bands(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new TrackContent.SalaryBand(prefix + i, "Region " + prefix + i,
                "EUR", 1, 2L, false)).toList();
    }

    /** A section with sub-sections {@code depth} deep in all. */
    private static DescriptiveSection nested(int depth) {
        DescriptiveSection section = new DescriptiveSection("H" + depth, false, List.of("p"), List.of(), List.of(),
                List.of());
        for (int d = depth - 1; d >= 1; d--) {
            section = new DescriptiveSection("H" + d, false, List.of(), List.of(), List.of(section), List.of());
        }
        return section;
    }

    /** A list item with items nested under it, {@code depth} levels in all. */
    private static DescriptiveSection.Item nestedItem(int depth) {
        DescriptiveSection.Item item = DescriptiveSection.Item.of("i" + depth);
        for (int d = depth - 1; d >= 1; d--) {
            item = new DescriptiveSection.Item("i" + d, List.of(item));
        }
        return item;
    }
}
