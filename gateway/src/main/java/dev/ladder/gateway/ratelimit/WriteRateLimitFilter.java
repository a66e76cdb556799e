package dev.ladder.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;

import dev.ladder.gateway.security.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-caller rate limits on writes ({@link RateLimitProperties}): a write over the caller's limit is a 429 with
 * {@code Retry-After} (whole seconds) and a problem document, before the token relay or any service sees it. Reads
 * are never limited. A global filter, so it applies to exactly what the gateway routes ({@code /api/**},
 * {@code /scim/v2/**}) and runs after security: anonymous writes have already been refused there, except the ones
 * security lets through on purpose.
 *
 * <p>The key is the person, not the way they came: a token's {@code sub} and a browser session's OIDC subject are the
 * same Keycloak user id, so a script with a bearer token and a portal tab of the same person share one bucket.
 *
 * <p>Not Spring Cloud Gateway's {@code RequestRateLimiter} (with its {@code Bucket4jRateLimiter}): its refusal is an
 * empty 429 without {@code Retry-After}, and it limits reads as well as writes.
 */
@Component
class WriteRateLimitFilter implements GlobalFilter, Ordered {

    private static final Set<HttpMethod> WRITES =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final RateLimitProperties properties;
    private final WriteBuckets buckets;

    WriteRateLimitFilter(RateLimitProperties properties, LettuceConnectionFactory redis) {
        this.properties = properties;
        // the sessions' Redis: the factory's own Lettuce client, so its address, password and TLS are configured once
        this.buckets = new WriteBuckets(redis::getNativeClient);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!properties.enabled() || !WRITES.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        boolean scim = exchange.getRequest().getPath().value().startsWith("/scim/");
        return exchange.getPrincipal()
                .flatMap(principal -> scim
                        ? buckets.take("scim:" + subject(principal), properties.provisioning())
                        : buckets.take("user:" + subject(principal), properties.writes()))
                // lazily: an identified caller must not also spend a token of its address's bucket
                .switchIfEmpty(Mono.defer(
                        () -> buckets.take("address:" + clientAddress(exchange), properties.anonymous())))
                .flatMap(decision -> decision.allowed() ? chain.filter(exchange) : refuse(exchange, scim, decision));
    }

    private static String subject(Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt && jwt.getToken().getSubject() != null) {
            return jwt.getToken().getSubject();
        }
        if (principal instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
            return user.getSubject();
        }
        return principal instanceof Authentication authentication ? authentication.getName() : principal.getName();
    }

    private static String clientAddress(ServerWebExchange exchange) {
        // the connection's peer, or the client a trusted proxy names (the gateway's trusted-proxies customizer);
        // never a client's own X-Forwarded-For
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, boolean scim, WriteBuckets.Decision decision) {
        long seconds = Math.max(1, ceilSeconds(decision.retryAfter()));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String detail = "Too many changes in a short time: try again in " + seconds
                + (seconds == 1 ? " second" : " seconds");
        // a SCIM client gets SCIM's error format, as for the gateway's other SCIM refusals
        return scim ? Problems.writeScim(exchange, HttpStatus.TOO_MANY_REQUESTS, detail)
                : Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, detail);
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toNanos() + 999_999_999L) / 1_000_000_000L;
    }

    @Override
    public int getOrder() {
        // inside the two error-translating filters, before the token relay (which may call Keycloak) and the route
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
