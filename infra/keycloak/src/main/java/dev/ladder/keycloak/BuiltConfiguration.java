package dev.ladder.keycloak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which build-time configuration (the {@code --db} kind) a home's {@code lib/} was last augmented for.
 * {@code kc.sh start-dev} rewrites {@code lib/} when the build options differ from the last run's, and a server
 * started meanwhile from the same home would read half-written files: knowing whether a start will rebuild tells
 * whether it must keep the {@link HomeLock} until it is up. Kept as one marker file per db kind in the home.
 */
final class BuiltConfiguration {

    private static final String MARKER_PREFIX = ".ladder-built-";

    private BuiltConfiguration() {
    }

    /** True when a start with this db kind finds {@code lib/} built for it and writes nothing there. */
    static boolean isBuiltFor(Path home, String dbKind) {
        return Files.exists(marker(home, dbKind));
    }

    /** Before a start that rebuilds: what {@code lib/} was built for no longer holds, even if that start fails. */
    static void forget(Path home) throws IOException {
        try (Stream<Path> markers = Files.list(home)) {
            for (Path marker : markers.filter(m -> m.getFileName().toString().startsWith(MARKER_PREFIX)).toList()) {
                Files.delete(marker);
            }
        }
    }

    /** After a start that rebuilt {@code lib/} came up: later starts with this db kind may overlap. */
    static void recordBuiltFor(Path home, String dbKind) throws IOException {
        Files.writeString(marker(home, dbKind), KeycloakServer.VERSION + System.lineSeparator());
    }

    private static Path marker(Path home, String dbKind) {
        return home.resolve(MARKER_PREFIX + dbKind);
    }
}
