package dev.ladder.kit.localmode;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Outside local mode, refuses access tokens issued to {@link LocalMode#LOCAL_ONLY_CLIENT} ({@code azp}): a token
 * obtained with nothing but a password (the password grant) must not reach a real deployment, even if the local
 * realm export was imported into its Keycloak by mistake. The refusal is an ordinary validation failure, so the
 * caller gets the same 401 as for any other bad token.
 */
public final class LocalOnlyClientValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error LOCAL_ONLY = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token was issued to " + LocalMode.LOCAL_ONLY_CLIENT + ", which is accepted in local mode only", null);

    private final boolean localMode;

    public LocalOnlyClientValidator(boolean localMode) {
        this.localMode = localMode;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        boolean refused = !localMode && LocalMode.LOCAL_ONLY_CLIENT.equals(token.getClaimAsString("azp"));
        return refused ? OAuth2TokenValidatorResult.failure(LOCAL_ONLY) : OAuth2TokenValidatorResult.success();
    }
}
