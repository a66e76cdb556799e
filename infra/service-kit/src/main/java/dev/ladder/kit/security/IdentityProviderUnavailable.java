package dev.ladder.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The JWT decoder learns Keycloak's keys on the first request (issuer discovery). If Keycloak cannot be reached or
 * answers too slowly then, the request is not the client's fault and not a server bug: 503 with Retry-After, as a
 * problem detail, instead of the container's 500. The next request tries the discovery again.
 */
final class IdentityProviderUnavailable extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private final ProblemSecurityResponses problems;

    IdentityProviderUnavailable(ProblemSecurityResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        }
        catch (JwtDecoderInitializationException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The identity provider could not be reached to check your token; try again shortly.",
                    request.getRequestURI());
        }
    }
}
