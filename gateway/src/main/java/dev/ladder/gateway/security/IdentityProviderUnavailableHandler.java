package dev.ladder.gateway.security;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/** A login attempt while Keycloak is unreachable is a temporary condition (503), not a gateway bug (500). */
@Component
@Order(-2) // before Boot's error handler
class IdentityProviderUnavailableHandler implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!(ex instanceof IdentityProviderUnavailableException)) {
            return Mono.error(ex);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                "Login is not available yet: the identity provider is not reachable. Try again in a moment.");
    }
}
