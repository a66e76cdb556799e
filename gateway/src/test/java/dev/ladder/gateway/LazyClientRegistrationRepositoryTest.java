package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.ladder.gateway.security.IdentityProviderUnavailableException;
import dev.ladder.gateway.security.LazyClientRegistrationRepository;
import dev.ladder.gateway.security.LoginProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/** The devstack starts the gateway and Keycloak in parallel: discovery must wait for the first login. */
class LazyClientRegistrationRepositoryTest {

    private HttpServer issuer;
    private final AtomicBoolean up = new AtomicBoolean(false);
    private final AtomicInteger discoveryCalls = new AtomicInteger();

    @BeforeEach
    void startIssuer() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/realms/ladder/.well-known/openid-configuration", exchange -> {
            try (exchange) {
                discoveryCalls.incrementAndGet();
                if (!up.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] body = discoveryDocument(issuerUri()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        issuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    private String issuerUri() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/ladder";
    }

    @Test
    void resolvesOnFirstUseRetriesFailuresAndThenKeepsTheResult() {
        LazyClientRegistrationRepository repository = new LazyClientRegistrationRepository(new LoginProperties(
                "keycloak", issuerUri(), "ladder-gateway", "secret", List.of("openid", "profile", "email"), "{baseUrl}/"));
        assertThat(discoveryCalls).as("nothing fetched before the first login").hasValue(0);

        assertThatThrownBy(() -> repository.findByRegistrationId("keycloak").block())
                .isInstanceOf(IdentityProviderUnavailableException.class);

        up.set(true);
        ClientRegistration registration = repository.findByRegistrationId("keycloak").block();
        assertThat(registration).isNotNull();
        assertThat(registration.getClientId()).isEqualTo("ladder-gateway");
        assertThat(registration.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
        assertThat(registration.getProviderDetails().getAuthorizationUri())
                .isEqualTo(issuerUri() + "/protocol/openid-connect/auth");
        assertThat(registration.getProviderDetails().getConfigurationMetadata())
                .containsEntry("end_session_endpoint", issuerUri() + "/protocol/openid-connect/logout");

        int callsSoFar = discoveryCalls.get();
        assertThat(repository.findByRegistrationId("keycloak").block()).isSameAs(registration);
        assertThat(discoveryCalls).hasValue(callsSoFar);
        assertThat(repository.findByRegistrationId("other").blockOptional()).isEmpty();
    }

    private static String discoveryDocument(String issuer) {
        String oidc = issuer + "/protocol/openid-connect";
        return """
                {"issuer":"%1$s","authorization_endpoint":"%2$s/auth","token_endpoint":"%2$s/token",
                 "userinfo_endpoint":"%2$s/userinfo","jwks_uri":"%2$s/certs","end_session_endpoint":"%2$s/logout",
                 "response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],
                 "grant_types_supported":["authorization_code","refresh_token"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic"],
                 "scopes_supported":["openid","profile","email"]}
                """.formatted(issuer, oidc);
    }
}
