package dev.ladder.progress.milestone;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.kit.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * Announces milestones through the outbox, each at most once ever: the emitted id is remembered in the same
 * transaction, so replays, duplicates and a readiness that dips and recovers never repeat an announcement.
 */
@Component
public class Milestones {

    private final JdbcClient jdbc;
    private final Outbox outbox;

    public Milestones(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** @return the milestones actually announced (the ones never announced before) */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<MilestoneReached> announce(List<MilestoneReached> milestones) {
        List<MilestoneReached> announced = new ArrayList<>();
        for (MilestoneReached milestone : milestones) {
            if (firstTime(milestone)) {
                outbox.append(milestone.milestoneId(), Topics.MILESTONES, milestone.employeeId(), milestone);
                announced.add(milestone);
            }
        }
        return announced;
    }

    private boolean firstTime(MilestoneReached milestone) {
        return jdbc.sql("""
                        INSERT INTO emitted_milestone (milestone_id, employee_id) VALUES (:id, :employee)
                        ON CONFLICT (milestone_id) DO NOTHING""")
                .param("id", milestone.milestoneId())
                .param("employee", milestone.employeeId())
                .update() == 1;
    }
}
