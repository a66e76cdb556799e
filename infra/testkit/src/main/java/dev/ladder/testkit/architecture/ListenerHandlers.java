package dev.ladder.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ladder.contracts.EventType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.ladder.testkit.architecture.LadderArchitecture.HEADER_ANNOTATIONS;
import static dev.ladder.testkit.architecture.LadderArchitecture.KAFKA_HANDLER;
import static dev.ladder.testkit.architecture.LadderArchitecture.KAFKA_LISTENER;
import static dev.ladder.testkit.architecture.LadderArchitecture.isDefaultHandler;

/**
 * The event types a service's Kafka listeners really handle, read from their code: for a service's table of handled
 * types (the kit's {@code UnhandledTypeSkipper}) to be checked against it, so a handler added without its line in
 * the table — whose unreadable records would then be skipped instead of dead-lettered — fails a test.
 * <pre>{@code
 * assertThat(ListenerHandlers.handledTypes("dev.ladder.catalog")).isEqualTo(UnhandledTypeSkipper.HANDLED);
 * }</pre>
 * A class-level {@code @KafkaListener} handles the event types of its {@code @KafkaHandler} methods (not its default
 * handler, which takes what the others do not); a method-level one the event type it takes. A listener whose types
 * its signature does not tell (a batch of records, any {@code Object}) or whose topics are not constants is refused
 * rather than answered wrongly.
 */
public final class ListenerHandlers {

    private ListenerHandlers() {
    }

    /**
     * @param basePackage the service's base package, e.g. {@code dev.ladder.notification}; its production classes
     *                    only (a test's listeners are not the service's)
     * @return topic → the event types its listeners in that package have a handler for
     * @throws IllegalArgumentException for a listener whose handled types or topics cannot be read from its code
     */
    public static Map<String, Set<EventType>> handledTypes(String basePackage) {
        return handledTypes(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage));
    }

    static Map<String, Set<EventType>> handledTypes(JavaClasses classes) {
        Map<String, Set<EventType>> handled = new TreeMap<>();
        for (JavaClass type : classes) {
            type.tryGetAnnotationOfType(KAFKA_LISTENER).ifPresent(listener -> {
                for (JavaMethod method : type.getMethods()) {
                    if (method.isAnnotatedWith(KAFKA_HANDLER) && !isDefaultHandler(method)) {
                        add(handled, topics(listener, type.getName()), payload(method));
                    }
                }
            });
            for (JavaMethod method : type.getMethods()) {
                method.tryGetAnnotationOfType(KAFKA_LISTENER).ifPresent(listener ->
                        add(handled, topics(listener, method.getFullName()), payload(method)));
            }
        }
        return handled.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> Set.copyOf(e.getValue())));
    }

    private static void add(Map<String, Set<EventType>> handled, List<String> topics, EventType type) {
        topics.forEach(topic -> handled.computeIfAbsent(topic, t -> EnumSet.noneOf(EventType.class)).add(type));
    }

    private static List<String> topics(JavaAnnotation<?> listener, String where) {
        List<String> topics = listener.get("topics").map(t -> Arrays.asList((String[]) t)).orElse(List.of());
        if (topics.isEmpty() || topics.stream().anyMatch(t -> t.contains("${") || t.contains("#{"))) {
            throw new IllegalArgumentException(where + " names its topics " + topics + " by pattern, partition or "
                    + "expression: its handled types cannot be read per topic from its code");
        }
        return topics;
    }

    /** The contracts event the handler takes: its one parameter that is neither a header nor a framework handle. */
    private static EventType payload(JavaMethod method) {
        return method.getParameters().stream()
                .filter(p -> HEADER_ANNOTATIONS.stream().noneMatch(p::isAnnotatedWith))
                .map(JavaParameter::getRawType)
                .map(ListenerHandlers::eventType)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(method.getFullName() + " takes no contracts event "
                        + "(a batch, or any Object): which types it handles is not in its signature"));
    }

    private static EventType eventType(JavaClass parameter) {
        return Arrays.stream(EventType.values()).filter(t -> t.payload().getName().equals(parameter.getName()))
                .findFirst().orElse(null);
    }
}
