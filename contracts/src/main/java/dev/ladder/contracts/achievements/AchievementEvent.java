package dev.ladder.contracts.achievements;

import dev.ladder.contracts.LadderEvent;

/**
 * An event on {@code ladder.achievements.v1}, the topic other systems (an LMS, an HR system) may write too: it is
 * about one employee. Its record key and its {@code ce_subject} (when set) must name that same employee, and a
 * consumer dead-letters a record whose key, subject and payload disagree — otherwise whoever may write the topic
 * could file an achievement under one person's key for another.
 */
public interface AchievementEvent extends LadderEvent {

    /** The employee the event is about. */
    String employeeId();
}
