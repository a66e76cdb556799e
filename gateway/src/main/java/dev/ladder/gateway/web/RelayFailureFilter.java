package dev.ladder.gateway.web;

import dev.ladder.gateway.security.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * TokenRelay fails when the session's access token can no longer be refreshed (Keycloak session ended,
 * refresh token expired). Without this the caller would see a 500 and the session would stay "logged in"
 * without tokens; instead the session ends and the portal gets a 401 it knows how to handle.
 */
@Component
class RelayFailureFilter implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(ClientAuthorizationException.class, e -> exchange.getSession()
                .flatMap(WebSession::invalidate)
                .then(Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Your login has expired; log in again")));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
