package dev.ladder.gateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Boot's "APPLICATION FAILED TO START" report for {@link LocalMode.LocalSecretException}. */
public final class LocalSecretFailureAnalyzer extends AbstractFailureAnalyzer<LocalMode.LocalSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LocalMode.LocalSecretException cause) {
        return new FailureAnalysis("The Spring profile '" + LocalMode.PROFILE + "' is not active, and the gateway's "
                + "client secret " + LocalMode.CLIENT_SECRET_PROPERTY + " is unset or the value published in the "
                + "Ladder repository, which anyone can read.",
                "Set " + LocalMode.CLIENT_SECRET_VARIABLE + " to the secret of the ladder-gateway client in your "
                        + "Keycloak (the production realm takes it from the same variable). On a developer machine "
                        + "only, run with SPRING_PROFILES_ACTIVE=" + LocalMode.PROFILE + " instead.",
                cause);
    }
}
