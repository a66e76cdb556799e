package dev.ladder.kit.messaging;

import dev.ladder.kit.metrics.Cached;
import dev.ladder.kit.metrics.LadderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@link LadderMeters#CONSUMER_LAG} gauge per consumer group and topic of the service's listeners, registered once
 * the containers exist. Each reads the broker through {@link ConsumerLag} at most once per {@link #FRESH_FOR}; a
 * broker that cannot answer shows as NaN (no data), not as a lag of 0.
 */
class ConsumerLagMeters implements ApplicationListener<ContextRefreshedEvent> {

    static final Duration FRESH_FOR = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMeters.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final ConsumerLag lag;
    private final MeterRegistry registry;
    private final Set<String> registered = new HashSet<>();

    ConsumerLagMeters(KafkaListenerEndpointRegistry listeners, ConsumerLag lag, MeterRegistry registry) {
        this.listeners = listeners;
        this.lag = lag;
        this.registry = registry;
    }

    @Override
    public synchronized void onApplicationEvent(ContextRefreshedEvent event) {
        for (MessageListenerContainer container : listeners.getAllListenerContainers()) {
            String group = container.getGroupId();
            String[] topics = container.getContainerProperties().getTopics();
            if (group == null || topics == null) {
                continue; // a pattern or assigned partitions: nothing Ladder uses
            }
            for (String topic : topics) {
                if (registered.add(group + "\n" + topic)) {
                    Cached<Double> value = new Cached<>(() -> read(group, topic), FRESH_FOR);
                    LadderMeters.CONSUMER_LAG.gauge(registry, value, LadderMeters.GROUP, group,
                            LadderMeters.TOPIC, topic);
                }
            }
        }
    }

    private double read(String group, String topic) {
        try {
            return lag.lag(group, topic);
        } catch (IllegalStateException e) {
            log.debug("Lag of {} on {} unknown: {}", group, topic, e.getMessage());
            return Double.NaN;
        }
    }
}
