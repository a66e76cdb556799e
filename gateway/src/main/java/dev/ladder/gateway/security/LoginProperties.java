package dev.ladder.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OIDC client the gateway uses to log browsers in.
 *
 * <p>Deliberately not Boot's {@code spring.security.oauth2.client.*}: Boot resolves an issuer's discovery
 * document while the context starts, so the gateway could not start before Keycloak (the devstack starts
 * everything in parallel). {@link LazyClientRegistrationRepository} resolves it on first use instead.
 */
@ConfigurationProperties("ladder.gateway.login")
public record LoginProperties(
        @DefaultValue("keycloak") String registrationId,
        @DefaultValue("http://localhost:8180/realms/ladder") String issuerUri,
        @DefaultValue("ladder-gateway") String clientId,
        String clientSecret,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @DefaultValue("{baseUrl}/") String postLogoutRedirectUri) {

    /** Where a browser without a session is sent to start the code flow. */
    public String authorizationPath() {
        return "/oauth2/authorization/" + registrationId;
    }
}
