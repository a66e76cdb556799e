package dev.ladder.progress.milestone;

import dev.ladder.contracts.Topics;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.kit.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        if (milestones.isEmpty()) {
            return List.of();
        }
        Set<String> firstTime = new HashSet<>(jdbc.sql("""
                        INSERT INTO emitted_milestone (milestone_id, employee_id)
                        SELECT * FROM unnest(?::text[], ?::text[])
                        ON CONFLICT (milestone_id) DO NOTHING
                        RETURNING milestone_id""")
                .params(milestones.stream().map(MilestoneReached::milestoneId).toArray(String[]::new),
                        milestones.stream().map(MilestoneReached::employeeId).toArray(String[]::new))
                .query(String.class)
                .list());
        List<MilestoneReached> announced = new ArrayList<>();
        for (MilestoneReached milestone : milestones) {
            if (firstTime.remove(milestone.milestoneId())) { // remove: a milestone planned twice is announced once
                announced.add(milestone);
            }
        }
        outbox.appendAll(announced.stream().map(milestone -> new Outbox.Message(milestone.milestoneId(),
                Topics.MILESTONES, milestone.employeeId(), milestone)).toList());
        return announced;
    }
}
