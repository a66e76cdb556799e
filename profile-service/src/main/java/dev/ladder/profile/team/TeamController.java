package dev.ladder.profile.team;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
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

    @Operation(summary = "Teams the caller manages, with their members (role manager)")
    @GetMapping("/mine")
    List<TeamView> mine() {
        Caller caller = Caller.current();
        if (!caller.isManager()) {
            throw new ForbiddenException("Only managers have teams");
        }
        return teams.managedBy(caller.id());
    }
}
