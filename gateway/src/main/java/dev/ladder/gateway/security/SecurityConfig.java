package dev.ladder.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Four filter chains, tried in order:
 * <ol>
 * <li>actuator: health and info are public; Prometheus's scrape takes a bearer token with the {@code metrics} realm
 * role ({@link MetricsScraper}); nothing else;</li>
 * <li>bearer API calls ({@code /api/**} with {@code Authorization: Bearer}): a stateless resource server.
 * The token is validated here too (issuer, audience {@code ladder-api}, signature) so garbage is stopped at
 * the door, and then passed on untouched; no session, no CSRF (a bearer header is not sent by a browser
 * on its own, so there is nothing to forge);</li>
 * <li>SCIM provisioning ({@code /scim/**}): the same, with or without the header, errors in SCIM's format;</li>
 * <li>browsers: OIDC code flow against Keycloak, the tokens kept server side in the WebSession, CSRF
 * protection with a cookie the portal's JavaScript reads.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

    private static final ServerWebExchangeMatcher BEARER_HEADER = exchange -> {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        return bearer ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
    };

    private static final ServerAccessDeniedHandler FORBIDDEN =
            (exchange, denied) -> Problems.write(exchange, HttpStatus.FORBIDDEN, "Access denied");

    /**
     * CSRF rides on an existing session; without one there is nothing to forge, and the caller should learn
     * that it is not logged in (401) rather than that a token is missing (403).
     */
    private static Mono<ServerWebExchangeMatcher.MatchResult> hasSession(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(session -> session.isStarted()
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch());
    }

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(LoginProperties login) {
        return new LazyClientRegistrationRepository(login);
    }

    /** Tokens live in the user's server-side session and die with it (logout, expiry). */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    @Order(0)
    SecurityWebFilterChain actuatorChain(ServerHttpSecurity http) {
        ServerAuthenticationEntryPoint unauthorized =
                (exchange, e) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Authentication required");
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator", "/actuator/**"))
                .authorizeExchange(a -> a
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/actuator/prometheus").hasRole(MetricsScraper.ROLE)
                        .anyExchange().denyAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(MetricsScraper.realmRoles()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(FORBIDDEN))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(FORBIDDEN))
                .build();
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain bearerApiChain(ServerHttpSecurity http) {
        ServerAuthenticationEntryPoint invalidToken = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "The bearer token is missing, expired or not valid");
        };
        return http
                .securityMatcher(new AndServerWebExchangeMatcher(
                        ServerWebExchangeMatchers.pathMatchers("/api/**"), BEARER_HEADER))
                .authorizeExchange(a -> a.anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(invalidToken)
                        .accessDeniedHandler(FORBIDDEN))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(invalidToken).accessDeniedHandler(FORBIDDEN))
                .build();
    }

    /**
     * One-click unsubscribe from e-mail (RFC 8058, routed to notification-service): mail providers POST it without
     * any cookie or token, and a person opens it from their mail client maybe signed out. The signed token in the
     * link is the authority, checked by notification-service; no session, so no CSRF to protect.
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain unsubscribeChain(ServerHttpSecurity http) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/notifications/unsubscribe"))
                .authorizeExchange(a -> a.anyExchange().permitAll())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .build();
    }

    /**
     * SCIM 2.0 provisioning ({@code /scim/v2/**}, routed to profile-service): HR systems call it with a
     * client-credentials bearer token, never with a browser session, so this chain is a stateless resource server
     * like {@link #bearerApiChain} but matches with or without the header (no token → 401, never a login redirect)
     * and answers in SCIM's error format. profile-service checks the {@code provisioner} role itself.
     */
    @Bean
    @Order(1)
    SecurityWebFilterChain scimChain(ServerHttpSecurity http) {
        ServerAuthenticationEntryPoint invalidToken = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return Problems.writeScim(exchange, HttpStatus.UNAUTHORIZED,
                    "A valid bearer token (client credentials of the provisioning client) is required");
        };
        ServerAccessDeniedHandler forbidden =
                (exchange, denied) -> Problems.writeScim(exchange, HttpStatus.FORBIDDEN, "Access denied");
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/scim/**"))
                .authorizeExchange(a -> a.anyExchange().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(invalidToken)
                        .accessDeniedHandler(forbidden))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .exceptionHandling(e -> e.authenticationEntryPoint(invalidToken).accessDeniedHandler(forbidden))
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain browserChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
            LoginProperties login) {
        // XHR-style callers get a status they can act on; only page navigations are sent to Keycloak.
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(ServerWebExchangeMatchers.pathMatchers("/api/**", "/session"),
                        (exchange, e) -> Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                                "Not logged in: log in through the portal or send a bearer token")));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(login.authorizationPath()));

        DefaultServerOAuth2AuthorizationRequestResolver authorizationRequests =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        OidcClientInitiatedServerLogoutSuccessHandler rpInitiatedLogout =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        rpInitiatedLogout.setPostLogoutRedirectUri(login.postLogoutRedirectUri());

        return http
                .authorizeExchange(a -> a
                        // the portal's page holds no data (everything comes from /session and /api/**, both 401
                        // without a session), and it must run signed out: only a script can keep a deep link's
                        // #… across Keycloak's login form, which drops it (assets/deep-link.js)
                        .pathMatchers("/", "/index.html").permitAll()
                        .pathMatchers("/assets/**", "/favicon.ico", "/favicon.svg", "/login-error.html").permitAll()
                        // third-party libraries of the portal (WebJars: Chart.js), as public as the portal's code
                        .pathMatchers("/webjars/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(o -> o
                        .authorizationRequestResolver(authorizationRequests)
                        .authenticationFailureHandler(new RedirectServerAuthenticationFailureHandler("/login-error.html")))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(FORBIDDEN))
                // The portal reads XSRF-TOKEN and echoes it raw in X-XSRF-TOKEN, so the plain (not XOR-masked)
                // handler; the token is never rendered into HTML, which is what masking protects.
                .csrf(c -> c
                        .requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(
                                CsrfWebFilter.DEFAULT_CSRF_MATCHER, SecurityConfig::hasSession))
                        .csrfTokenRepository(new CsrfCookieRepository())
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler((exchange, denied) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "Missing or wrong CSRF token: send the XSRF-TOKEN cookie value in X-XSRF-TOKEN")))
                .logout(l -> l
                        .logoutHandler(handlers -> handlers.add(new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(rpInitiatedLogout))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }
}
