package dev.ladder.profile.team;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
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

    @Operation(summary = "Teams the caller leads as manager or deputy, with their members, by name, a page at a "
            + "time (page from 0; size 1-200, default 50)")
    @GetMapping("/mine")
    Page<TeamView> mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return teams.mine(Caller.current(), page, size);
    }
}
