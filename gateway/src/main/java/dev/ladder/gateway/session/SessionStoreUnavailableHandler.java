package dev.ladder.gateway.session;

import dev.ladder.gateway.security.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Browser sessions live in Redis: while it cannot be reached no session can be read or saved, so a browser request
 * answers 503 with {@code Retry-After} — a temporary condition, not a gateway bug (500). Bearer calls do not use
 * sessions and go on working.
 */
@Component
@Order(-2) // before Boot's error handler
class SessionStoreUnavailableHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionStoreUnavailableHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!isSessionStoreFailure(ex)) {
            return Mono.error(ex);
        }
        log.warn("Session store unavailable for {} {}: {}", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), ex.toString());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "Sign-in sessions are not available right now: the session store is not reachable. Try again in a "
                        + "moment.");
    }

    /**
     * Lettuce's failures as Spring Data Redis translates them (not connected, a command timed out — the gateway
     * has no other data store — or Redis refused a command), possibly wrapped.
     */
    static boolean isSessionStoreFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisConnectionFailureException || t instanceof RedisSystemException
                    || t instanceof QueryTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
