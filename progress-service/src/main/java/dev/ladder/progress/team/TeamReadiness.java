package dev.ladder.progress.team;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A team's readiness: who stands where, how ready they are, which required skills are short and which certifications
 * lapse within 90 days.
 *
 * @param readinessHistogram bucket ("0-24", "25-49", "50-74", "75-99", "100") → members
 */
public record TeamReadiness(String teamId, String teamName, String managerId, List<Member> members,
                            Map<String, Integer> levelDistribution, Map<String, Integer> readinessHistogram,
                            SkillGapMatrix skillGaps, List<ExpiringCertification> expiringCertifications) {

    public static final List<String> BUCKETS = List.of("0-24", "25-49", "50-74", "75-99", "100");

    public record Member(String employeeId, String displayName, String currentLevelId, String currentLevelName,
                         String nextLevelId, String nextLevelName, int readinessPercent, boolean atRisk) {
    }

    /** Rows: the skills the members' next levels require; one cell per member and skill. */
    public record SkillGapMatrix(List<SkillRow> skills) {
    }

    public record SkillRow(String skillId, String name, List<Cell> members) {
    }

    /** {@code required} is null when the member's next level does not ask for the skill. */
    public record Cell(String employeeId, Integer assessed, Integer required, boolean gap) {
    }

    public record ExpiringCertification(String employeeId, String displayName, String certificationId, String name,
                                        LocalDate expiresOn, long daysLeft) {
    }

    static String bucket(int percent) {
        if (percent >= 100) {
            return "100";
        }
        return BUCKETS.get(Math.min(3, percent / 25));
    }

    static boolean isSkill(CatalogVersionPublished.Requirement requirement) {
        return requirement.type() == RequirementType.SKILL;
    }
}
