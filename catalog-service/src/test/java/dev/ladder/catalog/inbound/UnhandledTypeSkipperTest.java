package dev.ladder.catalog.inbound;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.testkit.architecture.ListenerHandlers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** This service's table; what the kit's skipper does with it: the kit's UnhandledTypeSkipperTest. */
class UnhandledTypeSkipperTest {

    /** The table is the listeners' handlers, no more and no less: a new handler needs its line there. */
    @Test
    void handledTypesAreExactlyThoseTheListenersHaveHandlersFor() {
        assertThat(ListenerHandlers.handledTypes("dev.ladder.catalog")).isEqualTo(UnhandledTypeSkipper.HANDLED);
    }

    @Test
    void onTheEmployeesTopicItHandlesErasuresOnly() {
        UnhandledTypeSkipper skipper = new UnhandledTypeSkipper();
        assertThat(skipper.handles(Topics.EMPLOYEES, EventType.EMPLOYEE_ERASED.id())).isTrue();
        assertThat(skipper.handles(Topics.EMPLOYEES, EventType.EMPLOYEE_UPDATED.id())).isFalse();
    }
}
