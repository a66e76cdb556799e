package dev.ladder.catalog.http;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Cacheable reads (RFC 9110 §13.1.2): the caller computes an ETag cheaply, and the body is only built when the
 * client's If-None-Match does not already name it.
 */
public final class ConditionalGet {

    /** At most a minute stale, and only in the client's own cache: every read needs a signed-in user. */
    public static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePrivate();

    private ConditionalGet() {
    }

    /** 304 when If-None-Match names {@code etag}, else 200 with the body {@code body} supplies. */
    public static <T> ResponseEntity<T> conditional(WebRequest request, String etag, Supplier<T> body) {
        if (notModified(request, etag)) {
            return notModifiedResponse(etag);
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(body.get());
    }

    public static boolean notModified(WebRequest request, String etag) {
        return notModified(request.getHeaderValues(HttpHeaders.IF_NONE_MATCH), etag);
    }

    public static <T> ResponseEntity<T> notModifiedResponse(String etag) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CACHE).build();
    }

    /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2); "*" matches any current representation. */
    static boolean notModified(String[] ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
