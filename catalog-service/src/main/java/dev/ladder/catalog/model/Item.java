package dev.ladder.catalog.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list item of a {@link Section}, with nested items (e.g. "Website: …" under an association). {@link #links()} is
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
