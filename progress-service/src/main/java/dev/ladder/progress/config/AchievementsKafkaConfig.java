package dev.ladder.progress.config;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * ladder.achievements.v1 is the busy, public topic: its listener takes records in batches (fewer polls and commits
 * under load). Everything else Boot configures (the kit's DefaultErrorHandler with the dead-letter recoverer,
 * ack mode, concurrency) is applied by Boot's configurer; only the listener type differs.
 */
@Configuration(proxyBeanMethods = false)
public class AchievementsKafkaConfig {

    public static final String BATCH_FACTORY = "achievementsBatchFactory";

    @Bean(BATCH_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> achievementsBatchFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        return factory;
    }
}
