package dev.ladder.progress.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Achievements and employee changes are taken in batches: a poll is one transaction, so a busy topic or a backlog
 * (a new instance, a bulk HR import) costs a handful of statements per poll instead of per record. Everything else
 * Boot configures (the kit's DefaultErrorHandler with the dead-letter recoverer, ack mode, concurrency) is applied by
 * Boot's configurer, and the kit's container customizer as Boot applies it to its own factory; only the listener type
 * differs.
 */
@Configuration(proxyBeanMethods = false)
public class BatchKafkaConfig {

    public static final String BATCH_FACTORY = "batchFactory";

    @Bean(BATCH_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            ObjectProvider<ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>>
                    customizer) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        customizer.ifUnique(factory::setContainerCustomizer);
        factory.setBatchListener(true);
        return factory;
    }
}
