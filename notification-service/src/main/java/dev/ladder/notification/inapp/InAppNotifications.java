package dev.ladder.notification.inapp;

import dev.ladder.kit.web.NotFoundException;
import dev.ladder.notification.people.People;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * The employee's own feed. Every query is scoped to the caller, so nobody can read or touch another's items. The
 * caller is found by the token's subject ({@link People#employeeIdOf}), so a person whose employee id is not their
 * Keycloak {@code sub} reads their own notifications. Every change of a feed is announced ({@code pg_notify}) in its
 * transaction, so the live streams of its owner on every instance follow ({@link LiveFeed}).
 */
@Service
public class InAppNotifications {

    private final InAppNotificationRepository repository;
    private final People people;
    private final Clock clock;

    InAppNotifications(InAppNotificationRepository repository, People people) {
        this.repository = repository;
        this.people = people;
        this.clock = Clock.systemUTC();
    }

    /** The employee id behind a token subject (see {@link People#employeeIdOf}). */
    String employeeIdOf(String subject) {
        return people.employeeIdOf(subject);
    }

    /**
     * One page of the feed of whoever signs in as {@code subject}, newest first.
     *
     * @param before the {@code seq} of the last item of the previous page, or null for the first page
     */
    @Transactional(readOnly = true)
    public FeedPage feed(String subject, boolean unreadOnly, Long before, int size) {
        String employeeId = people.employeeIdOf(subject);
        List<InAppNotification> rows = repository.page(employeeId, unreadOnly, before, size + 1);
        List<NotificationView> items = rows.stream().limit(size).map(NotificationView::of).toList();
        Long next = rows.size() > size ? items.get(items.size() - 1).seq() : null;
        long unread = repository.count(employeeId, true);
        return new FeedPage(items, unreadOnly ? unread : repository.count(employeeId, false), unread, next);
    }

    @Transactional(readOnly = true)
    public UnreadCount unreadCount(String subject) {
        return new UnreadCount(repository.count(people.employeeIdOf(subject), true));
    }

    /** Marks one of the notifications of whoever signs in as {@code subject} read; 404 for anyone else's. */
    @Transactional
    public void markRead(String id, String subject) {
        String employeeId = people.employeeIdOf(subject);
        if (!repository.markRead(id, employeeId, clock.instant())) {
            // the same answer for "does not exist" and "belongs to someone else": ids must not be probeable
            throw new NotFoundException("Notification '" + id + "' not found");
        }
        repository.announce(employeeId);
    }

    /**
     * Marks every notification of whoever signs in as {@code subject} read, up to the one numbered {@code upTo} (what
     * the caller has seen; null: everything there is now). Returns how many were unread.
     */
    @Transactional
    public int markAllRead(String subject, Long upTo) {
        String employeeId = people.employeeIdOf(subject);
        long last = upTo != null ? upTo : repository.lastSeq(employeeId);
        int marked = repository.markAllRead(employeeId, last, clock.instant());
        if (marked > 0) {
            repository.announce(employeeId);
        }
        return marked;
    }
}
