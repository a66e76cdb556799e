package dev.ladder.notification.delivery;

import java.util.List;

/** Who outside the people themselves hears a team's news: the team's webhook endpoints. */
public interface TeamAudience {

    /**
     * The enabled webhook endpoints that take {@code kind} for the team (and, for organisation-wide kinds, the
     * organisation's endpoints, {@code teamId} null).
     */
    List<String> endpointsFor(String teamId, String kind);
}
