package dev.ladder.progress.team;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TeamTrendsController {

    private final TeamTrendsQueries trends;

    TeamTrendsController(TeamTrendsQueries trends) {
        this.trends = trends;
    }

    @GetMapping("/api/progress/teams/{teamId}/trends")
    @Operation(summary = "A team's readiness bands and levels at the end of each of the last 12 months, who is "
            + "closest to their next level, and the certifications lapsing in the next 12 months with the readiness "
            + "each lapse costs (the team's manager or deputy, or an admin)")
    TeamTrends trends(@PathVariable String teamId) {
        return trends.trends(teamId, Caller.current());
    }
}
