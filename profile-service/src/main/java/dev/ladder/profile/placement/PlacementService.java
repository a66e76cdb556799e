package dev.ladder.profile.placement;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.kit.outbox.Outbox;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.audit.AuditLog;
import dev.ladder.profile.catalog.LocalCatalog;
import dev.ladder.profile.employee.Employee;
import dev.ladder.profile.employee.EmployeeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Placing a person at a level (an admin, or the HR feed): the level must be one of the track's levels in the local
 * catalog copy; the placement is stored, audited and announced as {@link LevelPlaced} on the achievements topic
 * in one transaction.
 */
@Service
public class PlacementService {

    private final PlacementRepository placements;
    private final EmployeeService employees;
    private final LocalCatalog catalog;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    PlacementService(PlacementRepository placements, EmployeeService employees, LocalCatalog catalog, Outbox outbox,
                     AuditLog audit, Clock clock) {
        this.placements = placements;
        this.employees = employees;
        this.catalog = catalog;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Placement place(Caller caller, String employeeId, PlacementRequest request) {
        Employee me = employees.register(caller);
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins may place people at a level");
        }
        Employee employee = employees.find(employeeId).orElseThrow(() -> EmployeeService.notFound(employeeId));
        return place(EmployeeService.actor(me), employee, request, UUID.randomUUID());
    }

    /**
     * Places {@code employee}; {@code placementId} lets a caller that must not place twice (the demo seeder) use a
     * fixed id: a placement with that id already stored is returned unchanged, announced once.
     */
    @Transactional
    public Placement place(Actor actor, Employee employee, PlacementRequest request, UUID placementId) {
        if (!employee.active()) {
            throw new ConflictException("Employee " + employee.id() + " is retired");
        }
        String trackId = request.trackId().strip();
        String levelId = request.levelId().strip();
        Optional<String> levelName = catalog.levelName(trackId, levelId);
        if (levelName.isEmpty()) {
            throw new UnprocessableException(List.of(catalog.knowsTrack(trackId)
                    ? new FieldProblem("levelId", "track '" + trackId + "' has no level '" + levelId + "'")
                    : new FieldProblem("trackId", "unknown track '" + trackId + "'")));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Placement placement = new Placement(placementId, employee.id(), trackId, levelId, levelName.get(),
                request.effectiveOn(), request.reason().strip(), actor.employeeId(), now);
        if (!placements.insert(placement)) {
            return placements.find(placementId).orElseThrow();
        }
        outbox.append(Topics.ACHIEVEMENTS, employee.id(), new LevelPlaced(placementId.toString(), employee.id(),
                trackId, levelId, placement.effectiveOn(), placement.reason(), actor.employeeId(), now));
        audit.record(actor, "placement.recorded", employee.id(), employee.teamId(), null, placement);
        return placement;
    }

    /** The person's placements, newest first: themselves, their manager or deputy, admins; else 404. */
    @Transactional
    public Page<Placement> of(Caller caller, String employeeId, int page, int size) {
        String id = employees.visible(caller, employeeId).id();
        return new Page<>(placements.byEmployee(id, size, (long) page * size), page, size, placements.count(id));
    }

    @Transactional(readOnly = true)
    public boolean placed(String employeeId) {
        return placements.count(employeeId) > 0;
    }
}
