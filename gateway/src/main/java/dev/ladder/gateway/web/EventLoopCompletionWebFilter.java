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
 * — here mainly when a WebSession is saved: the session store (Redis) answers on its client's thread, on exactly
 * the login redirects a browser follows at once over the same connection. So a started session is saved here,
 * first thing when the response commits, and the commit goes on on the event loop (WebFlux's own save comes next
 * and finds nothing changed, so Spring Session sends Redis nothing and nothing hops); the exchange also completes
 * on the event loop. Writing the response and terminating the exchange then happen in one event-loop task, closing
 * the window.
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
        // registered before anyone reads the session, so it runs before WebFlux's own save at commit time (which
        // then finds nothing changed); a redirect commits inside the chain, so this cannot wait for the chain's end
        exchange.getResponse().beforeCommit(() -> exchange.getSession()
                // a session that could not even be read (its store is down) has been answered for already (503)
                .onErrorResume(unreadable -> Mono.empty())
                .flatMap(session -> session.isStarted() && !session.isExpired() ? session.save() : Mono.empty())
                .publishOn(loop));
        return chain.filter(exchange).publishOn(loop);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
