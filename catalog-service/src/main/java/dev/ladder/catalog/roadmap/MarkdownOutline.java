package dev.ladder.catalog.roadmap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heading tree of a Markdown document with the list items and paragraphs under each heading. Roadmaps are
 * written as headings + bullet lists, so this is all the Markdown the catalog needs; keeping every section (not only
 * the ones mapped today) lets later mappings (specialised roles, industry paths, education…) reuse the same tree.
 */
public record MarkdownOutline(Section root) {

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)(?:[-*+]|\\d+[.)])\\s+(.*)$");

    /** A heading (depth 1 = {@code #}) with its items, paragraphs and sub-sections in document order. */
    public record Section(int depth, String title, int line, boolean ordered, List<Item> items, List<String> paragraphs,
                          List<Section> children, List<String> closing) {

        public Optional<Section> child(String title) {
            return children.stream().filter(c -> c.title.equalsIgnoreCase(title)).findFirst();
        }

        /** The texts of the top-level list items. */
        public List<String> itemTexts() {
            return items.stream().map(Item::text).toList();
        }
    }

    /** A list item; indented items below it are its details (e.g. "Website: …" under an association). */
    public record Item(String text, int line, List<String> details) {
    }

    public static MarkdownOutline parse(String markdown) {
        Builder root = new Builder(0, "", 0);
        Deque<Builder> open = new ArrayDeque<>();
        open.push(root);
        boolean inFence = false;
        String[] lines = markdown.split("\\R");
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].stripTrailing();
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence || line.isBlank()) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                int depth = heading.group(1).length();
                while (open.peek().depth >= depth) {
                    open.pop();
                }
                Builder section = new Builder(depth, heading.group(2), number);
                open.peek().children.add(section);
                open.push(section);
                continue;
            }
            Builder current = open.peek();
            Matcher item = ITEM.matcher(line);
            if (item.matches()) {
                String text = item.group(2).strip();
                if (item.group(1).length() >= 2 && !current.items.isEmpty()) {
                    current.items.get(current.items.size() - 1).details.add(text);
                } else {
                    if (current.items.isEmpty()) {
                        current.ordered = !line.strip().matches("^[-*+]\\s.*");
                    }
                    current.items.add(new ItemBuilder(text, number));
                }
            } else {
                // text after a list closes the section ("…offering numerous opportunities…" after the last list)
                (current.items.isEmpty() ? current.paragraphs : current.closing).add(line.strip());
            }
        }
        return new MarkdownOutline(root.build());
    }

    /** The single {@code #} heading of the document. */
    public Optional<Section> title() {
        return root.children.stream().filter(s -> s.depth == 1).findFirst();
    }

    private static final class Builder {
        final int depth;
        final String title;
        final List<ItemBuilder> items = new ArrayList<>();
        final List<String> paragraphs = new ArrayList<>();
        final List<String> closing = new ArrayList<>();
        final List<Builder> children = new ArrayList<>();
        final int line;
        boolean ordered;

        Builder(int depth, String title, int line) {
            this.depth = depth;
            this.title = title;
            this.line = line;
        }

        Section build() {
            return new Section(depth, title, line, ordered, items.stream().map(ItemBuilder::build).toList(),
                    List.copyOf(paragraphs), children.stream().map(Builder::build).toList(), List.copyOf(closing));
        }
    }

    private static final class ItemBuilder {
        final String text;
        final int line;
        final List<String> details = new ArrayList<>();

        ItemBuilder(String text, int line) {
            this.text = text;
            this.line = line;
        }

        Item build() {
            return new Item(text, line, List.copyOf(details));
        }
    }
}
