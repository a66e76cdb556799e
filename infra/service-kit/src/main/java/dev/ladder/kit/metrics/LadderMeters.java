package dev.ladder.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every meter of Ladder's own, in one place: the code that registers a meter does it through its definition here, so
 * its name, base unit and description cannot drift, and the alert rules and dashboard in {@code infra/ops} are checked
 * against {@link #ALL} ({@code infra/deploy-check}). Tags have bounded values only (topics, consumer groups, event
 * types, exception classes, channels, outcomes): never a person's or an object's id, which would make a series per
 * person.
 */
public final class LadderMeters {

    public enum Kind { COUNTER, GAUGE, TIMER }

    /** Tag keys. */
    public static final String TOPIC = "topic";
    public static final String GROUP = "group";
    public static final String TYPE = "type";
    public static final String REASON = "reason";
    public static final String CHANNEL = "channel";
    public static final String OUTCOME = "outcome";
    public static final String TRIGGER = "trigger";

    public static final Definition APPLIED = new Definition("ladder.applied", Kind.COUNTER, "events",
            "Events a Kafka listener finished with, its transaction committed: applied, or found already applied by "
                    + "the inbox (a redelivery). Dead-lettered and unreadable records are not counted",
            TOPIC, GROUP, TYPE);
    public static final Definition CONSUMER_LAG = new Definition("ladder.kafka.consumer.lag", Kind.GAUGE, "records",
            "Records published to a topic that a consumer group has not committed yet, over all partitions (read "
                    + "from the broker, at most a few seconds old; NaN while the broker cannot answer)",
            GROUP, TOPIC);
    public static final Definition DEAD_LETTERS = new Definition("ladder.kafka.dead.letters", Kind.COUNTER, "records",
            "Records sent to <topic>-dlt, by the topic they came from and the exception class that sent them there",
            TOPIC, REASON);
    public static final Definition OUTBOX_BACKLOG = new Definition("ladder.outbox.backlog", Kind.GAUGE, "rows",
            "Outbox rows not yet published to Kafka (at most a few seconds old)");
    public static final Definition OUTBOX_OLDEST_AGE = new Definition("ladder.outbox.oldest.age", Kind.GAUGE,
            "seconds", "Age of the oldest outbox row not yet published; 0 when none is waiting");
    public static final Definition NOTIFICATION_DELIVERIES = new Definition("ladder.notifications", Kind.COUNTER,
            "deliveries", "Notification deliveries by channel (in_app, email, webhook) and outcome (delivered; "
            + "retried: failed, tried again later; failed: cannot be sent, not retried; gave_up: retries exhausted)",
            CHANNEL, OUTCOME);
    public static final Definition READINESS_EVALUATED = new Definition("ladder.readiness.evaluated", Kind.COUNTER,
            "employees", "Employees whose level and readiness were evaluated, by what asked for it", TRIGGER);
    public static final Definition READINESS_EVALUATION = new Definition("ladder.readiness.evaluation", Kind.TIMER,
            "seconds", "Time one evaluation of a group of employees took, by what asked for it", TRIGGER);

    public static final List<Definition> ALL = List.of(APPLIED, CONSUMER_LAG, DEAD_LETTERS, OUTBOX_BACKLOG,
            OUTBOX_OLDEST_AGE, NOTIFICATION_DELIVERIES, READINESS_EVALUATED, READINESS_EVALUATION);

    /**
     * @param name        Micrometer's dot notation, prefixed {@code ladder.}
     * @param tagKeys     the only tags it is registered with
     */
    public record Definition(String name, Kind kind, String baseUnit, String description, String... tagKeys) {

        public Definition {
            Objects.requireNonNull(baseUnit, "every Ladder meter has a base unit");
            if (!name.startsWith("ladder.")) {
                throw new IllegalArgumentException("Ladder's meters are named ladder.*: " + name);
            }
        }

        /** @param tags key, value, key, value… with exactly {@link #tagKeys} */
        public Counter counter(MeterRegistry registry, String... tags) {
            expect(Kind.COUNTER, tags);
            return Counter.builder(name).baseUnit(baseUnit).description(description).tags(tags).register(registry);
        }

        public Gauge gauge(MeterRegistry registry, Supplier<? extends Number> value, String... tags) {
            expect(Kind.GAUGE, tags);
            return Gauge.builder(name, value::get).baseUnit(baseUnit).description(description).tags(tags)
                    .register(registry);
        }

        public Timer timer(MeterRegistry registry, String... tags) {
            expect(Kind.TIMER, tags);
            return Timer.builder(name).description(description).tags(tags).register(registry);
        }

        /**
         * The series it appears as on {@code /actuator/prometheus}: Micrometer's Prometheus naming (dots to
         * underscores, the base unit appended unless the name ends with it) plus the suffixes of its kind.
         * {@code LadderMetersTest} checks this against a real Prometheus registry.
         */
        public List<String> prometheusNames() {
            String base = name.replace('.', '_');
            String unit = "_" + baseUnit;
            String withUnit = base.endsWith(unit) ? base : base + unit;
            return switch (kind) {
                case COUNTER -> List.of(withUnit + "_total");
                case GAUGE -> List.of(withUnit);
                case TIMER -> List.of(withUnit + "_count", withUnit + "_sum", withUnit + "_max");
            };
        }

        private void expect(Kind wanted, String[] tags) {
            if (kind != wanted) {
                throw new IllegalStateException(name + " is a " + kind + ", not a " + wanted);
            }
            if (tags.length != 2 * tagKeys.length) {
                throw new IllegalArgumentException(name + " takes the tags " + List.of(tagKeys));
            }
            for (int i = 0; i < tagKeys.length; i++) {
                if (!tagKeys[i].equals(tags[2 * i])) {
                    throw new IllegalArgumentException(name + " takes the tags " + List.of(tagKeys) + " in order");
                }
            }
        }
    }

    private LadderMeters() {
    }
}
