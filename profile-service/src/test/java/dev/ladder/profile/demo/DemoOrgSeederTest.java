package dev.ladder.profile.demo;

import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOrgSeederTest extends ProfileServiceTest {

    @Autowired
    DemoOrgSeeder seeder;

    @Test
    void theDemoOrgIsSeededAndAnnouncedOnceEvenWhenSeedingRunsAgain() {
        assertThat(count("select count(*) from employee")).isEqualTo(4);
        assertThat(count("select count(*) from team where id = 'ai-security' and manager_id = '" + MARK + "'"))
                .isEqualTo(1);
        assertThat(employeeEvents()).isEqualTo(4);
        jdbc.sql("select payload from outbox_event where topic = :topic").param("topic", Topics.EMPLOYEES)
                .query(String.class).list()
                .forEach(json -> assertThat(EventSchemas.violations(EventType.EMPLOYEE_UPDATED, json)).isEmpty());

        seeder.run(null);

        assertThat(count("select count(*) from employee")).isEqualTo(4);
        assertThat(employeeEvents()).isEqualTo(4);
    }

    private long employeeEvents() {
        return count("select count(*) from outbox_event where topic = '" + Topics.EMPLOYEES + "'");
    }
}
