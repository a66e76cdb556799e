package dev.ladder.kit.web;

/** The caller is signed in but this is not theirs to see or change (403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
