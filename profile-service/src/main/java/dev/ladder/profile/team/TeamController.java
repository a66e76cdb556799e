package dev.ladder.profile.team;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.MemberPaging;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/profiles/teams")
class TeamController {

    private final TeamService teams;

    TeamController(TeamService teams) {
        this.teams = teams;
    }

    @Operation(summary = "Teams the caller leads as manager or deputy, by name, a page at a time (page from 0; size "
            + "1-200, default 50), each with the first memberSize (1-200, default 50) of its members by name and "
            + "their total: GET /teams/{id}?memberPage= for the rest")
    @GetMapping("/mine")
    Page<TeamView> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int memberSize) {
        return teams.mine(Caller.current(), page, size, memberSize);
    }

    @Operation(summary = "A team the caller leads (or any team, for an admin) with its members by name, a page at a "
            + "time (memberPage from 0; memberSize 1-200, default 50); any other team is not found")
    @GetMapping("/{id}")
    TeamView team(@PathVariable String id,
                  @RequestParam(defaultValue = "0") @Min(0) int memberPage,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int memberSize) {
        return teams.team(Caller.current(), id, new MemberPaging(memberPage, memberSize));
    }
}
