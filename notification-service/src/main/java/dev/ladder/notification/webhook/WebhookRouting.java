package dev.ladder.notification.webhook;

import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.TeamAudience;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Which webhook endpoints hear a team's news: the team's enabled endpoints that take the kind and, for kinds meant for
 * admins (organisation-wide news such as a catalog re-evaluation), the organisation's enabled endpoints that take it.
 */
@Component
class WebhookRouting implements TeamAudience {

    private final WebhookRepository endpoints;

    WebhookRouting(WebhookRepository endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> endpointsFor(String teamId, String kind) {
        return NotificationKind.of(kind).filter(NotificationKind::team)
                .map(k -> endpoints.enabledFor(teamId, k.name(), k.audience() == NotificationKind.Audience.ADMIN))
                .orElse(List.of());
    }
}
