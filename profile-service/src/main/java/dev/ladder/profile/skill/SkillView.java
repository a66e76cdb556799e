package dev.ladder.profile.skill;

import dev.ladder.profile.catalog.CatalogSkill;

import java.time.LocalDate;
import java.util.List;

/**
 * A skill of the employee's track: the current proficiency (the newest assessment: latest {@code assessedOn}, same
 * day the one recorded last — as progress-service counts it), the newest {@value #HISTORY_SHOWN} assessments newest
 * first ({@code history}; {@code historyTotal} counts them all, and {@code …/skills/{skillId}/history} pages through
 * every one), and the level requirements it serves.
 */
public record SkillView(String skillId, String name, Integer proficiency, String source, String state,
                        LocalDate assessedOn, List<CatalogSkill.Requirement> requirements,
                        List<AssessmentView> history, long historyTotal) {

    /** How many assessments of a skill the skills list shows; the history endpoint has the rest. */
    public static final int HISTORY_SHOWN = 20;
}
