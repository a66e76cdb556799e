package dev.ladder.testkit;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ladder.kafka.KafkaAcls;
import dev.ladder.kafka.KafkaAcls.User;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The module tests' Kafka broker, locked like the devstack's (infra/devstack {@code KafkaBroker}): SASL/SCRAM-SHA-512
 * on the client listener, the {@code StandardAuthorizer} denying whatever {@link KafkaAcls} does not grant, no topic
 * created by anyone but the super user. A service under test logs in as its own Kafka user
 * ({@link LadderInfra#register}), so a permission its code needs but the table lacks fails its tests here, not first
 * on the platform; the tests' own clients (probes, the raw-record producer) log in as the super user.
 * <p>
 * It runs in the test JVM on Kafka's own {@code KafkaClusterTestKit} (what spring-kafka-test's
 * {@code EmbeddedKafkaKraftBroker} wraps, without a way to configure SASL): one combined broker and controller. The
 * super user's SCRAM credential goes into the bootstrap metadata, as {@code kafka-storage format --add-scram} does
 * for the devstack, because a broker that requires SASL has no other way to let anyone in; the broker reaches its
 * controller with SASL/PLAIN as that user (a KRaft controller cannot check SCRAM credentials: they live in the
 * metadata log it serves).
 */
final class LockedKafka {

    private static final int SCRAM_ITERATIONS = 8192;

    private LockedKafka() {
    }

    static Started start() {
        try {
            return startNow();
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException("the locked Kafka broker did not start: " + e, e);
        }
    }

    private static Started startNow() throws Exception {
        // A broker that loses its log directory halts the JVM (Kafka's Exit.halt). At JVM shutdown the test kit's own
        // hook deletes its temporary directories while the broker may still be writing, so the test JVM could end
        // with status 1 after every test passed (surefire: "Error occurred in starting fork"). In a test JVM the
        // broker reports instead; a broker that really failed fails the tests that use it.
        Exit.Procedure report = (status, message) -> System.err.println("[ladder-testkit] the test broker asked "
                + "to end the JVM with status " + status + " (ignored): " + message);
        Exit.setHaltProcedure(report);
        Exit.setExitProcedure(report);
        User admin = User.ADMIN;
        List<ApiMessageAndVersion> records = new ArrayList<>(
                BootstrapMetadata.fromVersion(MetadataVersion.latestProduction(), "ladder-testkit").records());
        records.add(new ApiMessageAndVersion(scramCredential(admin), (short) 0));
        TestKitNodes nodes = new TestKitNodes.Builder(BootstrapMetadata.fromRecords(records, "ladder-testkit"))
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .build();
        String client = nodes.brokerListenerName().value().toLowerCase(Locale.ROOT);
        String controller = nodes.controllerListenerName().value().toLowerCase(Locale.ROOT);
        String scram = KafkaAcls.MECHANISM.toLowerCase(Locale.ROOT);
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        Map<String, String> config = new HashMap<>();
        // the test kit's own SASL defaults (PLAIN with its demo users, super user "plain-admin") are only used
        // where these leave a gap, and they leave none: each listener names its mechanism and its users
        config.put("sasl.enabled.mechanisms", KafkaAcls.MECHANISM);
        config.put("listener.name." + client + ".sasl.enabled.mechanisms", KafkaAcls.MECHANISM);
        config.put("listener.name." + client + "." + scram + ".sasl.jaas.config",
                KafkaAcls.scramJaas(admin.username(), admin.localPassword()));
        config.put("sasl.mechanism.inter.broker.protocol", KafkaAcls.MECHANISM);
        config.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name." + controller + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin.username()
                        + "\" password=\"" + admin.localPassword() + "\" user_" + admin.username() + "=\""
                        + admin.localPassword() + "\";");
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", KafkaAcls.superUsers());
        config.put("auto.create.topics.enable", "false");
        config.put("num.partitions", String.valueOf(KafkaAcls.PARTITIONS));
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            Map<String, Object> adminConfig = new HashMap<>(KafkaAcls.clientConfig(bootstrap, admin));
            adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            try (Admin setUp = Admin.create(adminConfig)) {
                // every user's credential, every Ladder topic and its DLT, exactly the table's ACLs
                KafkaAcls.apply(setUp);
            }
            return new Started(bootstrap, "embedded, locked: SASL/" + KafkaAcls.MECHANISM + " and the ACLs of "
                    + "KafkaAcls (Kafka's KafkaClusterTestKit, in this JVM)", cluster);
        }
        catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** What {@code kafka-storage format --add-scram SCRAM-SHA-512=[name=…,password=…]} writes. */
    private static UserScramCredentialRecord scramCredential(User user) throws NoSuchAlgorithmException {
        ScramMechanism mechanism = ScramMechanism.forMechanismName(KafkaAcls.MECHANISM);
        ScramCredential credential = new ScramFormatter(mechanism).generateCredential(user.localPassword(),
                SCRAM_ITERATIONS);
        return new UserScramCredentialRecord()
                .setName(user.username())
                .setMechanism(org.apache.kafka.clients.admin.ScramMechanism.fromMechanismName(KafkaAcls.MECHANISM)
                        .type())
                .setSalt(credential.salt())
                .setStoredKey(credential.storedKey())
                .setServerKey(credential.serverKey())
                .setIterations(credential.iterations());
    }
}
