package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;

import java.util.List;

/** How ready an employee is for one level on one date. */
public record LevelEvaluation(Level level, int readinessPercent, List<GroupResult> groups) {

    public LevelEvaluation {
        groups = List.copyOf(groups);
    }

    public boolean complete() {
        return readinessPercent == 100;
    }
}
