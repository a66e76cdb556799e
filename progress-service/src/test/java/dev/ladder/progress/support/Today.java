package dev.ladder.progress.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** "Today" is 2026-11-25 whenever the tests run, so years of experience and expiry windows don't drift. */
@TestConfiguration
public class Today {

    public static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");

    @Bean
    Clock clock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOON));
    }
}
