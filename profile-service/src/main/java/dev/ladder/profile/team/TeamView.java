package dev.ladder.profile.team;

import java.time.LocalDate;
import java.util.List;

/** GET /api/profiles/teams/mine: a team the caller manages, with its members. */
public record TeamView(String id, String name, String managerId, List<Member> members) {

    public record Member(String id, String displayName, String email, LocalDate startDate) {
    }
}
