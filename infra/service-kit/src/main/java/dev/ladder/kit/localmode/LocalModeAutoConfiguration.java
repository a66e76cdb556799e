package dev.ladder.kit.localmode;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every service refuses the repository's local secrets unless it runs in {@link LocalMode local mode}. */
@AutoConfiguration
public class LocalModeAutoConfiguration {

    /** Static: a bean factory post-processor must exist before the configuration class is instantiated. */
    @Bean
    static LocalSecretsGuard ladderLocalSecretsGuard() {
        return new LocalSecretsGuard(LocalMode.SECRETS);
    }
}
