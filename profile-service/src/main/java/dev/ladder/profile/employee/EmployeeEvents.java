package dev.ladder.profile.employee;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.outbox.Outbox;
import org.springframework.stereotype.Component;

/** Announces an employee's current state; always inside the transaction that changed it. */
@Component
public class EmployeeEvents {

    private final Outbox outbox;

    EmployeeEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void updated(Employee e) {
        outbox.append(Topics.EMPLOYEES, e.id(), new EmployeeUpdated(e.id(), e.displayName(), e.email(), e.teamId(),
                e.teamName(), e.managerId(), e.trackId(), e.region(), e.startDate(), e.updatedAt(), e.subject(),
                e.jobTitle(), e.deputyManagerId(), e.active()));
    }
}
