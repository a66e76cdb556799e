package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an employee stands on a track: the level they hold, the levels they just advanced to (each was 100% ready)
 * and their evaluation for the next level ({@code null} at the top of the track). By default levels are never lost:
 * when the held level's requirements stop being met (a certification expired or was revoked) the employee is
 * {@code atRisk}; a catalog that {@link CatalogVersionPublished#demotesOnExpiry() demotes on expiry} takes the level
 * away instead (down to the highest level still met). A placement ({@code LevelPlaced}) in force is a floor: the
 * person holds at least that level, is never at risk on it and never demoted below it; they advance past it by the
 * rules, one level at a time.
 */
public record Progression(Level current, List<LevelEvaluation> advanced, LevelEvaluation next, boolean atRisk) {

    public Progression {
        advanced = List.copyOf(advanced);
    }

    public Progression(Level current, List<LevelEvaluation> advanced, LevelEvaluation next) {
        this(current, advanced, next, false);
    }

    public int readinessPercent() {
        return next == null ? 100 : next.readinessPercent();
    }

    /**
     * @param heldRank the rank held before this evaluation (1 for someone new); a rank the catalog no longer has maps
     *                 to the highest level below it
     * @return empty when the catalog version has no levels
     */
    public static Optional<Progression> evaluate(CatalogVersionPublished catalog, int heldRank, EmployeeState state,
                                                 LocalDate on) {
        return evaluate(new RulesEngine(catalog), heldRank, state, on);
    }

    /** As {@link #evaluate(CatalogVersionPublished, int, EmployeeState, LocalDate)}, with a compiled catalog. */
    public static Optional<Progression> evaluate(RulesEngine engine, int heldRank, EmployeeState state,
                                                 LocalDate on) {
        List<Level> levels = engine.levels();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        // a placement in force is a floor: held from its effective date on, never at risk, never demoted below
        int floor = floorIndex(levels, state.placedLevel(engine.catalog().trackId()));
        int index = Math.max(indexOfRank(levels, heldRank), floor);
        boolean atRisk = false;
        while (index > floor && !engine.complete(levels.get(index), state, on)) {
            if (!engine.catalog().demotesOnExpiry()) {
                atRisk = true;
                break;
            }
            index--;
        }
        List<LevelEvaluation> advanced = new ArrayList<>();
        while (index + 1 < levels.size()) {
            LevelEvaluation next = engine.evaluate(levels.get(index + 1), state, on);
            if (!next.complete()) {
                return Optional.of(new Progression(levels.get(index), advanced, next, atRisk));
            }
            advanced.add(next);
            atRisk = false; // the level advanced to is fully met
            index++;
        }
        return Optional.of(new Progression(levels.get(index), advanced, null, atRisk));
    }

    /**
     * The index of the level a person was placed at ({@code null}, or a level this catalog does not have: 0, no
     * floor).
     */
    public static int floorIndex(List<Level> levels, String placedLevelId) {
        if (placedLevelId == null) {
            return 0;
        }
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).id().equals(placedLevelId)) {
                return i;
            }
        }
        return 0;
    }

    /** The highest level whose rank is at most {@code rank} (a rank the catalog no longer has maps below it). */
    public static int indexOfRank(List<Level> levels, int rank) {
        int index = 0;
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).rank() <= rank) {
                index = i;
            }
        }
        return index;
    }
}
