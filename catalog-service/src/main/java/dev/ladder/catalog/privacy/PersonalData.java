package dev.ladder.catalog.privacy;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Everything catalog-service holds about one person (GDPR Art. 15 and 20): it knows people only by their sign-in
 * subject, as the actors of its audit trail. Empty lists for anyone who never authored the catalog.
 */
@Schema(description = "Everything catalog-service holds about the caller")
public record PersonalData(
        @Schema(example = "catalog-service") String service,
        @Schema(description = "always null: catalog-service keeps no employee ids") String employeeId,
        @Schema(description = "the sign-in subject the trail records them by") String subject,
        @Schema(description = "audit entries of what they imported, edited and published")
        List<Map<String, Object>> auditEntries,
        @Schema(description = "drafts they imported or edited, as they stand now") List<Map<String, Object>> drafts,
        @Schema(description = "catalog versions they published") List<Map<String, Object>> publishedVersions) {
}
