package dev.ladder.kit.messaging;

/**
 * Thrown by a consumer when an event is well-formed but cannot be applied (it names something that does not exist,
 * contradicts itself...). Not retried: the shared error handler dead-letters it at once.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
