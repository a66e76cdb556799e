package dev.ladder.kit.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Keycloak puts realm roles in {@code realm_access.roles}; Spring wants {@code ROLE_<role>} authorities. */
public final class RealmRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

    public static Set<String> of(Jwt jwt) {
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (!(realmAccess instanceof Map<?, ?> access) || !(access.get("roles") instanceof List<?> roles)) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        roles.forEach(role -> result.add(String.valueOf(role)));
        return Set.copyOf(result);
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        return of(jwt).stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
}
