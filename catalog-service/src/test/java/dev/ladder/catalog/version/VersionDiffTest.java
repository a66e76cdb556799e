package dev.ladder.catalog.version;

import dev.ladder.catalog.roadmap.SeedRoadmap;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.catalog.version.VersionDiff.Change;
import dev.ladder.catalog.version.VersionDiff.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class VersionDiffTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TrackContent SEED = TrackDocuments.fromRoadmap(SeedRoadmap.parsed());

    @Test
    void listsChangedAddedAndRemovedLeavesByPath() {
        var before = Map.of("name", "A", "levels", List.of(Map.of("id", "entry", "kpis", List.of("x"))));
        var after = Map.of("name", "B", "levels", List.of(Map.of("id", "entry", "kpis", List.of("x", "y"))),
                "extra", 1);

        List<Change> changes = VersionDiff.diff(JSON, before, after);

        assertThat(changes).extracting(Change::path, Change::kind)
                .containsExactlyInAnyOrder(tuple("name", Kind.CHANGED), tuple("levels[id=entry].kpis[1]", Kind.ADDED),
                        tuple("extra", Kind.ADDED));
        assertThat(changes).filteredOn(c -> c.path().equals("extra")).first()
                .satisfies(c -> assertThat(c.before()).isNull());
        assertThat(changes).filteredOn(c -> c.path().startsWith("levels")).first()
                .satisfies(c -> assertThat(c).extracting(Change::entity, Change::id).containsExactly("level", "entry"));
    }

    @Test
    void anInsertedSkillIsOneAddedChangeNotACascade() {
        ObjectNode after = seed();
        ArrayNode skills = (ArrayNode) level(after, "mid").get("skills");
        skills.insert(0, JSON.createObjectNode().put("id", "threat-modeling").put("name", "Threat modelling"));

        List<Change> changes = VersionDiff.diff(JSON, SEED, after);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.ADDED);
            assertThat(c.path()).isEqualTo("levels[id=mid].skills[id=threat-modeling]");
            assertThat(c.entity()).isEqualTo("skill");
            assertThat(c.id()).isEqualTo("threat-modeling");
            assertThat(c.before()).isNull();
            assertThat(c.after().get("name").asString()).isEqualTo("Threat modelling");
        });
        // and the other way round it is one removal
        assertThat(VersionDiff.diff(JSON, after, SEED)).extracting(Change::kind, Change::path)
                .containsExactly(tuple(Kind.REMOVED, "levels[id=mid].skills[id=threat-modeling]"));
    }

    @Test
    void aRenamedSkillIsAChangeAtAPathNamingItById() {
        ObjectNode after = seed();
        ObjectNode skill = (ObjectNode) level(after, "senior").get("skills").get(2);
        String id = skill.get("id").asString();
        String name = skill.get("name").asString();
        skill.put("name", "Renamed skill");

        assertThat(VersionDiff.diff(JSON, SEED, after)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.CHANGED);
            assertThat(c.path()).isEqualTo("levels[id=senior].skills[id=" + id + "].name");
            assertThat(c.entity()).isEqualTo("skill");
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.before().asString()).isEqualTo(name);
            assertThat(c.after().asString()).isEqualTo("Renamed skill");
        });
    }

    @Test
    void aMovedEntryIsOneMoveWithItsOldAndNewIndex() {
        ObjectNode after = seed();
        ArrayNode certifications = (ArrayNode) after.get("certifications");
        JsonNode last = certifications.remove(certifications.size() - 1);
        certifications.insert(0, last);

        List<Change> changes = VersionDiff.diff(JSON, SEED, after);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.MOVED);
            assertThat(c.path()).isEqualTo("certifications[id=executive-leadership-program]");
            assertThat(c.entity()).isEqualTo("certification");
            assertThat(c.from()).isEqualTo(11);
            assertThat(c.to()).isZero();
        });
    }

    @Test
    void salaryBandsMatchByRegionAndRequirementsByTypeAndRef() {
        ObjectNode after = seed();
        ArrayNode bands = (ArrayNode) level(after, "entry").get("salaryBands");
        bands.remove(0); // united-states
        ((ObjectNode) bands.get(0)).put("max", 85_000); // europe, now first
        ObjectNode skills = (ObjectNode) level(after, "mid").get("requirements").get(1);
        ArrayNode items = (ArrayNode) skills.get("items");
        String ref = items.get(0).get("ref").asString();
        ((ObjectNode) items.get(0)).put("minProficiency", 4);
        items.remove(1);
        skills.put("required", items.size());

        List<Change> changes = VersionDiff.diff(JSON, SEED, after);

        assertThat(changes).extracting(Change::kind, Change::path).containsExactlyInAnyOrder(
                tuple(Kind.REMOVED, "levels[id=entry].salaryBands[region=united-states]"),
                tuple(Kind.CHANGED, "levels[id=entry].salaryBands[region=europe].max"),
                tuple(Kind.CHANGED, "levels[id=mid].requirements[id=mid-skills].required"),
                tuple(Kind.CHANGED, "levels[id=mid].requirements[id=mid-skills].items[type=SKILL,ref=" + ref
                        + "].minProficiency"),
                tuple(Kind.REMOVED, "levels[id=mid].requirements[id=mid-skills].items[type=SKILL,ref="
                        + SEED.levels().get(1).requirements().get(1).items().get(1).ref() + "]"));
        assertThat(changes).filteredOn(c -> c.path().endsWith("minProficiency")).first()
                .satisfies(c -> assertThat(c).extracting(Change::entity, Change::id)
                        .containsExactly("requirement", "SKILL:" + ref));
        assertThat(changes).filteredOn(c -> c.path().endsWith(".required")).first()
                .satisfies(c -> assertThat(c).extracting(Change::entity, Change::id)
                        .containsExactly("requirementGroup", "mid-skills"));
    }

    @Test
    void plainValueListsAreAlignedSoAnInsertionOrAnEditIsOneChange() {
        ObjectNode after = seed();
        ArrayNode kpis = (ArrayNode) level(after, "mid").get("kpis");
        String third = kpis.get(2).asString();
        kpis.insert(0, "Models red-teamed per quarter");
        kpis.remove(3);
        kpis.insert(3, "Edited KPI");
        ArrayNode titles = (ArrayNode) level(after, "entry").get("jobTitles");
        JsonNode first = titles.remove(0);
        titles.add(first);

        List<Change> changes = VersionDiff.diff(JSON, SEED, after);

        assertThat(changes).extracting(Change::kind, Change::path).containsExactlyInAnyOrder(
                tuple(Kind.ADDED, "levels[id=mid].kpis[0]"),
                tuple(Kind.CHANGED, "levels[id=mid].kpis[3]"),
                tuple(Kind.MOVED, "levels[id=entry].jobTitles[3]"));
        assertThat(changes).filteredOn(c -> c.kind() == Kind.CHANGED).first()
                .satisfies(c -> assertThat(c.before().asString()).isEqualTo(third));
        assertThat(changes).filteredOn(c -> c.kind() == Kind.MOVED).first()
                .satisfies(c -> assertThat(c).extracting(Change::from, Change::to).containsExactly(0, 3));
    }

    @Test
    void againstNothingEverythingIsAdded() {
        List<Change> changes = VersionDiff.diff(JSON, null, SEED);

        assertThat(changes).extracting(Change::kind).containsOnly(Kind.ADDED);
        assertThat(changes).extracting(Change::path).contains("name", "levels[id=entry]", "levels[id=executive]",
                "certifications[id=cissp]", "sections[heading=Specialized Roles]");
        assertThat(changes).filteredOn(c -> c.entity().equals("level")).hasSize(4);
        assertThat(changes).filteredOn(c -> c.entity().equals("certification")).hasSize(12);
        assertThat(VersionDiff.diff(JSON, SEED, SEED)).isEmpty();
    }

    @Test
    void repeatedIdsFallBackToAlignmentInsteadOfFailing() {
        var before = Map.of("levels", List.of(Map.of("id", "a", "name", "A"), Map.of("id", "a", "name", "B")));
        var after = Map.of("levels", List.of(Map.of("id", "a", "name", "A"), Map.of("id", "a", "name", "C")));

        assertThat(VersionDiff.diff(JSON, before, after)).extracting(Change::kind, Change::path)
                .containsExactly(tuple(Kind.CHANGED, "levels[1].name"));
    }

    private static ObjectNode seed() {
        return JSON.valueToTree(SEED);
    }

    private static ObjectNode level(ObjectNode track, String id) {
        for (JsonNode level : track.get("levels")) {
            if (level.get("id").asString().equals(id)) {
                return (ObjectNode) level;
            }
        }
        throw new AssertionError("no level " + id);
    }
}
