package dev.ladder.kit.localmode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.ladder.kit.localmode.LocalMode.LocalSecret;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service that, outside local mode, is configured with a secret from this repository (the
 * default of one of {@link LocalMode#SECRETS}, or nothing at all): everyone can read those, so a deployment with
 * them has no secret. A bean factory post-processor, so it runs after the configuration is complete (profiles, test
 * properties) but before any bean connects to a database or a broker.
 */
public final class LocalSecretsGuard implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private final List<LocalSecret> secrets;
    private Environment environment;

    public LocalSecretsGuard(List<LocalSecret> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment, secrets);
    }

    /** @throws LocalSecretException naming every offending property and the variable that replaces it */
    public static void check(Environment environment, List<LocalSecret> secrets) {
        if (LocalMode.isActive(environment)) {
            return;
        }
        Set<String> named = new HashSet<>();
        List<LocalSecret> offending = secrets.stream().filter(secret -> {
            // a service that does not read this secret at all has nothing to refuse
            String value = environment.getProperty(secret.property());
            return value != null && (value.isBlank() || value.trim().equals(secret.localValue()));
        }).filter(secret -> named.add(secret.property())).toList(); // a property with several local values: once
        if (!offending.isEmpty()) {
            throw new LocalSecretException(offending);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
