package dev.ladder.progress.overview;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
            + "certifications lapsing within 90 days (admin); the rows a page at a time (page from 0; size 1-200, "
            + "default 50), the totals over all of them; the filter's options: /admin/overview/teams and /tracks")
    OrganisationOverview overview(@Parameter(description = "a team id; '-' for people in no team")
                                  @RequestParam(required = false) String team,
                                  @Parameter(description = "a track id") @RequestParam(required = false) String track,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return overview.overview(Caller.current(), team, track, page, size);
    }

    @GetMapping("/api/progress/admin/overview/teams")
    @Operation(summary = "The overview's team filter: the teams with active members, by id, a page at a time (page "
            + "from 0; size 1-200, default 50) (admin)")
    Page<OrganisationOverview.Option> teams(@RequestParam(defaultValue = "0") @Min(0) int page,
                                            @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return overview.teams(Caller.current(), page, size);
    }

    @GetMapping("/api/progress/admin/overview/tracks")
    @Operation(summary = "The overview's track filter: the tracks with active members, by id, a page at a time (page "
            + "from 0; size 1-200, default 50) (admin)")
    Page<OrganisationOverview.Option> tracks(@RequestParam(defaultValue = "0") @Min(0) int page,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return overview.tracks(Caller.current(), page, size);
    }
}
