package dev.ladder.devstack;

import java.nio.file.Path;
import java.util.Optional;

/** The Spring Boot applications of the platform, each run from its module's {@code -exec.jar}. */
public enum Service {
    CATALOG("catalog-service", Component.CATALOG, "catalog", "LADDER_CATALOG_URL"),
    PROFILE("profile-service", Component.PROFILE, "profile", "LADDER_PROFILE_URL"),
    PROGRESS("progress-service", Component.PROGRESS, "progress", "LADDER_PROGRESS_URL"),
    NOTIFICATION("notification-service", Component.NOTIFICATION, "notification", "LADDER_NOTIFICATION_URL"),
    /** Last on purpose: it routes to the others, so it is listed (and summarised) after them. */
    GATEWAY("gateway", Component.GATEWAY, null, null);

    static final String VERSION = "0.1.0-SNAPSHOT";

    private final String module;
    private final Component component;
    private final String database;
    private final String urlVariable;

    Service(String module, Component component, String database, String urlVariable) {
        this.module = module;
        this.component = component;
        this.database = database;
        this.urlVariable = urlVariable;
    }

    /** Module directory under the repository root, also the artifactId and the log file name. */
    public String module() {
        return module;
    }

    public Component component() {
        return component;
    }

    /** The service's own database on the shared PostgreSQL server; empty for the gateway. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The variable through which the gateway learns where this service is; empty for the gateway. */
    public Optional<String> urlVariable() {
        return Optional.ofNullable(urlVariable);
    }

    public Path execJar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }
}
