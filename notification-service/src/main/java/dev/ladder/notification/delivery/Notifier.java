package dev.ladder.notification.delivery;

import dev.ladder.notification.delivery.NotificationKind.Mode;
import dev.ladder.notification.people.People;
import dev.ladder.notification.people.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Hands a notification to its channels, inside the transaction that consumes its event: the in-app row, and — as the
 * recipient's preferences say — an item in an outbound e-mail; a team's news also goes to the team's webhooks. Only
 * rows are written here (the sender sends later, {@link DeliverySender}), so the channels' writes commit with the
 * consumer's inbox row and state, and a crash re-delivers the event with nothing half-applied. Every write is
 * idempotent on the notification's id, so the same event consumed twice notifies nobody twice.
 */
@Service
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<Channel> inApp;
    private final Preferences preferences;
    private final People people;
    private final Outbound outbound;
    private final List<TeamAudience> teams;
    private final DeliveryProperties properties;
    private final DeliveryMeters meters;
    private final Clock clock;

    Notifier(List<Channel> inApp, Preferences preferences, People people, Outbound outbound,
             List<TeamAudience> teams, DeliveryProperties properties, DeliveryMeters meters) {
        this.inApp = inApp;
        this.preferences = preferences;
        this.people = people;
        this.outbound = outbound;
        this.teams = teams;
        this.properties = properties;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /** To one person: in-app unless they turned the kind off there; by e-mail now, in a digest or not at all. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void deliver(Notification notification) {
        NotificationKind kind = NotificationKind.of(notification.kind()).orElse(null);
        String recipient = notification.employeeId();
        if (kind == null || preferences.mode(recipient, kind, PreferenceChannel.IN_APP) != Mode.OFF) {
            for (Channel channel : inApp) {
                channel.deliver(notification);
            }
            meters.inAppDelivered();
        }
        if (kind == null || !current(notification.createdAt())) {
            return;
        }
        Mode email = preferences.mode(recipient, kind, PreferenceChannel.EMAIL);
        if (email == Mode.OFF) {
            return;
        }
        boolean addressable = people.find(recipient).map(Person::email).filter(e -> !e.isBlank()).isPresent();
        if (!addressable) {
            log.debug("No e-mail address for {}: {} is in-app only", recipient, notification.id());
            return;
        }
        Grouping grouping = switch (email) {
            case DAILY -> Grouping.DAILY;
            case WEEKLY -> Grouping.WEEKLY;
            default -> kind.critical() ? Grouping.CRITICAL : Grouping.NOW;
        };
        Instant now = clock.instant();
        Instant due = preferences.settings(recipient).due(grouping, kind.critical(), now, properties.groupWindow());
        outbound.enqueue(OutboundChannel.EMAIL, recipient, grouping, due, now, item(notification.id(), notification));
    }

    /**
     * To a team's chat: every webhook endpoint of the team that takes the kind ({@code teamId} null: the
     * organisation's endpoints, for organisation-wide news). {@code key} names the news independently of recipients
     * (a claim told to a manager and a deputy is one post).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void toTeam(String teamId, String key, Notification news) {
        if (!current(news.createdAt())) {
            return;
        }
        Instant now = clock.instant();
        for (TeamAudience audience : teams) {
            for (String endpoint : audience.endpointsFor(teamId, news.kind())) {
                outbound.enqueue(OutboundChannel.WEBHOOK, endpoint, Grouping.NOW, now.plus(properties.groupWindow()),
                        now, item(key, news));
            }
        }
    }

    /** News older than this (a new consumer group replaying a topic) is in-app only: nobody is e-mailed the past. */
    private boolean current(Instant createdAt) {
        return !createdAt.isBefore(clock.instant().minus(properties.maxAge()));
    }

    private static OutboundItem item(String key, Notification n) {
        return new OutboundItem(key, n.kind(), n.title(), n.message(), n.link(), n.createdAt());
    }
}
