package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;

import java.util.List;

/**
 * A requirement group evaluated. {@code required} is the effective number of items that must hold (all items for
 * ALL_OF, one for ANY_OF, the published number for N_OF_M).
 */
public record GroupResult(String id, String description, GroupKind kind, int required, int metCount, boolean met,
                          List<ItemResult> items) {

    public GroupResult {
        items = List.copyOf(items);
    }
}
