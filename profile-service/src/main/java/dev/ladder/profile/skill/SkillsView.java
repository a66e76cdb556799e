package dev.ladder.profile.skill;

import dev.ladder.kit.web.Page;

import java.util.List;

/**
 * GET …/skills: the track's skills (paged), the proficiency scale, and the track's policy: whether a self-assessed
 * skill counts before a manager confirms it.
 */
public record SkillsView(String employeeId, String trackId, boolean selfAssessedSkillsCount,
                         List<ProficiencyScale.Step> scale, Page<SkillView> skills) {
}
