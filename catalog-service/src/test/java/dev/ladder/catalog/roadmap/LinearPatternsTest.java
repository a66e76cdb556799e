package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.DescriptiveSection.Item;
import dev.ladder.catalog.roadmap.DescriptiveSection.Item.Link;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patterns rewritten to run in linear time ({@link HostileInputTest}) read every short line exactly as the
 * backtracking ones they replaced did: same match, same groups. The old patterns are kept here as the oracle.
 * Lines are made of the pieces that matter to each pattern, so the interesting cases come up often.
 */
class LinearPatternsTest {

    private static final Pattern OLD_RENEWAL = Pattern.compile(
            "^(?<name>.*?)\\s+[—–-]\\s+(?:renews every (?<months>\\d{1,4}) months?|(?<never>does not expire))$");
    private static final Pattern OLD_GROUP = Pattern.compile("^(?:(?<all>All of)|Any of|Any (?<any>\\d+) of|"
            + "(?<n>\\d+) of (?<m>\\d+))(?:\\s*\\{#(?<id>[^\\s{}]+)})?(?::\\s?(?<description>.*))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern OLD_LEVEL_HEADING = Pattern.compile("^(?<name>.+?)\\s+Positions\\s*\\((?<min>\\d+)"
            + "\\s*(?:[-–]\\s*(?<max>\\d+)|(?<open>\\+))\\s*years?\\)(?<attrs>\\s*\\{[^{}]*})?$",
            Pattern.CASE_INSENSITIVE);
    private static final String OLD_CUR = "(?:[$€£]|[A-Z]{3}\\s*)";
    private static final Pattern OLD_SALARY = Pattern.compile(
            "^(?<region>[^:]+?)\\s*:\\s*(?<cur>" + OLD_CUR + ")\\s*(?<min>\\d[\\d,]*)"
                    + "(?:\\s*(?<minOpen>\\+)|\\s*[-–]\\s*(?<cur2>" + OLD_CUR + ")?\\s*(?<max>\\d[\\d,]*)"
                    + "\\s*(?<maxOpen>\\+)?)\\s*$");
    private static final Pattern OLD_TRAILING = Pattern.compile("^(?<text>.*?)\\s*\\{(?<attrs>\\s*(?:#[^\\s{}#=]+|"
            + "[a-zA-Z][\\w-]*=[^\\s{}]+)(?:\\s+(?:#[^\\s{}#=]+|[a-zA-Z][\\w-]*=[^\\s{}]+))*\\s*)}$");
    private static final Pattern OLD_MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]+)\\)");
    private static final Pattern OLD_BARE_URL = Pattern.compile("(?<![(\\[])\\bhttps?://[^\\s)\\]]+");

    @Property(tries = 3000)
    void renewal(@ForAll("renewalLines") String line) {
        assertSameMatch(OLD_RENEWAL, RoadmapParser.RENEWAL, line, "name", "months", "never");
    }

    @Property(tries = 3000)
    void requirementGroup(@ForAll("groupLines") String line) {
        Assume.that(!line.matches(".*\\d{10}.*")); // ten digits and more: refused now, a crash before
        assertSameMatch(OLD_GROUP, RoadmapParser.GROUP, line, "all", "any", "n", "m", "id", "description");
    }

    @Property(tries = 3000)
    void levelHeading(@ForAll("levelHeadings") String title) {
        Assume.that(!Character.isWhitespace(title.charAt(0))); // a heading's title is stripped
        assertSameMatch(OLD_LEVEL_HEADING, RoadmapParser.LEVEL_HEADING, title, "name", "min", "max", "open",
                "attrs");
    }

    /** The region and currency may now carry the spaces after them; both are stripped where they are read. */
    @Property(tries = 3000)
    void salary(@ForAll("salaryLines") String line) {
        Matcher old = OLD_SALARY.matcher(line);
        Matcher now = RoadmapParser.SALARY.matcher(line);
        assertThat(now.matches()).as(line).isEqualTo(old.matches());
        if (old.matches()) {
            assertThat(now.group("region").strip()).isEqualTo(old.group("region").strip());
            for (String group : List.of("cur", "cur2")) {
                assertThat(strip(now.group(group))).as(group).isEqualTo(strip(old.group(group)));
            }
            for (String group : List.of("min", "minOpen", "max", "maxOpen")) {
                assertThat(now.group(group)).as(group).isEqualTo(old.group(group));
            }
        }
    }

    @Property(tries = 3000)
    void attributes(@ForAll("attributeLines") String line) {
        assertSameMatch(OLD_TRAILING, Attributes.TRAILING, line, "text", "attrs");
    }

    @Property(tries = 3000)
    void links(@ForAll("linkTexts") String text) {
        List<Link> old = new ArrayList<>();
        Matcher markdown = OLD_MARKDOWN_LINK.matcher(text);
        while (markdown.find()) {
            old.add(new Link(markdown.group(1), markdown.group(2)));
        }
        Matcher bare = OLD_BARE_URL.matcher(OLD_MARKDOWN_LINK.matcher(text).replaceAll(""));
        while (bare.find()) {
            old.add(new Link(bare.group(), bare.group()));
        }
        assertThat(Item.of(text).links()).as(text).isEqualTo(old);
    }

    private static void assertSameMatch(Pattern old, Pattern now, String line, String... groups) {
        Matcher before = old.matcher(line);
        Matcher after = now.matcher(line);
        assertThat(after.matches()).as(line).isEqualTo(before.matches());
        if (before.matches()) {
            for (String group : groups) {
                assertThat(after.group(group)).as(group + " of '" + line + "'").isEqualTo(before.group(group));
            }
        }
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static final List<String> SPACE = List.of("", " ", "  ", "\t", " \t ");

    @Provide
    Arbitrary<String> renewalLines() {
        return oneOf(List.of("Cert", "Cert x", "", "Cert "), SPACE, List.of("—", "–", "-", "x", ""), SPACE,
                List.of("renews every 36 months", "renews every 1 month", "renews every 12345 months",
                        "does not expire", "does not expire x", ""), List.of("", " ", "x"));
    }

    @Provide
    Arbitrary<String> groupLines() {
        return oneOf(List.of("All of", "Any of", "Any 2 of", "2 of 3", "any 12 of", "Any  of", "x"), SPACE,
                List.of("{#id}", "{#}", "{#a b}", "", "{id}"), List.of("", ":", ": x", ":  x", "x"));
    }

    @Provide
    Arbitrary<String> levelHeadings() {
        return oneOf(List.of("Entry", "Entry Level", "Mid-Level", "x"), SPACE,
                List.of("Positions", "positions", "Position"), SPACE, List.of("(", ""), List.of("0", "12", ""),
                SPACE, List.of("-", "–", "+", "x"), SPACE, List.of("2", "10", ""), SPACE,
                List.of("years)", "year)", "years", ")"), List.of("", " {#id}", "{#id rank=2}", " {a{b}}"),
                List.of("", " ", "x"));
    }

    @Provide
    Arbitrary<String> salaryLines() {
        List<String> currency = List.of("$", "€", "USD", "CHF", "ZZ", "");
        return oneOf(List.of("Region", "Re gion", "", "R {#r}"), SPACE, List.of(":", "", "::"), SPACE, currency,
                SPACE, List.of("1", "1,000", "", "x"), SPACE, List.of("+", "-", "–", ""), SPACE, currency, SPACE,
                List.of("2", "2,000", ""), SPACE, List.of("+", ""), SPACE);
    }

    @Provide
    Arbitrary<String> attributeLines() {
        return oneOf(List.of("Skill", "Skill x", "", "Skill {"), SPACE, List.of("{", "", "{{"), SPACE,
                List.of("#id", "k=v", "#", "=v", "x", ""), List.of(" ", "  ", "\t", ""),
                List.of("#b", "a-b=c", ""), SPACE, List.of("}", "", "}}"), List.of("", " ", "x"));
    }

    @Provide
    Arbitrary<String> linkTexts() {
        return Arbitraries.of("[", "]", "(", ")", " ", "a", "\t", "http://x", "https://", "[a](u)", "]( ").list()
                .ofMaxSize(12).map(list -> String.join("", list));
    }

    /** One of each slot's pieces, in order: mostly near-misses of a valid line, and valid lines. */
    @SafeVarargs
    private static Arbitrary<String> oneOf(List<String>... slots) {
        return Combinators.combine(Arrays.stream(slots).map(Arbitraries::of).toList())
                .as(pieces -> String.join("", pieces));
    }
}
