package dev.ladder.progress.employee;

import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventBatches.Received;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.ProgressProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Keeps the employee projection and re-evaluates the employees (start date and track feed the rules). */
@Service
public class EmployeeChanges {

    private final Inbox inbox;
    private final Employees employees;
    private final EmployeeReevaluation readiness;
    private final ProgressProperties properties;

    public EmployeeChanges(Inbox inbox, Employees employees, EmployeeReevaluation readiness,
                           ProgressProperties properties) {
        this.inbox = inbox;
        this.employees = employees;
        this.readiness = readiness;
        this.properties = properties;
    }

    /** Applies each event once, however often it arrives; a whole batch in one transaction. */
    @Transactional
    public void applyAll(List<Received<EmployeeUpdated>> received) {
        Set<EventId> first = inbox.firstDeliveries(received.stream().map(Received::id).toList(),
                ProgressApplication.CONSUMER);
        List<Employees.Update> updates = new ArrayList<>();
        for (Received<EmployeeUpdated> r : received) {
            if (first.remove(r.id())) { // remove: the second of a repeated event is not applied
                updates.add(new Employees.Update(r.event(), trackOf(r.event())));
            }
        }
        if (updates.isEmpty()) {
            return;
        }
        employees.saveAll(updates);
        readiness.reevaluate(new TreeSet<>(updates.stream().map(u -> u.event().employeeId()).toList()));
    }

    private String trackOf(EmployeeUpdated event) {
        return event.trackId() == null || event.trackId().isBlank() ? properties.defaultTrack() : event.trackId();
    }
}
