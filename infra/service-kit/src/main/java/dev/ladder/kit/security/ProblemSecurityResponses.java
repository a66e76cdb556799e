package dev.ladder.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * 401, 403 (and 503 when Keycloak is unreachable) as RFC 9457 problem details, with the standard
 * {@code WWW-Authenticate} challenge on 401 — and the same answer whatever was wrong with a token.
 */
final class ProblemSecurityResponses {

    private final JsonMapper json;
    private static final Logger LOG = LoggerFactory.getLogger(ProblemSecurityResponses.class);

    ProblemSecurityResponses(JsonMapper json) {
        this.json = json;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> {
            // RFC 6750's challenge, but never why a token was refused (expired, bad signature, wrong issuer or
            // audience, unknown key…): that would tell a forger which part to fix next. The reason is logged here.
            boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            LOG.debug("refused {} {}: {}", request.getMethod(), request.getRequestURI(), exception.getMessage());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
            write(response, HttpStatus.UNAUTHORIZED, "A valid bearer token is required.", request.getRequestURI());
        };
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, exception) -> write(response, HttpStatus.FORBIDDEN,
                "Your roles do not allow this request.", request.getRequestURI());
    }

    void write(HttpServletResponse response, HttpStatus status, String detail, String path)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(path));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
