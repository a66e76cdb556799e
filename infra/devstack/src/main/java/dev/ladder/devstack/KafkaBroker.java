package dev.ladder.devstack;

import dev.ladder.kafka.KafkaAcls;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka (KRaft, combined broker and controller) in its own JVM, the same broker software the
 * services meet in production. Its data directory survives restarts; it is formatted only the first time.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /** Written beside data/ once the storage holds the super user's SCRAM credential. */
    static final String SECURED_MARKER = "scram-credentials-added";

    private final ChildProcess process;
    private final int port;
    private final boolean secured;

    private KafkaBroker(ChildProcess process, int port, boolean secured) {
        this.process = process;
        this.port = port;
        this.secured = secured;
    }

    /**
     * @param dir       {@code <home>/kafka}: server.properties, log4j2.properties and data/
     * @param classpath a classpath holding kafka_2.13 and a log4j2 binding (this module's runtime classpath)
     */
    static KafkaBroker start(Path dir, int port, int controllerPort, String classpath, Path logFile) {
        Path properties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
            Files.writeString(log4j, LOG4J2);
        } catch (IOException e) {
            throw new PlatformException("Could not prepare " + dir + ": " + e.getMessage(), e);
        }
        List<String> jvm = List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath);
        if (!Files.exists(data.resolve("meta.properties"))) {
            write(properties, serverProperties(port, controllerPort, data));
            format(jvm, properties, dir, logFile);
            markSecured(dir);
        } else if (!Files.exists(dir.resolve(SECURED_MARKER))) {
            addAdminCredential(jvm, properties, dir, port, controllerPort, data, logFile);
        }
        write(properties, serverProperties(port, controllerPort, data));
        KafkaBroker kafka = launch(jvm, properties, dir, port, logFile, true);
        try (Admin admin = kafka.admin()) {
            KafkaAcls.apply(admin);
        } catch (Exception e) {
            kafka.close();
            throw new PlatformException("Could not set up Kafka's users, topics and ACLs: " + e, e);
        }
        return kafka;
    }

    private static KafkaBroker launch(List<String> jvm, Path properties, Path dir, int port, Path logFile,
                                      boolean secured) {
        ChildProcess broker = ChildProcess.start("Kafka", concat(jvm, "kafka.Kafka", properties.toString()),
                Map.of(), dir, logFile, true);
        KafkaBroker kafka = new KafkaBroker(broker, port, secured);
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return kafka;
    }

    /**
     * Storage formatted before the broker required SASL holds no credential to log in with: start it once as it
     * was (PLAINTEXT, no authorizer, loopback only), give the super user its credential, and stop it. Its topics,
     * records and consumer offsets are kept; from then on {@link KafkaAcls#apply} does the rest.
     */
    private static void addAdminCredential(List<String> jvm, Path properties, Path dir, int port, int controllerPort,
                                           Path data, Path logFile) {
        write(properties, openServerProperties(port, controllerPort, data));
        try (KafkaBroker open = launch(jvm, properties, dir, port, logFile, false);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, open.bootstrap()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(KafkaAcls.User.ADMIN.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                    KafkaAcls.User.ADMIN.localPassword()))).all().get(30, TimeUnit.SECONDS);
        } catch (PlatformException e) {
            throw e;
        } catch (Exception e) {
            throw new PlatformException("Could not add the Kafka super user's credential to " + data + ": " + e, e);
        }
        markSecured(dir);
    }

    private static void markSecured(Path dir) {
        write(dir.resolve(SECURED_MARKER), "The storage holds the SCRAM credential of "
                + KafkaAcls.User.ADMIN.username() + " (KafkaBroker).\n");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new PlatformException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    ChildProcess process() {
        return process;
    }

    /** An admin client of the super user: the platform's own set-up only. */
    Admin admin() {
        Map<String, Object> config = new java.util.HashMap<>(
                KafkaAcls.clientConfig(bootstrap(), KafkaAcls.User.ADMIN));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(config);
    }

    private static void format(List<String> jvm, Path properties, Path dir, Path logFile) {
        // Uuid.randomUuid() is what `StorageTool random-uuid` prints; no need for a JVM just for that
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess format = ChildProcess.start("Kafka storage format",
                // the super user's SCRAM credential goes into the metadata log with the cluster's first records: a
                // broker that requires SASL has no other way to let anyone in. The other users are added by it.
                concat(jvm, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString(),
                        "--add-scram", KafkaAcls.MECHANISM + "=[name=" + KafkaAcls.User.ADMIN.username()
                                + ",password=" + KafkaAcls.User.ADMIN.localPassword() + "]"),
                Map.of(), dir, logFile, true);
        try {
            if (!format.unexpectedExit().get(60, TimeUnit.SECONDS).equals(0)) {
                throw new PlatformException("Formatting the Kafka storage failed:" + System.lineSeparator()
                        + format.logTail(20));
            }
        } catch (PlatformException e) {
            throw e;
        } catch (Exception e) {
            format.close();
            throw new PlatformException("Formatting the Kafka storage did not finish: " + e, e);
        }
    }

    /** Until the broker answers a metadata request (the port alone opens before the broker is unfenced). */
    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!acceptsConnections()) {
            checkAlive(deadline);
            sleep(200);
        }
        try (Admin admin = secured ? admin() : Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    checkAlive(deadline);
                    sleep(200);
                }
            }
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive(long deadline) {
        if (!process.isAlive()) {
            throw new PlatformException("Kafka exited with code " + process.exitCode() + ". Last lines of "
                    + process.logFile() + ":" + System.lineSeparator() + process.logTail(30));
        }
        if (System.nanoTime() > deadline) {
            throw new PlatformException("Kafka did not answer on " + bootstrap() + " within "
                    + STARTUP_TIMEOUT.toSeconds() + " s. Last lines of " + process.logFile() + ":"
                    + System.lineSeparator() + process.logTail(30));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while waiting for Kafka", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * SASL everywhere: clients and the (here: own) inter-broker connections log in with SCRAM-SHA-512 on CLIENT;
     * the broker logs in to its controller with SASL/PLAIN on CONTROLLER, because a KRaft controller cannot check
     * SCRAM credentials (they live in the metadata log it serves) — its one user is the super user, its password in
     * this file. The StandardAuthorizer then denies whatever {@link KafkaAcls} does not grant.
     */
    static String serverProperties(int port, int controllerPort, Path data) {
        KafkaAcls.User admin = KafkaAcls.User.ADMIN;
        return """
                # Written by the devstack on every start (ports may change); the data below survives.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=CLIENT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=CLIENT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=CLIENT
                listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
                listener.name.client.sasl.enabled.mechanisms=%4$s
                listener.name.client.%5$s.sasl.jaas.config=%6$s
                sasl.mechanism.inter.broker.protocol=%4$s
                listener.name.controller.sasl.enabled.mechanisms=PLAIN
                listener.name.controller.plain.sasl.jaas.config=%7$s
                sasl.mechanism.controller.protocol=PLAIN
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=%8$s
                # only the super user may create topics, and it creates them all (KafkaAcls): a mistyped topic name
                # fails instead of creating a topic
                auto.create.topics.enable=false
                %3$s""".formatted(port, controllerPort, commonProperties(data), KafkaAcls.MECHANISM,
                KafkaAcls.MECHANISM.toLowerCase(java.util.Locale.ROOT),
                KafkaAcls.scramJaas(admin.username(), admin.localPassword()),
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin.username()
                        + "\" password=\"" + admin.localPassword() + "\" user_" + admin.username() + "=\""
                        + admin.localPassword() + "\";",
                KafkaAcls.superUsers());
    }

    /** The configuration of storage formatted before SASL: used once, to add the super user's credential. */
    private static String openServerProperties(int port, int controllerPort, Path data) {
        return """
                # Written by the devstack for one start only: adding the super user's credential to older storage.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                auto.create.topics.enable=false
                %3$s""".formatted(port, controllerPort, commonProperties(data));
    }

    private static String commonProperties(Path data) {
        return """
                log.dirs=%s
                num.partitions=%d
                default.replication.factor=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(data.toString().replace("\\", "/"), KafkaAcls.PARTITIONS);
    }

    private static final String LOG4J2 = """
            status = warn
            appender.out.type = Console
            appender.out.name = OUT
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = info
            rootLogger.appenderRef.out.ref = OUT
            logger.state.name = state.change.logger
            logger.state.level = warn
            """;

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
