package dev.ladder.profile.skill;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One assessment of a skill. {@code state}: a self-assessment is PENDING until a manager confirms it (VERIFIED) or
 * a newer assessment of the skill replaces it (SUPERSEDED); a manager's or a formal one is RECORDED.
 */
public record AssessmentView(UUID id, String employeeId, String skillId, int proficiency, String note, String source,
                             String assessedBy, LocalDate assessedOn, Instant recordedAt, String state,
                             String decidedBy, Instant decidedAt) {
}
