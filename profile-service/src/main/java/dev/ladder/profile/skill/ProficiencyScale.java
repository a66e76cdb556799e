package dev.ladder.profile.skill;

import java.util.List;

/**
 * What proficiency 1-5 means. The catalog's events carry no meanings, so this is the one documented default scale
 * (README, "Evidence and verification").
 */
public final class ProficiencyScale {

    public record Step(int proficiency, String name, String meaning) {
    }

    public static final List<Step> DEFAULT = List.of(
            new Step(1, "Awareness", "Knows the concepts and the vocabulary; needs guidance to apply them."),
            new Step(2, "Working knowledge", "Applies it to routine tasks with occasional help."),
            new Step(3, "Practitioner", "Applies it independently to real work; the usual bar of a level requirement."),
            new Step(4, "Advanced", "Handles complex, novel cases and guides others."),
            new Step(5, "Expert", "Recognised authority; shapes practice beyond the team."));

    private ProficiencyScale() {
    }
}
