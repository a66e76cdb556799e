package dev.ladder.profile.team;

/**
 * A team: a manager and a deputy (employee ids, both optional) lead it; a retired team ({@code active} false) keeps
 * its history and takes no new members. {@code version} is its {@code ETag}.
 */
public record Team(String id, String name, String managerId, String deputyId, boolean active, long version) {

    public boolean ledBy(String employeeId) {
        return employeeId != null && (employeeId.equals(managerId) || employeeId.equals(deputyId));
    }
}
