package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where an employee stands on a track: the level they hold, the levels they just advanced to (each was 100% ready)
 * and their evaluation for the next level ({@code null} at the top of the track). Levels are never lost: a lapsed
 * certification lowers readiness for the next level, not the level already reached.
 */
public record Progression(Level current, List<LevelEvaluation> advanced, LevelEvaluation next) {

    public Progression {
        advanced = List.copyOf(advanced);
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
        List<Level> levels = catalog.levels().stream().sorted(Comparator.comparingInt(Level::rank)).toList();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        RulesEngine engine = new RulesEngine(catalog);
        int index = 0;
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).rank() <= heldRank) {
                index = i;
            }
        }
        List<LevelEvaluation> advanced = new ArrayList<>();
        while (index + 1 < levels.size()) {
            LevelEvaluation next = engine.evaluate(levels.get(index + 1), state, on);
            if (!next.complete()) {
                return Optional.of(new Progression(levels.get(index), advanced, next));
            }
            advanced.add(next);
            index++;
        }
        return Optional.of(new Progression(levels.get(index), advanced, null));
    }
}
