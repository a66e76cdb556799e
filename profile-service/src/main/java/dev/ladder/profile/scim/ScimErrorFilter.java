package dev.ladder.profile.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.messages.ErrorResponse;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs in front of Spring Security for {@code /scim/*}: an error answered in another format — the kit's 401/403
 * problem details from the resource server, 404 for an unknown path, 405, … — is rewritten as a SCIM error with
 * the same status (and the same {@code WWW-Authenticate}), so a SCIM client only ever reads SCIM.
 */
class ScimErrorFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapped);
        int status = wrapped.getStatus();
        String type = wrapped.getContentType();
        if (status >= 400 && (type == null || !type.startsWith(ScimJson.SCIM.toString()))) {
            String detail = detail(wrapped.getContentAsByteArray(), status);
            wrapped.resetBuffer();
            ErrorResponse error = new ErrorResponse(status);
            error.setDetail(status == 403 ? "Only the provisioning client may use SCIM" : detail);
            wrapped.setContentType(ScimJson.SCIM.toString());
            wrapped.setCharacterEncoding(StandardCharsets.UTF_8.name());
            wrapped.getOutputStream().write(ScimJson.write(error).getBytes(StandardCharsets.UTF_8));
        }
        wrapped.copyBodyToResponse();
    }

    private static String detail(byte[] body, int status) {
        String fallback = HttpStatus.resolve(status) != null ? HttpStatus.valueOf(status).getReasonPhrase()
                : "Error " + status;
        if (body.length == 0) {
            return fallback;
        }
        try {
            JsonNode json = JsonUtils.getObjectReader().readTree(body);
            String detail = json.path("detail").asText("");
            return detail.isBlank() ? fallback : detail;
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }
}
