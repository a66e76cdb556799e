package dev.ladder.kit.erasure;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A person being erased (GDPR Art. 17, {@code EmployeeErased}): the values that identify them — employee id, sign-in
 * subject, and the name and e-mail read from the service's own copy before it is deleted — and how a service scrubs
 * mentions of them from other people's data and from the kit's tables.
 * <p>
 * Mentions are replaced by {@link #PLACEHOLDER}. In JSON the document is parsed and string values are scrubbed (never
 * a raw substitution in the JSON text): a value equal to an identifier becomes the placeholder, and inside a longer
 * text an identifier of at least {@value #MIN_EMBEDDED} characters (a name, an e-mail, a UUID) is replaced where it
 * occurs. Shorter identifiers are replaced only as whole values, so a short id does not mangle unrelated words.
 * <p>
 * Erased people are recognised later by the SHA-256 of their employee id ({@link #hash}) in the service's
 * {@code erased_person} table ({@link #remember}, {@link #erasedAmong}) — the id itself is not kept.
 */
public final class ErasedPerson {

    public static final String PLACEHOLDER = "erased";
    static final int MIN_EMBEDDED = 8;

    private final String employeeId;
    private final Set<String> identifiers;

    private ErasedPerson(String employeeId, Set<String> identifiers) {
        this.employeeId = employeeId;
        this.identifiers = identifiers;
    }

    /** @param others further identifiers (subject, name, e-mail); nulls and blanks are left out */
    public static ErasedPerson of(String employeeId, String... others) {
        Objects.requireNonNull(employeeId, "employeeId");
        Set<String> ids = new LinkedHashSet<>();
        ids.add(employeeId);
        Stream.of(others).filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).forEach(ids::add);
        return new ErasedPerson(employeeId, Set.copyOf(ids));
    }

    /** As {@link #of}, with more identifiers (e.g. read from the service's copy). */
    public ErasedPerson with(String... others) {
        String[] all = Stream.concat(identifiers.stream(), Stream.of(others)).toArray(String[]::new);
        return of(employeeId, all);
    }

    public String employeeId() {
        return employeeId;
    }

    public Set<String> identifiers() {
        return identifiers;
    }

    /** The identifiers worth looking for inside a longer text (for finding candidate rows: {@code strpos > 0}). */
    public String[] searchTerms() {
        return identifiers.toArray(String[]::new);
    }

    /** Whether the text is or contains an identifier. */
    public boolean mentionedIn(String text) {
        return text != null && identifiers.stream().anyMatch(text::contains);
    }

    /** The text with every mention replaced (see the class comment); null stays null. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        if (identifiers.contains(text.strip())) {
            return PLACEHOLDER;
        }
        String scrubbed = text;
        for (String id : identifiers) {
            if (id.length() >= MIN_EMBEDDED) {
                scrubbed = scrubbed.replace(id, PLACEHOLDER);
            }
        }
        return scrubbed;
    }

    /** A scrubbed copy of a JSON tree: every string value (and object key) scrubbed. */
    public JsonNode scrub(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return StringNode.valueOf(scrub(node.asString()));
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(scrub(element)));
            return copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(scrub(field.getKey()), scrub(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** A JSON text with its string values scrubbed (parsed, scrubbed, written again); null stays null. */
    public String scrubJson(JsonMapper json, String text) {
        return text == null ? null : json.writeValueAsString(scrub(json.readTree(text)));
    }

    /**
     * The kit's tables: outbox rows keyed by the person (events about them) are deleted, sent or not — an unsent one
     * would publish their id again; other rows' payloads that mention them are scrubbed. Inbox rows whose event id
     * mentions them (ids built from an employee id, e.g. milestones) are deleted: the erased id is recognised by
     * {@code erased_person} instead, so such an event is still not applied again.
     */
    public void scrubKitTables(JdbcClient jdbc, JsonMapper json) {
        jdbc.sql("DELETE FROM outbox_event WHERE event_key = :id").param("id", employeeId).update();
        scrubJson(jdbc, json, "outbox_event", "payload");
        jdbc.sql("DELETE FROM outbox_event WHERE EXISTS (SELECT 1 FROM unnest(:terms::text[]) t "
                        + "WHERE strpos(event_id, t) > 0)")
                .param("terms", searchTerms()).update();
        jdbc.sql("DELETE FROM processed_event WHERE EXISTS (SELECT 1 FROM unnest(:terms::text[]) t "
                        + "WHERE strpos(event_id, t) > 0)")
                .param("terms", searchTerms()).update();
    }

    /**
     * Rewrites {@code column} of the rows of {@code table} whose text mentions the person, with {@code scrub} (rows
     * locked, found and updated by their ctid). The table and column names are the caller's constants, never input.
     *
     * @return the rows changed
     */
    public int scrubColumn(JdbcClient jdbc, String table, String column, Function<String, String> scrub) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT ctid::text AS k, " + column + "::text AS v FROM " + table
                        + " WHERE EXISTS (SELECT 1 FROM unnest(:terms::text[]) t WHERE strpos(" + column
                        + "::text, t) > 0) FOR UPDATE")
                .param("terms", searchTerms())
                .query().listOfRows();
        if (rows.isEmpty()) {
            return 0;
        }
        String cast = castOf(jdbc, table, column);
        int changed = 0;
        for (Map<String, Object> row : rows) {
            String before = (String) row.get("v");
            String after = scrub.apply(before);
            if (!Objects.equals(before, after)) {
                changed += jdbc.sql("UPDATE " + table + " SET " + column + " = CAST(:v AS " + cast
                                + ") WHERE ctid = CAST(:k AS tid)")
                        .param("v", after).param("k", row.get("k")).update();
            }
        }
        return changed;
    }

    /** {@link #scrubColumn} for a text column. */
    public int scrubText(JdbcClient jdbc, String table, String column) {
        return scrubColumn(jdbc, table, column, this::scrub);
    }

    /** {@link #scrubColumn} for a json or jsonb column (parsed, string values scrubbed). */
    public int scrubJson(JdbcClient jdbc, JsonMapper json, String table, String column) {
        return scrubColumn(jdbc, table, column, text -> scrubJson(json, text));
    }

    private static String castOf(JdbcClient jdbc, String table, String column) {
        return jdbc.sql("""
                        SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                        WHERE a.attrelid = CAST(:table AS regclass) AND a.attname = :column""")
                .param("table", table).param("column", column)
                .query(String.class).single();
    }

    // ----- recognising erased people later -------------------------------------------------------------------

    /** The SHA-256 (hex) of an employee id: how an erased person is recognised without keeping their id. */
    public static String hash(String employeeId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(employeeId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Remembers the person as erased in the service's {@code erased_person} table (by hash only). */
    public void remember(JdbcClient jdbc, String erasureId, Instant erasedAt) {
        jdbc.sql("""
                        INSERT INTO erased_person (id_hash, erasure_id, erased_at) VALUES (:hash, :erasure, :at)
                        ON CONFLICT (id_hash) DO NOTHING""")
                .param("hash", hash(employeeId)).param("erasure", erasureId).param("at", Timestamp.from(erasedAt))
                .update();
    }

    /** The ones among these employee ids that were erased (one statement). */
    public static Set<String> erasedAmong(JdbcClient jdbc, Collection<String> employeeIds) {
        if (employeeIds.isEmpty()) {
            return Set.of();
        }
        Map<String, String> byHash = employeeIds.stream().filter(Objects::nonNull).distinct()
                .collect(Collectors.toMap(ErasedPerson::hash, id -> id));
        return jdbc.sql("SELECT id_hash FROM erased_person WHERE id_hash = ANY(:hashes::text[])")
                .param("hashes", byHash.keySet().toArray(String[]::new))
                .query(String.class).list().stream().map(byHash::get).collect(Collectors.toSet());
    }

    public static boolean isErased(JdbcClient jdbc, String employeeId) {
        return employeeId != null && !erasedAmong(jdbc, List.of(employeeId)).isEmpty();
    }
}
