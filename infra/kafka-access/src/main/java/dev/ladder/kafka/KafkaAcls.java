package dev.ladder.kafka;

import dev.ladder.contracts.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who may do what on Ladder's Kafka: its users (SASL/SCRAM-SHA-512) and their ACLs, in this one table, enforced by the
 * devstack's broker and by the module tests' broker alike (infra/testkit), so a service's tests fail on a permission
 * it lacks the same way the platform would.
 * The broker denies everything not granted here ({@code allow.everyone.if.no.acl.found=false}): a service writes
 * only the topics whose events it owns (and the dead-letter topics of what it consumes), reads only what it
 * consumes, in consumer groups named after it; an outside producer writes {@code ladder.achievements.v1} and nothing
 * else. What an outside producer may say <em>on</em> that topic is the consumers' business
 * ({@code dev.ladder.contracts.EventProducers}); the broker decides who may write it at all.
 *
 * <p>Every permission below is one the code needs (README "Locking the topics"): the outbox relays write the
 * owned topics, the listeners read, the shared error handler writes {@code <topic>-dlt} of what a service consumes,
 * and each service's {@code KafkaAdmin} describes every topic it declares ({@code ladder.kafka.topics} and their
 * dead-letter topics) — it creates none: the platform creates the topics as {@link User#ADMIN}, so no service
 * holds CREATE. No service is transactional, and an idempotent producer needs WRITE on a topic, not
 * IDEMPOTENT_WRITE on the cluster (KIP-679), so there are no cluster or transactional-id grants.
 */
public final class KafkaAcls {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** Loopback only, so no TLS; in production clients use SASL_SSL (README). */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    /** Partitions of the topics the platform creates; the services' {@code ladder.kafka.partitions} default. */
    public static final int PARTITIONS = 3;
    /** Every Ladder topic; each also has its dead-letter topic. */
    public static final List<String> TOPICS = List.of(Topics.CATALOG_RELEASES, Topics.EMPLOYEES, Topics.ACHIEVEMENTS,
            Topics.MILESTONES);

    /**
     * The broker's users. Their passwords are <strong>local only</strong>: published in this file, for the
     * devstack and the tests' broker; a service run outside local mode with its password here refuses to start (the service kit's
     * {@code LocalMode.SECRETS}).
     */
    public enum User {
        /** Super user: the broker's own inter-broker and controller connections, and the devstack's set-up. */
        ADMIN("ladder-admin", "ladder-admin-local-password", null, Access.SUPER_USER),
        CATALOG("catalog-service", "catalog-service-local-kafka-password", "catalog", Access.none()
                .writes(Topics.CATALOG_RELEASES)
                .reads("catalog", Topics.EMPLOYEES)
                .describes(dlt(Topics.CATALOG_RELEASES))),
        PROFILE("profile-service", "profile-service-local-kafka-password", "profile", Access.none()
                .writes(Topics.EMPLOYEES, Topics.ACHIEVEMENTS)
                .reads("profile", Topics.CATALOG_RELEASES)
                .describes(dlt(Topics.EMPLOYEES), dlt(Topics.ACHIEVEMENTS))
                // the GDPR topic purge (README "Personal data"): reads every group's committed offsets, deletes
                // records of the topics that name people, and rewrites their dead-letter topics
                .purges(Topics.EMPLOYEES, Topics.ACHIEVEMENTS, Topics.MILESTONES)),
        PROGRESS("progress-service", "progress-service-local-kafka-password", "progress", Access.none()
                .writes(Topics.MILESTONES)
                .reads("progress", Topics.CATALOG_RELEASES, Topics.EMPLOYEES, Topics.ACHIEVEMENTS)
                .describes(dlt(Topics.MILESTONES))),
        NOTIFICATION("notification-service", "notification-service-local-kafka-password", "notification",
                Access.none()
                        .reads("notification", Topics.MILESTONES, Topics.EMPLOYEES, Topics.ACHIEVEMENTS,
                                Topics.CATALOG_RELEASES)),
        /** The demo LMS of the README ({@code ce_source /lms/acme-academy}): an outside producer. */
        LMS_ACME_ACADEMY("lms-acme-academy", "lms-acme-academy-local-password", null, Access.none()
                .writes(Topics.ACHIEVEMENTS));

        private final String username;
        private final String localPassword;
        /** The service's short name (its database and consumer-group prefix), or null for users of no service. */
        private final String service;
        private final Access access;

        User(String username, String localPassword, String service, Access access) {
            this.username = username;
            this.localPassword = localPassword;
            this.service = service;
            this.access = access;
        }

        public String username() {
            return username;
        }

        public String localPassword() {
            return localPassword;
        }

        public String principal() {
            return "User:" + username;
        }

        Access access() {
            return access;
        }

        /**
         * @param service a service's short name: {@code catalog}, {@code profile}, {@code progress},
         *                {@code notification}
         * @return the user it connects as; empty for the gateway, which does not use Kafka
         */
        public static Optional<User> of(String service) {
            return Arrays.stream(values()).filter(u -> u.service != null && u.service.equals(service)).findFirst();
        }
    }

    /**
     * @param writes      WRITE (and DESCRIBE) on each topic: a service's own topics, and the dead-letter topics of
     *                    what it consumes (added by {@link #reads})
     * @param reads       READ on each topic
     * @param groupPrefix READ on every consumer group whose id starts with it (tests name theirs {@code <prefix>-…})
     * @param describes   DESCRIBE only: topics a service's KafkaAdmin checks at start-up but that it neither writes
     *                    nor reads
     * @param deletes     DELETE (records), READ and DESCRIBE on each topic (added by {@link #purges})
     * @param describesAllGroups DESCRIBE on every consumer group: listing the groups and their committed offsets
     */
    record Access(Set<String> writes, Set<String> reads, String groupPrefix, Set<String> describes,
                  Set<String> deletes, boolean describesAllGroups, boolean superUser) {

        static final Access SUPER_USER = new Access(Set.of(), Set.of(), null, Set.of(), Set.of(), false, true);

        static Access none() {
            return new Access(Set.of(), Set.of(), null, Set.of(), Set.of(), false, false);
        }

        Access writes(String... topics) {
            return new Access(union(writes, List.of(topics)), reads, groupPrefix, describes, deletes,
                    describesAllGroups, false);
        }

        /** Reading a topic in the groups {@code groupPrefix…}, and dead-lettering what cannot be read. */
        Access reads(String groupPrefix, String... topics) {
            List<String> deadLetters = Stream.of(topics).map(KafkaAcls::dlt).toList();
            return new Access(union(writes, deadLetters), union(reads, List.of(topics)), groupPrefix, describes,
                    deletes, describesAllGroups, false);
        }

        Access describes(String... topics) {
            return new Access(writes, reads, groupPrefix, union(describes, List.of(topics)), deletes,
                    describesAllGroups, false);
        }

        /**
         * Purging records of the topics once every consumer group has read past them: DELETE (and READ, DESCRIBE)
         * on them and their dead-letter topics, WRITE on the dead-letter topics (the records of others are appended
         * again before the cut), DESCRIBE on every consumer group (their committed offsets).
         */
        Access purges(String... topics) {
            List<String> deadLetters = Stream.of(topics).map(KafkaAcls::dlt).toList();
            List<String> all = Stream.concat(Stream.of(topics), deadLetters.stream()).toList();
            return new Access(union(writes, deadLetters), reads, groupPrefix, describes, union(deletes, all), true,
                    false);
        }

        private static Set<String> union(Set<String> a, Collection<String> b) {
            Set<String> all = new LinkedHashSet<>(a);
            all.addAll(b);
            return Set.copyOf(all);
        }
    }

    private KafkaAcls() {
    }

    private static String dlt(String topic) {
        return Topics.deadLetter(topic);
    }

    /** The ACLs of every user of the table, as the broker stores them. */
    public static List<AclBinding> bindings() {
        List<AclBinding> all = new ArrayList<>();
        for (User user : User.values()) {
            all.addAll(bindings(user));
        }
        return all;
    }

    public static List<AclBinding> bindings(User user) {
        Access access = user.access();
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : sorted(access.writes())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        for (String topic : sorted(access.reads())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
        }
        for (String topic : sorted(access.describes())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        if (access.groupPrefix() != null) {
            acls.add(allow(user, ResourceType.GROUP, access.groupPrefix(), PatternType.PREFIXED, AclOperation.READ));
        }
        for (String topic : sorted(access.deletes())) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DELETE));
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        if (access.describesAllGroups()) {
            acls.add(allow(user, ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL,
                    AclOperation.DESCRIBE));
        }
        // a topic both written and purged gets its DESCRIBE once
        return List.copyOf(new LinkedHashSet<>(acls));
    }

    private static AclBinding allow(User user, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user.principal(), "*", operation, AclPermissionType.ALLOW));
    }

    /** {@code super.users} of the broker. */
    public static String superUsers() {
        return String.join(";", Arrays.stream(User.values()).filter(u -> u.access().superUser())
                .map(User::principal).toList());
    }

    /** What a Kafka client needs to connect as {@code user}. */
    public static Map<String, Object> clientConfig(String bootstrap, User user) {
        return clientConfig(bootstrap, user.username(), user.localPassword());
    }

    public static Map<String, Object> clientConfig(String bootstrap, String username, String password) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(username, password));
        return config;
    }

    public static String scramJaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                + "\" password=\"" + password + "\";";
    }

    /**
     * Makes the broker match the table, as {@link User#ADMIN} (whose credential the storage was formatted with):
     * every user's SCRAM credential, every topic, and for the users of the table exactly their ACLs (a permission
     * removed here is revoked on the next start; ACLs of principals not in the table, e.g. an LMS added by hand as
     * the README describes, are left alone). Idempotent: run on every start.
     */
    public static void apply(Admin admin) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        apply(admin, (short) 1, 1);
    }

    /**
     * {@link #apply(Admin)} on a cluster: topics created with {@code replicationFactor} copies, of which
     * {@code minInSyncReplicas} must have a write before it is acknowledged (the producers' {@code acks=all}). A topic
     * that exists keeps its replication (changing it is a reassignment, not something to do on every start).
     */
    public static void apply(Admin admin, short replicationFactor, int minInSyncReplicas)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        List<UserScramCredentialAlteration> credentials = Arrays.stream(User.values())
                .filter(u -> u != User.ADMIN) // formatted into the storage; the broker itself logs in with it
                .<UserScramCredentialAlteration>map(u -> new UserScramCredentialUpsertion(u.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), u.localPassword()))
                .toList();
        admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);

        List<NewTopic> topics = new ArrayList<>();
        Map<String, String> replication = Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(minInSyncReplicas));
        for (String topic : TOPICS) {
            NewTopic created = new NewTopic(topic, PARTITIONS, replicationFactor);
            Map<String, String> configs = new java.util.HashMap<>(replication);
            if (Topics.retainedForever(topic)) {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            }
            topics.add(created.configs(configs));
            // a dead letter keeps its partition number, so the DLT has as many
            topics.add(new NewTopic(dlt(topic), PARTITIONS, replicationFactor).configs(replication));
        }
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause(), e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Could not create topic " + name + ": " + e, e);
            }
        });

        Set<String> principals = new LinkedHashSet<>();
        for (User user : User.values()) {
            principals.add(user.principal());
        }
        List<AclBinding> wanted = bindings();
        Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
        List<AclBindingFilter> stale = present.stream()
                .filter(acl -> principals.contains(acl.entry().principal()) && !wanted.contains(acl))
                .map(AclBinding::toFilter).toList();
        if (!stale.isEmpty()) {
            admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
        }
        List<AclBinding> missing = wanted.stream().filter(acl -> !present.contains(acl)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
        awaitOnTheBroker(admin, wanted, stale);
    }

    /**
     * The controller has committed the changes when the calls above return; the broker applies them a moment later
     * from the metadata log. Until it has, a service starting at once would be refused: wait for the broker's own
     * answers (DescribeAcls, DescribeUserScramCredentials and Metadata are served by the broker).
     */
    private static void awaitOnTheBroker(Admin admin, List<AclBinding> wanted, List<AclBindingFilter> revoked)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        List<String> users = Arrays.stream(User.values()).map(User::username).toList();
        List<String> topics = TOPICS.stream().flatMap(t -> Stream.of(t, dlt(t))).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Collection<AclBinding> acls = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            boolean aclsApplied = acls.containsAll(wanted)
                    && acls.stream().noneMatch(acl -> revoked.stream().anyMatch(filter -> filter.matches(acl)));
            if (aclsApplied
                    && admin.describeUserScramCredentials(users).all().get(30, TimeUnit.SECONDS).size() == users.size()
                    && admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(topics)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not apply its users, topics and ACLs within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
