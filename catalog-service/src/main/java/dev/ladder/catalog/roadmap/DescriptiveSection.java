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

        /* Linear: each start is a literal "http", and the URL is a run that nothing after it makes give back. */
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
            StringBuilder rest = new StringBuilder();
            markdownLinks(text, links, rest);
            Matcher bare = BARE_URL.matcher(rest);
            while (bare.find()) {
                links.add(new Link(bare.group(), bare.group()));
            }
            return links;
        }

        /**
         * Adds the "[label](url)" links of {@code text} to {@code links} and the text without them to {@code rest}:
         * what the pattern {@code \[([^\]]*)]\(([^)\s]+)\)} finds, left to right, but in linear time. A pattern
         * tried at each '[' re-scans the rest of the text from each one: "[[[[…" (100,000 of them) took over a
         * minute. Here a failed '[' also rules out every '[' before its ']' (they share that ']' and what
         * follows it), and a URL run that was scanned once is not scanned again.
         */
        private static void markdownLinks(String text, List<Link> links, StringBuilder rest) {
            int copied = 0;
            int from = 0;
            int urlEnd = -1; // the first ')' or whitespace at or after the last URL start scanned
            while (true) {
                int open = text.indexOf('[', from);
                int close = open < 0 ? -1 : text.indexOf(']', open + 1);
                if (close < 0) {
                    break; // no '[' … ']' left: no link further on either
                }
                from = close + 1;
                if (close + 1 < text.length() && text.charAt(close + 1) == '(') {
                    int url = close + 2;
                    if (url > urlEnd) {
                        urlEnd = url;
                        while (urlEnd < text.length() && text.charAt(urlEnd) != ')' && !space(text.charAt(urlEnd))) {
                            urlEnd++;
                        }
                    }
                    if (urlEnd > url && urlEnd < text.length() && text.charAt(urlEnd) == ')') {
                        links.add(new Link(text.substring(open + 1, close), text.substring(url, urlEnd)));
                        rest.append(text, copied, open);
                        copied = urlEnd + 1;
                        from = copied;
                    }
                }
            }
            rest.append(text, copied, text.length());
        }

        /** What {@code \s} matches in a Java pattern. */
        private static boolean space(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }

        public record Link(String label, String url) {
        }
    }
}
