package dev.ladder.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The repository's own files, read where they are (the module's surefire sets {@code ladder.root}). */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("ladder.root", "../..")).toAbsolutePath().normalize();
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Repo() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    /** Every document of a YAML file (a file may hold several, separated by {@code ---}); empty ones are skipped. */
    static List<JsonNode> yamlDocuments(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(read(file))) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && document.isObject()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static JsonNode yaml(Path file) {
        List<JsonNode> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " holds " + documents.size() + " YAML documents, not one");
        }
        return documents.get(0);
    }

    /**
     * A YAML tree as Spring sees its properties: nested keys and dotted keys alike become one dotted name ({@code
     * kafka.bootstrap-servers} under {@code spring} is {@code spring.kafka.bootstrap-servers}); lists are left out.
     */
    static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> properties = new LinkedHashMap<>();
        flatten("", tree, properties);
        return properties;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isValueNode()) {
            into.put(prefix, node.asString());
        }
    }

    // ---- Maven poms: the project's own model, read with the JDK's XML parser

    static Document pom(String relativeDir) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(path(relativeDir).resolve("pom.xml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + relativeDir + "/pom.xml", e);
        }
    }

    /** The text of the first element of that name directly under {@code parent}. */
    static Optional<String> child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element.getTextContent().trim());
            }
        }
        return Optional.empty();
    }

    static List<Element> elements(Document document, String name) {
        List<Element> all = new ArrayList<>();
        NodeList nodes = document.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add((Element) nodes.item(i));
        }
        return all;
    }

    static List<Element> descendants(Element parent, String name) {
        List<Element> all = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            all.add((Element) nodes.item(i));
        }
        return all;
    }

    /** A property of the root pom ({@code <properties>}), e.g. {@code keycloak.version}. */
    static String rootProperty(String name) {
        return elements(pom("."), "properties").stream().flatMap(p -> child(p, name).stream()).findFirst()
                .orElseThrow(() -> new IllegalStateException("The root pom has no property " + name));
    }
}
