package dev.ladder.catalog.model;

import java.util.List;

/**
 * A descriptive part of a roadmap the platform does not compute with (specialised roles, industry paths, education,
 * conferences, employers, trends…): a heading with its paragraphs, list items and sub-sections in document order.
 * Text keeps its inline Markdown (emphasis, links) so an export reproduces the document.
 *
 * @param ordered whether the items are a numbered list
 * @param closing paragraphs written after the items
 */
public record Section(String heading, boolean ordered, List<String> paragraphs, List<Item> items,
                      List<Section> children, List<String> closing) {

    public Section {
        paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
        closing = closing == null ? List.of() : List.copyOf(closing);
        items = items == null ? List.of() : List.copyOf(items);
        if (items.isEmpty() && !closing.isEmpty()) {
            // without a list there is no "after": one canonical form keeps equal documents equal
            paragraphs = java.util.stream.Stream.concat(paragraphs.stream(), closing.stream()).toList();
            closing = List.of();
        }
        children = children == null ? List.of() : List.copyOf(children);
    }
}
