package dev.ladder.profile.team;

import dev.ladder.kit.web.Page;

import java.time.LocalDate;

/**
 * GET /api/profiles/teams/mine and /teams/{id}: a team the caller leads, with a page of its active members by name
 * ({@link dev.ladder.kit.web.MemberPaging}; {@code members.total} counts them all).
 */
public record TeamView(String id, String name, String managerId, String deputyId, Page<Member> members) {

    public record Member(String id, String displayName, String email, LocalDate startDate) {
    }
}
