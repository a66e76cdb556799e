package dev.ladder.keycloak;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The demo users of the {@code ladder} realm. Their ids are fixed in {@code ladder-realm.json} because the
 * Keycloak {@code sub} is the employee id everywhere in Ladder (seed data and tests refer to them).
 */
public final class DemoUsers {

    /** A realm user; password = username (local only). */
    public record DemoUser(String id, String username, String password, String firstName, String lastName,
                           Set<String> roles) {

        public String name() {
            return firstName + " " + lastName;
        }

        public String email() {
            return username + "@ladder.local";
        }
    }

    public static final DemoUser ALICE = new DemoUser("11111111-1111-4111-8111-111111111111", "alice", "alice",
            "Alice", "Anders", Set.of("employee"));
    public static final DemoUser BOB = new DemoUser("44444444-4444-4444-8444-444444444444", "bob", "bob",
            "Bob", "Berg", Set.of("employee"));
    public static final DemoUser MARK = new DemoUser("22222222-2222-4222-8222-222222222222", "mark", "mark",
            "Mark", "Meyer", Set.of("employee", "manager"));
    public static final DemoUser ADA = new DemoUser("33333333-3333-4333-8333-333333333333", "ada", "ada",
            "Ada", "Admin", Set.of("employee", "admin"));

    public static final List<DemoUser> ALL = List.of(ALICE, BOB, MARK, ADA);

    private DemoUsers() {
    }

    public static DemoUser byUsername(String username) {
        return ALL.stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no demo user '" + username + "' (known: alice, bob, mark, ada)"));
    }
}
