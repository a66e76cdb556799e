package dev.ladder.devstack;

/**
 * Everything the platform listens on, with the environment variable that moves it and its default port
 * (the values every service falls back to, so a devstack on defaults needs no configuration at all).
 */
public enum Component {
    GATEWAY("gateway", "LADDER_GATEWAY_PORT", 8080),
    CATALOG("catalog-service", "LADDER_CATALOG_PORT", 8081),
    PROFILE("profile-service", "LADDER_PROFILE_PORT", 8082),
    PROGRESS("progress-service", "LADDER_PROGRESS_PORT", 8083),
    NOTIFICATION("notification-service", "LADDER_NOTIFICATION_PORT", 8084),
    KEYCLOAK("Keycloak", "LADDER_KEYCLOAK_PORT", 8180),
    KAFKA("Kafka", "LADDER_KAFKA_PORT", 9092),
    KAFKA_CONTROLLER("Kafka controller", "LADDER_KAFKA_CONTROLLER_PORT", 9093),
    POSTGRES("PostgreSQL", "LADDER_POSTGRES_PORT", 15432),
    REDIS("Redis", "LADDER_REDIS_PORT", 16379),
    SMTP("SMTP (GreenMail)", "LADDER_SMTP_PORT", 3025),
    MAIL_VIEWER("Mail viewer", "LADDER_MAIL_VIEWER_PORT", 8025);

    private final String label;
    private final String portVariable;
    private final int defaultPort;

    Component(String label, String portVariable, int defaultPort) {
        this.label = label;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
    }

    public String label() {
        return label;
    }

    public String portVariable() {
        return portVariable;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
