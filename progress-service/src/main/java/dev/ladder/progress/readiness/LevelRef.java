package dev.ladder.progress.readiness;

import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;

public record LevelRef(String id, String name, int rank) {

    public static LevelRef of(Level level) {
        return level == null ? null : new LevelRef(level.id(), level.name(), level.rank());
    }
}
