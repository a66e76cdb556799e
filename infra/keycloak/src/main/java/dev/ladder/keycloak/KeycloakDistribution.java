package dev.ladder.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static dev.ladder.keycloak.KeycloakServer.DIST_ENV;
import static dev.ladder.keycloak.KeycloakServer.DIST_PROPERTY;
import static dev.ladder.keycloak.KeycloakServer.REALM_RESOURCE;
import static dev.ladder.keycloak.KeycloakServer.VERSION;

/**
 * The Keycloak distribution: where its tar.gz is, and turning it into a runnable home with the Ladder realm
 * ready for {@code --import-realm}. Not thread-safe across starts of one home: callers hold its {@link HomeLock}.
 */
final class KeycloakDistribution {

    private static final String EXTRACTED_MARKER = ".ladder-extracted";

    private KeycloakDistribution() {
    }

    /** See {@link KeycloakServer#distribution()}. */
    static Path locate() {
        String fromProperty = System.getProperty(DIST_PROPERTY);
        String fromEnv = System.getenv(DIST_ENV);
        Path fromM2 = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                "keycloak-quarkus-dist", VERSION, "keycloak-quarkus-dist-" + VERSION + ".tar.gz");
        Path chosen = notBlank(fromProperty) ? Path.of(fromProperty) : notBlank(fromEnv) ? Path.of(fromEnv) : fromM2;
        if (!Files.isRegularFile(chosen)) {
            throw new IllegalStateException("Keycloak " + VERSION + " distribution not found at " + chosen
                    + ". Looked at: system property " + DIST_PROPERTY + "=" + fromProperty
                    + ", env " + DIST_ENV + "=" + fromEnv + ", default " + fromM2
                    + ". Fetch it with: mvn dependency:get -Dartifact=org.keycloak:keycloak-quarkus-dist:"
                    + VERSION + ":tar.gz");
        }
        return chosen;
    }

    /** Unpacks {@code dist} into {@code home} unless an earlier run completed that (extraction takes seconds). */
    static void extractIfNeeded(Path dist, Path home) throws IOException {
        // the marker is written last, so a half-finished extraction (killed JVM) is redone
        Path marker = home.resolve(EXTRACTED_MARKER);
        if (Files.isRegularFile(marker) && Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return;
        }
        Files.createDirectories(home);
        long started = System.nanoTime();
        Process tar = new ProcessBuilder("tar", "-xzf", dist.toString(), "-C", home.toString(), "--strip-components=1")
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("extracting " + dist + " into " + home + " failed: " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tar.destroyForcibly();
            throw new IllegalStateException("interrupted while extracting " + dist, e);
        }
        Files.writeString(marker, dist + System.lineSeparator());
        System.out.println("[ladder] extracted Keycloak " + VERSION + " into " + home + " in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
    }

    /** Copies the realm export from the classpath into the home on every start, so realm changes are picked up. */
    static void installRealm(Path home) throws IOException {
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        Path tmp = Files.createTempFile(importDir, ".ladder-realm", ".tmp");
        try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException(REALM_RESOURCE + " not on the classpath");
            }
            Files.copy(realm, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        // atomic: a server that starts from the same home never reads half a file
        Files.move(tmp, importDir.resolve("ladder-realm.json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
