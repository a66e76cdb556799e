package dev.ladder.catalog.roadmap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A descriptive part of a roadmap the platform does not compute with (specialised roles, industry paths, education,
 * conferences, employers, trends…): a heading with its paragraphs, list items and sub-sections in document order.
 * Text keeps its inline Markdown (emphasis, links) so an export reproduces the document. Not to be confused with
 * {@link MarkdownOutline.Section}, the raw heading tree it is read from.
 *
 * @param ordered whether the items are a numbered list
 * @param closing paragraphs written after the items
 */
public record DescriptiveSection(String heading, boolean ordered, List<String> paragraphs, List<Item> items,
                                 List<DescriptiveSection> children, List<String> closing) {

    public DescriptiveSection {
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

    /**
     * A list item of a section, with nested items (e.g. "Website: …" under an association). {@link #links()} is
     * derived from the text, so it can never disagree with it; it is output-only in JSON.
     */
    @JsonIgnoreProperties(value = "links", allowGetters = true)
    public record Item(String text, List<Item> items) {

        private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]+)\\)");
        private static final Pattern BARE_URL = Pattern.compile("(?<![(\\[])\\bhttps?://[^\\s)\\]]+");

        public Item {
            text = text == null ? "" : text;
            items = items == null ? List.of() : List.copyOf(items);
        }

        public static Item of(String text) {
            return new Item(text, List.of());
        }

        /** Links in the text: Markdown links and bare URLs, in order of appearance. */
        @JsonProperty("links")
        public List<Link> links() {
            List<Link> links = new ArrayList<>();
            Matcher markdown = MARKDOWN_LINK.matcher(text);
            while (markdown.find()) {
                links.add(new Link(markdown.group(1), markdown.group(2)));
            }
            Matcher bare = BARE_URL.matcher(MARKDOWN_LINK.matcher(text).replaceAll(""));
            while (bare.find()) {
                links.add(new Link(bare.group(), bare.group()));
            }
            return links;
        }

        public record Link(String label, String url) {
        }
    }
}
