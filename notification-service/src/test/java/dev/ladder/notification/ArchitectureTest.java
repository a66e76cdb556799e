package dev.ladder.notification;

import dev.ladder.testkit.architecture.ServiceArchitectureTest;

import java.util.List;

/** Ladder's architecture rules (README, "Project layout") for this service's production code. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        // webhooks post to the outside world's chat systems over HTTP, never to another Ladder service
        super("dev.ladder.notification", List.of("..webhook.."));
    }
}
