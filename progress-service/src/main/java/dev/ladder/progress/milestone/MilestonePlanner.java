package dev.ladder.progress.milestone;

import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import dev.ladder.progress.rules.LevelEvaluation;
import dev.ladder.progress.rules.Progression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which milestones an evaluation reached, compared with the previous one: every readiness threshold crossed
 * upward for a next level, and every level advanced to. Pure; {@link Milestones} makes sure each is announced once.
 */
public final class MilestonePlanner {

    public static final List<Integer> THRESHOLDS = List.of(25, 50, 75, 100);

    /**
     * @param previousNextLevelId the next level of the stored evaluation ({@code null} if none)
     * @param previousPercent     the stored readiness for it
     */
    public static List<MilestoneReached> plan(String employeeId, String trackId, String previousNextLevelId,
                                              int previousPercent, Progression now, Instant at) {
        List<MilestoneReached> milestones = new ArrayList<>();
        String baselineLevel = previousNextLevelId;
        for (LevelEvaluation advanced : now.advanced()) {
            int before = advanced.level().id().equals(baselineLevel) ? previousPercent : 0;
            milestones.addAll(thresholds(employeeId, trackId, advanced, before, at));
            milestones.add(levelAdvanced(employeeId, trackId, advanced.level(), at));
            baselineLevel = null; // a level first seen as "next" after an advance starts from 0%
        }
        if (now.next() != null) {
            int before = now.next().level().id().equals(baselineLevel) ? previousPercent : 0;
            milestones.addAll(thresholds(employeeId, trackId, now.next(), before, at));
        }
        return milestones;
    }

    /** The thresholds t with before &lt; t ≤ after. */
    public static List<Integer> crossed(int before, int after) {
        return THRESHOLDS.stream().filter(t -> before < t && t <= after).toList();
    }

    /** Level rules v1: {@code <employeeId>:<kind>:<levelId>:<threshold>}; a level advance counts as threshold 100. */
    public static String milestoneId(String employeeId, MilestoneKind kind, String levelId, int threshold) {
        return employeeId + ":" + kind + ":" + levelId + ":" + threshold;
    }

    private static List<MilestoneReached> thresholds(String employeeId, String trackId, LevelEvaluation evaluation,
                                                     int before, Instant at) {
        List<Integer> crossed = crossed(before, evaluation.readinessPercent());
        List<MilestoneReached> milestones = new ArrayList<>();
        Level level = evaluation.level();
        int percent = evaluation.readinessPercent();
        for (int threshold : crossed) {
            boolean highest = threshold == crossed.get(crossed.size() - 1);
            String message = highest
                    ? "You are now " + percent + "% ready for " + level.name()
                    : "You passed " + threshold + "% readiness for " + level.name();
            milestones.add(new MilestoneReached(
                    milestoneId(employeeId, MilestoneKind.READINESS_THRESHOLD_CROSSED, level.id(), threshold),
                    employeeId, MilestoneKind.READINESS_THRESHOLD_CROSSED, trackId, level.id(), level.name(),
                    percent, threshold, message, at));
        }
        return milestones;
    }

    private static MilestoneReached levelAdvanced(String employeeId, String trackId, Level level, Instant at) {
        return new MilestoneReached(milestoneId(employeeId, MilestoneKind.LEVEL_ADVANCED, level.id(), 100),
                employeeId, MilestoneKind.LEVEL_ADVANCED, trackId, level.id(), level.name(), 100, 100,
                "Congratulations! You reached " + level.name(), at);
    }

    private MilestonePlanner() {
    }
}
