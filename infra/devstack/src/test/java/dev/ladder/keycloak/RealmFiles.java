package dev.ladder.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The two realm exports as text and JSON, and Keycloak's import-time {@code ${VARIABLE}} substitution. */
final class RealmFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Keycloak's placeholder: {@code ${NAME}} or {@code ${NAME:default}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private RealmFiles() {
    }

    static String text(String resource) {
        try (InputStream in = RealmFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String resource) {
        return JSON.readTree(text(resource));
    }

    static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * What Keycloak's import does with the environment {@code env}; unlike Keycloak, which leaves an unknown
     * placeholder as it is, fails on one, so a test cannot pass with a placeholder nobody set.
     */
    static String substitute(String text, Map<String, String> env) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = env.containsKey(matcher.group(1)) ? env.get(matcher.group(1)) : matcher.group(2);
            if (value == null) {
                throw new IllegalStateException("no value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }
}
