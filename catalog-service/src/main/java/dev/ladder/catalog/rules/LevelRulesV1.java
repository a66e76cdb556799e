package dev.ladder.catalog.rules;

import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Level rules v1" (SPEC): the requirements a roadmap implies for each level. The entry level (rank 1) has none;
 * every higher level asks for one certification of the pathway bucket before it, all its required skills at
 * proficiency {@value #SKILL_PROFICIENCY} and its minimum years of experience. Groups that would be empty (no
 * bucket, no skills) are left out rather than published unsatisfiable.
 */
public final class LevelRulesV1 {

    public static final int SKILL_PROFICIENCY = 3;

    private LevelRulesV1() {
    }

    /** @return requirement groups per level id, in level order */
    public static Map<String, List<RequirementGroup>> derive(Roadmap roadmap) {
        Map<String, List<RequirementGroup>> rules = new LinkedHashMap<>();
        for (Level level : roadmap.levels()) {
            rules.put(level.id(), level.rank() < 2 ? List.of() : groups(level, roadmap.pathway()));
        }
        return rules;
    }

    private static List<RequirementGroup> groups(Level level, List<PathwayStep> pathway) {
        List<RequirementGroup> groups = new ArrayList<>();
        // mid (rank 2) ← Year 1-2 (bucket 0), senior ← Year 3-4, executive ← Year 5-6
        int bucket = level.rank() - 2;
        if (bucket < pathway.size() && !pathway.get(bucket).certifications().isEmpty()) {
            PathwayStep step = pathway.get(bucket);
            List<Requirement> items = step.certifications().stream()
                    .map(c -> new Requirement(RequirementType.CERTIFICATION, c.id(), null, null)).toList();
            groups.add(new RequirementGroup(level.id() + "-certifications",
                    "Any one certification of the Year " + step.label() + " pathway", GroupKind.ANY_OF, 1, items));
        }
        if (!level.skills().isEmpty()) {
            List<Requirement> items = level.skills().stream()
                    .map(s -> new Requirement(RequirementType.SKILL, s.id(), SKILL_PROFICIENCY, null)).toList();
            groups.add(new RequirementGroup(level.id() + "-skills",
                    "Every " + level.name() + " required skill at proficiency " + SKILL_PROFICIENCY + " or higher",
                    GroupKind.ALL_OF, items.size(), items));
        }
        groups.add(new RequirementGroup(level.id() + "-experience",
                "At least " + level.minYears() + " years of experience", GroupKind.ALL_OF, 1,
                List.of(new Requirement(RequirementType.EXPERIENCE, null, null, level.minYears()))));
        return List.copyOf(groups);
    }
}
