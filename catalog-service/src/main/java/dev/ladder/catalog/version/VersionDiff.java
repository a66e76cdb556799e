package dev.ladder.catalog.version;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural diff of two documents: every leaf (or whole subtree when one side lacks it) that differs, with its
 * JSON path. Lists are compared by position, which is what an author sees in an ordered roadmap.
 */
public final class VersionDiff {

    /** One difference; before/after are JSON values, null when the path does not exist on that side. */
    public record Change(String path, JsonNode before, JsonNode after) {
    }

    private VersionDiff() {
    }

    public static List<Change> diff(JsonMapper json, Object before, Object after) {
        List<Change> changes = new ArrayList<>();
        compare("", json.valueToTree(before), json.valueToTree(after), changes);
        return changes;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<Change> changes) {
        if (a == null) {
            a = NullNode.getInstance();
        }
        if (b == null) {
            b = NullNode.getInstance();
        }
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>(a.propertyNames());
            names.addAll(b.propertyNames());
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), changes);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), changes);
            }
        } else {
            changes.add(new Change(path, a.isNull() ? null : a, b.isNull() ? null : b));
        }
    }
}
