package dev.ladder.devstack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code infra/devstack/run [--wipe] [--infra-only] [--no-demo-data] [--ha]}: starts the platform, prints where
 * everything is, and keeps it running until Ctrl-C. Ports and the data directory come from the environment
 * ({@code LADDER_*_PORT}, {@code LADDER_HOME}).
 */
public final class Devstack {

    static final int EXIT_FAILED = 1;
    static final int EXIT_PORT_CONFLICT = 2;
    static final int EXIT_USAGE = 64;

    private Devstack() {
    }

    public static void main(String[] args) {
        PlatformConfig config;
        try {
            config = configure(List.of(args), System.getenv());
        } catch (IllegalArgumentException | PlatformException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        }
        if (config == null) {
            System.out.println(USAGE);
            return;
        }
        Platform platform;
        try {
            platform = Platform.start(config);
        } catch (PortConflictException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_PORT_CONFLICT);
            return;
        } catch (PlatformException e) {
            System.err.println();
            System.err.println("The platform did not start: " + e.getMessage());
            System.exit(EXIT_FAILED);
            return;
        }
        System.out.println(Summary.of(platform));
        platform.unexpectedExit().thenAccept(message -> System.err.println("[devstack] WARNING: " + message));
        // Platform's shutdown hook stops everything on Ctrl-C; this thread only has to stay alive until then
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The configuration for these arguments and environment; null when only help was asked for. */
    static PlatformConfig configure(List<String> args, Map<String, String> env) {
        PlatformConfig.Builder builder = PlatformConfig.fromEnvironment(env);
        for (String arg : args) {
            switch (arg) {
                case "--wipe" -> builder.wipe(true);
                case "--infra-only" -> builder.infrastructureOnly();
                case "--no-demo-data" -> builder.demoData(false);
                case "--ha" -> builder.highAvailability(true);
                case "-h", "--help" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'." + System.lineSeparator()
                        + USAGE);
            }
        }
        return builder.build();
    }

    static final String USAGE = """
            Usage: infra/devstack/run [--wipe] [--infra-only] [--no-demo-data] [--ha]
              --wipe          delete the data directory first (databases, Kafka topics, Keycloak data)
              --infra-only    start PostgreSQL, Kafka and Keycloak only (run the services from your IDE)
              --no-demo-data  do not seed the demo organisation (LADDER_DEMO_DATA=false)
              --ha            high availability: three Kafka nodes (replication factor 3, min.insync.replicas 2), two
                              instances of every service and of the gateway behind a load-balancing front on the
                              usual ports (about twice the memory: ~7 GB)
            Environment: LADDER_HOME (default ~/.ladder), LADDER_GATEWAY_PORT (8080), LADDER_CATALOG_PORT (8081),
              LADDER_PROFILE_PORT (8082), LADDER_PROGRESS_PORT (8083), LADDER_NOTIFICATION_PORT (8084),
              LADDER_KEYCLOAK_PORT (8180), LADDER_KAFKA_PORT (9092), LADDER_KAFKA_CONTROLLER_PORT (9093),
              LADDER_POSTGRES_PORT (15432); LADDER_SKIP_BUILD=1 skips the Maven build, MAVEN_ARGS are passed to it.""";
}
