package dev.ladder.notification.inbound;

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
        assertThat(ListenerHandlers.handledTypes("dev.ladder.notification")).isEqualTo(UnhandledTypeSkipper.HANDLED);
    }

    /** On the shared achievements topic: its claims are dead-lettered when unreadable, the rest is skipped. */
    @Test
    void itHandlesTheClaimsOnTheAchievementsTopicAndNothingElseThere() {
        UnhandledTypeSkipper skipper = new UnhandledTypeSkipper();
        assertThat(skipper.handles(Topics.ACHIEVEMENTS, EventType.CERTIFICATION_RECORDED.id())).isTrue();
        assertThat(skipper.handles(Topics.ACHIEVEMENTS, EventType.EXPERIENCE_RECORDED.id())).isFalse();
        assertThat(skipper.handles(Topics.ACHIEVEMENTS, "com.example.BadgeEarned.v1")).isFalse();
    }
}
