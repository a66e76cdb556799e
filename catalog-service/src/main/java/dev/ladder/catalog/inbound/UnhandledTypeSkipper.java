package dev.ladder.catalog.inbound;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which unreadable records this service skips rather than dead-letters (the kit's
 * {@link dev.ladder.kit.messaging.UnhandledTypeSkipper}): every type but the erasures it applies. catalog-service
 * reads the employees topic for erasures only, so an unreadable profile change is profile consumers' business, not a
 * dead letter of catalog's. Installed by application.yml ({@code spring.deserializer.value.function});
 * {@code UnhandledTypeSkipperTest} checks the table against the listeners' handlers.
 */
public class UnhandledTypeSkipper extends dev.ladder.kit.messaging.UnhandledTypeSkipper {

    /** The types each topic's listener has a handler for. */
    static final Map<String, Set<EventType>> HANDLED = Map.of(
            Topics.EMPLOYEES, EnumSet.of(EventType.EMPLOYEE_ERASED));

    public UnhandledTypeSkipper() {
        super(HANDLED);
    }
}
