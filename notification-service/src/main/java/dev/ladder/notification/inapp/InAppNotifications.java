package dev.ladder.notification.inapp;

import dev.ladder.kit.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** The employee's own feed. Every query is scoped to the caller, so nobody can read or touch another's items. */
@Service
public class InAppNotifications {

    private final InAppNotificationRepository repository;
    private final Clock clock;

    InAppNotifications(InAppNotificationRepository repository) {
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    public List<NotificationView> feed(String employeeId, boolean unreadOnly) {
        return repository.findByEmployee(employeeId, unreadOnly).stream().map(NotificationView::of).toList();
    }

    @Transactional
    public void markRead(String id, String employeeId) {
        if (!repository.markRead(id, employeeId, clock.instant())) {
            // the same answer for "does not exist" and "belongs to someone else": ids must not be probeable
            throw new NotFoundException("Notification '" + id + "' not found");
        }
    }
}
