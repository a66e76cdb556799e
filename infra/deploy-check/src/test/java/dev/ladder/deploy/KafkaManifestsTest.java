package dev.ladder.deploy;

import dev.ladder.contracts.Topics;
import dev.ladder.kafka.KafkaAcls;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static dev.ladder.deploy.Manifests.name;
import static dev.ladder.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * (2) Strimzi's Kafka holds exactly the topics, users and ACLs of infra/kafka-access KafkaAcls — the table the
 * devstack's and the module tests' brokers enforce — so a service is allowed in production what its tests showed it
 * needs, and nothing more.
 */
class KafkaManifestsTest {

    /** Replicas of every topic, and how many must have a write before it is acknowledged. */
    private static final int REPLICAS = 3;
    private static final int MIN_IN_SYNC = 2;

    static Stream<Path> kustomizations() {
        return ManifestTypesTest.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theClusterIsKraftWithThreeBrokersAndLetsNobodyInWithoutScram(Path kustomization) {
        List<ObjectNode> objects = Kustomize.render(kustomization);
        JsonNode kafka = ofKind(objects, "Kafka").stream().findFirst().orElseThrow();
        List<ObjectNode> pools = ofKind(objects, "KafkaNodePool").stream()
                .filter(p -> name(kafka).equals(p.path("metadata").path("labels").path("strimzi.io/cluster")
                        .asString())).toList();

        assertThat(replicasWithRole(pools, "broker")).isEqualTo(REPLICAS);
        assertThat(replicasWithRole(pools, "controller")).as("KRaft controllers").isOdd().isGreaterThanOrEqualTo(3);
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asString())
                .isEqualTo("simple");
        assertThat(kafka.path("spec").path("kafka").path("listeners")).allSatisfy(listener -> assertThat(
                listener.path("authentication").path("type").asString())
                .isEqualTo(KafkaAcls.MECHANISM.toLowerCase(Locale.ROOT)));
        assertThat(kafka.path("spec").path("kafka").path("config").path("auto.create.topics.enable").asBoolean(true))
                .isFalse();
        assertThat(kafka.path("spec").path("entityOperator").has("topicOperator")).isTrue();
        assertThat(kafka.path("spec").path("entityOperator").has("userOperator")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void theTopicsAreLaddersAndTheirDeadLetterTopics(Path kustomization) {
        List<ObjectNode> topics = ofKind(Kustomize.render(kustomization), "KafkaTopic");

        assertThat(topics.stream().map(KafkaManifestsTest::topicName)).containsExactlyInAnyOrderElementsOf(
                KafkaAcls.TOPICS.stream().flatMap(t -> Stream.of(t, Topics.deadLetter(t))).toList());
        for (JsonNode topic : topics) {
            JsonNode spec = topic.path("spec");
            assertThat(spec.path("partitions").asInt()).as(topicName(topic)).isEqualTo(KafkaAcls.PARTITIONS);
            assertThat(spec.path("replicas").asInt()).as(topicName(topic)).isEqualTo(REPLICAS);
            assertThat(spec.path("config").path("min.insync.replicas").asInt()).as(topicName(topic))
                    .isEqualTo(MIN_IN_SYNC);
            assertThat(spec.path("config").path("retention.ms").asLong(0) == -1).as("%s kept for ever",
                    topicName(topic)).isEqualTo(Topics.retainedForever(topicName(topic)));
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asString())
                    .isEqualTo(name(ofKind(Kustomize.render(kustomization), "Kafka").get(0)));
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void eachUserOfTheTableHasExactlyItsAcls(Path kustomization) {
        List<ObjectNode> users = ofKind(Kustomize.render(kustomization), "KafkaUser");
        // the super user is the devstack's; on Strimzi the operators are the only super users
        Set<String> superUsers = Set.of(KafkaAcls.superUsers().split(";"));
        List<KafkaAcls.User> table = Arrays.stream(KafkaAcls.User.values())
                .filter(u -> !superUsers.contains(u.principal())).toList();

        assertThat(users.stream().map(Manifests::name))
                .containsExactlyInAnyOrderElementsOf(table.stream().map(KafkaAcls.User::username).toList());
        for (KafkaAcls.User user : table) {
            JsonNode spec = Manifests.get(users, "KafkaUser", user.username()).path("spec");
            assertThat(spec.path("authentication").path("type").asString())
                    .isEqualTo(KafkaAcls.MECHANISM.toLowerCase(Locale.ROOT));
            assertThat(spec.path("authorization").path("type").asString()).isEqualTo("simple");
            assertThat(bindings(user.principal(), spec.path("authorization").path("acls"))).as(user.username())
                    .containsExactlyInAnyOrderElementsOf(KafkaAcls.bindings(user));
        }
    }

    private static String topicName(JsonNode topic) {
        return topic.path("spec").path("topicName").asString(name(topic));
    }

    private static int replicasWithRole(List<ObjectNode> pools, String role) {
        return pools.stream().filter(p -> p.path("spec").path("roles").valueStream()
                .anyMatch(r -> r.asString().equals(role))).mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
    }

    /** A KafkaUser's ACLs as the broker stores them (Strimzi's defaults: allow, from any host). */
    private static List<AclBinding> bindings(String principal, JsonNode acls) {
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : acls) {
            JsonNode resource = acl.path("resource");
            ResourcePattern pattern = new ResourcePattern(
                    ResourceType.fromString(resource.path("type").asString()),
                    resource.path("name").asString(),
                    resource.path("patternType").asString("literal").equals("prefix") ? PatternType.PREFIXED
                            : PatternType.LITERAL);
            for (JsonNode operation : acl.path("operations")) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, acl.path("host").asString("*"),
                        AclOperation.fromString(operation.asString()),
                        AclPermissionType.fromString(acl.path("type").asString("allow")))));
            }
        }
        return bindings;
    }
}
