package dev.ladder.progress.team;

import dev.ladder.kit.web.MemberPaging;
import dev.ladder.kit.web.Page;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A team's readiness as the API answers it ({@code GET /teams/mine}, {@code GET /teams/{teamId}}): the
 * {@link TeamReadiness} with its lists of people a page at a time ({@link MemberPaging}), so the answer stays bounded
 * however large the team. The page of {@code members} also cuts the skill-gap matrix: its rows are the skills any
 * member's next level requires (the whole team's, so they do not change from page to page), its cells those of the
 * members on the page. The expiring certifications are the same page of their own list. The level distribution and
 * the readiness histogram count every member.
 */
public record TeamDashboard(String teamId, String teamName, String managerId, Page<TeamReadiness.Member> members,
                            Map<String, Integer> levelDistribution, Map<String, Integer> readinessHistogram,
                            TeamReadiness.SkillGapMatrix skillGaps,
                            Page<TeamReadiness.ExpiringCertification> expiringCertifications) {

    static TeamDashboard of(TeamReadiness team, MemberPaging paging) {
        Page<TeamReadiness.Member> members = paging.of(team.members());
        Set<String> shown = members.items().stream().map(TeamReadiness.Member::employeeId)
                .collect(Collectors.toSet());
        List<TeamReadiness.SkillRow> rows = team.skillGaps().skills().stream()
                .map(row -> new TeamReadiness.SkillRow(row.skillId(), row.name(), row.members().stream()
                        .filter(cell -> shown.contains(cell.employeeId())).toList()))
                .toList();
        return new TeamDashboard(team.teamId(), team.teamName(), team.managerId(), members, team.levelDistribution(),
                team.readinessHistogram(), new TeamReadiness.SkillGapMatrix(rows),
                paging.of(team.expiringCertifications()));
    }
}
