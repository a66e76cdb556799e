package dev.ladder.gateway;

import dev.ladder.testkit.architecture.ServiceArchitectureTest;

import java.util.List;

/**
 * Ladder's architecture rules (README, "Project layout") for this service's production code. The gateway is the
 * door in front of the services: besides its routes, only the personal-data export (privacy) calls them itself, to
 * put every service's part of a person's data into one document.
 */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("dev.ladder.gateway", List.of("..privacy.."));
    }
}
