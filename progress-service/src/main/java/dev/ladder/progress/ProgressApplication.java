package dev.ladder.progress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Evaluates level rules against what employees achieved and keeps everyone's readiness for their next level. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProgressApplication {

    /** Kafka consumer group and inbox consumer name of this service. */
    public static final String CONSUMER = "progress";

    public static void main(String[] args) {
        SpringApplication.run(ProgressApplication.class, args);
    }
}
