package dev.ladder.profile.audit;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One change: who, what (action, state before → after), when, and why where the actor said so ({@code reason}, e.g.
 * of a withdrawal; null otherwise).
 */
public record AuditEntry(long id, Instant at, String actorId, String actorUsername, String action,
                         String employeeId, String teamId, JsonNode before, JsonNode after, String reason) {
}
