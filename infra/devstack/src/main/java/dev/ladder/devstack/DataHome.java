package dev.ladder.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The data directory ({@code LADDER_HOME}): kept across runs, deleted first on {@code --wipe}. */
final class DataHome {

    private DataHome() {
    }

    static void prepare(PlatformConfig config) {
        Path home = config.home();
        if (config.wipe() && Files.exists(home)) {
            refuseToWipe(home, config.repoRoot());
            config.progress().accept("Wiping " + home
                    + " (--wipe): databases, Kafka topics and Keycloak data start from scratch");
            delete(home);
        }
        try {
            Files.createDirectories(home);
            Files.createDirectories(config.logDir());
        } catch (IOException e) {
            throw new PlatformException("Could not create " + home + ": " + e.getMessage(), e);
        }
    }

    /** A mistyped LADDER_HOME must not cost someone their home directory or their checkout. */
    private static void refuseToWipe(Path home, Path repoRoot) {
        Path userHome = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        if (home.getParent() == null || home.equals(userHome) || repoRoot.startsWith(home)) {
            throw new PlatformException("Refusing to wipe " + home + "; point LADDER_HOME at a directory of its own.");
        }
    }

    private static void delete(Path home) {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new PlatformException("Could not wipe " + home + ": " + e.getMessage(), e);
        }
    }
}
