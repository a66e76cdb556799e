package dev.ladder.catalog.validation;

import dev.ladder.catalog.roadmap.Mojibake;
import dev.ladder.kit.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Documents edited or imported as JSON bypass the Markdown repair, so their text is checked for mojibake here:
 * the catalog never stores mis-decoded text, whichever way it arrives.
 */
public final class TextChecks {

    private TextChecks() {
    }

    public static List<FieldProblem> mojibake(JsonMapper json, Object document) {
        List<FieldProblem> problems = new ArrayList<>();
        walk("", json.valueToTree(document), problems);
        return problems;
    }

    private static void walk(String path, JsonNode node, List<FieldProblem> problems) {
        if (node.isString()) {
            if (Mojibake.suspicious(node.asString())) {
                problems.add(new FieldProblem(path, "text looks mis-decoded (mojibake): '" + node.asString()
                        + "'; send UTF-8"));
            }
        } else if (node.isObject()) {
            for (String name : node.propertyNames()) {
                walk(path.isEmpty() ? name : path + "." + name, node.get(name), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), problems);
            }
        }
    }
}
