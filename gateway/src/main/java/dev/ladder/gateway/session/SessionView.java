package dev.ladder.gateway.session;

import java.util.List;

/** Who is logged in, for the portal. {@code id} is the Keycloak subject, Ladder's employee id. */
public record SessionView(String id, String username, String name, String email, List<String> roles) {
}
