package dev.ladder.catalog.web;

import dev.ladder.catalog.audit.AuditLog.Actor;
import dev.ladder.kit.security.Caller;

final class Actors {

    private Actors() {
    }

    static Actor current() {
        Caller caller = Caller.current();
        return new Actor(caller.id(), caller.username());
    }
}
