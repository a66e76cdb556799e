package dev.ladder.kit.localmode;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Boot's "APPLICATION FAILED TO START" report for {@link LocalSecretException}, without a stack trace to read. */
public final class LocalSecretFailureAnalyzer extends AbstractFailureAnalyzer<LocalSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LocalSecretException cause) {
        String description = "The Spring profile '" + LocalMode.PROFILE + "' is not active, and the "
                + LocalSecretException.describe(cause.secrets())
                + " still has the value published in the Ladder repository, which anyone can read.";
        String action = "Set " + cause.secrets().stream()
                .map(s -> s.variable() + " (" + s.property() + ")")
                .collect(Collectors.joining(" and ")) + " to a secret of your own, e.g. the output of"
                + " 'openssl rand -base64 32'. On a developer machine only, run with SPRING_PROFILES_ACTIVE="
                + LocalMode.PROFILE + " instead (infra/devstack/run does).";
        return new FailureAnalysis(description, action, cause);
    }
}
