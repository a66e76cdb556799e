package dev.ladder.profile.audit;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** One change to the organisation: who, what (action, state before → after), when. */
public record AuditEntry(long id, Instant at, String actorId, String actorUsername, String action,
                         String employeeId, String teamId, JsonNode before, JsonNode after) {
}
