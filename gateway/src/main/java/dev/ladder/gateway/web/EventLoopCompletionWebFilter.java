package dev.ladder.gateway.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Finishes every exchange on its connection's own Netty event loop.
 *
 * <p>Why: Reactor Netty 1.3.x (at least up to 1.3.7; reactor/reactor-netty#4361, PR #4347) can stop reading a
 * keep-alive connection when the next request arrives before the previous exchange has terminated; that
 * request then hangs until the client gives up. The window opens when a handler completes off the event loop
 * — here mainly when a WebSession is created ({@code InMemoryWebSessionStore} hops to the parallel scheduler),
 * i.e. on exactly the login redirects a browser follows at once over the same connection. Completing on the
 * event loop writes the response and terminates the exchange in one event-loop task, closing the window.
 * Remove once the Reactor Netty in use has the fix.
 */
@Component
class EventLoopCompletionWebFilter implements WebFilter, Ordered {

    private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(nativeRequest instanceof Connection connection)) {
            return chain.filter(exchange);
        }
        Scheduler loop = schedulers.computeIfAbsent(connection.channel().eventLoop(), Schedulers::fromExecutor);
        return chain.filter(exchange).publishOn(loop);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
