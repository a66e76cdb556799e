package dev.ladder.e2e;

import dev.ladder.e2e.MatrixOrganisation.Call;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request a client would send into one an attacker or a broken client would: values of the wrong type, at
 * and past the boundaries, injection strings, odd encodings, bodies that are huge, deeply nested, truncated or not
 * JSON at all, wrong content types, junk in path variables, query parameters and headers. One to three mutations
 * per request, chosen by a seeded random generator, so a failing run can be repeated exactly.
 * <p>
 * Every string it makes up carries a marker naming the request ({@code fz<run>r<n>x}): whatever a request manages to
 * store can be traced back to it in the databases afterwards.
 */
final class HostileRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** A mutated request and what was done to it (for a failure message). */
    record Mutated(Call call, List<String> mutations) {
    }

    private final Random random;
    private final String run;

    HostileRequests(Random random, String run) {
        this.random = random;
        this.run = run;
    }

    /** The marker of request {@code n}; {@link #requestOf} reads it back. */
    String marker(int n) {
        return "fz" + run + "r" + n + "x";
    }

    Pattern markers() {
        return Pattern.compile("fz" + run + "r(\\d+)x");
    }

    /**
     * @param template   the operation's path template ("/api/x/{id}")
     * @param base       a valid request for it
     * @param parameters the operation's parameters from its OpenAPI document
     * @param bodyOnly   only mutations that no server could accept (broken bodies and content types)
     */
    Mutated mutate(int n, String template, Call base, List<JsonNode> parameters, boolean bodyOnly) {
        List<String> done = new ArrayList<>();
        Call call = base;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            int kind = bodyOnly ? 0 : random.nextInt(10);
            if (kind <= 4 && (call.body() != null || !call.method().equals("GET"))) {
                call = breakBody(n, call, done, bodyOnly);
            } else if (kind <= 6 && template.contains("{")) {
                call = pathVariable(n, template, call, done);
            } else if (kind <= 8) {
                call = query(n, call, parameters, done);
            } else {
                call = header(n, call, done);
            }
        }
        return new Mutated(call, done);
    }

    // ---- bodies ---------------------------------------------------------------------------------------------------

    private Call breakBody(int n, Call call, List<String> done, boolean unacceptableOnly) {
        JsonNode json = parse(call.body());
        if (!unacceptableOnly && json instanceof ObjectNode object && !object.isEmpty() && random.nextBoolean()) {
            return withBody(call, call.contentType(), bytes(mutateField(n, object.deepCopy(), done)));
        }
        byte[] valid = call.body() == null ? "{}".getBytes(StandardCharsets.UTF_8) : call.body();
        switch (random.nextInt(unacceptableOnly ? 7 : 9)) {
            case 0 -> {
                done.add("truncated body");
                return withBody(call, json(call), java.util.Arrays.copyOf(valid, Math.max(1, valid.length / 2)));
            }
            case 1 -> {
                done.add("invalid UTF-8 in the body");
                byte[] broken = new byte[valid.length + 3];
                System.arraycopy(valid, 0, broken, 0, valid.length);
                broken[valid.length] = (byte) 0xC3;
                broken[valid.length + 1] = (byte) 0x28;
                broken[valid.length + 2] = (byte) 0xFF;
                return withBody(call, json(call), broken);
            }
            case 2 -> {
                done.add("nested 3,000 arrays deep");
                return withBody(call, json(call), ("{\"" + marker(n) + "\":" + "[".repeat(3000) + "]".repeat(3000)
                        + "}").getBytes(StandardCharsets.UTF_8));
            }
            case 3 -> {
                done.add("XML instead of JSON");
                return withBody(call, "application/xml",
                        ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;"
                                + marker(n) + "</x>").getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                done.add("random bytes as JSON");
                byte[] noise = new byte[512];
                random.nextBytes(noise);
                return withBody(call, json(call), noise);
            }
            case 5 -> {
                done.add("a 2 MB body");
                return withBody(call, json(call), ("{\"" + marker(n) + "\":\"" + "A".repeat(2 * 1024 * 1024) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 6 -> {
                done.add("JSON declared as UTF-16");
                return withBody(call, "application/json; charset=UTF-16", valid);
            }
            case 7 -> {
                JsonNode top = pick(List.of(NODES.arrayNode(), NODES.stringNode(marker(n)), NODES.numberNode(-1),
                        NODES.nullNode()));
                done.add("body replaced by " + top);
                return withBody(call, json(call), bytes(top));
            }
            default -> {
                done.add("byte order mark before the body");
                byte[] bom = new byte[valid.length + 3];
                bom[0] = (byte) 0xEF;
                bom[1] = (byte) 0xBB;
                bom[2] = (byte) 0xBF;
                System.arraycopy(valid, 0, bom, 3, valid.length);
                return withBody(call, json(call), bom);
            }
        }
    }

    private JsonNode mutateField(int n, ObjectNode object, List<String> done) {
        List<String> fields = new ArrayList<>(object.propertyNames());
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(4)) {
            case 0 -> {
                object.remove(field);
                done.add("without " + field);
            }
            case 1 -> {
                object.set(marker(n), value(n));
                done.add("an unknown field");
            }
            case 2 -> {
                ArrayNode many = object.putArray(field);
                for (int i = 0; i < 50_000; i++) {
                    many.add(marker(n));
                }
                done.add(field + " as 50,000 items");
            }
            default -> {
                JsonNode value = value(n);
                object.set(field, value);
                done.add(field + " = " + abbreviated(value.toString()));
            }
        }
        return object;
    }

    /** A hostile value of any JSON type. */
    private JsonNode value(int n) {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.stringNode(text(n));
            case 1 -> pick(List.of(NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(Integer.MAX_VALUE + 1L),
                    NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")), NODES.numberNode(1.5e308),
                    NODES.numberNode(-0.0)));
            case 2 -> pick(List.of(NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode(), NODES.objectNode()));
            default -> NODES.stringNode(pick(List.of("2026-02-30", "9999-12-31", "0000-01-01", "2026-13-01",
                    "yesterday", "2026-01-01T25:00:00Z", "P-1D")));
        };
    }

    /** A hostile string carrying the request's marker. */
    String text(int n) {
        String m = marker(n);
        return pick(List.of(
                m + "' OR '1'='1' --", m + "\"; DROP TABLE employee; --", m + "<script>alert(1)</script>",
                m + "\u0000nul", m + "../../../../etc/passwd", "=HYPERLINK(\"http://x\")" + m, "\t=1+1" + m,
                m + "${jndi:ldap://127.0.0.1/x}", m + "{{7*7}}", m + "\u202Eevil", m + "\uD83D\uDE00\u0301\u200D",
                m + "\r\nSet-Cookie: x=1", m + "%00%0d%0a", m.repeat(8_000), "", " ", m + "\uFFFF", m));
    }

    // ---- the rest of the request ----------------------------------------------------------------------------------

    private Call pathVariable(int n, String template, Call call, List<String> done) {
        List<String> names = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(template);
        while (variable.find()) {
            names.add(variable.group(1));
        }
        // the template and the path have the same segments: replace the segment of one variable
        String[] templateSegments = template.split("/", -1);
        String query = call.path().contains("?") ? call.path().substring(call.path().indexOf('?')) : "";
        String[] segments = call.path().substring(0, call.path().length() - query.length()).split("/", -1);
        if (segments.length != templateSegments.length) {
            return call;
        }
        String name = names.get(random.nextInt(names.size()));
        for (int i = 0; i < templateSegments.length; i++) {
            if (templateSegments[i].equals("{" + name + "}")) {
                String value = random.nextInt(4) == 0 ? pick(List.of("..", "%2e%2e", "%2F", ";", "%25", "%25ZZ", "-1", "%C0%AE"))
                        : URLEncoder.encode(text(n), StandardCharsets.UTF_8).replace("+", "%20");
                segments[i] = value;
                done.add("{" + name + "} = " + abbreviated(value));
            }
        }
        return new Call(call.method(), String.join("/", segments) + query, call.contentType(), call.body(),
                call.headers(), Map.of(), call.stream());
    }

    private Call query(int n, Call call, List<JsonNode> parameters, List<String> done) {
        List<String> names = new ArrayList<>();
        parameters.stream().filter(p -> "query".equals(p.path("in").asString()))
                .forEach(p -> names.add(p.path("name").asString()));
        String name = names.isEmpty() || random.nextInt(4) == 0 ? marker(n) : names.get(random.nextInt(names.size()));
        String value = random.nextBoolean() ? text(n)
                : pick(List.of("-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "true", "[]", ""));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
        done.add("?" + name + "=" + abbreviated(value));
        String path = call.path() + (call.path().contains("?") ? "&" : "?") + encoded
                + (random.nextInt(5) == 0 ? "&" + encoded : "");
        return new Call(call.method(), path, call.contentType(), call.body(), call.headers(), Map.of(), call.stream());
    }

    private Call header(int n, Call call, List<String> done) {
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        switch (random.nextInt(4)) {
            case 0 -> headers.put("If-Match", "\"" + marker(n) + "\"");
            case 1 -> headers.put("Last-Event-ID", pick(List.of("-5", "abc", "99999999999999999999999")));
            case 2 -> headers.put("Accept-Language", marker(n) + ";q=5");
            default -> headers.put("X-Forwarded-Host", marker(n) + ".evil.example");
        }
        done.add("headers " + headers.keySet());
        return new Call(call.method(), call.path(), call.contentType(), call.body(), headers, Map.of(), call.stream());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Call withBody(Call call, String contentType, byte[] body) {
        return new Call(call.method().equals("GET") ? "POST" : call.method(), call.path(), contentType, body,
                call.headers(), Map.of(), call.stream());
    }

    private static String json(Call call) {
        return call.contentType() != null && call.contentType().contains("json") ? call.contentType()
                : "application/json";
    }

    private static JsonNode parse(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String abbreviated(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
    }
}
