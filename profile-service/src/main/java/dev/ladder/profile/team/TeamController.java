package dev.ladder.profile.team;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/profiles/teams")
class TeamController {

    private final TeamService teams;

    TeamController(TeamService teams) {
        this.teams = teams;
    }

    @Operation(summary = "Teams the caller leads as manager or deputy, with their members")
    @GetMapping("/mine")
    List<TeamView> mine() {
        return teams.mine(Caller.current());
    }
}
