package dev.ladder.progress.overview;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OverviewController {

    private final OverviewQueries overview;

    OverviewController(OverviewQueries overview) {
        this.overview = overview;
    }

    @GetMapping("/api/progress/admin/overview")
    @Operation(summary = "Every team and track: members, level distribution, average readiness, at risk, "
            + "certifications lapsing within 90 days (admin)")
    OrganisationOverview overview(@Parameter(description = "a team id; '-' for people in no team")
                                  @RequestParam(required = false) String team,
                                  @Parameter(description = "a track id") @RequestParam(required = false) String track) {
        return overview.overview(Caller.current(), team, track);
    }
}
