package dev.ladder.catalog;

import dev.ladder.testkit.architecture.ServiceArchitectureTest;

/** Ladder's architecture rules (README, "Project layout") for this service's production code. */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("dev.ladder.catalog");
    }
}
