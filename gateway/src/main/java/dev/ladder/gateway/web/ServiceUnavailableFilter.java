package dev.ladder.gateway.web;

import dev.ladder.gateway.security.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;

/**
 * A service that is down (its process stopped, restarting, not yet listening) refuses the gateway's connection. Left
 * alone that is a bare 500 without a word of what failed; instead the caller gets a 503 problem document naming the
 * service, which the portal shows where the data would have been ("… the progress service is not available right
 * now"). Scripts see the same document.
 * <p>
 * An instance that dies while it handles a request closes the connection before any answer: a 502 problem saying so.
 * Reads never get here unless the second try failed too (the Retry filter in application.yml sends them once more);
 * for a write it is the honest answer: it may or may not have been done.
 */
@Component
class ServiceUnavailableFilter implements GlobalFilter, Ordered {

    private static final Map<String, String> SERVICES = Map.of(
            "catalog", "catalog", "profile", "profile", "scim", "profile", "progress", "progress",
            "notification", "notification");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange)
                .onErrorResume(ServiceUnavailableFilter::connectionRefused, e -> Problems.write(exchange,
                        HttpStatus.SERVICE_UNAVAILABLE, service(exchange) + " is not available right now; try again "
                                + "in a minute"))
                .onErrorResume(e -> closedBeforeAnswer(e) && !exchange.getResponse().isCommitted(),
                        e -> Problems.write(exchange, HttpStatus.BAD_GATEWAY, service(exchange) + " closed the "
                                + "connection before it answered" + (HttpMethod.GET.equals(exchange.getRequest()
                                .getMethod()) ? "; try again" : "; the change may or may not have been made: look "
                                + "before you try again")));
    }

    private static String service(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route == null ? null : SERVICES.getOrDefault(route.getId(), route.getId());
        return service == null ? "A service" : "The " + service + " service";
    }

    /**
     * The connection was made, then closed or reset before a response (checked after {@link #connectionRefused}):
     * reactor-netty's PrematureCloseException for a close, the socket's IOException for a reset.
     */
    static boolean closedBeforeAnswer(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PrematureCloseException || cause instanceof IOException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
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
