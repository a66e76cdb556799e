package dev.ladder.progress.employee;

import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.ProgressProperties;
import dev.ladder.progress.readiness.ReadinessService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the employee projection and re-evaluates the employee (start date and track feed the rules). */
@Service
public class EmployeeChanges {

    private final Inbox inbox;
    private final Employees employees;
    private final ReadinessService readiness;
    private final ProgressProperties properties;

    public EmployeeChanges(Inbox inbox, Employees employees, ReadinessService readiness,
                           ProgressProperties properties) {
        this.inbox = inbox;
        this.employees = employees;
        this.readiness = readiness;
        this.properties = properties;
    }

    @Transactional
    public void apply(String eventId, EmployeeUpdated event) {
        if (!inbox.firstDelivery(eventId, ProgressApplication.CONSUMER)) {
            return;
        }
        String track = event.trackId() == null || event.trackId().isBlank()
                ? properties.defaultTrack() : event.trackId();
        employees.save(event, track);
        readiness.reevaluate(event.employeeId());
    }
}
