package dev.ladder.kit.web;

/** The request conflicts with what is already stored, e.g. a duplicate (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
