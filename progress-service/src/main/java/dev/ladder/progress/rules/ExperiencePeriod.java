package dev.ladder.progress.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A stretch of relevant experience, {@code endedOn} exclusive ({@code null}: still going on). */
public record ExperiencePeriod(LocalDate startedOn, LocalDate endedOn) {

    public ExperiencePeriod {
        Objects.requireNonNull(startedOn, "startedOn");
    }

    /**
     * Whole years of experience on {@code on}: the union of the periods cut at {@code on}, overlaps counted once.
     * The total number of days is counted back from {@code on} so a single period gives exactly the calendar years
     * of {@link Period#between} (what "whole years since the start date" means).
     */
    public static int wholeYears(List<ExperiencePeriod> periods, LocalDate on) {
        List<ExperiencePeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(ExperiencePeriod::startedOn));
        long days = 0;
        LocalDate coveredUntil = LocalDate.MIN;
        for (ExperiencePeriod period : sorted) {
            LocalDate end = period.endedOn == null || period.endedOn.isAfter(on) ? on : period.endedOn;
            LocalDate start = period.startedOn.isAfter(coveredUntil) ? period.startedOn : coveredUntil;
            if (start.isBefore(end)) {
                days += end.toEpochDay() - start.toEpochDay();
                coveredUntil = end;
            }
        }
        return days == 0 ? 0 : Period.between(on.minusDays(days), on).getYears();
    }
}
