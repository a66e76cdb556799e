package dev.ladder.profile;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * Base of the tests against one running profile-service (demo org seeded) over real PostgreSQL, Kafka and
 * Keycloak. Subclasses share the Spring context, hence the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ladder.profile.demo-data=true")
public abstract class ProfileServiceTest {

    public static final String ALICE = "11111111-1111-4111-8111-111111111111";
    public static final String MARK = "22222222-2222-4222-8222-222222222222";
    public static final String ADA = "33333333-3333-4333-8333-333333333333";
    public static final String BOB = "44444444-4444-4444-8444-444444444444";

    /** Own consumer group: other contexts in this JVM have other databases and must not take our partitions. */
    protected static final String GROUP = "profile-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "profile");
        registry.add("ladder.profile.consumer-group", () -> GROUP);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @BeforeEach
    void knowTheCatalog() {
        api = new Api(port);
        TestCatalog.ensureSeedTrack(jdbc);
    }

    protected long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
