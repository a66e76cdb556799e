package dev.ladder.profile.skill;

import dev.ladder.profile.catalog.CatalogSkill;

import java.time.LocalDate;
import java.util.List;

/**
 * A skill of the employee's track: the current proficiency (the newest assessment: latest {@code assessedOn}, same
 * day the one recorded last — as progress-service counts it), every assessment newest first, and the level
 * requirements it serves.
 */
public record SkillView(String skillId, String name, Integer proficiency, String source, String state,
                        LocalDate assessedOn, List<CatalogSkill.Requirement> requirements,
                        List<AssessmentView> history) {
}
