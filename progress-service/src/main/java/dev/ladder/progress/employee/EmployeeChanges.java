package dev.ladder.progress.employee;

import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventBatches.Received;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.ProgressProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Keeps the employee projection and re-evaluates the employees (start date and track feed the rules). */
@Service
public class EmployeeChanges {

    private static final Logger log = LoggerFactory.getLogger(EmployeeChanges.class);

    private final Inbox inbox;
    private final Employees employees;
    private final EmployeeReevaluation readiness;
    private final ProgressProperties properties;
    private final EmployeeErasure erasure;

    public EmployeeChanges(Inbox inbox, Employees employees, EmployeeReevaluation readiness,
                           ProgressProperties properties, EmployeeErasure erasure) {
        this.erasure = erasure;
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

    /**
     * Applies a batch of {@code EmployeeUpdated} and {@code EmployeeErased}, each once, in one transaction. An update
     * of someone erased — before, or in this batch (an erasure follows every update of the person) — is discarded;
     * then the updates are applied, then the erasures.
     */
    @Transactional
    public void applyEvents(List<Received<Object>> received) {
        Set<EventId> first = inbox.firstDeliveries(received.stream().map(Received::id).toList(),
                ProgressApplication.CONSUMER);
        List<Received<EmployeeUpdated>> updated = new ArrayList<>();
        List<EmployeeErased> erased = new ArrayList<>();
        for (Received<Object> r : received) {
            if (first.remove(r.id())) {
                if (r.event() instanceof EmployeeUpdated u) {
                    updated.add(new Received<>(r.id(), u));
                } else if (r.event() instanceof EmployeeErased e) {
                    erased.add(e);
                }
            }
        }
        Set<String> gone = new HashSet<>(erasure.erasedAmong(
                updated.stream().map(u -> u.event().employeeId()).toList()));
        erased.forEach(e -> gone.add(e.employeeId()));
        List<Employees.Update> updates = new ArrayList<>();
        int discarded = 0;
        for (Received<EmployeeUpdated> u : updated) {
            if (gone.contains(u.event().employeeId())) {
                discarded++;
            } else {
                updates.add(new Employees.Update(u.event(), trackOf(u.event())));
            }
        }
        if (discarded > 0) {
            log.info("Discarded {} profile change(s) of erased people", discarded);
        }
        if (!updates.isEmpty()) {
            employees.saveAll(updates);
            readiness.reevaluate(new TreeSet<>(updates.stream().map(u -> u.event().employeeId()).toList()));
        }
        erased.forEach(erasure::erase);
    }

    private String trackOf(EmployeeUpdated event) {
        return event.trackId() == null || event.trackId().isBlank() ? properties.defaultTrack() : event.trackId();
    }
}
