package dev.ladder.notification.inbound;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which unreadable records this service skips rather than dead-letters (the kit's
 * {@link dev.ladder.kit.messaging.UnhandledTypeSkipper}): those of every type but the ones below. It reads the shared
 * {@code ladder.achievements.v1}, where other systems publish types only other consumers know. Installed by
 * application.yml ({@code spring.deserializer.value.function}); {@code UnhandledTypeSkipperTest} checks the table
 * against the listeners' handlers.
 */
public class UnhandledTypeSkipper extends dev.ladder.kit.messaging.UnhandledTypeSkipper {

    /** The types each topic's listener has a handler for. */
    static final Map<String, Set<EventType>> HANDLED = Map.of(
            Topics.MILESTONES, EnumSet.of(EventType.MILESTONE_REACHED, EventType.TRACK_REEVALUATED),
            Topics.EMPLOYEES, EnumSet.of(EventType.EMPLOYEE_UPDATED, EventType.EMPLOYEE_ERASED),
            Topics.CATALOG_RELEASES, EnumSet.of(EventType.CATALOG_VERSION_PUBLISHED),
            Topics.ACHIEVEMENTS, EnumSet.of(EventType.CERTIFICATION_RECORDED, EventType.CERTIFICATION_VERIFIED,
                    EventType.CERTIFICATION_REJECTED, EventType.CERTIFICATION_WITHDRAWN,
                    EventType.CERTIFICATION_REVOKED, EventType.SKILL_ASSESSED));

    public UnhandledTypeSkipper() {
        super(HANDLED);
    }
}
