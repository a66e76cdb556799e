package dev.ladder.progress.support;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a progress-service integration test class implements: the application on a random port against the test
 * infrastructure's real PostgreSQL, Kafka and Keycloak; a context of its own, closed after the class (its consumers
 * must leave the "progress" group before another test context, on another database, joins); one instance per class,
 * so {@code @BeforeAll} set-ups can use the injected beans. A test that needs the fixed day adds
 * {@code @Import(Today.class)}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface ProgressServiceTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        LadderInfra.register(registry, "progress");
    }
}
