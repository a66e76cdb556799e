package dev.ladder.notification.preferences;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ladder.notification.delivery.NotificationKind.Mode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The shapes of {@code /api/notifications/preferences}. */
final class PreferencesApi {

    @Schema(description = "A person's notification preferences: delivery settings and, per kind they receive, "
            + "their choice on each channel next to its default")
    record PreferencesView(String timeZone, int digestHour, String digestDay, QuietHours quietHours,
                           @Schema(description = "where e-mail goes; null: no address known, nothing is e-mailed")
                           String email,
                           List<KindView> kinds) {
    }

    @Schema(description = "Local times (HH:mm) in the person's time zone; may wrap midnight")
    record QuietHours(String from, String until) {
    }

    record KindView(String kind, String description, String audience,
                    @Schema(description = "ignores quiet hours, has no unsubscribe, always shown in the portal")
                    boolean critical,
                    ChannelView inApp, ChannelView email) {
    }

    record ChannelView(Mode mode, @JsonProperty("default") Mode defaultMode, List<Mode> allowed) {
    }

    @Schema(description = "Replaces the delivery settings (quietHours null: none) and changes the kinds named in "
            + "'kinds' (others keep their current choice)")
    record PreferencesUpdate(String timeZone, Integer digestHour, String digestDay, QuietHours quietHours,
                             Map<String, KindUpdate> kinds) {
    }

    @Schema(description = "inApp: ON | OFF; email: ON | OFF | DAILY | WEEKLY; a channel left out keeps its choice")
    record KindUpdate(String inApp, String email) {
    }

    private PreferencesApi() {
    }
}
