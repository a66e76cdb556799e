package dev.ladder.profile.demo;

import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOrgSeederTest extends ProfileServiceTest {

    /** Other tests in this context add people of their own: look at the demo ones. */
    private static final String DEMO = "('" + ALICE + "', '" + BOB + "', '" + MARK + "', '" + ADA + "')";

    @Autowired
    DemoOrgSeeder seeder;

    @Test
    void theDemoOrgIsSeededAndAnnouncedOnceEvenWhenSeedingRunsAgain() {
        assertThat(count("select count(*) from employee where id in " + DEMO)).isEqualTo(4);
        assertThat(count("select count(*) from team where id = 'ai-security' and manager_id = '" + MARK + "'"))
                .isEqualTo(1);
        assertThat(employeeEvents()).isEqualTo(4);
        jdbc.sql("select payload from outbox_event where topic = :topic and event_key in " + DEMO)
                .param("topic", Topics.EMPLOYEES)
                .query(String.class).list()
                .forEach(json -> assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, json)).isEmpty());

        // provisioned by username through the organisation's service, with the realm's known ids as id and subject
        assertThat(count("select count(*) from employee where subject = id and username in ('alice', 'bob', 'mark', 'ada')"))
                .isEqualTo(4);
        assertThat(count("select count(*) from audit_entry where action = 'employee.provisioned'"
                + " and actor_username = 'demo-seeder'")).isGreaterThanOrEqualTo(4);

        seeder.run(null);

        assertThat(count("select count(*) from employee where id in " + DEMO)).isEqualTo(4);
        assertThat(employeeEvents()).isEqualTo(4);
    }

    /**
     * The demo people's regions must be salary regions of the seed track as catalog-service publishes it (the
     * test-fixtures' copy, derived from the roadmap by catalog-service's own code), or seeding would be refused
     * whenever the catalog is known before the seeder runs.
     */
    @Test
    void theDemoPeoplesRegionsAreSalaryRegionsOfTheSeedTrack() throws Exception {
        CatalogVersionPublished seed;
        try (InputStream in = getClass().getResourceAsStream("/dev/ladder/fixtures/seed-track.json")) {
            assertThat(in).as("the test-fixtures seed track").isNotNull();
            seed = JsonMapper.builder().build().readValue(in, CatalogVersionPublished.class);
        }
        assertThat(seed.salaryRegionsKnown()).as("test-fixtures was built before catalog releases carried salary "
                + "regions: rebuild it (./mvnw -o -pl infra/test-fixtures install)").isTrue();
        List<String> regions = seed.salaryRegions().stream().map(CatalogVersionPublished.SalaryRegion::id).toList();
        Stream.concat(DemoOrg.LEADERS.stream(), DemoOrg.MEMBERS.stream())
                .forEach(p -> assertThat(regions).as(p.username()).contains(p.region()));
    }

    private long employeeEvents() {
        return count("select count(*) from outbox_event where topic = '" + Topics.EMPLOYEES + "' and event_key in "
                + DEMO);
    }
}
