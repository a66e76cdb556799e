package dev.ladder.kit.localmode;

import java.util.List;
import java.util.stream.Collectors;

import dev.ladder.kit.localmode.LocalMode.LocalSecret;

/** A service outside local mode is configured with a secret everyone can read ({@link LocalSecretsGuard}). */
public final class LocalSecretException extends IllegalStateException {

    private final List<LocalSecret> secrets;

    public LocalSecretException(List<LocalSecret> secrets) {
        super("Refusing to start outside local mode with the local-only " + describe(secrets) + ". Set "
                + secrets.stream().map(LocalSecret::variable).collect(Collectors.joining(" and "))
                + " to a secret of your own, or, on a developer machine, activate the Spring profile '"
                + LocalMode.PROFILE + "' (SPRING_PROFILES_ACTIVE=" + LocalMode.PROFILE + ").");
        this.secrets = List.copyOf(secrets);
    }

    public List<LocalSecret> secrets() {
        return secrets;
    }

    static String describe(List<LocalSecret> secrets) {
        return secrets.stream().map(s -> s.property() + " (" + s.variable() + ")")
                .collect(Collectors.joining(", ", secrets.size() == 1 ? "secret " : "secrets ", ""));
    }
}
