package dev.ladder.gateway.security;

import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The XSRF-TOKEN cookie (readable by the portal's script, SameSite=Lax), marked Secure when the request is https
 * as the gateway sees it — also behind a TLS-terminating proxy that says so ({@code X-Forwarded-Proto},
 * {@code Forwarded}; trusted only from {@code LADDER_TRUSTED_PROXIES}), and not on plain http, where a browser
 * would drop or never send a Secure cookie.
 *
 * <p>Needed because {@link CookieServerCsrfTokenRepository} decides Secure from the connection's TLS session
 * ({@code getSslInfo()}), which a proxy's plain-http hop never has, whereas the session cookie
 * ({@code CookieWebSessionIdResolver}) and the OIDC redirect URI follow the request's scheme.
 */
final class CsrfCookieRepository implements ServerCsrfTokenRepository {

    private final ServerCsrfTokenRepository plain = cookies(false);
    private final ServerCsrfTokenRepository secure = cookies(true);

    private static ServerCsrfTokenRepository cookies(boolean secure) {
        CookieServerCsrfTokenRepository cookies = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        // the customizer runs after the repository's own getSslInfo()-based choice, so it has the last word
        cookies.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(secure));
        return cookies;
    }

    private ServerCsrfTokenRepository of(ServerWebExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme()) ? secure : plain;
    }

    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        return of(exchange).generateToken(exchange);
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
        return of(exchange).saveToken(exchange, token);
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        return of(exchange).loadToken(exchange);
    }
}
