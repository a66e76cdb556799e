package dev.ladder.profile.organisation;

import dev.ladder.profile.team.Team;

/** A team as admins see it; {@code version} is its ETag. */
public record TeamDetails(String id, String name, String managerId, String deputyId, boolean active,
                          long activeMembers, long version) {

    static TeamDetails of(Team t, long activeMembers) {
        return new TeamDetails(t.id(), t.name(), t.managerId(), t.deputyId(), t.active(), activeMembers, t.version());
    }
}
