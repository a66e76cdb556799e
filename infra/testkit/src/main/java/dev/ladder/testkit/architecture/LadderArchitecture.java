package dev.ladder.testkit.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of Ladder's architecture, for one service's base package. Each service runs them through
 * {@link ServiceArchitectureTest}; the README's "Project layout" describes them for people.
 * <p>
 * Framework types are named as strings so the rules load whatever the service's classpath has (WebMVC or WebFlux,
 * with or without Kafka).
 */
public final class LadderArchitecture {

    /** The base package of every service; a service's classes live in {@code dev.ladder.<service>}. */
    public static final List<String> SERVICES = List.of(
            "dev.ladder.catalog", "dev.ladder.profile", "dev.ladder.progress", "dev.ladder.notification",
            "dev.ladder.gateway");

    static final String LADDER_EVENT = "dev.ladder.contracts.LadderEvent";

    private static final List<String> HTTP_CLIENTS = List.of(
            "org.springframework.web.client.RestClient", "org.springframework.web.client.RestTemplate",
            "org.springframework.web.reactive.function.client.WebClient",
            "org.springframework.web.service.invoker.HttpServiceProxyFactory",
            "java.net.http.HttpClient", "java.net.HttpURLConnection");

    private static final List<String> DATA_ACCESS = List.of(
            "org.springframework.jdbc.core.simple.JdbcClient", "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.JdbcTemplate",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate",
            "javax.sql.DataSource", "java.sql.Connection", "java.sql.Statement");

    private static final List<String> KAFKA_CLIENT_SIDE = List.of(
            "org.springframework.kafka.core.KafkaTemplate", "org.springframework.kafka.core.KafkaOperations",
            "org.apache.kafka.clients.producer.Producer", "org.apache.kafka.common.serialization.Serializer",
            "org.apache.kafka.common.serialization.Deserializer");

    static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    static final String KAFKA_HANDLER = "org.springframework.kafka.annotation.KafkaHandler";
    static final Set<String> HEADER_ANNOTATIONS = Set.of(
            "org.springframework.messaging.handler.annotation.Header",
            "org.springframework.messaging.handler.annotation.Headers");
    /** What a listener may take besides the event: the record around it, its batch, and the container's handles. */
    private static final Set<String> LISTENER_FRAMEWORK_TYPES = Set.of(
            "org.springframework.kafka.support.Acknowledgment", "org.apache.kafka.clients.consumer.Consumer");
    private static final Set<String> RECORD_CONTAINERS = Set.of(
            "org.apache.kafka.clients.consumer.ConsumerRecord", "org.apache.kafka.clients.consumer.ConsumerRecords",
            "java.util.List", "java.util.Collection");

    private final String base;
    private final List<String> externalHttpPackages;

    /**
     * @param externalHttpPackages packages (ArchUnit syntax, e.g. {@code "..webhook.."}) allowed to make HTTP calls
     *                             to systems outside Ladder, such as a team's chat webhook; empty for most services
     */
    public LadderArchitecture(String basePackage, List<String> externalHttpPackages) {
        if (!SERVICES.contains(basePackage)) {
            throw new IllegalArgumentException(basePackage + " is not one of " + SERVICES);
        }
        this.base = basePackage;
        this.externalHttpPackages = List.copyOf(externalHttpPackages);
    }

    /** Services talk through Kafka only: no service's code refers to another service's classes. */
    public ArchRule noDependencyOnOtherServices() {
        String[] others = SERVICES.stream().filter(s -> !s.equals(base)).map(s -> s + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(base + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share events from contracts, never code");
    }

    /**
     * Services never call each other synchronously: no HTTP client in a service's code, except in the packages it
     * names for calls out of Ladder (webhooks). The HTTP a service needs for itself (Keycloak's keys) is inside
     * Spring Security, and the gateway routes by configuration.
     */
    public ArchRule noHttpClients() {
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackages(externalHttpPackages.toArray(String[]::new))
                .should().dependOnClassesThat(named(HTTP_CLIENTS))
                .because("services talk to each other through Kafka, not over HTTP");
    }

    /** No cycle between any two packages of the service, at any depth. */
    public ArchRule noPackageCycles() {
        return slices().matching(base + ".(**)").should().beFreeOfCycles()
                .because("a cycle makes two packages one, with no name and no boundary");
    }

    /** No cycle between the feature packages ({@code dev.ladder.<service>.<feature>} with everything below it). */
    public ArchRule featuresFreeOfCycles() {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles()
                .because("features are packaged by feature and depend on each other in one direction");
    }

    /** Controllers and Kafka listeners translate and delegate; the application service does the work. */
    public ArchRule controllersAndListenersAreThin() {
        DescribedPredicate<JavaClass> entryPoint = DescribedPredicate.describe("controllers and Kafka listeners",
                c -> c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                        || c.isAnnotatedWith("org.springframework.stereotype.Controller")
                        || c.isAnnotatedWith(KAFKA_LISTENER)
                        || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(KAFKA_LISTENER)));
        List<String> forbidden = Stream.concat(DATA_ACCESS.stream(),
                Stream.of("dev.ladder.kit.outbox.Outbox", "dev.ladder.kit.inbox.Inbox")).toList();
        return noClasses().that().resideInAPackage(base + "..").and(entryPoint)
                .should().dependOnClassesThat(named(forbidden))
                .because("a controller or listener calls an application service, which owns the data access "
                        + "and the transaction");
    }

    /** Only {@code contracts} defines events: no service declares a type of its own as a Ladder event. */
    public ArchRule eventTypesComeFromContracts() {
        return noClasses().that().resideInAPackage(base + "..")
                .should().beAssignableTo(LADDER_EVENT)
                .because("every event type lives in contracts with its schema and topic");
    }

    /**
     * Services publish only through the kit's outbox (which takes nothing but a contracts event) and read only
     * through the kit's CloudEvents deserializer (which knows only contracts types).
     */
    public ArchRule kafkaOnlyThroughTheKit() {
        return noClasses().that().resideInAPackage(base + "..")
                .should().dependOnClassesThat(named(KAFKA_CLIENT_SIDE))
                .because("events are published through the outbox and read through the kit's deserializer");
    }

    /** A listener receives contracts events: directly, or in records and batches whose values the kit types. */
    public ArchRule listenersReceiveContractEvents() {
        DescribedPredicate<JavaMethod> listener = DescribedPredicate.describe("Kafka listener methods",
                m -> m.isAnnotatedWith(KAFKA_LISTENER) || m.isAnnotatedWith(KAFKA_HANDLER));
        return methods().that().areDeclaredInClassesThat().resideInAPackage(base + "..").and(listener)
                .should(new ArchCondition<>("receive only events from contracts") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (JavaParameter parameter : method.getParameters()) {
                            if (HEADER_ANNOTATIONS.stream().anyMatch(parameter::isAnnotatedWith)) {
                                continue;
                            }
                            if (!acceptable(parameter.getType()) && !(isDefaultHandler(method)
                                    && parameter.getRawType().getName().equals(Object.class.getName()))) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                        + " takes " + parameter.getType().getName()
                                        + ", which is not a contracts event (" + LADDER_EVENT + ")"));
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    public List<ArchRule> all() {
        return List.of(noDependencyOnOtherServices(), noHttpClients(), noPackageCycles(), featuresFreeOfCycles(),
                controllersAndListenersAreThin(), eventTypesComeFromContracts(), kafkaOnlyThroughTheKit(),
                listenersReceiveContractEvents());
    }

    /**
     * A contracts event; a framework handle; or a record/batch of them. {@code Object} as a record's value is allowed:
     * the kit's deserializer produces only registered contracts types, and batch listeners dispatch by type.
     */
    private static boolean acceptable(JavaType type) {
        JavaClass raw = type.toErasure();
        if (raw.isAssignableTo(LADDER_EVENT) || LISTENER_FRAMEWORK_TYPES.contains(raw.getName())) {
            return true;
        }
        if (!RECORD_CONTAINERS.contains(raw.getName()) || !(type instanceof JavaParameterizedType parameterized)) {
            return false;
        }
        List<JavaType> arguments = parameterized.getActualTypeArguments();
        // ConsumerRecord<K, V>: the key is the aggregate id; only the value is an event
        JavaType value = arguments.get(arguments.size() - 1);
        return value.toErasure().getName().equals(Object.class.getName()) && !raw.getName().startsWith("java.util")
                || acceptable(value);
    }

    /** {@code @KafkaHandler(isDefault = true)}: the types the listener skips, still only what the kit produced. */
    static boolean isDefaultHandler(JavaMethod method) {
        return method.tryGetAnnotationOfType(KAFKA_HANDLER)
                .flatMap(a -> a.get("isDefault")).map(Boolean.TRUE::equals).orElse(false);
    }

    private static DescribedPredicate<JavaClass> named(List<String> names) {
        return DescribedPredicate.describe("any of " + names, c -> names.contains(c.getName()));
    }
}
