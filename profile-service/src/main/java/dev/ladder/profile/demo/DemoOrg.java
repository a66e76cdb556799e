package dev.ladder.profile.demo;

import dev.ladder.profile.team.Team;

import java.time.LocalDate;
import java.util.List;

/** The demo organisation of the SPEC; ids are the Keycloak user ids of the realm's demo users. */
final class DemoOrg {

    static final String ALICE = "11111111-1111-4111-8111-111111111111";
    static final String MARK = "22222222-2222-4222-8222-222222222222";
    static final String ADA = "33333333-3333-4333-8333-333333333333";
    static final String BOB = "44444444-4444-4444-8444-444444444444";

    static final Team AI_SECURITY = new Team("ai-security", "AI Security", MARK);

    record Person(String id, String displayName, String email, String teamId, String region, LocalDate startDate) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person(ALICE, "Alice Anders", "alice@ladder.local", AI_SECURITY.id(), "united-states",
                    LocalDate.of(2024, 9, 1)),
            new Person(BOB, "Bob Berg", "bob@ladder.local", AI_SECURITY.id(), "europe", LocalDate.of(2021, 3, 1)),
            new Person(MARK, "Mark Meyer", "mark@ladder.local", null, "united-states", LocalDate.of(2015, 1, 5)),
            new Person(ADA, "Ada Admin", "ada@ladder.local", null, "europe", LocalDate.of(2018, 6, 1)));

    private DemoOrg() {
    }
}
