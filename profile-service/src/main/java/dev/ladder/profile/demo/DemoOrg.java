package dev.ladder.profile.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * The demo organisation of the SPEC. The demo realm's user ids are known in advance (fixed in
 * {@code ladder-realm.json}), so the demo people are provisioned with their Keycloak id as both employee id and
 * subject: the ids tests and other services use for them stay valid, and their first sign-in finds them linked.
 */
final class DemoOrg {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String MARK = "22222222-2222-4222-8222-222222222222";
    static final String ADA = "33333333-3333-4333-8333-333333333333";
    static final String BOB = "44444444-4444-4444-8444-444444444444";

    static final String TEAM_ID = "ai-security";
    static final String TEAM_NAME = "AI Security";
    static final String TEAM_MANAGER = MARK;

    record Person(String id, String username, String displayName, String email, String teamId, String region,
                  LocalDate startDate) {
    }

    /** Leaders first: a team's manager must exist before the team. */
    static final List<Person> LEADERS = List.of(
            new Person(MARK, "mark", "Mark Meyer", "mark@ladder.local", null, "united-states",
                    LocalDate.of(2015, 1, 5)),
            new Person(ADA, "ada", "Ada Admin", "ada@ladder.local", null, "europe", LocalDate.of(2018, 6, 1)));

    static final List<Person> MEMBERS = List.of(
            new Person(ALICE, "alice", "Alice Anders", "alice@ladder.local", TEAM_ID, "united-states",
                    LocalDate.of(2024, 9, 1)),
            new Person(BOB, "bob", "Bob Berg", "bob@ladder.local", TEAM_ID, "europe", LocalDate.of(2021, 3, 1)));

    /** Mark joined with eight years in the field: placed at Senior Level from then on. */
    static final String MARK_LEVEL = "senior";
    static final LocalDate MARK_PLACED_ON = LocalDate.of(2023, 1, 5);
    static final String MARK_REASON = "Eight years in the field (security engineering since January 2015) when the "
            + "track was introduced: placed at Senior Level";

    private DemoOrg() {
    }
}
