package dev.ladder.notification.milestones;

import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.notification.catalog.CatalogNames;
import dev.ladder.notification.delivery.Notification;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.Notifier;
import dev.ladder.notification.people.People;
import dev.ladder.notification.people.Person;
import dev.ladder.notification.summary.TeamNews;
import dev.ladder.notification.privacy.ErasedPeople;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * A milestone tells its employee; some also tell the employee's manager and deputy and the team's chat: a level
 * advanced, and a certification expiring within 30 days (the 90-day warning is the employee's alone).
 */
@Service
public class MilestoneNotifications {

    /** The inbox consumer name milestones have always used here. */
    static final String CONSUMER = "notification";
    static final String TEAM_LINK = "#/team";
    static final int MANAGER_EXPIRY_WINDOW_DAYS = 30;

    private static final Logger log = LoggerFactory.getLogger(MilestoneNotifications.class);

    private final Inbox inbox;
    private final Notifier notifier;
    private final People people;
    private final CatalogNames names;
    private final TeamNews teamNews;
    private final ErasedPeople erased;

    MilestoneNotifications(Inbox inbox, Notifier notifier, People people, CatalogNames names, TeamNews teamNews,
                           ErasedPeople erased) {
        this.erased = erased;
        this.inbox = inbox;
        this.notifier = notifier;
        this.people = people;
        this.names = names;
        this.teamNews = teamNews;
    }

    /**
     * Redelivery of the same event (ce_source and ce_id) stops at the inbox; the same milestone re-published under a new ce_id is absorbed
     * by the channels' idempotency on the notification id (derived from the milestone id).
     */
    @Transactional
    public void reached(EventId eventId, MilestoneReached milestone) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            log.debug("Event {} already applied, skipping", eventId);
            return;
        }
        if (erased.discardsUnderLock(milestone.employeeId(), milestone)) {
            return;
        }
        notifier.deliver(Notification.of(milestone));
        Optional<Person> employee = people.find(milestone.employeeId());
        if (employee.isEmpty()) {
            log.debug("Milestone {} of an employee not known here: nobody else to tell", milestone.milestoneId());
            return;
        }
        String name = employee.get().displayName();
        switch (milestone.kind()) {
            case LEVEL_ADVANCED -> {
                String level = Notification.levelOf(milestone);
                teamNews.advanced(employee.get().teamId(), milestone, name + " (" + level + ")");
                tellManagersAndTeam(employee.get(), NotificationKind.REPORT_ADVANCED, milestone,
                        name + " advanced to " + level, name + " reached " + level);
            }
            case CERTIFICATION_EXPIRING -> {
                if (milestone.threshold() != null && milestone.threshold() <= MANAGER_EXPIRY_WINDOW_DAYS) {
                    String certification = milestone.certificationId() == null ? "a certification"
                            : names.certification(milestone.certificationId());
                    String on = milestone.expiresOn() == null ? "within " + milestone.threshold() + " days"
                            : "on " + milestone.expiresOn();
                    tellManagersAndTeam(employee.get(), NotificationKind.REPORT_CERTIFICATION_EXPIRING, milestone,
                            name + "'s " + certification + " expires soon",
                            name + "'s " + certification + " expires " + on);
                }
            }
            default -> {
                // readiness and an expired certification are the employee's own news
            }
        }
    }

    private void tellManagersAndTeam(Person employee, NotificationKind kind, MilestoneReached milestone, String title,
                                     String message) {
        String key = kind.name() + ":" + milestone.milestoneId();
        for (String manager : people.managersOf(employee)) {
            notifier.deliver(new Notification(key + ":" + manager, manager, kind.name(), title, message,
                    milestone.occurredAt(), TEAM_LINK));
        }
        notifier.toTeam(employee.teamId(), key,
                new Notification(key, null, kind.name(), title, message, milestone.occurredAt(), TEAM_LINK));
    }
}
