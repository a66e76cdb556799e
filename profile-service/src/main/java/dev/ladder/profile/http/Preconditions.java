package dev.ladder.profile.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Optimistic locking for writes (RFC 9110 §13.1.1): a representation's {@code ETag} is its row version; a write names
 * the version it was based on in {@code If-Match}. Missing → 428 (RFC 6585), stale → 412.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Checks {@code ifMatch} ("3", "\"3\"" or W/"3") against the current version. */
    public static void check(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw problem(HttpStatus.PRECONDITION_REQUIRED, "This write needs an If-Match header with the ETag you "
                    + "last read (currently " + etag(current) + ").");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        if (!tag.equals("*") && !tag.equals(Long.toString(current))) {
            throw stale(current);
        }
    }

    public static ErrorResponseException stale(long current) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Someone changed this since you read it: the current ETag is "
                + etag(current) + ". Reload, reapply your change and send it with the new ETag.");
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
