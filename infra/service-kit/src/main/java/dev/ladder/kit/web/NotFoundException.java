package dev.ladder.kit.web;

/** The addressed resource does not exist, or the caller may not know that it does (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
