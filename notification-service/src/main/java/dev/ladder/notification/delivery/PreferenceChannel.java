package dev.ladder.notification.delivery;

/** The channels a person chooses per kind; a team's webhooks are chosen per endpoint instead. */
public enum PreferenceChannel {
    IN_APP,
    EMAIL
}
