package dev.ladder.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityProviderUnavailableTest {

    private final IdentityProviderUnavailable filter =
            new IdentityProviderUnavailable(new ProblemSecurityResponses(JsonMapper.builder().build()));

    @Test
    void anUnreachableIssuerIsA503ProblemWithRetryAfterNotA500() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/progress/me"), response, (req, res) -> {
            throw new JwtDecoderInitializationException("Failed to lazily resolve the supplied JwtDecoder instance",
                    new IllegalArgumentException("Unable to resolve the Configuration with the provided Issuer"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":503").contains("identity provider");
    }

    @Test
    void otherFailuresAndNormalAnswersPassThrough() throws Exception {
        MockHttpServletResponse ok = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/x"), ok, (req, res) -> res.getWriter().write("fine"));
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getContentAsString()).isEqualTo("fine");

        assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/x"),
                new MockHttpServletResponse(), (req, res) -> {
                    throw new IllegalStateException("a bug");
                })).isInstanceOf(IllegalStateException.class);
    }
}
