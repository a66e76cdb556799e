package dev.ladder.progress.privacy;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Everything progress-service holds about one person (GDPR Art. 15 and 20), as stored: their copy of the profile,
 * the projection, every ledger entry with its payload, the milestones announced, and the track history. Empty
 * sections (null objects, empty lists) for a caller the service knows nothing about.
 */
@Schema(description = "Everything progress-service holds about the caller")
public record PersonalData(
        @Schema(example = "progress-service") String service,
        @Schema(description = "the caller's employee id here (null: the account is nobody known)") String employeeId,
        @Schema(description = "the copy of the profile fields progress-service keeps") Map<String, Object> employee,
        @Schema(description = "where they stand: the stored projection row") Map<String, Object> projection,
        @Schema(description = "every achievement recorded, with the event's payload") List<Map<String, Object>> ledger,
        @Schema(description = "milestones announced about them, with the event when still kept")
        List<Map<String, Object>> milestones,
        @Schema(description = "the track they were on, per profile change") List<Map<String, Object>> trackHistory) {
}
