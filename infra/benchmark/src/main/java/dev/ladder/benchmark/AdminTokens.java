package dev.ladder.benchmark;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.keycloak.TokenClient;

/** Ada's access token, fetched again when less than a minute of it is left (the realm gives 15 minutes). */
final class AdminTokens {

    private final TokenClient client;
    private String token;
    private long expiresAtSeconds;

    AdminTokens(Platform platform) {
        this.client = new TokenClient(platform.issuerUri());
    }

    String bearer() {
        long now = System.currentTimeMillis() / 1000;
        if (token == null || expiresAtSeconds - now < 60) {
            token = client.accessToken(DemoUsers.ADA);
            Object exp = TokenClient.claims(token).get("exp");
            expiresAtSeconds = exp instanceof Number n ? n.longValue() : now + 120;
        }
        return token;
    }
}
