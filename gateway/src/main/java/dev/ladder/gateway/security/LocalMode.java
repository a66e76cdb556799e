package dev.ladder.gateway.security;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Local mode, as the services have it from the service kit ({@code dev.ladder.kit.localmode}): the Spring profile
 * {@value #PROFILE}, switched on by the devstack and the tests only. Outside it the gateway refuses to start with the
 * client secret published in the local realm export, and refuses bearer tokens of the local realm's password-grant
 * client at the door (the services would refuse them too).
 */
@Configuration(proxyBeanMethods = false)
public class LocalMode {

    public static final String PROFILE = "local";
    public static final String LOCAL_ONLY_CLIENT = "ladder-cli";
    public static final String CLIENT_SECRET_PROPERTY = "ladder.gateway.login.client-secret";
    public static final String CLIENT_SECRET_VARIABLE = "LADDER_KEYCLOAK_CLIENT_SECRET";
    /** The gateway client's secret in {@code ladder-realm.json} and the default in application.yml. */
    public static final String LOCAL_CLIENT_SECRET = "ladder-gateway-secret";

    public static boolean isActive(Environment environment) {
        return environment.matchesProfiles(PROFILE);
    }

    /**
     * Runs once the configuration is complete and before any bean exists. Static: a bean factory post-processor
     * must not wait for its configuration class.
     */
    @Bean
    static BeanFactoryPostProcessor ladderLocalSecretGuard(Environment environment) {
        return beanFactory -> checkClientSecret(environment);
    }

    /** @throws LocalSecretException outside local mode when the client secret is the published one, or blank */
    public static void checkClientSecret(Environment environment) {
        String secret = environment.getProperty(CLIENT_SECRET_PROPERTY);
        boolean published = secret == null || secret.isBlank() || secret.trim().equals(LOCAL_CLIENT_SECRET);
        if (published && !isActive(environment)) {
            throw new LocalSecretException();
        }
    }

    /** Boot adds this to the validators of the bearer chains' JWT decoder, so a refusal is the usual 401. */
    @Bean
    OAuth2TokenValidator<Jwt> ladderLocalOnlyClientValidator(Environment environment) {
        boolean localMode = isActive(environment);
        OAuth2Error localOnly = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token was issued to " + LOCAL_ONLY_CLIENT + ", which is accepted in local mode only", null);
        return token -> !localMode && LOCAL_ONLY_CLIENT.equals(token.getClaimAsString("azp"))
                ? OAuth2TokenValidatorResult.failure(localOnly) : OAuth2TokenValidatorResult.success();
    }

    /** The gateway is configured with the client secret everyone can read, outside local mode. */
    public static final class LocalSecretException extends IllegalStateException {

        public LocalSecretException() {
            super("Refusing to start outside local mode with the local-only client secret " + CLIENT_SECRET_PROPERTY
                    + " (" + CLIENT_SECRET_VARIABLE + "). Set " + CLIENT_SECRET_VARIABLE + " to the secret of the "
                    + "gateway's client in your Keycloak, or, on a developer machine, activate the Spring profile '"
                    + PROFILE + "' (SPRING_PROFILES_ACTIVE=" + PROFILE + ").");
        }
    }
}
