package dev.ladder.deploy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reading a rendered manifest as what the API server would take it for: Kubernetes' own kinds into fabric8's model,
 * strictly (an unknown or misspelt field, or a number where text belongs, fails, where Jackson and fabric8 would
 * otherwise keep it aside or convert it), and operators' custom resources against their CRD's schema, made as strict
 * (objects admit only the properties the schema names, unless it says x-kubernetes-preserve-unknown-fields) — as
 * {@code kubectl apply} with strict field validation does.
 */
final class Manifests {

    /** fabric8's registry of Kubernetes' kinds (apiVersion + kind to model class). */
    private static final KubernetesSerialization KINDS = new KubernetesSerialization();

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // the API server refuses 587 where a string belongs (a ConfigMap's data): so must this
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // fabric8's classes keep unknown fields in "additionalProperties" (@JsonAnySetter): take that away
            .addModule(new SimpleModule().setDeserializerModifier(new ValueDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                                                             BeanDescription.Supplier description,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }))
            .build();

    private static final Map<String, Crd> CRDS = loadCrds();

    private Manifests() {
    }

    /** A custom resource type: its schema, and whether its objects live in a namespace. */
    private record Crd(Schema schema, boolean namespaced) {
    }

    static Class<? extends KubernetesResource> kubernetesClass(JsonNode object) {
        return KINDS.getRegisteredKubernetesResource(object.path("apiVersion").asString(),
                object.path("kind").asString());
    }

    static boolean isKubernetesKind(JsonNode object) {
        return kubernetesClass(object) != null && crd(object).isEmpty();
    }

    static boolean isClusterScoped(JsonNode object) {
        return crd(object).map(c -> !c.namespaced())
                .orElseGet(() -> !Namespaced.class.isAssignableFrom(kubernetesClass(object)));
    }

    private static Optional<Crd> crd(JsonNode object) {
        return Optional.ofNullable(CRDS.get(object.path("apiVersion").asString() + "/" + object.path("kind")
                .asString()));
    }

    /**
     * @return why the API server would refuse the object, or nothing; objects of a kind that is neither
     *         Kubernetes' own nor one of the shipped CRDs' are refused too
     */
    static List<String> problems(JsonNode object) {
        String id = object.path("apiVersion").asString() + " " + Kustomize.id(object);
        Optional<Crd> crd = crd(object);
        if (crd.isPresent()) {
            Stream<String> schemaErrors = crd.get().schema().validate(object).stream()
                    .map(e -> id + ": " + e.getInstanceLocation() + ": " + e.getMessage());
            return Stream.concat(schemaErrors, strictly(id, object.get("metadata"), ObjectMeta.class).stream())
                    .toList();
        }
        Class<? extends KubernetesResource> type = kubernetesClass(object);
        if (type == null) {
            return List.of(id + ": neither a Kubernetes kind nor a custom resource with a CRD in src/test/resources");
        }
        return strictly(id, object, type).stream().toList();
    }

    /** Deserialized strictly into {@code type}. */
    static <T> T read(JsonNode object, Class<T> type) {
        return STRICT.treeToValue(object, type);
    }

    private static Optional<String> strictly(String id, JsonNode object, Class<?> type) {
        try {
            Objects.requireNonNull(read(object, type));
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(id + ": not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    // ---- the CRDs of src/test/resources/crds (their origin: crds/SOURCES.md)

    private static Map<String, Crd> loadCrds() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, builder -> { });
        Map<String, Crd> crds = new HashMap<>();
        for (Path file : crdFiles()) {
            JsonNode crd = Repo.yaml(file);
            String group = crd.path("spec").path("group").asString();
            String kind = crd.path("spec").path("names").path("kind").asString();
            boolean namespaced = "Namespaced".equals(crd.path("spec").path("scope").asString());
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("served").asBoolean()) {
                    ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
                    // every object has these, whether its CRD's schema names them or not (the Keycloak CRDs do not)
                    ObjectNode root = schema.withObjectProperty("properties");
                    root.withObjectProperty("apiVersion").put("type", "string");
                    root.withObjectProperty("kind").put("type", "string");
                    root.withObjectProperty("metadata").put("type", "object");
                    closeObjects(schema);
                    crds.put(group + "/" + version.path("name").asString() + "/" + kind,
                            new Crd(registry.getSchema(schema), namespaced));
                }
            }
        }
        return crds;
    }

    private static List<Path> crdFiles() {
        try (Stream<Path> files = Files.list(Path.of(Manifests.class.getResource("/crds").toURI()))) {
            return files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the API server does with strict field validation: an object schema with properties admits no others,
     * unless it preserves unknown fields or describes a map. Sub-schemas of allOf/anyOf/oneOf/not are left alone (in
     * a structural schema they only restate the properties above them).
     */
    static void closeObjects(ObjectNode schema) {
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(p -> closeObjects((ObjectNode) p));
        if (schema.get("items") instanceof ObjectNode items) {
            closeObjects(items);
        }
        if (schema.get("additionalProperties") instanceof ObjectNode values) {
            closeObjects(values);
        }
    }

    // ---- finding things in a rendered set of objects

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asString())).toList();
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> name.equals(o.path("metadata").path("name").asString())).findFirst();
    }

    static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asString();
    }
}
