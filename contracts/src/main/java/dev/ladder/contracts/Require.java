package dev.ladder.contracts;

import java.util.List;

/**
 * Invariant checks for event records. A record that fails them cannot be constructed, so a consumer's deserializer
 * rejects the payload (and it is dead-lettered) instead of acting on half an event.
 */
public final class Require {

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static <T> List<T> list(List<T> value, String field) {
        return value == null ? List.of() : List.copyOf(value);
    }

    public static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max);
        }
        return value;
    }

    private Require() {
    }
}
