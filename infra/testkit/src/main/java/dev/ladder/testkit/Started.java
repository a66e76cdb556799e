package dev.ladder.testkit;

/**
 * A running server as the testkit sees it.
 *
 * @param address JDBC URL of the admin database (PostgreSQL), bootstrap servers (Kafka) or base URL (Keycloak)
 * @param where   one human line: which mode, which implementation
 * @param stop    stops it (no-op for external servers)
 */
record Started(String address, String where, AutoCloseable stop) {
}
