package dev.ladder.profile.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /** One clock for every timestamp this service writes, so tests could pin time if they ever need to. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
