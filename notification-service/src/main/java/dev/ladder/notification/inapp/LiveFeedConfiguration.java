package dev.ladder.notification.inapp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveFeedProperties.class)
class LiveFeedConfiguration {
}
