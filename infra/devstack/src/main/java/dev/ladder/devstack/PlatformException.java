package dev.ladder.devstack;

/** The platform could not start; the message is written for the person at the terminal. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
