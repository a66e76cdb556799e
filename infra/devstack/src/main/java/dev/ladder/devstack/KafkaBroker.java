package dev.ladder.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

    private final ChildProcess process;
    private final int port;

    private KafkaBroker(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
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
            Files.writeString(properties, serverProperties(port, controllerPort, data));
            Files.writeString(log4j, LOG4J2);
        } catch (IOException e) {
            throw new PlatformException("Could not prepare " + dir + ": " + e.getMessage(), e);
        }
        List<String> jvm = List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath);
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(jvm, properties, dir, logFile);
        }
        ChildProcess broker = ChildProcess.start("Kafka", concat(jvm, "kafka.Kafka", properties.toString()),
                Map.of(), dir, logFile, true);
        KafkaBroker kafka = new KafkaBroker(broker, port);
        try {
            kafka.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return kafka;
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    ChildProcess process() {
        return process;
    }

    private static void format(List<String> jvm, Path properties, Path dir, Path logFile) {
        // Uuid.randomUuid() is what `StorageTool random-uuid` prints; no need for a JVM just for that
        String clusterId = Uuid.randomUuid().toString();
        ChildProcess format = ChildProcess.start("Kafka storage format",
                concat(jvm, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString()),
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
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
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

    private static String serverProperties(int port, int controllerPort, Path data) {
        return """
                # Written by the devstack on every start (ports may change); the data below survives.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                default.replication.factor=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=true
                """.formatted(port, controllerPort, data.toString().replace("\\", "/"));
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
