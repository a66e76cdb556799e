package dev.ladder.catalog.roadmap;

import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The heading tree of a Markdown document with the list items and paragraphs under each heading. Roadmaps are
 * written as headings + bullet lists, so this is all the Markdown the catalog needs; keeping every section (not only
 * the ones mapped today) lets later mappings (specialised roles, industry paths, education…) reuse the same tree.
 *
 * <p>Which line is a heading, a list item or code is decided by a CommonMark parser (commonmark-java), which reads
 * a document in time linear in its length; the regular expressions this class used before backtracked for seconds
 * on one crafted line. The texts themselves are taken from the source lines (the parser's source spans give their
 * line numbers), so inline Markdown such as {@code **bold**} or links stays as written.
 */
public record MarkdownOutline(Section root) {

    /**
     * Block structure only: inline content is never parsed (the texts come from the source lines), which also keeps
     * inline constructs ("[[[[…", long emphasis runs) out of the cost of reading a document.
     */
    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .inlineParserFactory(context -> (lines, node) -> { })
            .build();

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
        List<String> lines = lines(markdown);
        Mark[] marks = new Mark[lines.size()];
        mark(PARSER.parse(markdown), lines, marks);

        Builder root = new Builder(0, "", 0);
        Deque<Builder> open = new ArrayDeque<>();
        open.push(root);
        for (int index = 0; index < lines.size(); index++) {
            int number = index + 1;
            Mark mark = marks[index];
            if (mark instanceof Skip) {
                continue;
            }
            if (mark instanceof HeadingLine heading) {
                while (open.peek().depth >= heading.depth()) {
                    open.pop();
                }
                Builder section = new Builder(heading.depth(), heading.title(), number);
                open.peek().children.add(section);
                open.push(section);
                continue;
            }
            Builder current = open.peek();
            if (mark instanceof ItemLine item) {
                if (item.nested() && !current.items.isEmpty()) {
                    current.items.get(current.items.size() - 1).details.add(item.text());
                } else {
                    if (current.items.isEmpty()) {
                        current.ordered = item.ordered();
                    }
                    current.items.add(new ItemBuilder(item.text(), number));
                }
                continue;
            }
            String line = lines.get(index);
            if (!line.isBlank()) {
                // any other text (paragraphs, quotes, a list item's further lines) is kept, never dropped; text after
                // a list closes the section ("…offering numerous opportunities…" after the last list)
                (current.items.isEmpty() ? current.paragraphs : current.closing).add(line.strip());
            }
        }
        return new MarkdownOutline(root.build());
    }

    /** The single {@code #} heading of the document. */
    public Optional<Section> title() {
        return root.children.stream().filter(s -> s.depth == 1).findFirst();
    }

    /** What the parser says a source line is; a line without a mark is text. */
    private sealed interface Mark permits HeadingLine, ItemLine, Skip {
    }

    private record HeadingLine(int depth, String title) implements Mark {
    }

    /** {@code nested}: an item of a list inside another item, i.e. a detail of the item above it. */
    private record ItemLine(String text, boolean ordered, boolean nested) implements Mark {
    }

    /** A line that says nothing: code (as before, roadmaps carry none) or the rest of a multi-line heading. */
    private enum Skip implements Mark { LINE }

    /**
     * Marks the lines of headings, list items and fenced code. Only the document's own headings open sections, and
     * only lists (at any depth within lists) give items: a heading inside a list item or anything inside a block
     * quote stays text, as it always was.
     */
    private static void mark(Node container, List<String> lines, Mark[] marks) {
        for (Node child = container.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Heading heading && container instanceof Document) {
                markHeading(heading, lines, marks);
            } else if (child instanceof ListBlock list) {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    markItem((ListItem) item, list instanceof OrderedList, !(container instanceof Document), lines,
                            marks);
                    mark(item, lines, marks);
                }
            } else if (child instanceof FencedCodeBlock code) {
                for (SourceSpan span : code.getSourceSpans()) {
                    marks[span.getLineIndex()] = Skip.LINE;
                }
            }
        }
    }

    private static void markHeading(Heading heading, List<String> lines, Mark[] marks) {
        List<SourceSpan> spans = heading.getSourceSpans();
        if (spans.isEmpty()) {
            return;
        }
        int first = spans.get(0).getLineIndex();
        String title;
        if (spans.size() == 1) {
            title = atxTitle(lines.get(first));
        } else {
            // a setext heading: its text lines, then the line of '=' or '-' under them
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < spans.size() - 1; i++) {
                text.append(i == 0 ? "" : " ").append(text(lines, spans.get(i)).strip());
            }
            title = text.toString();
            spans.forEach(span -> marks[span.getLineIndex()] = Skip.LINE);
        }
        marks[first] = new HeadingLine(heading.getLevel(), title);
    }

    /**
     * An item's text is the rest of its first line after the marker ("- ", "1. "); its further lines are text, as
     * before. A line holding two markers ("- - x") stays the outer item's.
     */
    private static void markItem(ListItem item, boolean ordered, boolean nested, List<String> lines, Mark[] marks) {
        List<SourceSpan> spans = item.getSourceSpans();
        if (spans.isEmpty() || marks[spans.get(0).getLineIndex()] != null) {
            return;
        }
        String text = text(lines, spans.get(0)).strip();
        int marker = 0;
        while (marker < text.length() && text.charAt(marker) >= '0' && text.charAt(marker) <= '9') {
            marker++;
        }
        marker++; // '-', '*', '+' or the '.' / ')' after the digits
        marks[spans.get(0).getLineIndex()] = new ItemLine(text.substring(Math.min(marker, text.length())).strip(),
                ordered, nested);
    }

    /**
     * "## Title ##" → "Title": the opening '#'s, and a closing run of '#' when a space precedes it (CommonMark's
     * rule, so "## C#" is "C#"). Plain string code: this is where the old pattern backtracked.
     */
    static String atxTitle(String line) {
        String text = line.strip();
        int start = 0;
        while (start < text.length() && text.charAt(start) == '#') {
            start++;
        }
        text = text.substring(start).strip();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '#') {
            end--;
        }
        if (end == 0) {
            return "";
        }
        if (end < text.length() && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            return text.substring(0, end).strip();
        }
        return text;
    }

    /** What a block's span covers on its line (from the block's column: a nested item starts after its parent's). */
    private static String text(List<String> lines, SourceSpan span) {
        String line = lines.get(span.getLineIndex());
        int from = Math.min(span.getColumnIndex(), line.length());
        return line.substring(from, Math.min(line.length(), from + span.getLength()));
    }

    /** The lines as CommonMark counts them (ends at "\n", "\r\n" or "\r"), so span line indexes address them. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines;
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
