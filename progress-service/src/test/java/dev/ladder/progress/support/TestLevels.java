package dev.ladder.progress.support;

import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;

import java.util.List;

/** Small synthetic levels for rule tests; the real track is {@code dev.ladder.fixtures.SeedTrack}. */
public final class TestLevels {

    /** A level reached by holding any one of {@code certifications}, nothing else. */
    public static Level certificationsOnly(String id, int rank, List<String> certifications) {
        return new Level(id, rank, id, 0, null, List.of(anyCertificationOf(id + "-certifications", certifications)));
    }

    /** An any-of group over certifications. */
    public static RequirementGroup anyCertificationOf(String groupId, List<String> certifications) {
        return new RequirementGroup(groupId, "One of " + certifications, GroupKind.ANY_OF, 1, certifications.stream()
                .map(c -> new Requirement(RequirementType.CERTIFICATION, c, null, null)).toList());
    }

    private TestLevels() {
    }
}
