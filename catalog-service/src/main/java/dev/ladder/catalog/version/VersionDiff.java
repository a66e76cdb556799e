package dev.ladder.catalog.version;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural diff of two track documents, as an author thinks of it. Lists of things with an identity are matched
 * by it, not by position: levels, skills, certifications and requirement groups by {@code id}, salary bands by
 * {@code region} (unique per level), a requirement group's items by {@code type}+{@code ref}, descriptive sections by
 * heading. Inserting a skill is then one {@code added} change, not a cascade of every later skill "changed"; an entry
 * whose position among the others changed is one {@code moved} change; a changed field is a {@code changed} change at
 * a path naming the entry, e.g. {@code levels[id=mid].skills[id=threat-modeling].name}.
 * <p>
 * Lists of plain values (job titles, responsibilities, KPIs, paragraphs, a section's items) have no identity: they
 * are aligned by their longest common subsequence, so an insertion or removal is one change; an unmatched removal
 * and insertion at the same place are one {@code changed} value, and a value that only changed place is
 * {@code moved}. Their paths use the index (in the new list; in the old one for a removal). A keyed list whose keys
 * are missing or repeated (possible in hand-made JSON) falls back to the same alignment.
 * <p>
 * A field one side lacks altogether (a snapshot older than the field; or no side at all, a track never published) is
 * {@code added} or {@code removed}, a list there counting as empty; a field whose value changed, null included, is
 * {@code changed}.
 */
public final class VersionDiff {

    public enum Kind { ADDED, REMOVED, CHANGED, MOVED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One difference. {@code before}/{@code after} are JSON values, null when that side lacks it (for a
     * {@code moved} change: the old and new index, as {@code from}/{@code to}). {@code entity} is the kind of the
     * innermost identified thing the path is about ({@code track}, {@code level}, {@code skill},
     * {@code certification}, {@code salaryBand}, {@code requirementGroup}, {@code requirement}, {@code section}) and
     * {@code id} its key within its list (null for the track itself).
     */
    public record Change(String path, JsonNode before, JsonNode after, Kind kind, String entity, String id,
                         Integer from, Integer to) {

        public Change(String path, JsonNode before, JsonNode after) {
            this(path, before, after, Kind.CHANGED, null, null, null, null);
        }
    }

    /** How the entries of a list property are identified; {@code fields} form the key, in path order. */
    private record Identity(String entity, List<String> fields) {
    }

    private static final Map<String, Identity> IDENTITIES = Map.of(
            "levels", new Identity("level", List.of("id")),
            "skills", new Identity("skill", List.of("id")),
            "certifications", new Identity("certification", List.of("id")),
            "requirements", new Identity("requirementGroup", List.of("id")),
            "salaryBands", new Identity("salaryBand", List.of("region")),
            "sections", new Identity("section", List.of("heading")),
            "children", new Identity("section", List.of("heading")));
    /** A requirement group's items: the same property name as a section's (plain) items, told apart by parent. */
    private static final Identity REQUIREMENT = new Identity("requirement", List.of("type", "ref"));

    /** Where a change is: its path and the innermost identified entity around it. */
    private record Context(String path, String entity, String id) {
        Context field(String name) {
            return new Context(path.isEmpty() ? name : path + "." + name, entity, id);
        }
    }

    private VersionDiff() {
    }

    /**
     * @param before null: nothing (a track never published), so everything in {@code after} is {@code added}
     */
    public static List<Change> diff(JsonMapper json, Object before, Object after) {
        List<Change> changes = new ArrayList<>();
        JsonNode a = before == null ? JsonNodeFactory.instance.objectNode() : json.valueToTree(before);
        new Differ(changes).compare(new Context("", "track", null), a, json.valueToTree(after), null);
        return changes;
    }

    private record Differ(List<Change> changes) {

        /** {@code a}/{@code b} null = the property is absent on that side (not the same as a JSON null value). */
        void compare(Context at, JsonNode a, JsonNode b, String property) {
            if (a == null && b == null) {
                return;
            }
            if (a == null || b == null) {
                JsonNode present = a == null ? b : a;
                if (present.isArray()) {
                    // a list that one side lacks is an empty list there: its entries are added (removed) one by one
                    JsonNode empty = JsonNodeFactory.instance.arrayNode();
                    compare(at, a == null ? empty : a, b == null ? empty : b, property);
                } else if (!present.isNull()) {
                    add(at, a == null ? Kind.ADDED : Kind.REMOVED, a, b, null, null);
                }
                return;
            }
            if (a.equals(b)) {
                return;
            }
            if (a.isObject() && b.isObject()) {
                Set<String> names = new LinkedHashSet<>(a.propertyNames());
                names.addAll(b.propertyNames());
                boolean group = a.has("kind") && a.has("items") && b.has("kind") && b.has("items");
                for (String name : names) {
                    Context field = at.field(name);
                    JsonNode x = a.get(name);
                    JsonNode y = b.get(name);
                    if ("items".equals(name) && group && isArray(x) && isArray(y)) {
                        list(field, x, y, REQUIREMENT);
                    } else {
                        compare(field, x, y, name);
                    }
                }
            } else if (a.isArray() && b.isArray()) {
                list(at, a, b, property == null ? null : IDENTITIES.get(property));
            } else {
                add(at, Kind.CHANGED, a, b, null, null);
            }
        }

        private void list(Context at, JsonNode a, JsonNode b, Identity identity) {
            List<String> keysA = identity == null ? null : keys(a, identity);
            List<String> keysB = identity == null ? null : keys(b, identity);
            if (keysA == null || keysB == null) {
                values(at, a, b);
            } else {
                keyed(at, a, b, identity, keysA, keysB);
            }
        }

        /** Entries matched by key: removed, added, moved (out of the common order), then what changed inside. */
        private void keyed(Context at, JsonNode a, JsonNode b, Identity identity, List<String> keysA,
                           List<String> keysB) {
            Set<String> inB = new HashSet<>(keysB);
            Set<String> inA = new HashSet<>(keysA);
            for (int i = 0; i < keysA.size(); i++) {
                if (!inB.contains(keysA.get(i))) {
                    add(entry(at, identity, a.get(i), keysA.get(i)), Kind.REMOVED, a.get(i), null, null, null);
                }
            }
            List<String> commonA = keysA.stream().filter(inB::contains).toList();
            List<String> commonB = keysB.stream().filter(inA::contains).toList();
            Set<String> stayed = new HashSet<>(lcs(commonA, commonB));
            for (int j = 0; j < keysB.size(); j++) {
                String key = keysB.get(j);
                Context entry = entry(at, identity, b.get(j), key);
                if (!inA.contains(key)) {
                    add(entry, Kind.ADDED, null, b.get(j), null, null);
                    continue;
                }
                int i = keysA.indexOf(key);
                if (!stayed.contains(key)) {
                    add(entry, Kind.MOVED, IntNode.valueOf(i), IntNode.valueOf(j), i, j);
                }
                compare(entry, a.get(i), b.get(j), null);
            }
        }

        /** Plain values aligned by their longest common subsequence; see the class comment. */
        private void values(Context at, JsonNode a, JsonNode b) {
            List<JsonNode> x = elements(a);
            List<JsonNode> y = elements(b);
            int[][] table = table(x, y);
            List<Integer> removed = new ArrayList<>();
            List<Integer> added = new ArrayList<>();
            int i = 0;
            int j = 0;
            List<int[]> gaps = new ArrayList<>(); // [removed from, removed to, added from, added to)
            int gapI = 0;
            int gapJ = 0;
            while (i < x.size() || j < y.size()) {
                if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
                    gaps.add(new int[]{gapI, i, gapJ, j});
                    i++;
                    j++;
                    gapI = i;
                    gapJ = j;
                } else if (j < y.size() && (i == x.size() || table[i][j + 1] >= table[i + 1][j])) {
                    j++;
                } else {
                    i++;
                }
            }
            gaps.add(new int[]{gapI, x.size(), gapJ, y.size()});
            // a value that disappeared in one place and appeared in another only moved
            Map<JsonNode, List<Integer>> appeared = new HashMap<>();
            for (int[] gap : gaps) {
                for (int n = gap[2]; n < gap[3]; n++) {
                    appeared.computeIfAbsent(y.get(n), k -> new ArrayList<>()).add(n);
                }
            }
            Set<Integer> movedTo = new HashSet<>();
            Set<Integer> movedFrom = new HashSet<>();
            for (int[] gap : gaps) {
                for (int n = gap[0]; n < gap[1]; n++) {
                    List<Integer> targets = appeared.get(x.get(n));
                    if (targets != null && !targets.isEmpty()) {
                        int to = targets.remove(0);
                        movedFrom.add(n);
                        movedTo.add(to);
                        add(indexed(at, to), Kind.MOVED, IntNode.valueOf(n), IntNode.valueOf(to), n, to);
                    }
                }
            }
            for (int[] gap : gaps) {
                removed.clear();
                added.clear();
                for (int n = gap[0]; n < gap[1]; n++) {
                    if (!movedFrom.contains(n)) {
                        removed.add(n);
                    }
                }
                for (int n = gap[2]; n < gap[3]; n++) {
                    if (!movedTo.contains(n)) {
                        added.add(n);
                    }
                }
                int paired = Math.min(removed.size(), added.size());
                for (int n = 0; n < paired; n++) {
                    compare(indexed(at, added.get(n)), x.get(removed.get(n)), y.get(added.get(n)), null);
                }
                for (int n = paired; n < removed.size(); n++) {
                    add(indexed(at, removed.get(n)), Kind.REMOVED, x.get(removed.get(n)), null, null, null);
                }
                for (int n = paired; n < added.size(); n++) {
                    add(indexed(at, added.get(n)), Kind.ADDED, null, y.get(added.get(n)), null, null);
                }
            }
        }

        private void add(Context at, Kind kind, JsonNode before, JsonNode after, Integer from, Integer to) {
            changes.add(new Change(at.path(), before == null || before.isNull() ? null : before,
                    after == null || after.isNull() ? null : after, kind, at.entity(), at.id(), from, to));
        }
    }

    private static boolean isArray(JsonNode node) {
        return node != null && node.isArray();
    }

    private static Context entry(Context list, Identity identity, JsonNode node, String key) {
        StringBuilder selector = new StringBuilder();
        for (String field : identity.fields()) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                selector.append(selector.isEmpty() ? "" : ",").append(field).append('=').append(value.asString());
            }
        }
        return new Context(list.path() + "[" + selector + "]", identity.entity(), key);
    }

    private static Context indexed(Context list, int index) {
        return new Context(list.path() + "[" + index + "]", list.entity(), list.id());
    }

    /** The key of every entry, or null when an entry has no key or two share one (then: plain values). */
    private static List<String> keys(JsonNode array, Identity identity) {
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode node : array) {
            if (!node.isObject()) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (String field : identity.fields()) {
                JsonNode value = node.get(field);
                if (value != null && !value.isNull() && !value.asString().isEmpty()) {
                    parts.add(value.asString());
                }
            }
            // one-field keys read as the id itself ("mid"); composite ones as "SKILL:python" or "EXPERIENCE"
            String key = String.join(":", parts);
            if (parts.isEmpty() || !seen.add(key)) {
                return null;
            }
            keys.add(key);
        }
        return keys;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** table[i][j] = length of the longest common subsequence of x[i..] and y[j..]. */
    private static <T> int[][] table(List<T> x, List<T> y) {
        int[][] table = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                table[i][j] = x.get(i).equals(y.get(j)) ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table;
    }

    private static <T> List<T> lcs(List<T> x, List<T> y) {
        int[][] table = table(x, y);
        List<T> common = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            if (x.get(i).equals(y.get(j))) {
                common.add(x.get(i));
                i++;
                j++;
            } else if (table[i + 1][j] >= table[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }
}
