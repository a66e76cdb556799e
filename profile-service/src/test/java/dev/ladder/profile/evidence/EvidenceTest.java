package dev.ladder.profile.evidence;

import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Base of the evidence tests: the extra client, and "refused and nothing changed". */
public abstract class EvidenceTest extends ProfileServiceTest {

    protected EvidenceApi evidence;

    @BeforeEach
    void evidenceClient() {
        evidence = new EvidenceApi(port);
    }

    /**
     * Runs a request that must be refused with {@code status} as a problem, and asserts it wrote nothing: the same
     * number of rows in every evidence table and in the outbox (what the relay publishes) before and after.
     */
    protected Api.Response refused(int status, Supplier<Api.Response> request) {
        String before = snapshot();
        Api.Response response = request.get();
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(snapshot()).isEqualTo(before);
        return response;
    }

    private String snapshot() {
        return jdbc.sql("""
                        select (select count(*) from outbox_event) || '/'
                            || (select count(*) from certification_record) || '/'
                            || (select coalesce(sum(version), 0) from certification_record) || '/'
                            || (select count(*) from certification_evidence) || '/'
                            || (select count(*) from skill_assessment) || '/'
                            || (select count(*) from skill_assessment where state = 'PENDING') || '/'
                            || (select count(*) from experience_period) || '/'
                            || (select coalesce(sum(version), 0) from experience_period)
                        """)
                .query(String.class).single();
    }
}
