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
 * One Kafka node (KRaft, combined broker and controller) in its own JVM, the same broker software the services meet
 * in production: alone ({@link #start}, the light devstack) or one of a three-node cluster ({@link #startCluster},
 * {@code --ha}). Its data directory survives restarts; it is formatted only the first time.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /** Written beside data/ once the storage holds the super user's SCRAM credential. */
    static final String SECURED_MARKER = "scram-credentials-added";

    /** A node of the cluster: its id (the KRaft node and broker id) and its two ports. */
    record Node(int id, int port, int controllerPort) {
    }

    /**
     * How the nodes form a cluster: every node's controller (the quorum voters) and the replication of Ladder's
     * topics. One node: replication factor 1. Three: factor 3, {@code min.insync.replicas} 2 (a write is acknowledged
     * once two copies have it, so one broker may be down without losing a write or refusing one).
     */
    record Cluster(List<Node> nodes) {
        Cluster {
            nodes = List.copyOf(nodes);
        }

        String voters() {
            return String.join(",", nodes.stream().map(n -> n.id() + "@localhost:" + n.controllerPort()).toList());
        }

        short replicationFactor() {
            return (short) Math.min(3, nodes.size());
        }

        int minInSyncReplicas() {
            return nodes.size() >= 3 ? 2 : 1;
        }

        String bootstrap() {
            return String.join(",", nodes.stream().map(n -> "localhost:" + n.port()).toList());
        }
    }

    private final ChildProcess process;
    private final Node node;
    private final Cluster cluster;
    private final boolean secured;

    private KafkaBroker(ChildProcess process, Node node, Cluster cluster, boolean secured) {
        this.process = process;
        this.node = node;
        this.cluster = cluster;
        this.secured = secured;
    }

    /**
     * A single node: the light devstack.
     *
     * @param dir       {@code <home>/kafka}: server.properties, log4j2.properties and data/
     * @param classpath a classpath holding kafka_2.13 and a log4j2 binding (this module's runtime classpath)
     */
    static KafkaBroker start(Path dir, int port, int controllerPort, String classpath, Path logFile) {
        Node node = new Node(1, port, controllerPort);
        Cluster single = new Cluster(List.of(node));
        KafkaBroker kafka = startNode(dir, node, single, classpath, logFile, true);
        kafka.applyAcls();
        return kafka;
    }

    /**
     * Every node of a cluster (each in {@code <dir>/node-<id>}), launched together — a controller quorum needs a
     * majority before any broker answers — then awaited; users, topics and ACLs are applied once all answer.
     */
    static List<KafkaBroker> startCluster(Path dir, Cluster cluster, String classpath,
                                          java.util.function.IntFunction<Path> logFile) {
        String clusterId = existingClusterId(dir, cluster).orElseGet(() -> Uuid.randomUuid().toString());
        List<KafkaBroker> started = new java.util.ArrayList<>();
        try {
            for (Node node : cluster.nodes()) {
                started.add(prepareAndLaunch(nodeDir(dir, node.id()), node, cluster, classpath,
                        logFile.apply(node.id()), clusterId));
            }
            for (KafkaBroker broker : started) {
                broker.awaitReady();
            }
            started.get(0).applyAcls();
            return started;
        } catch (RuntimeException e) {
            started.forEach(KafkaBroker::close);
            throw e;
        }
    }

    /** Starts one node of a cluster again (after {@link #close()}), on its data directory and ports. */
    static KafkaBroker restartNode(Path dir, Node node, Cluster cluster, String classpath, Path logFile) {
        return startNode(nodeDir(dir, node.id()), node, cluster, classpath, logFile, false);
    }

    static Path nodeDir(Path dir, int id) {
        return dir.resolve("node-" + id);
    }

    private static KafkaBroker startNode(Path dir, Node node, Cluster cluster, String classpath, Path logFile,
                                         boolean mayNeedCredential) {
        List<String> jvm = prepare(dir, classpath);
        Path properties = dir.resolve("server.properties");
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("meta.properties"))) {
            write(properties, serverProperties(node, cluster, data));
            format(jvm, properties, dir, logFile, Uuid.randomUuid().toString());
            markSecured(dir);
        } else if (mayNeedCredential && !Files.exists(dir.resolve(SECURED_MARKER))) {
            addAdminCredential(jvm, properties, dir, node.port(), node.controllerPort(), data, logFile);
        }
        write(properties, serverProperties(node, cluster, data));
        return launch(jvm, properties, dir, node, cluster, logFile, true, true);
    }

    private static KafkaBroker prepareAndLaunch(Path dir, Node node, Cluster cluster, String classpath, Path logFile,
                                                String clusterId) {
        List<String> jvm = prepare(dir, classpath);
        Path properties = dir.resolve("server.properties");
        Path data = dir.resolve("data");
        write(properties, serverProperties(node, cluster, data));
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(jvm, properties, dir, logFile, clusterId);
            markSecured(dir);
        }
        return launch(jvm, properties, dir, node, cluster, logFile, true, false);
    }

    /** The cluster id of a node already formatted, which the others must share. */
    private static java.util.Optional<String> existingClusterId(Path dir, Cluster cluster) {
        for (Node node : cluster.nodes()) {
            Path meta = nodeDir(dir, node.id()).resolve("data").resolve("meta.properties");
            if (Files.exists(meta)) {
                java.util.Properties properties = new java.util.Properties();
                try (var in = Files.newInputStream(meta)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new PlatformException("Could not read " + meta + ": " + e.getMessage(), e);
                }
                return java.util.Optional.ofNullable(properties.getProperty("cluster.id"));
            }
        }
        return java.util.Optional.empty();
    }

    /** Creates the directories and the log configuration; returns the JVM command line (without a main class). */
    private static List<String> prepare(Path dir, String classpath) {
        Path log4j = dir.resolve("log4j2.properties");
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(log4j, LOG4J2);
        } catch (IOException e) {
            throw new PlatformException("Could not prepare " + dir + ": " + e.getMessage(), e);
        }
        return List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath);
    }

    /** Starts the node's JVM; awaits it when {@code await} (a cluster's nodes are awaited once all are launched). */
    private static KafkaBroker launch(List<String> jvm, Path properties, Path dir, Node node, Cluster cluster,
                                      Path logFile, boolean secured, boolean await) {
        ChildProcess broker = ChildProcess.start(cluster.nodes().size() == 1 ? "Kafka" : "Kafka node " + node.id(),
                concat(jvm, "kafka.Kafka", properties.toString()), Map.of(), dir, logFile, true);
        KafkaBroker kafka = new KafkaBroker(broker, node, cluster, secured);
        if (await) {
            try {
                kafka.awaitReady();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        }
        return kafka;
    }

    /** Users, topics (with the cluster's replication) and ACLs, as the super user. */
    private void applyAcls() {
        try (Admin admin = admin()) {
            KafkaAcls.apply(admin, cluster.replicationFactor(), cluster.minInSyncReplicas());
        } catch (Exception e) {
            close();
            throw new PlatformException("Could not set up Kafka's users, topics and ACLs: " + e, e);
        }
    }

    /**
     * Storage formatted before the broker required SASL holds no credential to log in with: start it once as it
     * was (PLAINTEXT, no authorizer, loopback only), give the super user its credential, and stop it. Its topics,
     * records and consumer offsets are kept; from then on {@link KafkaAcls#apply} does the rest.
     */
    private static void addAdminCredential(List<String> jvm, Path properties, Path dir, int port, int controllerPort,
                                           Path data, Path logFile) {
        write(properties, openServerProperties(port, controllerPort, data));
        Node node = new Node(1, port, controllerPort);
        try (KafkaBroker open = launch(jvm, properties, dir, node, new Cluster(List.of(node)), logFile, false, true);
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

    /** This node's address (the cluster's: {@link Cluster#bootstrap()}). */
    String bootstrap() {
        return "localhost:" + node.port();
    }

    Node node() {
        return node;
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

    /** @param clusterId the same for every node of a cluster; Uuid.randomUuid() is what `StorageTool random-uuid` prints */
    private static void format(List<String> jvm, Path properties, Path dir, Path logFile, String clusterId) {
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
            socket.connect(new InetSocketAddress("localhost", node.port()), 500);
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
    static String serverProperties(Node node, Cluster cluster, Path data) {
        KafkaAcls.User admin = KafkaAcls.User.ADMIN;
        return """
                # Written by the devstack on every start (ports may change); the data below survives.
                process.roles=broker,controller
                node.id=%9$d
                controller.quorum.voters=%10$s
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
                %3$s""".formatted(node.port(), node.controllerPort(), commonProperties(data, cluster), KafkaAcls.MECHANISM,
                KafkaAcls.MECHANISM.toLowerCase(java.util.Locale.ROOT),
                KafkaAcls.scramJaas(admin.username(), admin.localPassword()),
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin.username()
                        + "\" password=\"" + admin.localPassword() + "\" user_" + admin.username() + "=\""
                        + admin.localPassword() + "\";",
                KafkaAcls.superUsers(), node.id(), cluster.voters());
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
                %3$s""".formatted(port, controllerPort, commonProperties(data, new Cluster(List.of(new Node(1, port,
                controllerPort)))));
    }

    /** Replication of every topic (Kafka's own too): 1 on one node; 3, two in sync, on a cluster. */
    private static String commonProperties(Path data, Cluster cluster) {
        return """
                log.dirs=%1$s
                num.partitions=%2$d
                default.replication.factor=%3$d
                min.insync.replicas=%4$d
                offsets.topic.replication.factor=%3$d
                transaction.state.log.replication.factor=%3$d
                transaction.state.log.min.isr=%4$d
                share.coordinator.state.topic.replication.factor=%3$d
                share.coordinator.state.topic.min.isr=%4$d
                group.initial.rebalance.delay.ms=0
                """.formatted(data.toString().replace("\\", "/"), KafkaAcls.PARTITIONS, cluster.replicationFactor(),
                cluster.minInSyncReplicas());
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
