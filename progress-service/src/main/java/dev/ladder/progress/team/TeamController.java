package dev.ladder.progress.team;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.MemberPaging;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/progress/teams")
class TeamController {

    private final TeamQueries teams;

    TeamController(TeamQueries teams) {
        this.teams = teams;
    }

    @GetMapping("/mine")
    @Operation(summary = "Readiness of the teams I manage or deputise for, by team id, a page at a time (page from 0; "
            + "size 1-200, default 50); each team with the first memberSize (1-200, default 50) of its members and "
            + "of its expiring certifications, and their totals: GET /teams/{teamId}?memberPage= for the rest")
    Page<TeamDashboard> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int memberSize) {
        return teams.mine(Caller.current(), page, size, memberSize);
    }

    @GetMapping("/{teamId}")
    @Operation(summary = "A team's level distribution, readiness histogram, skill-gap matrix and certifications "
            + "expiring within 90 days (the team's manager or an admin); the members, their cells of the matrix and "
            + "the expiring certifications a page at a time (memberPage from 0; memberSize 1-200, default 50), the "
            + "distribution and histogram over every member")
    TeamDashboard team(@PathVariable String teamId,
                       @RequestParam(defaultValue = "0") @Min(0) int memberPage,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int memberSize) {
        return teams.dashboard(teamId, Caller.current(), new MemberPaging(memberPage, memberSize));
    }

    @GetMapping(value = "/{teamId}/export.csv", produces = "text/csv")
    @Operation(summary = "The same team readiness as CSV, one row per member, every member (a download, not paged)")
    ResponseEntity<String> export(@PathVariable String teamId) {
        TeamReadiness team = teams.team(teamId, Caller.current());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"team-" + teamId + "-readiness.csv\"")
                .body(TeamCsv.of(team));
    }
}
