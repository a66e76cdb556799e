package dev.ladder.catalog.roadmap;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a roadmap line states beyond its text, in the attribute syntax of Pandoc and many Markdown tools: a trailing
 * {@code {#id key=value}}. A roadmap needs it only where the text alone would not give the catalog back, e.g. a skill
 * whose id is not the slug of its name ("Threat Modelling {#threat-modeling}") or a level ranked out of document
 * order; the seed roadmap has none.
 *
 * @param text  the line without the attributes
 * @param id    the {@code #id}, null when none
 * @param other {@code key=value} pairs in order
 */
record Attributes(String text, String id, Map<String, String> other) {

    /*
     * Linear in the line's length, whatever the line: "(?<!\\s)" lets the whitespace before '{' start only where a
     * run of it begins (else each position inside a long run of spaces re-scans the run: quadratic), and the
     * possessive "++" / "*+" never give back characters that what follows could not use anyway. The repetition of
     * attributes is possessive too: a greedy one keeps a stack frame per attribute and overflows the stack on a
     * line of some 30,000 of them.
     */
    private static final String ATTRIBUTE = "(?:#[^\\s{}#=]++|[a-zA-Z][\\w-]*+=[^\\s{}]++)";
    static final Pattern TRAILING = Pattern.compile("^(?<text>.*?)(?<!\\s)\\s*+\\{(?<attrs>\\s*" + ATTRIBUTE
            + "(?:\\s+" + ATTRIBUTE + ")*+\\s*)}$");

    static Attributes of(String line) {
        Matcher m = TRAILING.matcher(line.strip());
        if (!m.matches()) {
            return new Attributes(line.strip(), null, Map.of());
        }
        String id = null;
        Map<String, String> other = new LinkedHashMap<>();
        for (String token : m.group("attrs").strip().split("\\s+")) {
            if (token.startsWith("#")) {
                id = token.substring(1);
            } else {
                int eq = token.indexOf('=');
                other.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return new Attributes(m.group("text"), id, Map.copyOf(other));
    }

    /**
     * " {#id k=v}" for what differs from what the text implies: {@code id} is written when it is not
     * {@code derivedId}; {@code other} entries with a null value are left out. Empty when nothing differs.
     */
    static String suffix(String id, String derivedId, Map<String, String> other) {
        StringBuilder attrs = new StringBuilder();
        if (id != null && !id.equals(derivedId)) {
            attrs.append('#').append(id);
        }
        other.forEach((key, value) -> {
            if (value != null) {
                attrs.append(attrs.isEmpty() ? "" : " ").append(key).append('=').append(value);
            }
        });
        return attrs.isEmpty() ? "" : " {" + attrs + "}";
    }

    static String suffix(String id, String derivedId) {
        return suffix(id, derivedId, Map.of());
    }
}
