package dev.ladder.notification.email;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfig {

    @Bean
    UnsubscribeTokens unsubscribeTokens(MailSettings settings) {
        return new UnsubscribeTokens(settings.unsubscribeSecret());
    }
}
