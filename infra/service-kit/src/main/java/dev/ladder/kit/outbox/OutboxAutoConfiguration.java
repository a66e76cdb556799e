package dev.ladder.kit.outbox;

import dev.ladder.contracts.EventProducers;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.tracing.Traces;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The outbox, its relay and the inbox, over the service's own database (tables: {@code db/kit}). */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration"})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Tracing switched off (management.tracing.enabled=false) leaves no tracer or propagator: the no-op ones. */
    @Bean
    @ConditionalOnMissingBean
    Traces ladderTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Traces traces) {
        return new Outbox(jdbc, json, clock, traces);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactions,
                            KafkaTemplate<Object, Object> kafka, OutboxProperties properties, Environment env,
                            Traces traces) {
        // the source consumers accept this service's events from (EventProducers)
        String source = properties.source() != null ? properties.source()
                : EventProducers.ladderService(env.getProperty("spring.application.name", "service"));
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka, properties, source, traces);
    }

    @Bean
    OutboxMeters ladderOutboxMeters(JdbcClient jdbc, Clock clock) {
        return new OutboxMeters(jdbc, clock);
    }

    @Bean
    Inbox inbox(JdbcClient jdbc) {
        return new Inbox(jdbc);
    }

    /**
     * The kit's migrations ({@code db/kit}, versions 0.x) share each service's Flyway history with the service's own
     * (1, 2, ...). A kit migration added later sorts below versions a database already has, and Flyway would refuse
     * to start on it ("resolved migration not applied"); out of order, it runs. The services' own migrations still
     * run in their order: out-of-order only lets a lower pending version run after higher applied ones.
     */
    @Bean
    FlywayConfigurationCustomizer kitMigrationsMayRunOutOfOrder() {
        return configuration -> configuration.outOfOrder(true);
    }
}
