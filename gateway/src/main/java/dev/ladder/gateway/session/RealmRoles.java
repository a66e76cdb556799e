package dev.ladder.gateway.session;

import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;

/**
 * Reads Keycloak's {@code realm_access.roles} from an access token.
 *
 * <p>The signature is not checked: the gateway received this token itself from Keycloak's token endpoint
 * over the back channel, and uses the roles only to shape the portal. Every service validates the token
 * and decides access on its own.
 */
final class RealmRoles {

    private RealmRoles() {
    }

    static List<String> of(String accessToken) {
        try {
            Object realmAccess = JWTParser.parse(accessToken).getJWTClaimsSet().getClaim("realm_access");
            if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> roles) {
                return roles.stream().map(String::valueOf).sorted().toList();
            }
            return List.of();
        }
        catch (ParseException notAJwt) {
            return List.of();
        }
    }
}
