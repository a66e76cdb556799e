package dev.ladder.catalog.rules;

import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LevelRulesV1Test {

    private final Map<String, List<RequirementGroup>> rules = LevelRulesV1.derive(SeedRoadmap.parsed());

    @Test
    void entryLevelHasNoRequirements() {
        assertThat(rules.keySet()).containsExactly("entry", "mid", "senior", "executive");
        assertThat(rules.get("entry")).isEmpty();
    }

    @Test
    void midLevelAsksForAYearOneToTwoCertificationItsSkillsAndThreeYears() {
        List<RequirementGroup> mid = rules.get("mid");
        assertThat(mid).extracting(RequirementGroup::id, RequirementGroup::kind, RequirementGroup::required)
                .containsExactly(
                        tuple("mid-certifications", GroupKind.ANY_OF, 1),
                        tuple("mid-skills", GroupKind.ALL_OF, 6),
                        tuple("mid-experience", GroupKind.ALL_OF, 1));
        assertThat(mid.get(0).items()).containsExactly(
                new Requirement(RequirementType.CERTIFICATION, "comptia-security-plus", null, null),
                new Requirement(RequirementType.CERTIFICATION, "ceh", null, null),
                new Requirement(RequirementType.CERTIFICATION, "google-it-support", null, null));
        assertThat(mid.get(1).items()).hasSize(6).allSatisfy(item -> {
            assertThat(item.type()).isEqualTo(RequirementType.SKILL);
            assertThat(item.minProficiency()).isEqualTo(3);
        });
        assertThat(mid.get(1).items().get(0).ref()).isEqualTo("advanced-knowledge-of-adversarial-machine-learning");
        assertThat(mid.get(2).items()).containsExactly(new Requirement(RequirementType.EXPERIENCE, null, null, 3));
    }

    @Test
    void seniorAndExecutiveTakeTheNextPathwayBuckets() {
        assertThat(rules.get("senior").get(0).items()).extracting(Requirement::ref)
                .containsExactly("cissp", "aws-security-specialty", "cais");
        assertThat(rules.get("executive").get(0).items()).extracting(Requirement::ref)
                .containsExactly("oscp", "mlsp", "cism");
        assertThat(rules.get("senior").get(2).items().get(0).minYears()).isEqualTo(6);
        assertThat(rules.get("executive").get(2).items().get(0).minYears()).isEqualTo(10);
        assertThat(rules.get("executive").get(1).id()).isEqualTo("executive-skills");
    }

    /** Any shape of roadmap yields valid, uniquely named groups: the contract records validate on construction. */
    @Property
    void everyHigherLevelGetsAnExperienceGroupAndNoEmptyGroups(@ForAll("roadmaps") Roadmap roadmap) {
        Map<String, List<RequirementGroup>> derived = LevelRulesV1.derive(roadmap);
        for (Roadmap.Level level : roadmap.levels()) {
            List<RequirementGroup> groups = derived.get(level.id());
            if (level.rank() == 1) {
                assertThat(groups).isEmpty();
                continue;
            }
            assertThat(groups).last().satisfies(g -> {
                assertThat(g.id()).isEqualTo(level.id() + "-experience");
                assertThat(g.items().get(0).minYears()).isEqualTo(level.minYears());
            });
            assertThat(groups).allSatisfy(g -> {
                assertThat(g.items()).isNotEmpty();
                assertThat(g.required()).isBetween(1, g.items().size());
                assertThat(g.id()).startsWith(level.id() + "-");
            });
            boolean hasBucket = level.rank() - 2 < roadmap.pathway().size()
                    && !roadmap.pathway().get(level.rank() - 2).certifications().isEmpty();
            assertThat(groups.stream().anyMatch(g -> g.kind() == GroupKind.ANY_OF)).isEqualTo(hasBucket);
        }
    }

    @Provide
    Arbitrary<Roadmap> roadmaps() {
        Arbitrary<List<Integer>> skillsPerLevel = Arbitraries.integers().between(0, 4).list().ofMinSize(1)
                .ofMaxSize(6);
        Arbitrary<List<Integer>> certificationsPerBucket = Arbitraries.integers().between(0, 3).list()
                .ofMaxSize(5);
        return Combinators.combine(skillsPerLevel, certificationsPerBucket).as(LevelRulesV1Test::roadmap);
    }

    private static Roadmap roadmap(List<Integer> skillsPerLevel, List<Integer> certificationsPerBucket) {
        List<Roadmap.Level> levels = new ArrayList<>();
        for (int i = 0; i < skillsPerLevel.size(); i++) {
            int rank = i + 1;
            List<Roadmap.Skill> skills = IntStream.range(0, skillsPerLevel.get(i))
                    .mapToObj(s -> new Roadmap.Skill("s" + rank + "-" + s, "Skill " + s)).toList();
            levels.add(new Roadmap.Level("l" + rank, rank, "Level " + rank, i * 3, i * 3 + 2, List.of("t"),
                    List.of("r"), skills, List.of(), List.of()));
        }
        List<Roadmap.PathwayStep> pathway = new ArrayList<>();
        for (int b = 0; b < certificationsPerBucket.size(); b++) {
            int bucket = b;
            pathway.add(new Roadmap.PathwayStep(b * 2 + 1, b * 2 + 2, IntStream.range(0, certificationsPerBucket.get(b))
                    .mapToObj(c -> new Roadmap.Certification("c" + bucket + "-" + c, "Cert " + c)).toList()));
        }
        return new Roadmap("t", "T", null, levels, pathway);
    }
}
