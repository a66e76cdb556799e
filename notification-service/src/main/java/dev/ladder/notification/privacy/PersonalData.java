package dev.ladder.notification.privacy;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Everything notification-service holds about one person (GDPR Art. 15 and 20), as stored. Empty sections for a
 * caller the service knows nothing about.
 */
@Schema(description = "Everything notification-service holds about the caller")
public record PersonalData(
        @Schema(example = "notification-service") String service,
        @Schema(description = "the caller's employee id here (their subject if they are not known here yet)")
        String employeeId,
        @Schema(description = "the copy of the profile fields kept for addressing notifications")
        Map<String, Object> person,
        @Schema(description = "their in-app feed, newest first") List<Map<String, Object>> feed,
        List<Map<String, Object>> preferences,
        Map<String, Object> deliverySettings,
        @Schema(description = "webhook endpoints they registered; secrets masked") List<Map<String, Object>> webhooks,
        @Schema(description = "e-mails to them, each with its items and delivery attempts")
        List<Map<String, Object>> outboundMessages,
        @Schema(description = "their certification claims as tracked for notifications") List<Map<String, Object>> claims,
        List<Map<String, Object>> heldCertifications,
        @Schema(description = "news about them kept for their team's summary") List<Map<String, Object>> teamNews,
        @Schema(description = "team summaries sent to them") List<Map<String, Object>> teamSummariesSent) {
}
