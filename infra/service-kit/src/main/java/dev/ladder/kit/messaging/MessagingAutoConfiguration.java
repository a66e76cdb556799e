package dev.ladder.kit.messaging;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka as every Ladder service uses it: CloudEvents in (from the sources allowed to publish them), JSON out, and one
 * error handler that retries transient failures briefly and sends everything else to {@code <topic>-dlt} so a poison
 * record never stalls a partition. What passes is counted ({@link dev.ladder.kit.metrics.LadderMeters}): events
 * applied, dead letters, consumer lag.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({LadderKafkaProperties.class, LadderEventsProperties.class})
public class MessagingAutoConfiguration {

    /** Static: a bean post-processor must exist before the configuration class is instantiated. */
    @Bean
    static KafkaCredentials ladderKafkaCredentials() {
        return new KafkaCredentials();
    }

    @Bean
    EventProducers eventProducers(LadderEventsProperties properties) {
        return new EventProducers(properties.externalProducers());
    }

    /**
     * The containers' own {@code spring.kafka.listener} timers off: record listeners are observed (a span and a timer
     * per record, {@code spring.kafka.listener.observation-enabled}), batch listeners are not, and the two kinds of
     * timer share a name with different tags, which Prometheus refuses. Ladder's meters count what is applied.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> ladderListenerTimersOff() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    @Bean
    ConsumerLag consumerLag(KafkaAdmin kafkaAdmin) {
        return new ConsumerLag(kafkaAdmin);
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer ladderConsumerDeserializers(JsonMapper json, EventProducers producers) {
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaConsumerFactory<Object, Object> typed = (DefaultKafkaConsumerFactory) factory;
            @SuppressWarnings({"unchecked", "rawtypes"})
            Deserializer<Object> keys = (Deserializer) new ErrorHandlingDeserializer<>(new StringDeserializer());
            typed.setKeyDeserializer(keys);
            typed.setValueDeserializer(new ErrorHandlingDeserializer<>(new CloudEventDeserializer(json, producers)));
            // A new consumer group reads a topic from its beginning: a service that starts after an event was
            // published (a catalog release, say) must still see it. An explicit setting wins.
            if (!typed.getConfigurationProperties().containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)) {
                typed.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            }
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer ladderProducerSerializers(JsonMapper json) {
        return factory -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            DefaultKafkaProducerFactory<Object, Object> typed = (DefaultKafkaProducerFactory) factory;
            @SuppressWarnings({"unchecked", "rawtypes"})
            Serializer<Object> keys = (Serializer) new StringSerializer();
            typed.setKeySerializer(keys);
            typed.setValueSerializer(new EventValueSerializer(json));
        };
    }

    @Bean
    DeadLetterPublishingRecoverer ladderDeadLetterRecoverer(KafkaOperations<Object, Object> kafka,
                                                            MeterRegistry registry) {
        return new CountingDeadLetterRecoverer(kafka, registry);
    }

    /** Boot gives it to every listener container factory its configurer sets up, record and batch. */
    @Bean
    AppliedEvents ladderAppliedEvents(MeterRegistry registry) {
        return new AppliedEvents(registry);
    }

    @Bean
    ConsumerLagMeters ladderConsumerLagMeters(KafkaListenerEndpointRegistry listeners, ConsumerLag lag,
                                              MeterRegistry registry) {
        return new ConsumerLagMeters(listeners, lag, registry);
    }

    @Bean
    DeadLetters ladderDeadLetters(DeadLetterPublishingRecoverer recoverer) {
        return new DeadLetters(recoverer);
    }

    @Bean
    CommonErrorHandler ladderErrorHandler(DeadLetterPublishingRecoverer recoverer, LadderKafkaProperties properties) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryBackoff().toMillis(), properties.retries()));
        // A record that breaks an event's rules will break them on every redelivery: dead-letter it at once.
        handler.addNotRetryableExceptions(IllegalArgumentException.class, InvalidEventException.class);
        return handler;
    }

    @Bean
    KafkaAdmin.NewTopics ladderTopics(LadderKafkaProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : properties.topics()) {
            TopicBuilder topic = TopicBuilder.name(name).partitions(properties.partitions());
            if (Topics.retainedForever(name)) {
                topic.config(TopicConfig.RETENTION_MS_CONFIG, "-1");
            }
            topics.add(topic.build());
            topics.add(TopicBuilder.name(Topics.deadLetter(name)).partitions(properties.partitions()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }
}
