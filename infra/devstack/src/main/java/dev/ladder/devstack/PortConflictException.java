package dev.ladder.devstack;

import java.util.List;

/** A port the platform wants is taken; thrown before anything has been started. */
public class PortConflictException extends PlatformException {

    private final List<Component> conflicts;

    PortConflictException(String message, List<Component> conflicts) {
        super(message);
        this.conflicts = List.copyOf(conflicts);
    }

    /** The components whose port is unavailable. */
    public List<Component> conflicts() {
        return conflicts;
    }
}
