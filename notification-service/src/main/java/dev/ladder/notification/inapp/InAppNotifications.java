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
 * Keycloak {@code sub} reads their own notifications.
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

    /** The feed of whoever signs in as {@code subject}. */
    @Transactional(readOnly = true)
    public List<NotificationView> feed(String subject, boolean unreadOnly) {
        return repository.findByEmployee(people.employeeIdOf(subject), unreadOnly).stream()
                .map(NotificationView::of).toList();
    }

    /** Marks one of the notifications of whoever signs in as {@code subject} read; 404 for anyone else's. */
    @Transactional
    public void markRead(String id, String subject) {
        if (!repository.markRead(id, people.employeeIdOf(subject), clock.instant())) {
            // the same answer for "does not exist" and "belongs to someone else": ids must not be probeable
            throw new NotFoundException("Notification '" + id + "' not found");
        }
    }
}
