package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;

/** One requirement evaluated: whether it holds and a human-readable reason. */
public record ItemResult(RequirementType type, String ref, String name, boolean met, String detail) {
}
