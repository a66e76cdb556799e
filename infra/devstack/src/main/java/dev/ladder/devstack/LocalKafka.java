package dev.ladder.devstack;

import dev.ladder.kafka.KafkaAcls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ladder's Kafka exactly as the devstack runs it, without the rest of the platform: one node (the light devstack)
 * or the three-node cluster of {@code --ha} (replication factor 3, {@code min.insync.replicas} 2), each node its own
 * JVM, SASL/SCRAM with Ladder's users, topics and ACLs ({@link KafkaAcls}). For the benchmark module, which compares
 * the same workload on one and on three brokers; the platform itself goes through {@link Platform}.
 */
public final class LocalKafka implements AutoCloseable {

    private final KafkaBroker.Cluster cluster;
    private final List<KafkaBroker> nodes;

    private LocalKafka(KafkaBroker.Cluster cluster, List<KafkaBroker> nodes) {
        this.cluster = cluster;
        this.nodes = nodes;
    }

    /**
     * Formats and starts {@code nodeCount} nodes on free ports in {@code dir} (fresh or left by an earlier start
     * of the same size), each logging to {@code <logDir>/kafka-<id>.log}.
     */
    public static LocalKafka start(Path dir, int nodeCount, Path logDir) {
        if (nodeCount != 1 && nodeCount != 3) {
            throw new IllegalArgumentException("one node or three (a quorum that survives one loss), not " + nodeCount);
        }
        Set<Integer> taken = new HashSet<>();
        List<KafkaBroker.Node> nodes = new ArrayList<>();
        for (int id = 1; id <= nodeCount; id++) {
            nodes.add(new KafkaBroker.Node(id, Ports.anyFree(taken), Ports.anyFree(taken)));
        }
        KafkaBroker.Cluster cluster = new KafkaBroker.Cluster(nodes);
        String classpath = Classpath.forKafka(PlatformConfig.findRepoRoot());
        return new LocalKafka(cluster, KafkaBroker.startCluster(dir, cluster, classpath,
                id -> logDir.resolve("kafka-" + id + ".log")));
    }

    public String bootstrap() {
        return cluster.bootstrap();
    }

    public int nodeCount() {
        return cluster.nodes().size();
    }

    public short replicationFactor() {
        return cluster.replicationFactor();
    }

    public int minInSyncReplicas() {
        return cluster.minInSyncReplicas();
    }

    /** What a Kafka client needs to connect as {@code user} (bootstrap servers and SASL). */
    public Map<String, Object> clientConfig(KafkaAcls.User user) {
        return KafkaAcls.clientConfig(bootstrap(), user);
    }

    @Override
    public void close() {
        nodes.forEach(KafkaBroker::close);
    }
}
