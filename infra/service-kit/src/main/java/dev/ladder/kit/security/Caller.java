package dev.ladder.kit.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Set;

/**
 * Who is calling, from the validated Keycloak token. {@code id} is the token subject ({@code sub}): the sign-in
 * account. A service that keeps its own ids for people (profile-service) resolves the account to one of them.
 *
 * @param emailVerified whether the token says the e-mail was verified ({@code email_verified}; absent = false)
 */
public record Caller(String id, String username, String name, String email, Set<String> roles,
                     boolean emailVerified) {

    /** Without {@code email_verified}: the e-mail counts as not verified. */
    public Caller(String id, String username, String name, String email, Set<String> roles) {
        this(id, username, name, email, roles, false);
    }

    public static final String EMPLOYEE = "employee";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";

    /** The caller of the current request; fails if the request is not authenticated with a JWT. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("No JWT-authenticated caller");
        }
        Jwt jwt = token.getToken();
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString("name"), jwt.getClaimAsString("email"), RealmRoles.of(jwt),
                Boolean.TRUE.equals(jwt.getClaimAsBoolean("email_verified")));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }

    public boolean isManager() {
        return hasRole(MANAGER);
    }

    /** A name to show: the full name, else the username, else the id. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return username != null && !username.isBlank() ? username : id;
    }
}
