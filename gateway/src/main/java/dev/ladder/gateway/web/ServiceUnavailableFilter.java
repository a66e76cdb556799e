package dev.ladder.gateway.web;

import dev.ladder.gateway.security.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.Map;

/**
 * A service that is down (its process stopped, restarting, not yet listening) refuses the gateway's connection. Left
 * alone that is a bare 500 without a word of what failed; instead the caller gets a 503 problem document naming the
 * service, which the portal shows where the data would have been ("… the progress service is not available right
 * now"). Scripts see the same document.
 */
@Component
class ServiceUnavailableFilter implements GlobalFilter, Ordered {

    private static final Map<String, String> SERVICES = Map.of(
            "catalog", "catalog", "profile", "profile", "scim", "profile", "progress", "progress",
            "notification", "notification");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(ServiceUnavailableFilter::connectionRefused, e -> {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            String service = route == null ? null : SERVICES.getOrDefault(route.getId(), route.getId());
            String detail = (service == null ? "A service" : "The " + service + " service")
                    + " is not available right now; try again in a minute";
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, detail);
        });
    }

    /** The connection itself failed (refused, or the host could not be reached): nothing was sent to the service. */
    static boolean connectionRefused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        // just inside RelayFailureFilter (highest precedence), around everything that reaches the service
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
