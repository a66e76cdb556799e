package dev.ladder.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Kustomize that infra/k8s uses, so the tests check what {@code kubectl apply -k} would apply (there is
 * no kustomize binary here): resources (files and directories), patches by file (a strategic merge for Kubernetes'
 * own kinds, a JSON merge for custom resources), images (name, newName, newTag) and namespace. A kustomization
 * using anything else fails, rather than being rendered differently from Kustomize.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
            "patches");
    /** The strategic-merge keys of the lists a patch may touch (Kubernetes' patchMergeKey of each field). */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path directory) {
        JsonNode kustomization = Repo.yaml(directory.resolve("kustomization.yaml"));
        kustomization.propertyNames().forEach(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(directory + "/kustomization.yaml uses " + field
                        + ", which this renderer does not do like Kustomize (supported: " + SUPPORTED + ")");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asString()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                Repo.yamlDocuments(path).forEach(d -> objects.add((ObjectNode) d));
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.size() != 1 || !patch.has("path")) {
                throw new IllegalStateException("Only patches by file ({path: …}) are rendered: " + patch);
            }
            Path file = directory.resolve(patch.get("path").asString());
            for (JsonNode change : Repo.yamlDocuments(file)) {
                ObjectNode target = objects.stream().filter(o -> sameObject(o, change)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(file + " patches " + id(change)
                                + ", which is not among the resources"));
                merge(target, (ObjectNode) change, Manifests.isKubernetesKind(target));
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(o -> setImage(o, image));
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asString();
            objects.stream().filter(o -> !Manifests.isClusterScoped(o))
                    .forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    static String id(JsonNode object) {
        return object.path("kind").asString() + "/" + object.path("metadata").path("name").asString();
    }

    private static boolean sameObject(JsonNode a, JsonNode b) {
        return id(a).equals(id(b)) && group(a).equals(group(b));
    }

    private static String group(JsonNode object) {
        String apiVersion = object.path("apiVersion").asString();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static void merge(ObjectNode target, ObjectNode patch, boolean strategic) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode current = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (change.isNull()) {
                target.remove(field.getKey());
            } else if (change.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) change, strategic);
            } else if (strategic && change.isArray() && current != null && current.isArray()
                    && MERGE_KEYS.containsKey(field.getKey())) {
                mergeList((ArrayNode) current, (ArrayNode) change, MERGE_KEYS.get(field.getKey()));
            } else {
                // JSON merge, and a strategic merge of a list without a merge key: the patch's value replaces it
                target.set(field.getKey(), change.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode current, ArrayNode change, String key) {
        for (JsonNode item : change) {
            JsonNode existing = null;
            for (JsonNode candidate : current) {
                if (candidate.path(key).equals(item.path(key))) {
                    existing = candidate;
                }
            }
            if (existing == null) {
                current.add(item.deepCopy());
            } else {
                merge((ObjectNode) existing, (ObjectNode) item, true);
            }
        }
    }

    /** Kustomize's images transformer, on the containers of the workload kinds infra/k8s has. */
    private static void setImage(ObjectNode object, JsonNode image) {
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode container : object.path("spec").path("template").path("spec").path(list)) {
                String current = container.path("image").asString();
                String name = current.replaceFirst("[:@].*$", "");
                if (name.equals(image.path("name").asString())) {
                    String tag = current.substring(name.length());
                    String newName = image.has("newName") ? image.get("newName").asString() : name;
                    String newTag = image.has("newTag") ? ":" + image.get("newTag").asString() : tag;
                    ((ObjectNode) container).put("image", newName + newTag);
                }
            }
        }
    }
}
