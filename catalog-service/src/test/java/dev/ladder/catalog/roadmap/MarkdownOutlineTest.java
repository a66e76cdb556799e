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
}
