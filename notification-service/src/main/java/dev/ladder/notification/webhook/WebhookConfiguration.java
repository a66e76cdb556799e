package dev.ladder.notification.webhook;

import dev.ladder.kit.tracing.Traces;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    WebhookUrlGuard webhookUrlGuard(WebhookProperties properties) {
        return new WebhookUrlGuard(properties.allowPrivateNetworks());
    }

    @Bean
    WebhookBodies webhookBodies(JsonMapper json,
                                @Value("${ladder.notification.portal-url:http://localhost:8080}") String portalUrl) {
        return new WebhookBodies(json, portalUrl);
    }

    @Bean
    WebhookPoster webhookPoster(WebhookProperties properties, WebhookUrlGuard guard, WebhookBodies bodies,
                                Traces traces) {
        return new WebhookPoster(guard, bodies, properties.connectTimeout(), properties.requestTimeout(), traces);
    }
}
