package dev.ladder.progress.rules;

import java.time.LocalDate;

/**
 * What a requirement asks of an employee's history on a day: all {@link RulesEngine#complete} needs. A replay asks
 * it of the growing fold itself for every day of a history, without building an {@link EmployeeState} per day.
 */
public interface Facts {

    /** Whether a recorded, not rejected copy of the certification counts on the day. */
    boolean holdsCertification(String certificationId, LocalDate on);

    /** The proficiency of the latest assessment of the skill, {@code null} when never assessed. */
    Integer proficiency(String skillId);

    /** Whole years of experience on the day, {@code -1} when neither a start date nor any period is known. */
    int yearsOfExperience(LocalDate on);

    /** The level of the track the person was placed at (a LevelPlaced in force on the day), {@code null} if none. */
    default String placedLevel(String trackId) {
        return null;
    }
}
