package dev.ladder.gateway.web;

import dev.ladder.gateway.security.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's limit on a request's declared size ({@code ladder.gateway.max-body-size}, 8 MB: above the largest
 * legitimate upload, a 5 MB evidence file in its multipart envelope): anything larger is a 413 problem before
 * security, routing or a service sees it. Each service has its own, finer limits (1 MB for JSON, its multipart
 * limits for files), which also catch a body sent without a length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter implements WebFilter {

    private final long maxBytes;

    RequestSizeLimitFilter(@Value("${ladder.gateway.max-body-size:8MB}") DataSize max) {
        this.maxBytes = max.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes.");
        }
        return chain.filter(exchange);
    }
}
