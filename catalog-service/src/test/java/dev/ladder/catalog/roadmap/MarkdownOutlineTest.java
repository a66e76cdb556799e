package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.MarkdownOutline.Item;
import dev.ladder.catalog.roadmap.MarkdownOutline.Section;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownOutlineTest {

    @Test
    void headingsNestItemsAndKeepIndentedDetails() {
        Section root = MarkdownOutline.parse("""
                # Title
                Intro line.

                ## A
                ### A1
                - one
                - two
                ## B
                1. **ISACA** - audit
                   - Website: https://www.isaca.org
                ```
                # not a heading
                ```
                #### deep
                - x
                """).root();
        Section title = root.children().get(0);
        assertThat(title.title()).isEqualTo("Title");
        assertThat(title.paragraphs()).containsExactly("Intro line.");
        assertThat(title.children()).extracting(Section::title).containsExactly("A", "B");
        assertThat(title.child("a").orElseThrow().child("A1").orElseThrow().itemTexts()).containsExactly("one", "two");
        Section b = title.child("B").orElseThrow();
        assertThat(b.items()).containsExactly(
                new Item("**ISACA** - audit", 9, java.util.List.of("Website: https://www.isaca.org")));
        assertThat(b.ordered()).isTrue();
        assertThat(b.line()).isEqualTo(8);
        assertThat(b.children()).extracting(Section::title, Section::depth)
                .containsExactly(org.assertj.core.api.Assertions.tuple("deep", 4));
    }

    /** What a line is follows CommonMark (the reader is commonmark-java), with the source's line numbers. */
    @Test
    void commonMarkDecidesWhatEachLineIs() {
        Section title = MarkdownOutline.parse(String.join("\r\n",
                "# Title",
                "",
                "## C#", //                a closing '#' needs a space before it
                "- one",
                "  still one", //          the item's second line: text after the list, as before
                "~~~", //                  a fence of tildes is code too
                "- not an item",
                "~~~",
                "Setext", //               a heading underlined with '-'
                "------",
                "- x ##")).root().children().get(0);

        assertThat(title.children()).extracting(Section::title, Section::line)
                .containsExactly(org.assertj.core.api.Assertions.tuple("C#", 3),
                        org.assertj.core.api.Assertions.tuple("Setext", 9));
        Section cSharp = title.children().get(0);
        assertThat(cSharp.items()).containsExactly(new Item("one", 4, java.util.List.of()));
        assertThat(cSharp.closing()).containsExactly("still one");
        assertThat(title.children().get(1).items()).containsExactly(new Item("x ##", 11, java.util.List.of()));
    }

    @Test
    void atxTitlesDropOnlyTheirMarkers() {
        assertThat(MarkdownOutline.atxTitle("## Title ##")).isEqualTo("Title");
        assertThat(MarkdownOutline.atxTitle("  ### C# ")).isEqualTo("C#");
        assertThat(MarkdownOutline.atxTitle("# \\#")).isEqualTo("\\#");
        assertThat(MarkdownOutline.atxTitle("#")).isEmpty();
    }
}
