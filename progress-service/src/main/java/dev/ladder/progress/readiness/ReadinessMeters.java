package dev.ladder.progress.readiness;

import dev.ladder.kit.metrics.LadderMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * How many employees are evaluated and how long it takes ({@link LadderMeters#READINESS_EVALUATED},
 * {@link LadderMeters#READINESS_EVALUATION}), by what asked for it: the tag shows whether a slow evaluation is a
 * catalog release re-evaluating a whole track or the achievements stream.
 */
@Component
class ReadinessMeters {

    enum Trigger {
        /** New ledger entries (achievements, placements). */
        ACHIEVEMENTS,
        /** An employee changed (track, team, start date) or a sweep asked. */
        EMPLOYEES,
        /** A catalog release: everyone on the track. */
        TRACK,
        /** Projection rebuilt from the ledger. */
        REBUILD;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    ReadinessMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs one evaluation, which answers how many employees it evaluated. */
    int measure(Trigger trigger, IntSupplier evaluation) {
        Timer.Sample started = Timer.start(registry);
        int evaluated = evaluation.getAsInt();
        started.stop(LadderMeters.READINESS_EVALUATION.timer(registry, LadderMeters.TRIGGER, trigger.tag()));
        LadderMeters.READINESS_EVALUATED.counter(registry, LadderMeters.TRIGGER, trigger.tag()).increment(evaluated);
        return evaluated;
    }
}
