package dev.ladder.profile.organisation;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.profile.audit.Actor;
import dev.ladder.profile.employee.EmployeeService;

/** The admin role check shared by the organisation's services. */
public final class Admins {

    private Admins() {
    }

    /** The caller as the actor of an admin change; 403 unless they have the admin role (or are retired). */
    public static Actor admin(EmployeeService employees, Caller caller) {
        Actor actor = EmployeeService.actor(employees.register(caller));
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins may manage the organisation");
        }
        return actor;
    }
}
