package dev.ladder.profile.audit;

/**
 * Who made a change: the employee id and username of the person signed in, or a system process (employee id null,
 * e.g. the demo seeder).
 */
public record Actor(String employeeId, String username) {

    public static Actor system(String name) {
        return new Actor(null, name);
    }
}
