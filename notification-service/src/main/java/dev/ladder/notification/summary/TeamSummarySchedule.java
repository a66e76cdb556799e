package dev.ladder.notification.summary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks for weekly team summaries that fell due every {@code ladder.notification.summary.check-every} (5 minutes):
 * a summary goes out within that much of the manager's digest hour.
 */
@Component
class TeamSummarySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TeamSummarySchedule.class);

    private final TeamSummaries summaries;
    private final Duration every;
    private final boolean enabled;
    private volatile ScheduledExecutorService timer;

    TeamSummarySchedule(TeamSummaries summaries,
                        @Value("${ladder.notification.summary.check-every:5m}") Duration every,
                        @Value("${ladder.notification.summary.enabled:true}") boolean enabled) {
        this.summaries = summaries;
        this.every = every;
        this.enabled = enabled;
    }

    private void check() {
        try {
            int sent = summaries.sendDue(Clock.systemUTC().instant());
            if (sent > 0) {
                log.info("Sent {} weekly team summar{}", sent, sent == 1 ? "y" : "ies");
            }
        } catch (RuntimeException e) {
            log.warn("Weekly team summaries failed, trying again in {}: {}", every, e.toString());
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "team-summaries");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
