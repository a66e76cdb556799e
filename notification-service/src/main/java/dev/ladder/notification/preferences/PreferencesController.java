package dev.ladder.notification.preferences;

import dev.ladder.kit.security.Caller;
import dev.ladder.notification.preferences.PreferencesApi.PreferencesUpdate;
import dev.ladder.notification.preferences.PreferencesApi.PreferencesView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications/preferences")
@Tag(name = "Notification preferences", description = "The caller's channels, digests and quiet hours")
class PreferencesController {

    private final PreferenceSettings settings;

    PreferencesController(PreferenceSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "My preferences: per kind I receive, my choice on each channel beside its default")
    PreferencesView mine() {
        return settings.of(Caller.current());
    }

    @PutMapping
    @Operation(summary = "Replace my delivery settings and change the kinds named; 422 lists every problem")
    PreferencesView update(@RequestBody PreferencesUpdate update) {
        return settings.update(Caller.current(), update);
    }
}
