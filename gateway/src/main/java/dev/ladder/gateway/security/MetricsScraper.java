package dev.ladder.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import reactor.core.publisher.Mono;

/**
 * Who may read {@code /actuator/prometheus}: a token (issuer, audience and signature validated as on the API) whose
 * realm roles include {@link #ROLE}, the Keycloak client {@code ladder-metrics}'s service account — as on every
 * service (the kit's {@code SecurityAutoConfiguration.METRICS_ROLE}; the gateway does not use the servlet kit).
 */
final class MetricsScraper {

    static final String ROLE = "metrics";

    private MetricsScraper() {
    }

    /** Keycloak's {@code realm_access.roles} as {@code ROLE_<role>} authorities. */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> realmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(MetricsScraper::authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    private static Collection<GrantedAuthority> authorities(Jwt jwt) {
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> access
                && access.get("roles") instanceof Collection<?> roles) {
            return roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        }
        return List.of();
    }
}
