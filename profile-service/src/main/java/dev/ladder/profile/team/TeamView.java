package dev.ladder.profile.team;

import java.time.LocalDate;
import java.util.List;

/** GET /api/profiles/teams/mine: a team the caller leads, with its active members. */
public record TeamView(String id, String name, String managerId, String deputyId, List<Member> members) {

    public record Member(String id, String displayName, String email, LocalDate startDate) {
    }
}
