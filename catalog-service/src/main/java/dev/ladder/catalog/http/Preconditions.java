package dev.ladder.catalog.http;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Optimistic concurrency for admin writes (RFC 9110 §13.1.1): the client names the revision it edited in If-Match;
 * a stale one is 412 and a missing one 428 (RFC 6585), so no write silently overwrites another.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** "3", "\"3\"" or W/"3" → 3. */
    public static int revision(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw problem(HttpStatus.PRECONDITION_REQUIRED, "This write needs an If-Match header with the ETag you "
                    + "last read (currently " + current + ").");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw stale(current);
        }
    }

    public static ErrorResponseException stale(String current) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Someone changed this since you read it: the current ETag is "
                + current + ". Reload, reapply your change and send it with the new ETag.");
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return new ErrorResponseException(status, problem, null);
    }

    public static String etag(int revision) {
        return "\"" + revision + "\"";
    }
}
