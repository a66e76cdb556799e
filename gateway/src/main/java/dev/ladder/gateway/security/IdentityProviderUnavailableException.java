package dev.ladder.gateway.security;

/** The issuer's discovery document could not be fetched (Keycloak down or still starting). */
public class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String issuerUri, Throwable cause) {
        super("Identity provider " + issuerUri + " is not reachable: " + cause.getMessage(), cause);
    }
}
