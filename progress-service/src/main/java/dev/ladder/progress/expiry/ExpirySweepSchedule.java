package dev.ladder.progress.expiry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the sweep daily (cron {@code ladder.progress.expiry-sweep.cron}, UTC; "today" comes from the Clock bean).
 * {@code ladder.progress.expiry-sweep.enabled=false} turns the schedule off; POST /api/progress/admin/expiry-sweep
 * runs it on demand.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "ladder.progress.expiry-sweep.enabled", matchIfMissing = true)
class ExpirySweepSchedule {

    private final ExpirySweep sweep;

    ExpirySweepSchedule(ExpirySweep sweep) {
        this.sweep = sweep;
    }

    @Scheduled(cron = "${ladder.progress.expiry-sweep.cron:0 15 2 * * *}", zone = "UTC")
    void daily() {
        sweep.run();
    }
}
